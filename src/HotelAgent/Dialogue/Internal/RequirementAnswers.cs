using System.Globalization;
using HotelAgent.Abstractions;
using static HotelAgent.DialogueText;

namespace HotelAgent;

/// <summary>
/// Reading the answers to what the PMS requires beyond the name and email (<see cref="IPmsBookingRequirementsProvider"/>):
/// each child's age and a phone number, for a booking or for a change of one.
/// </summary>
internal static class RequirementAnswers
{
    /// <summary>The age from which a guest counts as an adult when the PMS does not say.</summary>
    private const int DefaultAdultAge = 18;

    private static readonly Dictionary<string, int> AgeWords = new(StringComparer.Ordinal)
    {
        ["cero"] = 0, ["zero"] = 0,
        ["dos"] = 2, ["two"] = 2, ["dois"] = 2, ["duas"] = 2,
        ["tres"] = 3, ["three"] = 3,
        ["cuatro"] = 4, ["four"] = 4, ["quatro"] = 4,
        ["cinco"] = 5, ["five"] = 5,
        ["seis"] = 6, ["six"] = 6,
        ["siete"] = 7, ["seven"] = 7, ["sete"] = 7,
        ["ocho"] = 8, ["eight"] = 8, ["oito"] = 8,
        ["nueve"] = 9, ["nine"] = 9, ["nove"] = 9,
        ["diez"] = 10, ["ten"] = 10, ["dez"] = 10,
        ["once"] = 11, ["eleven"] = 11, ["onze"] = 11,
        ["doce"] = 12, ["twelve"] = 12, ["doze"] = 12,
        ["trece"] = 13, ["thirteen"] = 13, ["treze"] = 13,
        ["catorce"] = 14, ["fourteen"] = 14, ["catorze"] = 14, ["quatorze"] = 14,
        ["quince"] = 15, ["fifteen"] = 15, ["quinze"] = 15,
        ["dieciseis"] = 16, ["sixteen"] = 16, ["dezesseis"] = 16, ["dezasseis"] = 16,
        ["diecisiete"] = 17, ["seventeen"] = 17, ["dezessete"] = 17, ["dezassete"] = 17,
    };

    // "one", "un", "uma" are ages only before a unit ("un año", "one year old"): otherwise they count children ("one is 4").
    private static readonly HashSet<string> OneWords = ["un", "uno", "una", "one", "um", "uma", "a", "an"];

    private static readonly HashSet<string> YearWords = ["ano", "anos", "year", "years", "yr", "yrs", "anito", "anitos", "aninho", "aninhos"];

    private static readonly HashSet<string> MonthWords = ["mes", "meses", "month", "months", "mo", "mos", "mesecitos", "mesinhos"];

    // "los dos tienen 5", "both of them are 5", "as duas têm 5": a number of children, then one age for all of them.
    private static readonly HashSet<string> BothWords = ["los", "las", "os", "as", "the", "ambos", "ambas", "both", "todos", "todas", "all"];

    private static readonly HashSet<string> ChildWords =
    [
        "ninos", "ninas", "nenes", "nenas", "hijos", "hijas", "chicos", "chicas", "peques", "kids", "children", "boys", "girls",
        "sons", "daughters", "criancas", "filhos", "filhas", "miudos", "miudas", "meninos", "meninas",
    ];


    /// <summary>The children's ages of the draft, when there is one per child; otherwise <see langword="null"/>.</summary>
    internal static IReadOnlyList<int>? AgesOf(BookingDraft draft) =>
        draft.Children is > 0 and var children && draft.ChildAges is { } ages && ages.Count == children ? ages : null;

