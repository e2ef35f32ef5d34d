using System.Collections.Frozen;
using System.Globalization;

namespace HotelAgent;

/// <summary>
/// The agent's reply texts in Spanish, English and Portuguese, with composite-format placeholders.
/// </summary>
internal static class ReplyTexts
{
    private static readonly FrozenDictionary<string, CultureInfo> Cultures = new Dictionary<string, CultureInfo>
    {
        ["es"] = CultureInfo.GetCultureInfo("es-ES"),
        ["en"] = CultureInfo.GetCultureInfo("en-GB"),
        ["pt"] = CultureInfo.GetCultureInfo("pt-PT"),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, string[]> Texts = new Dictionary<string, string[]>
    {
        // key: [es, en, pt]
        [ReplyKeys.Greeting] =
        [
            "¡Hola! Soy el asistente de {0}. Puedo consultar disponibilidad y precios, hacer su reserva o resolver dudas sobre el hotel. ¿En qué le ayudo?",
            "Hello! I'm the assistant of {0}. I can check availability and prices, make your booking or answer questions about the hotel. How can I help?",
            "Olá! Sou o assistente do {0}. Posso consultar disponibilidade e preços, fazer a sua reserva ou esclarecer dúvidas sobre o hotel. Como posso ajudar?",
        ],
        [ReplyKeys.AskDates] =
        [
            "¿Para qué fechas? Indíqueme el día de llegada y el de salida (por ejemplo, «del 10 al 12 de diciembre»).",
            "For which dates? Tell me your arrival and departure days (for example, \"from December 10 to 12\").",
            "Para que datas? Indique o dia de chegada e o de saída (por exemplo, «de 10 a 12 de dezembro»).",
        ],
        [ReplyKeys.AskCheckOut] =
        [
            "Llegada el {0}. ¿Hasta qué día se quedaría, o cuántas noches?",
            "Arriving on {0}. Until which day would you stay, or how many nights?",
            "Chegada a {0}. Até que dia ficaria, ou quantas noites?",
        ],
        [ReplyKeys.AskPeople] =
        [
            "¿Para cuántas personas? (adultos y, si vienen, niños)",
            "For how many people? (adults and, if any, children)",
            "Para quantas pessoas? (adultos e, se vierem, crianças)",
        ],
        [ReplyKeys.ChooseRoom] =
        [
            "{0} para {1} tenemos: {2}. ¿Cuál prefiere?",
            "{0} for {1} we have: {2}. Which one would you like?",
            "{0} para {1} temos: {2}. Qual prefere?",
        ],
        [ReplyKeys.Quote] =
        [
            "{0} {1} ({2}, {3}): {4} en total ({5} por noche).",
            "{0} {1} ({2}, {3}): {4} in total ({5} per night).",
            "{0} {1} ({2}, {3}): {4} no total ({5} por noite).",
        ],
        [ReplyKeys.AskName] =
        [
            "Para hacer la reserva necesito su nombre completo y su correo electrónico. ¿A nombre de quién la hago?",
            "To make the booking I need your full name and your email. Whose name should it be under?",
            "Para fazer a reserva preciso do seu nome completo e do seu e-mail. Em nome de quem a faço?",
        ],
        [ReplyKeys.AskEmail] =
        [
            "Gracias, {0}. ¿Cuál es su correo electrónico?",
            "Thank you, {0}. What is your email address?",
            "Obrigado, {0}. Qual é o seu e-mail?",
        ],
        [ReplyKeys.InvalidEmail] =
        [
            "Ese correo no parece válido. ¿Puede escribirlo de nuevo? (por ejemplo, nombre@ejemplo.com)",
            "That email doesn't look valid. Could you write it again? (for example, name@example.com)",
            "Esse e-mail não parece válido. Pode escrevê-lo de novo? (por exemplo, nome@exemplo.com)",
        ],
        [ReplyKeys.AskChildAge] =
        [
            "Para reservar con niños, el hotel necesita saber su edad. ¿Qué edad tiene el niño?",
            "To book with children, the hotel needs to know their age. How old is the child?",
            "Para reservar com crianças, o hotel precisa de saber a idade. Que idade tem a criança?",
        ],
        [ReplyKeys.AskChildAges] =
        [
            "Para reservar con niños, el hotel necesita saber sus edades. ¿Qué edad tiene cada uno de los {0} niños? (por ejemplo, «6 y 9»)",
            "To book with children, the hotel needs to know their ages. How old is each of the {0} children? (for example, \"6 and 9\")",
            "Para reservar com crianças, o hotel precisa de saber as idades. Que idade tem cada uma das {0} crianças? (por exemplo, «6 e 9»)",
        ],
        [ReplyKeys.ChildAgesMismatch] =
        [
            "Necesito una edad por niño, y son {0}. ¿Puede decirme la edad de cada uno? (por ejemplo, «6 y 9»)",
            "I need one age per child, and there are {0}. Could you tell me each one's age? (for example, \"6 and 9\")",
            "Preciso de uma idade por criança, e são {0}. Pode dizer-me a idade de cada uma? (por exemplo, «6 e 9»)",
        ],
        [ReplyKeys.ChildCountsAsAdult] =
        [
            "En este hotel, desde los {0} años se cuenta como adulto.",
            "At this hotel, guests aged {0} or over count as adults.",
            "Neste hotel, a partir dos {0} anos conta como adulto.",
        ],
        [ReplyKeys.AskPhone] =
        [
            "Para completar la reserva, el hotel necesita un teléfono de contacto. ¿Cuál es su número?",
            "To complete the booking, the hotel needs a contact phone number. What is your number?",
            "Para concluir a reserva, o hotel precisa de um telefone de contacto. Qual é o seu número?",
        ],
        [ReplyKeys.InvalidPhone] =
        [
            "Ese número no parece válido. ¿Puede escribirlo de nuevo, con el prefijo del país si lo tiene? (por ejemplo, +34 600 123 456)",
            "That number doesn't look valid. Could you write it again, with the country code if it has one? (for example, +44 20 7946 0000)",
            "Esse número não parece válido. Pode escrevê-lo de novo, com o indicativo do país se o tiver? (por exemplo, +351 912 345 678)",
        ],
        [ReplyKeys.Summary] =
        [
            "Resumen: {0} {1} ({2}, {3}), a nombre de {4} ({5}). Total: {6}. ¿Confirmo la reserva? Responda «sí» o «no».",
            "Summary: {0} {1} ({2}, {3}), under the name {4} ({5}). Total: {6}. Shall I confirm the booking? Please answer \"yes\" or \"no\".",
            "Resumo: {0} {1} ({2}, {3}), em nome de {4} ({5}). Total: {6}. Confirmo a reserva? Responda «sim» ou «não».",
        ],
        [ReplyKeys.ConfirmPrompt] =
        [
            "¿Confirmo la reserva? Responda «sí» o «no».",
            "Shall I confirm the booking? Please answer \"yes\" or \"no\".",
            "Confirmo a reserva? Responda «sim» ou «não».",
        ],
        [ReplyKeys.Booked] =
        [
            "¡Reserva confirmada! Su código es {0}. Guárdelo para cualquier consulta o cambio. ¡Le esperamos el {1}!",
            "Your booking is confirmed! Your code is {0}. Keep it for any question or change. We look forward to seeing you on {1}!",
            "Reserva confirmada! O seu código é {0}. Guarde-o para qualquer dúvida ou alteração. Esperamos por si a {1}!",
        ],
        [ReplyKeys.BookingDeclined] =
        [
            "De acuerdo, no he hecho ninguna reserva. ¿Quiere cambiar algo o le ayudo con otra cosa?",
            "All right, I haven't booked anything. Would you like to change something, or can I help with anything else?",
            "Muito bem, não fiz nenhuma reserva. Quer alterar alguma coisa ou posso ajudar noutra coisa?",
        ],
        [ReplyKeys.NoRoomOfType] =
        [
            "Lo siento, no queda ninguna {0} {1}.",
            "Sorry, there is no {0} left {1}.",
            "Lamento, não há nenhum {0} disponível {1}.",
        ],
        [ReplyKeys.CapacityExceeded] =
        [
            "La {0} admite como máximo {1} personas.",
            "The {0} takes at most {1} people.",
            "O {0} admite no máximo {1} pessoas.",
        ],
        [ReplyKeys.CapacityExceededAdults] =
        [
            "La {0} admite como máximo {1} adultos ({2} personas contando niños).",
            "The {0} takes at most {1} adults ({2} people including children).",
            "O {0} admite no máximo {1} adultos ({2} pessoas contando crianças).",
        ],
        [ReplyKeys.NothingAvailable] =
        [
            "Lo siento, no nos quedan habitaciones libres {0} para {1}. ¿Quiere probar con otras fechas?",
            "Sorry, we have no rooms left {0} for {1}. Would you like to try other dates?",
            "Lamento, não temos quartos disponíveis {0} para {1}. Quer tentar outras datas?",
        ],
        [ReplyKeys.PastDates] =
        [
            "Esas fechas ya han pasado. ¿Para qué fechas quiere la reserva?",
            "Those dates have already passed. Which dates would you like?",
            "Essas datas já passaram. Para que datas quer a reserva?",
        ],
        [ReplyKeys.InvalidStay] =
        [
            "La salida debe ser después de la llegada, y la estancia de {0} noches como máximo. ¿Me indica las fechas de nuevo?",
            "Departure must be after arrival, and a stay can last at most {0} nights. Could you give me the dates again?",
            "A saída deve ser depois da chegada, e a estadia de no máximo {0} noites. Pode indicar as datas de novo?",
        ],
        [ReplyKeys.PmsUnavailable] =
        [
            "Estamos comprobándolo con nuestro sistema de reservas, que tarda más de lo normal. No he perdido sus datos: vuelva a escribirme en unos minutos o, si lo prefiere, le atiende recepción.",
            "We're checking with our booking system, which is slower than usual. I haven't lost your details: write to me again in a few minutes or, if you prefer, reception will help you.",
            "Estamos a verificar com o nosso sistema de reservas, que está mais lento do que o normal. Não perdi os seus dados: volte a escrever-me dentro de alguns minutos ou, se preferir, a receção ajuda.",
        ],
        [ReplyKeys.PmsUnavailableFollowUp] =
        [
            "Nuestro sistema de reservas no me ha confirmado todavía si se ha hecho, así que lo estamos comprobando. No se pierde nada: he avisado a recepción para que lo revise y le escriba, y también puede volver a decir «sí» en unos minutos (no se reservará dos veces).",
            "Our booking system hasn't confirmed yet whether it went through, so we're checking it. Nothing is lost: I've asked reception to look into it and write to you, and you can also say \"yes\" again in a few minutes (it won't be booked twice).",
            "O nosso sistema de reservas ainda não me confirmou se ficou feito, por isso estamos a verificar. Nada se perde: pedi à receção que confirme e lhe escreva, e também pode voltar a dizer «sim» dentro de alguns minutos (não será reservado duas vezes).",
        ],
        [ReplyKeys.BookingFailed] =
        [
            "No he podido completar la reserva. Recepción puede ayudarle: {0}.",
            "I couldn't complete the booking. Reception can help you: {0}.",
            "Não consegui concluir a reserva. A receção pode ajudar: {0}.",
        ],
        [ReplyKeys.Fallback] =
        [
            "Perdone, no le he entendido. Puedo ayudarle con reservas, disponibilidad, precios y dudas sobre el hotel.",
            "Sorry, I didn't understand. I can help with bookings, availability, prices and questions about the hotel.",
            "Desculpe, não percebi. Posso ajudar com reservas, disponibilidade, preços e dúvidas sobre o hotel.",
        ],
        [ReplyKeys.Thanks] =
        [
            "¡A usted! ¿Necesita algo más?",
            "You're welcome! Anything else I can do for you?",
            "De nada! Precisa de mais alguma coisa?",
        ],
        [ReplyKeys.Goodbye] =
        [
            "¡Hasta pronto! Que tenga un buen día.",
            "Goodbye! Have a nice day.",
            "Até breve! Tenha um bom dia.",
        ],
        [ReplyKeys.AnythingElse] =
        [
            "¿Le ayudo con algo más?",
            "Can I help you with anything else?",
            "Posso ajudar em mais alguma coisa?",
        ],
        [ReplyKeys.CheckInInfo] =
        [
            "El check-in es a partir de las {0}.",
            "Check-in is from {0}.",
            "O check-in é a partir das {0}.",
        ],
        [ReplyKeys.CheckOutInfo] =
        [
            "El check-out es hasta las {0}.",
            "Check-out is until {0}.",
            "O check-out é até às {0}.",
        ],
        [ReplyKeys.Location] =
        [
            "Estamos en {0}.",
            "We are at {0}.",
            "Estamos em {0}.",
        ],
        [ReplyKeys.Amenities] =
        [
            "En el hotel tenemos: {0}",
            "At the hotel we have: {0}",
            "No hotel temos: {0}",
        ],
        [ReplyKeys.Policy] =
        [
            "{0}",
            "{0}",
            "{0}",
        ],
        [ReplyKeys.Rates] =
        [
            "Precio por noche: {0}.",
            "Price per night: {0}.",
            "Preço por noite: {0}.",
        ],
        [ReplyKeys.DatePrices] =
        [
            "{0} ({1}), por habitación: {2}.",
            "{0} ({1}), per room: {2}.",
            "{0} ({1}), por quarto: {2}.",
        ],
        [ReplyKeys.RoomOptions] =
        [
            "Nuestras habitaciones: {0}. Dígame fechas y número de personas y le doy el precio.",
            "Our rooms: {0}. Tell me your dates and how many people and I'll give you the price.",
            "Os nossos quartos: {0}. Diga-me as datas e o número de pessoas e dou-lhe o preço.",
        ],
        [ReplyKeys.ContactDetails] =
        [
            "Puede contactar con el hotel en: {0}.",
            "You can reach the hotel at: {0}.",
            "Pode contactar o hotel em: {0}.",
        ],
        [ReplyKeys.ContactReception] =
        [
            "Para eso le atiende recepción: {0}.",
            "Reception will help you with that: {0}.",
            "Para isso, a receção ajuda: {0}.",
        ],
        [ReplyKeys.ReservationStatus] =
        [
            "La reserva {0} está {3}: {1}, llegada el {4} y salida el {5} ({6}, {7}). Total: {8}.",
            "Booking {0} is {3}: {1}, arriving on {4} and leaving on {5} ({6}, {7}). Total: {8}.",
            "A reserva {0} está {3}: {1}, chegada a {4} e saída a {5} ({6}, {7}). Total: {8}.",
        ],
        [ReplyKeys.ReservationNotFound] =
        [
            "No encuentro ninguna reserva con el código {0}. ¿Puede comprobarlo?",
            "I can't find a booking with code {0}. Could you check it?",
            "Não encontro nenhuma reserva com o código {0}. Pode verificar?",
        ],
        [ReplyKeys.AskBookingCode] =
        [
            "¿Cuál es el código de su reserva? (por ejemplo, {0})",
            "What is your booking code? (for example, {0})",
            "Qual é o código da sua reserva? (por exemplo, {0})",
        ],
        [ReplyKeys.AgentBack] =
        [
            "Le vuelve a atender el asistente virtual. ¿En qué más puedo ayudarle?",
            "You're back with the virtual assistant. How else can I help?",
            "Volta a ser atendido pelo assistente virtual. Em que mais posso ajudar?",
        ],
        [ReplyKeys.HandoffOpened] =
        [
            "Le paso con una persona de recepción; le responderá por aquí en breve.",
            "I'm passing you to a person at reception; they will answer you here shortly.",
            "Vou passá-lo a uma pessoa da receção; responder-lhe-á por aqui em breve.",
        ],
        [ReplyKeys.HandoffTimedOut] =
        [
            "Recepción aún no ha podido responder, así que sigo atendiéndole yo; su petición sigue registrada.",
            "Reception hasn't been able to answer yet, so I'll keep helping you; your request is still logged.",
            "A receção ainda não conseguiu responder, por isso continuo a atendê-lo; o seu pedido continua registado.",
        ],
        [ReplyKeys.ComplaintApology] =
        [
            "Lamento mucho lo ocurrido y gracias por decírnoslo.",
            "I'm very sorry about this, and thank you for telling us.",
            "Lamento muito o sucedido e obrigado por nos dizer.",
        ],
        [ReplyKeys.AfterHours] =
        [
            "Ahora mismo recepción está cerrada (atiende de {0} a {1}). He registrado su petición y una persona le responderá {3} a partir de las {0}. Si es urgente, llame al {2}.",
            "Reception is closed right now (open from {0} to {1}). I've logged your request and a person will answer you {3} from {0}. If it is urgent, call {2}.",
            "Neste momento a receção está fechada (atende das {0} às {1}). Registei o seu pedido e uma pessoa responder-lhe-á {3} a partir das {0}. Se for urgente, ligue para {2}.",
        ],
        [ReplyKeys.LateCheckoutRequested] =
        [
            "He pasado su petición de salida tardía a recepción; se la confirmarán según disponibilidad. El check-out habitual es hasta las {0}.",
            "I've passed your late check-out request to reception; they will confirm it depending on availability. Check-out is normally until {0}.",
            "Passei o seu pedido de saída tardia à receção; confirmarão conforme a disponibilidade. O check-out habitual é até às {0}.",
        ],
        [ReplyKeys.OfferHandoff] =
        [
            "Perdone, sigo sin entenderle. ¿Quiere que le atienda una persona de recepción?",
            "Sorry, I still don't understand. Would you like a person from reception to help you?",
            "Desculpe, continuo sem perceber. Quer ser atendido por uma pessoa da receção?",
        ],
        [ReplyKeys.HandoffDeclined] =
        [
            "De acuerdo. Puede preguntarme por reservas, precios, servicios, horarios o cómo llegar.",
            "All right. You can ask me about bookings, prices, services, times or how to get here.",
            "Muito bem. Pode perguntar-me sobre reservas, preços, serviços, horários ou como chegar.",
        ],
        [ReplyKeys.AmenityMissing] =
        [
            "Lo siento, ese servicio no lo tenemos en el hotel.",
            "Sorry, the hotel doesn't offer that.",
            "Lamento, o hotel não dispõe desse serviço.",
        ],
        [ReplyKeys.ReceptionHours] =
        [
            "Recepción atiende de {0} a {1}.",
            "Reception is open from {0} to {1}.",
            "A receção está aberta das {0} às {1}.",
        ],
        [ReplyKeys.ReceptionAlwaysOpen] =
        [
            "Recepción está abierta las 24 horas.",
            "Reception is open 24 hours.",
            "A receção está aberta 24 horas.",
        ],
        [ReplyKeys.ReceptionHoursUnknown] =
        [
            "No tengo el horario de recepción; puede consultarlo en: {0}.",
            "I don't have reception's opening hours; you can ask at: {0}.",
            "Não tenho o horário da receção; pode perguntar em: {0}.",
        ],
        [ReplyKeys.AskVerificationEmail] =
        [
            "Para proteger su reserva {0}, ¿me indica el correo electrónico con el que la hizo?",
            "To protect booking {0}, could you tell me the email it was made with?",
            "Para proteger a reserva {0}, pode indicar o e-mail com que a fez?",
        ],
        [ReplyKeys.VerificationFailed] =
        [
            "El código {0} y ese correo no coinciden con ninguna reserva. ¿Puede comprobar los dos?",
            "Code {0} and that email don't match any booking. Could you check both?",
            "O código {0} e esse e-mail não coincidem com nenhuma reserva. Pode verificar os dois?",
        ],
        [ReplyKeys.VerificationLocked] =
        [
            "Por seguridad, tras varios intentos fallidos no puedo consultar el código {0} ahora. Inténtelo más tarde o contacte con recepción: {1}.",
            "For security, after several failed attempts I can't check code {0} right now. Please try again later or contact reception: {1}.",
            "Por segurança, após várias tentativas falhadas não posso consultar o código {0} agora. Tente mais tarde ou contacte a receção: {1}.",
        ],
        [ReplyKeys.AskModification] =
        [
            "¿Qué quiere cambiar de la reserva {0}: las fechas, el tipo de habitación o el número de personas?",
            "What would you like to change in booking {0}: the dates, the room type or the number of people?",
            "O que quer alterar na reserva {0}: as datas, o tipo de quarto ou o número de pessoas?",
        ],
        [ReplyKeys.ModificationSummary] =
        [
            "Cambio de la reserva {0}: {1} {2} ({3}, {4}). Nuevo total: {5} (antes {6}). ¿Confirmo el cambio? Responda «sí» o «no».",
            "Change to booking {0}: {1} {2} ({3}, {4}). New total: {5} (was {6}). Shall I confirm the change? Please answer \"yes\" or \"no\".",
            "Alteração da reserva {0}: {1} {2} ({3}, {4}). Novo total: {5} (antes {6}). Confirmo a alteração? Responda «sim» ou «não».",
        ],
        [ReplyKeys.ConfirmModificationPrompt] =
        [
            "¿Confirmo el cambio de la reserva? Responda «sí» o «no».",
            "Shall I confirm the change to the booking? Please answer \"yes\" or \"no\".",
            "Confirmo a alteração da reserva? Responda «sim» ou «não».",
        ],
        [ReplyKeys.Modified] =
        [
            "Hecho: la reserva {0} queda modificada ({1}). Nuevo total: {2}.",
            "Done: booking {0} is changed ({1}). New total: {2}.",
            "Feito: a reserva {0} foi alterada ({1}). Novo total: {2}.",
        ],
        [ReplyKeys.ModificationDeclined] =
        [
            "De acuerdo, la reserva {0} sigue como estaba.",
            "All right, booking {0} stays as it was.",
            "Muito bem, a reserva {0} fica como estava.",
        ],
        [ReplyKeys.ModificationUnavailable] =
        [
            "Lo siento, no hay disponibilidad para ese cambio; la reserva {0} sigue como estaba. ¿Quiere probar con otras fechas?",
            "Sorry, that change isn't available; booking {0} stays as it was. Would you like to try other dates?",
            "Lamento, essa alteração não tem disponibilidade; a reserva {0} fica como estava. Quer tentar outras datas?",
        ],
        [ReplyKeys.CancellationQuote] =
        [
            "Reserva {0}: {1} {2}. {3} ¿Confirma que quiere cancelarla? Responda «sí» o «no».",
            "Booking {0}: {1} {2}. {3} Do you confirm you want to cancel it? Please answer \"yes\" or \"no\".",
            "Reserva {0}: {1} {2}. {3} Confirma que a quer cancelar? Responda «sim» ou «não».",
        ],
        [ReplyKeys.CancellationQuoteWithoutPolicy] =
        [
            "Reserva {0}: {1} {2}. ¿Confirma que quiere cancelarla? Responda «sí» o «no».",
            "Booking {0}: {1} {2}. Do you confirm you want to cancel it? Please answer \"yes\" or \"no\".",
            "Reserva {0}: {1} {2}. Confirma que a quer cancelar? Responda «sim» ou «não».",
        ],
        [ReplyKeys.ConfirmCancellationPrompt] =
        [
            "¿Confirma la cancelación? Responda «sí» o «no».",
            "Do you confirm the cancellation? Please answer \"yes\" or \"no\".",
            "Confirma o cancelamento? Responda «sim» ou «não».",
        ],
        [ReplyKeys.Cancelled] =
        [
            "La reserva {0} ha quedado cancelada. Esperamos verle en otra ocasión.",
            "Booking {0} is cancelled. We hope to see you another time.",
            "A reserva {0} foi cancelada. Esperamos vê-lo noutra ocasião.",
        ],
        [ReplyKeys.CancellationDeclined] =
        [
            "De acuerdo, no he cancelado nada: la reserva {0} sigue confirmada.",
            "All right, I haven't cancelled anything: booking {0} is still confirmed.",
            "Muito bem, não cancelei nada: a reserva {0} continua confirmada.",
        ],
        [ReplyKeys.AlreadyCancelled] =
        [
            "La reserva {0} ya estaba cancelada.",
            "Booking {0} was already cancelled.",
            "A reserva {0} já estava cancelada.",
        ],
        [ReplyKeys.Yes] = ["Sí", "Yes", "Sim"],
        [ReplyKeys.No] = ["No", "No", "Não"],
        [ReplyKeys.StatusConfirmed] = ["confirmada", "confirmed", "confirmada"],
        [ReplyKeys.StatusCancelled] = ["cancelada", "cancelled", "cancelada"],
        [ReplyKeys.StatusCheckedIn] = ["en curso", "checked in", "em curso"],
        [ReplyKeys.StatusCheckedOut] = ["finalizada", "completed", "concluída"],
        [ReplyKeys.Night] = ["{0} noche", "{0} night", "{0} noite"],
        [ReplyKeys.Nights] = ["{0} noches", "{0} nights", "{0} noites"],
        [ReplyKeys.Person] = ["{0} persona", "{0} person", "{0} pessoa"],
        [ReplyKeys.People] = ["{0} personas", "{0} people", "{0} pessoas"],
        [ReplyKeys.AdultsAndChildren] = ["{0} adultos y {1} niños", "{0} adults and {1} children", "{0} adultos e {1} crianças"],
        [ReplyKeys.AdultsAndChild] = ["{0} adultos y 1 niño", "{0} adults and 1 child", "{0} adultos e 1 criança"],
        [ReplyKeys.AdultAndChildren] = ["1 adulto y {1} niños", "1 adult and {1} children", "1 adulto e {1} crianças"],
        [ReplyKeys.AdultAndChild] = ["1 adulto y 1 niño", "1 adult and 1 child", "1 adulto e 1 criança"],
        [ReplyKeys.ChildrenAged] = ["{0} de {1} años", "{0} aged {1}", "{0} de {1} anos"],
        [ReplyKeys.ChildAgedOne] = ["{0} de 1 año", "{0} aged 1", "{0} de 1 ano"],
        [ReplyKeys.ContactWithPhone] = ["{0}, tel. {1}", "{0}, tel. {1}", "{0}, tel. {1}"],
        [ReplyKeys.DateRange] = ["del {0} al {1}", "from {0} to {1}", "de {0} a {1}"],
        [ReplyKeys.RoomOffer] = ["{0}: {1} por noche, {2} en total", "{0}: {1} per night, {2} in total", "{0}: {1} por noite, {2} no total"],
        [ReplyKeys.And] = [" y ", " and ", " e "],
        [ReplyKeys.VoiceNoteTooLong] =
        [
            "Lo siento, su nota de voz es demasiado larga para mí. ¿Podría enviar una más corta o escribirme?",
            "Sorry, your voice note is too long for me. Could you send a shorter one or write to me?",
            "Desculpe, a sua nota de voz é demasiado longa para mim. Pode enviar uma mais curta ou escrever-me?",
        ],
        [ReplyKeys.VoiceNoteTooLarge] =
        [
            "Lo siento, su nota de voz es demasiado grande para mí. ¿Podría escribirme?",
            "Sorry, your voice note is too large for me. Could you write to me instead?",
            "Desculpe, a sua nota de voz é demasiado grande para mim. Pode escrever-me?",
        ],
        [ReplyKeys.VoiceNoteNotHeard] =
        [
            "Lo siento, no he podido escuchar su nota de voz. ¿Podría escribírmelo?",
            "Sorry, I could not hear your voice note. Could you write it?",
            "Desculpe, não consegui ouvir a sua nota de voz. Pode escrever-mo?",
        ],
        [ReplyKeys.VoiceNoteUnsupported] =
        [
            "Lo siento, no puedo reproducir ese formato de audio. ¿Podría escribirme o enviar una nota de voz?",
            "Sorry, I can't play that audio format. Could you write to me or send a voice note?",
            "Desculpe, não consigo reproduzir esse formato de áudio. Pode escrever-me ou enviar uma nota de voz?",
        ],
        [ReplyKeys.VoiceNoteUnavailable] =
        [
            "Lo siento, no he podido descargar su nota de voz; lo vuelvo a intentar en un momento. Si es urgente, ¿podría escribírmelo?",
            "Sorry, I could not download your voice note; I'll try again shortly. If it's urgent, could you write it?",
            "Desculpe, não consegui descarregar a sua nota de voz; volto a tentar daqui a pouco. Se for urgente, pode escrever-mo?",
        ],
    }.ToFrozenDictionary();

    /// <summary>Returns the culture used to format dates and numbers in <paramref name="language"/>.</summary>
    public static CultureInfo Culture(string language) => Cultures.GetValueOrDefault(language) ?? Cultures["en"];

    /// <summary>Returns the built-in text of <paramref name="key"/> in <paramref name="language"/>, formatted with <paramref name="args"/>.</summary>
    public static string Format(string language, string key, params object?[] args) => Apply(language, Template(language, key), args);

    /// <summary>Returns the built-in template of <paramref name="key"/> in <paramref name="language"/>.</summary>
    public static string Template(string language, string key) => Texts[key][language switch { "es" => 0, "pt" => 2, _ => 1 }];

    /// <summary>Formats <paramref name="template"/> with the culture of <paramref name="language"/>.</summary>
    public static string Apply(string language, string template, object?[] args) =>
        args.Length == 0 ? template : string.Format(Culture(language), template, args);

    /// <summary>Returns whether <paramref name="key"/> is a reply key.</summary>
    public static bool IsKey(string key) => Texts.ContainsKey(key);

    /// <summary>Returns whether every key has a text in every language (checked by tests).</summary>
    public static IEnumerable<string> Keys => Texts.Keys;

    public static int LanguageCount(string key) => Texts[key].Length;
}

/// <summary>
/// The keys of <see cref="ReplyTexts"/>.
/// </summary>
internal static class ReplyKeys
{
    public const string Greeting = "greeting";
    public const string AskDates = "ask_dates";
    public const string AskCheckOut = "ask_check_out";
    public const string AskPeople = "ask_people";
    public const string ChooseRoom = "choose_room";
    public const string Quote = "quote";
    public const string AskName = "ask_name";
    public const string AskEmail = "ask_email";
    public const string InvalidEmail = "invalid_email";
    public const string AskChildAge = "ask_child_age";
    public const string AskChildAges = "ask_child_ages";
    public const string ChildAgesMismatch = "child_ages_mismatch";
    public const string ChildCountsAsAdult = "child_counts_as_adult";
    public const string AskPhone = "ask_phone";
    public const string InvalidPhone = "invalid_phone";
    public const string Summary = "summary";
    public const string ConfirmPrompt = "confirm_prompt";
    public const string Booked = "booked";
    public const string BookingDeclined = "booking_declined";
    public const string NoRoomOfType = "no_room_of_type";
    public const string CapacityExceeded = "capacity_exceeded";
    public const string CapacityExceededAdults = "capacity_exceeded_adults";
    public const string NothingAvailable = "nothing_available";
    public const string PastDates = "past_dates";
    public const string InvalidStay = "invalid_stay";
    public const string PmsUnavailable = "pms_unavailable";
    public const string BookingFailed = "booking_failed";
    public const string PmsUnavailableFollowUp = "pms_unavailable_follow_up";
    public const string Fallback = "fallback";
    public const string Thanks = "thanks";
    public const string Goodbye = "goodbye";
    public const string AnythingElse = "anything_else";
    public const string CheckInInfo = "check_in_info";
    public const string CheckOutInfo = "check_out_info";
    public const string Location = "location";
    public const string Amenities = "amenities";
    public const string Policy = "policy";
    public const string RoomOptions = "room_options";
    public const string ContactReception = "contact_reception";
    public const string ReservationStatus = "reservation_status";
    public const string ReservationNotFound = "reservation_not_found";
    public const string AskBookingCode = "ask_booking_code";
    public const string AgentBack = "agent_back";
    public const string HandoffOpened = "handoff_opened";
    public const string HandoffTimedOut = "handoff_timed_out";
    public const string ComplaintApology = "complaint_apology";
    public const string AfterHours = "after_hours";
    public const string LateCheckoutRequested = "late_checkout_requested";
    public const string OfferHandoff = "offer_handoff";
    public const string HandoffDeclined = "handoff_declined";
    public const string AmenityMissing = "amenity_missing";
    public const string ReceptionHours = "reception_hours";
    public const string ReceptionAlwaysOpen = "reception_always_open";
    public const string ReceptionHoursUnknown = "reception_hours_unknown";
    public const string AskVerificationEmail = "ask_verification_email";
    public const string VerificationFailed = "verification_failed";
    public const string VerificationLocked = "verification_locked";
    public const string AskModification = "ask_modification";
    public const string ModificationSummary = "modification_summary";
    public const string ConfirmModificationPrompt = "confirm_modification_prompt";
    public const string Modified = "modified";
    public const string ModificationDeclined = "modification_declined";
    public const string ModificationUnavailable = "modification_unavailable";
    public const string CancellationQuote = "cancellation_quote";
    public const string CancellationQuoteWithoutPolicy = "cancellation_quote_without_policy";
    public const string ConfirmCancellationPrompt = "confirm_cancellation_prompt";
    public const string Cancelled = "cancelled";
    public const string CancellationDeclined = "cancellation_declined";
    public const string AlreadyCancelled = "already_cancelled";
    public const string Yes = "yes";
    public const string No = "no";
    public const string StatusConfirmed = "status_confirmed";
    public const string StatusCancelled = "status_cancelled";
    public const string StatusCheckedIn = "status_checked_in";
    public const string StatusCheckedOut = "status_checked_out";
    public const string Night = "night";
    public const string Nights = "nights";
    public const string Person = "person";
    public const string People = "people";
    public const string AdultsAndChildren = "adults_and_children";
    public const string AdultsAndChild = "adults_and_child";
    public const string Rates = "rates";
    public const string DatePrices = "date_prices";
    public const string ContactDetails = "contact_details";
    public const string AdultAndChildren = "adult_and_children";
    public const string AdultAndChild = "adult_and_child";
    public const string ChildrenAged = "children_aged";
    public const string ChildAgedOne = "child_aged_one";
    public const string ContactWithPhone = "contact_with_phone";
    public const string DateRange = "date_range";
    public const string RoomOffer = "room_offer";
    public const string And = "and";
    public const string VoiceNoteTooLong = HotelAgent.Abstractions.GuestReplyKeys.VoiceNoteTooLong;
    public const string VoiceNoteTooLarge = HotelAgent.Abstractions.GuestReplyKeys.VoiceNoteTooLarge;
    public const string VoiceNoteNotHeard = HotelAgent.Abstractions.GuestReplyKeys.VoiceNoteNotHeard;
    public const string VoiceNoteUnsupported = HotelAgent.Abstractions.GuestReplyKeys.VoiceNoteUnsupported;
    public const string VoiceNoteUnavailable = HotelAgent.Abstractions.GuestReplyKeys.VoiceNoteUnavailable;
}
