using HotelAgent.Abstractions;
using static HotelAgent.DialogueFormat;
using static HotelAgent.DialogueText;

namespace HotelAgent;

/// <summary>
/// Answers from the hotel's own data: amenities (one asked for, or all), reception hours.
/// </summary>
internal sealed partial class DialogueManager
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

    private static readonly string[] CheapestWords = ["cheapest", "least expensive", "lowest price", "mas barata", "mas barato", "mas economica", "mas economico", "mais barato", "mais barata", "mais em conta", "mais economico", "mais economica"];

    private static readonly string[] DepositWords = ["deposito", "deposit", "fianza", "senal", "sinal", "prepago", "prepayment", "adiantado"];

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
    private async Task<bool> AnswerFollowUpAsync(DialogueTurn turn, CancellationToken cancellationToken)
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
            await AnswerAsync(turn, topic, cancellationToken).ConfigureAwait(false);
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