    internal static bool SameAges(IReadOnlyList<int>? a, IReadOnlyList<int>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));

    internal static bool GivesAges(TurnContext context, int children)
    {
        var ages = ReadAges(context.Text, children).Count;
        return ages == children || (ages > 0 && context.Intent != Intents.HumanHandoff);
    }

    internal static void SayAskAges(DialogueTurn turn, int children)
    {
        if (children == 1)
        {
            turn.Say(ReplyKeys.AskChildAge);
        }
        else
        {
            turn.Say(ReplyKeys.AskChildAges, children);
        }
    }

    /// <summary>
    /// Reads an answer to "how old are the children?": an age for each of the <paramref name="children"/> expected, or,
    /// when the guest <paramref name="told"/> another count with an age for each ("perdón, son 3 niños: 4, 6 y 9"),
    /// that count and its ages.
    /// </summary>
    internal static (int Children, IReadOnlyList<int> Ages) ReadAgesAnswer(string text, int children, int? told) =>
        told is > 0 and var count && count != children && ReadAges(text, count) is { } recounted && recounted.Count == count
            ? (count, recounted)
            : (children, ReadAges(text, children));

    /// <summary>
    /// The ages under the PMS's adult age. A "child" of the adult age is an adult at this hotel: the guest is told, and
    /// the party (and maybe the price) changes.
    /// </summary>
    internal static async Task<int[]> YoungerThanAdultAsync(DialogueTurn turn, IReadOnlyList<int> ages, CancellationToken cancellationToken)
    {
        var requirements = await turn.Services.Pms.GetBookingRequirementsAsync(cancellationToken).ConfigureAwait(false);
        var adultAge = requirements.AdultAge ?? DefaultAdultAge;
        var young = ages.Where(a => a < adultAge).ToArray();
        if (young.Length < ages.Count)
        {
            turn.Say(ReplyKeys.ChildCountsAsAdult, adultAge);
        }

        return young;
    }


    /// <summary>
    /// Reads children's ages from an answer to "how old are they?": "6 y 9", "4 and 9 years old", "o bebé tem 1 ano",
    /// "seis y nueve", "8 meses" (0), "los dos tienen 5" (5 and 5 when two children are expected). Ages are whole years
    /// from 0 to 17; anything else in the message is ignored.
    /// </summary>
    internal static IReadOnlyList<int> ReadAges(string text, int expected)
    {
        var words = Words(text).SelectMany(w => w.Split('-', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var ages = new List<int>();
        var sharedBy = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var next = i + 1 < words.Length ? words[i + 1] : null;
            int value;
            if (word.All(char.IsAsciiDigit) && word.Length <= 2)
            {
                value = int.Parse(word, CultureInfo.InvariantCulture);
            }
            else if (AgeWords.TryGetValue(word, out var spelled))
            {
                if (i > 0 && BothWords.Contains(words[i - 1]) && spelled == expected && next is not null && !YearWords.Contains(next) && !MonthWords.Contains(next))
                {
                    sharedBy = spelled; // "los dos tienen 5": how many share the age that follows.
                    continue;
                }

                value = spelled;
            }
            else if (OneWords.Contains(word) && next is not null && (YearWords.Contains(next) || MonthWords.Contains(next)))
            {
                value = 1;
            }
            else
            {
                if (word is "both" or "ambos" or "ambas" && expected == 2)
                {
                    sharedBy = 2;
                }

                continue;
            }

            if (next is not null && ChildWords.Contains(next))
            {
                continue; // "2 niños de 4 y 9": a count of children, not an age.
            }

            if (next is not null && MonthWords.Contains(next))
            {
                value = 0; // "8 meses": under a year.
            }

            if (value is >= 0 and <= 17)
            {
                ages.Add(value);
            }
        }

        if (sharedBy > 1 && ages.Count == 1)
        {
            return Enumerable.Repeat(ages[0], sharedBy).ToArray();
        }

        return ages;
    }

    /// <summary>Reads a count of children given with their ages ("son 3 niños: 4, 6 y 9"), or <see langword="null"/>.</summary>
    internal static int? ReadChildCount(string text)
    {
        var words = Words(text);
        for (var i = 0; i + 1 < words.Length; i++)
        {
            if (ChildWords.Contains(words[i + 1]))
            {
                if (words[i].Length <= 2 && words[i].All(char.IsAsciiDigit))
                {
                    return int.Parse(words[i], CultureInfo.InvariantCulture);
                }

                if (AgeWords.TryGetValue(words[i], out var spelled))
                {
                    return spelled;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Reads a phone number the NLU did not take as one (a short local number, "2345 6789"): 6 to 15 digits with the
    /// usual separators, and little else. Returns the digits, with a leading + when given.
    /// </summary>
    internal static string? ReadPhone(string text)
    {
        var trimmed = text.Trim().TrimEnd('.', '!');
        var start = trimmed.IndexOfAny(['+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '(']);
        if (start < 0)
        {
            return null;
        }

        var number = trimmed[start..];
        var digits = number.Count(char.IsAsciiDigit);
        if (digits is < 6 or > 15 || number.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '.' or '(' or ')' or '+' or '/')) || number.LastIndexOf('+') > 0)
        {
            return null;
        }

        return (number.StartsWith('+') ? "+" : string.Empty) + new string([.. number.Where(char.IsAsciiDigit)]);
    }
}
