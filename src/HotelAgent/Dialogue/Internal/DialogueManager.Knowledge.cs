using System.Globalization;
using System.Text;
using HotelAgent.Abstractions;

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

    private static readonly string[] InsteadWords = ["instead", "en vez", "en lugar", "em vez", "ao inves", "no lugar"];

    private static readonly string[] DepositWords = ["deposito", "deposit", "fianza", "senal", "sinal", "prepago", "prepayment", "adiantado"];

    private static void AnswerAmenities(Turn turn)
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

    private static void SayAmenity(Turn turn, string code)
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
    private async Task<bool> AnswerFollowUpAsync(Turn turn, CancellationToken cancellationToken)
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

    private static void SayReceptionHoursIfAsked(Turn turn)
    {
        if (ReceptionWords.Any(w => Mentions(turn.Context.Words, w)))
        {
            SayReceptionHours(turn);
        }
    }

    private static void SayReceptionHours(Turn turn)
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

    private static readonly HashSet<string> CancelWishWords = new(StringComparer.Ordinal)
    {
        "want", "wanna", "need", "have", "gotta", "must", "like", "please", "quiero", "queria", "quisiera", "necesito", "tengo", "tendre", "tendria",
        "voy", "vamos", "hay", "debo", "deseo", "gustaria", "quero", "preciso", "tenho", "vou", "devo", "gostaria", "tem", "q", "favor", "pf", "pls",
    };

    /// <summary>
    /// Whether the guest says they want a cancellation ("I need to cancel", "tengo que cancelar", "vou ter q cancelar",
    /// "cancélala, por favor") rather than asking about one ("what's the latest I can cancel?", "¿hasta cuándo se puede
    /// cancelar?", "if I have to cancel, do I pay?").
    /// </summary>
    internal static bool WantsToCancel(string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            if (!w.StartsWith("cancel", StringComparison.Ordinal) || w.StartsWith("cancellation", StringComparison.Ordinal) || w.StartsWith("cancelacion", StringComparison.Ordinal)
                || w.StartsWith("cancelamento", StringComparison.Ordinal) || w is "cancelled" or "canceled" or "cancelada" or "cancelado")
            {
                continue;
            }

            // The nearest wish or request wins over a condition further back ("quiero que se cancele"), a condition or a
            // possibility nearer the verb wins over a wish further back ("si tengo que cancelar"); "can you cancel it?"
            // is a request, "can I cancel for free?" a question.
            var wishAt = -1;
            var askedAt = -1;
            for (var k = i - 1; k >= 0 && k >= i - 4; k--)
            {
                var next = k + 1 < words.Length ? words[k + 1] : string.Empty;
                var request = (words[k] is "can" or "could" && next is "you" or "u") || words[k] is "puede" or "puedes" or "podria" or "podrias" or "pode" or "poderia" or "podes";
                var asking = !request && (words[k] is "if" or "si" or "se" or "caso" or "when" or "cuando" or "quando" or "puedo" or "posso" or "podemos"
                    || (words[k] is "can" or "could" && next is "i" or "we"));
                if (wishAt < 0 && (request || CancelWishWords.Contains(words[k])))
                {
                    wishAt = k;
                }

                if (askedAt < 0 && asking)
                {
                    askedAt = k;
                }
            }

            if (wishAt >= 0 && (askedAt < 0 || askedAt > wishAt))
            {
                return true;
            }

            var asked = askedAt >= 0;
            if (!asked && (w is "cancela" or "cancele" or "cancelala" or "cancelalo" or "cancelem" or "cancelenla" or "cancelo" || (i + 1 < words.Length && words[i + 1] is "please" or "pls" or "it" or "my")))
            {
                return true; // "cancélala", "cancel my booking", "cancel it please"
            }
        }

        return false;
    }

    private static readonly string[] SignOffPhrases =
    [
        "that s all", "thats all", "that is all", "nothing else", "that s it", "thats it", "eso es todo", "es todo", "nada mas", "so isso", "e so isso",
        "mais nada", "nada mais", "isso e tudo", "era so isso", "era eso",
    ];

    private static readonly HashSet<string> StrongYesWords = new(StringComparer.Ordinal)
    {
        "yes", "yeah", "yep", "yup", "si", "sim", "adelante", "go", "dale", "proceed", "sure", "claro", "hazlo", "pode", "puede", "do", "please", "porfa", "favor",
    };

    /// <summary>
    /// Whether a reply only closes the conversation ("ok cheers, that's all", "vale, gracias, eso es todo", "ok, é só isso"):
    /// a closing phrase and no yes of its own (nor the word "cancel" or "confirm").
    /// </summary>
    internal static bool SignsOff(string[] words)
    {
        if (!SignOffPhrases.Any(p => Mentions(words, p)))
        {
            return false;
        }

        return !words.Any(w => StrongYesWords.Contains(w) || w.StartsWith("cancel", StringComparison.Ordinal) || w.StartsWith("confirm", StringComparison.Ordinal));
    }

    /// <summary>Returns whether <paramref name="phrase"/> (one or more words) occurs in <paramref name="words"/>.</summary>
    private static bool Mentions(string[] words, string phrase)
    {
        if (!phrase.Contains(' ', StringComparison.Ordinal))
        {
            return Array.IndexOf(words, phrase) >= 0;
        }

        return (" " + string.Join(' ', words) + " ").Contains(" " + phrase + " ", StringComparison.Ordinal);
    }

    /// <summary>Splits a text into lower-case words without accents (a turn's own: <see cref="TurnContext.Words"/>).</summary>
    internal static string[] Words(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!AccentFolding.TryFold(c, out var folded))
            {
                return NormalizedWords(text);
            }

            if (folded != '\0')
            {
                builder.Append(char.IsLetterOrDigit(folded) || folded == '-' ? char.ToLowerInvariant(folded) : ' ');
            }
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary><see cref="Words"/> of a text with characters beyond the Latin letters: normalized whole.</summary>
    internal static string[] NormalizedWords(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) || c == '-' ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
