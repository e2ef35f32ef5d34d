using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace HotelAgent;

/// <summary>
/// Reading the guest's words, shared by every task: the turn's words without accents, phrases looked for in them, and
/// what a few of them say (a question, "instead", a wish to cancel, a sign-off, a name, an email).
/// </summary>
internal static class DialogueText
{
    internal static readonly string[] CheapestWords = ["cheapest", "least expensive", "lowest price", "mas barata", "mas barato", "mas economica", "mas economico", "mais barato", "mais barata", "mais em conta", "mais economico", "mais economica"];

    internal static readonly string[] InsteadWords = ["instead", "en vez", "en lugar", "em vez", "ao inves", "no lugar"];

    /// <summary>"Is the family room cheaper? If so we'll have that instead": the room asked about is also chosen.</summary>
    internal static bool SaysInstead(TurnContext context) => InsteadWords.Any(w => Mentions(context.Words, w));

    internal static bool IsQuestion(string text) => text.Contains('?', StringComparison.Ordinal) || text.Contains('¿', StringComparison.Ordinal);

    /// <summary>"I booked under …", "tengo una reserva", "minha reserva": the guest speaks of a booking they have.</summary>
    internal static bool SpeaksOfTheirBooking(TurnContext context) =>
        context.Words.Any(w => w.StartsWith("reserv", StringComparison.Ordinal) || w is "booked" or "booking" or "bookings" or "reservation" or "reservations");

    internal static bool IsCountWord(string w) => w is "uno" or "una" or "dos" or "tres" or "cuatro" or "cinco" or "one" or "two" or "three" or "four" or "five"
        or "um" or "uma" or "dois" or "duas" or "quatro" or "somos" or "seremos" or "seriamos" or "sao" or "solo" or "only" or "so" or "apenas";

    // "a gente vai conseguir chegar um dia antes, dia 17", "we'll only arrive on the 19th": a new arrival with the same
    // departure; a new date without these words moves the whole stay.
    private static readonly string[] ArrivalWords =
    [
        "arrive", "arriving", "arrival", "get in", "getting in", "llegar", "llegamos", "llegaremos", "llegada", "llego", "llegaria", "llegariamos",
        "chegar", "chegamos", "chegaremos", "chegada", "chego", "chegaria", "chegariamos", "entrar", "entramos", "entrada",
    ];

    internal static bool SaysArrival(string text)
    {
        var words = Words(text);
        return ArrivalWords.Any(w => Mentions(words, w));
    }

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
    internal static bool Mentions(string[] words, string phrase)
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

    /// <summary>Takes a bare answer to "what is your name?" as a name: one to five words of letters.</summary>
    internal static string? AsName(string text)
    {
        var trimmed = text.Trim().TrimEnd('.', '!');
        if (trimmed.Length is < 2 or > 80)
        {
            return null;
        }

        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1 && !char.IsUpper(words[0][0]))
        {
            return null; // "blz", "cool": a reply, not a full name.
        }

        if (words.Length > 5)
        {
            return null;
        }

        foreach (var word in words)
        {
            foreach (var c in word)
            {
                if (!char.IsLetter(c) && c is not '\'' and not '-' and not '.' and not '’')
                {
                    return null;
                }
            }
        }

        return string.Join(' ', words);
    }

    internal static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}
