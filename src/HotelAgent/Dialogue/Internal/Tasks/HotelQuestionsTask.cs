using HotelAgent.Abstractions;
using static HotelAgent.DialogueFormat;
using static HotelAgent.DialogueText;

namespace HotelAgent;

/// <summary>
/// Questions about the hotel, answered from its own data: check-in and check-out times, reception hours, location and
/// contact, amenities (one asked for, or all), policies, room types, and a follow-up of the last answer ("¿y para el
/// carro?"). Other tasks ask it to answer in passing (<see cref="DialogueTurn.AnswerAsync(string, CancellationToken)"/>).
/// </summary>
internal sealed class HotelQuestionsTask : IDialogueTask
{
    private static readonly (string Code, string[] Words)[] AmenityWords =
    [
        ("wifi", ["wifi", "wi-fi", "wi fi", "internet", "wlan"]),
        ("breakfast", ["desayuno", "desayunos", "desayunar", "breakfast", "pequeno-almoco", "pequeno almoco", "cafe da manha", "cafe-da-manha"]),
        ("parking", ["parking", "aparcamiento", "aparcar", "garaje", "estacionamento", "estacionamiento", "estacionar", "garagem", "car park", "park", "cochera", "coche", "carro", "car", "auto"]),
        ("pool", ["piscina", "pool", "swimming", "alberca", "pileta"]),
        ("gym", ["gimnasio", "gym", "ginasio", "fitness", "academia"]),
        ("spa", ["spa", "sauna", "masaje", "masajes", "massage", "massagem"]),
        ("pets", ["mascota", "mascotas", "perro", "perros", "gato", "pet", "pets", "dog", "dogs", "cat", "animal", "animales", "animais", "cao", "caes", "perrita", "perrito", "cachorro", "cachorra", "gatito", "doggy", "puppy", "kg", "kilos",
            "terrier", "jack russell", "chihuahua", "yorkie", "pug", "dachshund", "sausage dog", "schnauzer", "poodle", "caniche", "teckel", "westie", "beagle", "spaniel",
            "cockapoo", "cavapoo", "bichon", "pomeranian", "frenchie", "french bulldog", "shih tzu", "pooch", "pup", "kitten", "cats", "gatos", "gata", "gatinho", "gatinha", "cachorrinho", "cachorrinha"]),
        ("restaurant", ["restaurante", "restaurant", "cena", "dinner", "jantar"]),
        ("airport_shuttle", ["aeropuerto", "airport", "aeroporto", "shuttle", "traslado", "transfer", "translado"]),
    ];

    private static readonly string[] ReceptionWords = ["recepcion", "reception", "rececao", "recepcao", "front desk", "horario", "tarde", "late", "night", "noche", "noite", "madrugada", "midnight", "medianoche", "meia-noite", "meia noite", "1am", "2am", "am", "open", "abierta", "aberta", "manana", "madrugada"];

    private static readonly string[] ContactWords = ["phone", "telephone", "call", "telefono", "llamar", "telefone", "ligar", "contact", "contacto", "contato", "whatsapp"];

    private static readonly string[] DepositWords = ["deposito", "deposit", "fianza", "senal", "sinal", "prepago", "prepayment", "adiantado"];

    public ValueTask<bool> TryHandleAsync(DialogueTurn turn, DialogueStep step, CancellationToken cancellationToken) => ValueTask.FromResult(false);

    public async ValueTask<bool> TryAnswerAsync(DialogueTurn turn, string intent, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var hotel = context.Hotel;
        var language = context.Language;
        switch (intent)
        {
            case Intents.CheckInInfo:
                turn.Topic = intent;
                turn.Say(ReplyKeys.CheckInInfo, Time(hotel.CheckInTime));
                SayReceptionHoursIfAsked(turn);
                return true;
            case Intents.CheckOutInfo:
                turn.Topic = intent;
                turn.Say(ReplyKeys.CheckOutInfo, Time(hotel.CheckOutTime));
                return true;
            case Intents.HotelLocation when ContactWords.Any(w => Mentions(context.Words, w)):
                // "what's your phone number?": the hotel's contact details.
                turn.Say(ReplyKeys.ContactDetails, Contact(hotel));
                return true;
            case Intents.HotelLocation:
                turn.Topic = intent;
                turn.Replies.Add(new OutboundMessage
                {
                    Text = turn.Services.Replies.Format(language, ReplyKeys.Location, hotel.Address ?? hotel.Name)
                        + (hotel.Directions is { } directions ? " " + directions.Get(language) : string.Empty),
                    Location = hotel.Location is { } at ? at with { Name = at.Name ?? hotel.Name, Address = at.Address ?? hotel.Address } : null,
                });
                return true;
            case Intents.HotelAmenities:
                AnswerAmenities(turn);
                return true;
            case Intents.CancellationPolicy or Intents.PaymentInfo:
                {
                    turn.Topic = intent;
                    var keys = intent == Intents.CancellationPolicy ? new[] { "cancellation" } : PaymentPolicyKeys(context.Text);
                    var texts = keys.Select(k => hotel.Policies.GetValueOrDefault(k)?.Get(language)).OfType<string>().ToArray();
                    turn.Say(texts.Length > 0 ? ReplyKeys.Policy : ReplyKeys.ContactReception, texts.Length > 0 ? string.Join(" ", texts) : Contact(hotel));
                    return true;
                }

            case Intents.RoomOptions:
                turn.Say(
                    ReplyKeys.RoomOptions,
                    [.. context.RoomTypes.Select(t => new QuickReply(Capitalize(RoomName(t, language)), t.Code))],
                    string.Join(", ", context.RoomTypes.Select(t => $"{RoomName(t, language)} ({Money(t.NightlyRate, hotel.Currency, language)})")));
                return true;
            case Intents.OutOfScope:
                return await AnswerFollowUpAsync(turn, cancellationToken).ConfigureAwait(false);
            default:
                return false;
        }
    }

    private static void AnswerAmenities(DialogueTurn turn)
    {
        var context = turn.Context;
        var hotel = context.Hotel;
        var language = context.Language;
        var words = context.Words;
        var asked = AmenityWords.Where(a => a.Words.Any(w => Mentions(words, w))).Select(a => a.Code).ToArray();
        if (asked.Length == 0)
        {
            turn.Say(ReplyKeys.Amenities, string.Join(" ", hotel.Amenities.Values.Select(a => a.Get(language))));
            return;
        }

        foreach (var code in asked)
        {
            SayAmenity(turn, code);
        }
    }

    private static void SayAmenity(DialogueTurn turn, string code)
    {
        var hotel = turn.Context.Hotel;
        var text = hotel.Amenities.GetValueOrDefault(code) ?? hotel.Policies.GetValueOrDefault(code);
        turn.Say(text is null ? ReplyKeys.AmenityMissing : ReplyKeys.Policy, text?.Get(turn.Context.Language));
        turn.Topic = Intents.HotelAmenities + ":" + code;
    }

    private static readonly string[] FollowUpStarts = ["y", "e", "and", "what", "how", "also", "tambien", "tambem", "entonces", "entao", "so", "ok", "vale", "pero", "mas", "but"];

    /// <summary>
    /// Answers a message the engine could not place that reads as a follow-up of the last hotel answer ("¿y cuántos
    /// kilos máximo?" after the pets answer, "what about my mum's lab?"); returns whether it did.
    /// </summary>
    private static async Task<bool> AnswerFollowUpAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var words = turn.Context.Words;
        if (words.Length is 0 or > 10 || !(FollowUpStarts.Contains(words[0]) || IsQuestion(turn.Context.Text)))
        {
            return false;
        }

        if (AmenityWords.Any(a => a.Words.Any(w => Mentions(words, w))))
        {
            AnswerAmenities(turn); // "¿y para el carro?": a facility named in the follow-up.
            return true;
        }

        // A question the engine cannot place is a follow-up only when it reads as one ("y …", "and …", "what about …").
        if (turn.Context.Session.LastTopic is not { } topic || !FollowUpStarts.Contains(words[0]))
        {
            return false;
        }

        var colon = topic.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && topic[..colon] == Intents.HotelAmenities)
        {
            SayAmenity(turn, topic[(colon + 1)..]);
            return true;
        }

        if (topic is Intents.CheckInInfo or Intents.CheckOutInfo or Intents.HotelLocation or Intents.CancellationPolicy or Intents.PaymentInfo)
        {
            await turn.AnswerAsync(topic, cancellationToken).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    private static void SayReceptionHoursIfAsked(DialogueTurn turn)
    {
        if (ReceptionWords.Any(w => Mentions(turn.Context.Words, w)))
        {
            SayReceptionHours(turn);
        }
    }

    private static void SayReceptionHours(DialogueTurn turn)
    {
        // Hours the PMS does not give are unknown, not "24 hours": the guest gets the front desk's contact instead.
        switch (turn.Context.Hotel.ReceptionHours)
        {
            case { IsAroundTheClock: true }:
                turn.Say(ReplyKeys.ReceptionAlwaysOpen);
                break;
            case { } hours:
                turn.Say(ReplyKeys.ReceptionHours, Time(hours.Opens), Time(hours.Closes));
                break;
            default:
                turn.Say(ReplyKeys.ReceptionHoursUnknown, Contact(turn.Context.Hotel));
                break;
        }
    }

    private static string[] PaymentPolicyKeys(string text) =>
        DepositWords.Any(w => Mentions(Words(text), w)) ? ["deposit", "payment"] : ["payment", "deposit"];
}
