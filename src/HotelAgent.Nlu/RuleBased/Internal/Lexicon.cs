using System.Globalization;
using HotelAgent.Abstractions;

namespace HotelAgent.Nlu;

[Flags]
internal enum Lang : byte
{
    None = 0,
    Es = 1,
    En = 2,
    Pt = 4,
    Any = Es | En | Pt,
}

[Flags]
internal enum WordTag
{
    None = 0,
    Number = 1 << 0,
    NumberA = 1 << 1,
    Month = 1 << 2,
    Weekday = 1 << 3,
    RelDay = 1 << 4,
    NotDate = 1 << 5,
    Nights = 1 << 6,
    People = 1 << 7,
    Adults = 1 << 8,
    Children = 1 << 9,
    RangeSep = 1 << 10,
    Between = 1 << 11,
    And = 1 << 12,
    DatePrep = 1 << 13,
    TimePrep = 1 << 14,
    TimeSuffix = 1 << 15,
    We = 1 << 16,
    For = 1 << 17,
    NameCue = 1 << 18,
    NameCueWeak = 1 << 19,
    CodeCue = 1 << 20,
    CodeFiller = 1 << 21,
    Stop = 1 << 22,
    Until = 1 << 23,
    Ordinal = 1 << 24,

    /// <summary>Tags whose value is carried in <see cref="LexEntry.Value"/>.</summary>
    Valued = Number | NumberA | Month | Weekday | RelDay | Ordinal,
}

/// <summary>One phrase of the vocabulary.</summary>
internal sealed class LexEntry(string text)
{
    public string Text { get; } = text;

    public int WordCount { get; } = text.AsSpan().Count(' ') + 1;

    public Lang Langs { get; set; }

    public WordTag Tags { get; set; }

    public int Value { get; set; }

    public (int Intent, float Weight)[] Weights { get; set; } = [];

    public bool HasPhraseTags => (Tags & ~(WordTag.Stop | WordTag.CodeFiller)) != 0;
}

/// <summary>Intent ids: indexes into <see cref="Intents.All"/>.</summary>
internal static class IntentIds
{
    public const int Greeting = 0;
    public const int Goodbye = 1;
    public const int Thanks = 2;
    public const int Affirm = 3;
    public const int Deny = 4;
    public const int Inform = 5;
    public const int CheckAvailability = 6;
    public const int MakeReservation = 7;
    public const int ModifyReservation = 8;
    public const int CancelReservation = 9;
    public const int ReservationStatus = 10;
    public const int PricingInfo = 11;
    public const int RoomOptions = 12;
    public const int HotelAmenities = 13;
    public const int CheckInInfo = 14;
    public const int CheckOutInfo = 15;
    public const int LateCheckout = 16;
    public const int HotelLocation = 17;
    public const int CancellationPolicy = 18;
    public const int PaymentInfo = 19;
    public const int HumanHandoff = 20;
    public const int Complaint = 21;
    public const int OutOfScope = 22;
    public const int Count = 23;

    public static bool IsSmallTalk(int id) => id <= Deny;

    /// <summary>The id of an intent name, or -1 when it is none of <see cref="Intents.All"/>.</summary>
    public static int Of(string name)
    {
        for (var i = 0; i < Intents.All.Count; i++)
        {
            if (Intents.All[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>
/// The static vocabulary: phrases of one to four words mapped to intent weights, tags and languages, plus a
/// distance-one deletion index for typo tolerance. Built once; read-only afterwards, so safe for concurrent use.
/// </summary>
internal static class Lexicon
{
    public const int MaxPhraseWords = 7;

    private static readonly LexEntry[] s_entries;
    private static readonly Dictionary<string, int> s_phrases;
    private static readonly Dictionary<string, int> s_deletes;

    static Lexicon()
    {
        var phrases = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new List<LexEntry>();

        LexEntry Get(string phrase)
        {
            var key = TextNormalizer.NormalizePhrase(phrase);
            if (!phrases.TryGetValue(key, out var id))
            {
                id = entries.Count;
                entries.Add(new LexEntry(key));
                phrases.Add(key, id);
            }

            return entries[id];
        }

        foreach (var (head, items) in Lines(LexiconData.Intents))
        {
            var parts = head.Split(' ');
            var intent = IndexOfIntent(parts[0]);
            var lang = ParseLang(parts[1]);
            foreach (var item in items)
            {
                var (phrase, weight) = SplitWeight(item, ':', 2.5f);
                var entry = Get(phrase);
                entry.Langs |= lang;
                var weights = entry.Weights;
                var found = false;
                for (var i = 0; i < weights.Length; i++)
                {
                    if (weights[i].Intent == intent)
                    {
                        weights[i].Weight = Math.Max(weights[i].Weight, weight);
                        found = true;
                    }
                }

                if (!found)
                {
                    entry.Weights = [.. weights, (intent, weight)];
                }
            }
        }

        foreach (var (head, items) in Lines(LexiconData.Tags))
        {
            var parts = head.Split(' ');
            var tag = ParseTag(parts[0]);
            var lang = ParseLang(parts[1]);
            foreach (var item in items)
            {
                var (phrase, value) = SplitWeight(item, '=', 0);
                var entry = Get(phrase);
                if (lang != Lang.Any)
                {
                    entry.Langs |= lang;
                }

                if (tag == WordTag.We && value == 0 || tag == WordTag.For && value == 0)
                {
                    continue;
                }

                entry.Tags |= tag;
                if ((tag & WordTag.Valued) != 0)
                {
                    entry.Value = (int)value;
                }
            }
        }

        foreach (var (head, items) in Lines(LexiconData.Stopwords))
        {
            var lang = ParseLang(head);
            foreach (var item in items)
            {
                var entry = Get(item);
                entry.Langs |= lang;
                entry.Tags |= WordTag.Stop;
            }
        }

        s_entries = [.. entries];
        s_phrases = phrases;
        s_deletes = BuildDeletes(phrases, id => IsFuzzyTarget(s_entries[id]));
        Lookup = s_phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        Deletes = s_deletes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    public static Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Deletes { get; }

    public static LexEntry Entry(int id) => s_entries[id];

    /// <summary>
    /// Gets whether a typo may be read as this entry: not for function words, nor for dates (a misspelt word must
    /// never become "Friday" or "tomorrow"; known misspellings such as "tmrw" are listed as they are).
    /// </summary>
    public static bool IsFuzzyTarget(LexEntry entry) =>
        (entry.Tags & (WordTag.Month | WordTag.Weekday | WordTag.RelDay)) == 0 && (entry.Tags != WordTag.Stop || entry.Weights.Length > 0) &&
        (entry.Weights.Length > 0 || (entry.Tags & (WordTag.Number | WordTag.People | WordTag.Adults | WordTag.Children | WordTag.Nights)) != 0);

    public static int Count => s_entries.Length;

    /// <summary>
    /// Builds a map from every single-character deletion of every eligible one-word key (five letters or more, or
    /// four for deletions of the key itself) to the key's value; -1 marks a deletion shared by two values.
    /// </summary>
    public static Dictionary<string, int> BuildDeletes(Dictionary<string, int> phrases, Func<int, bool> eligible)
    {
        var deletes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in phrases)
        {
            if (key.Length < 4 || key.Contains(' ', StringComparison.Ordinal) || !IsLetters(key) || !eligible(value))
            {
                continue;
            }

            for (var i = 0; i < key.Length; i++)
            {
                var deleted = string.Concat(key.AsSpan(0, i), key.AsSpan(i + 1));
                if (phrases.ContainsKey(deleted))
                {
                    continue;
                }

                if (deletes.TryGetValue(deleted, out var existing) && existing != value)
                {
                    deletes[deleted] = -1;
                }
                else
                {
                    deletes[deleted] = value;
                }
            }
        }

        return deletes;
    }

    /// <summary>Finds the key within one edit (insertion, deletion, substitution, transposition) of <paramref name="word"/>.</summary>
    /// <remarks>
    /// A missing character is tolerated from three letters on ("bok"), an extra one from five, a substituted or
    /// transposed one from <paramref name="minSubstitutionLength"/> letters: shorter words have too many neighbours.
    /// </remarks>
    public static int Fuzzy(
        ReadOnlySpan<char> word,
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> exact,
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> deletes,
        int minSubstitutionLength)
    {
        if (word.Length < 3 || word.Length > 24)
        {
            return -1;
        }

        // The word lacks one character of a key ("bok" for "book", "habitacin").
        if (deletes.TryGetValue(word, out var value) && value >= 0)
        {
            return value;
        }

        if (word.Length < 5)
        {
            return -1;
        }

        Span<char> buffer = stackalloc char[24];
        var candidate = -1;
        for (var i = 0; i < word.Length; i++)
        {
            if ((i > 0 && word[i] == word[i - 1]) || (i == word.Length - 1 && word.EndsWith("ed", StringComparison.Ordinal)))
            {
                continue; // "managed" is a verb in the past, not a misspelt "manager".
            }

            word[..i].CopyTo(buffer);
            word[(i + 1)..].CopyTo(buffer[i..]);
            var shorter = buffer[..(word.Length - 1)];

            // The word has one character too many ("reservaar"), or one substituted or transposed ("dobel", "habitasion").
            if ((exact.TryGetValue(shorter, out value) && shorter.Length >= 4 && (!ReferenceEquals(exact.Dictionary, s_phrases) || IsFuzzyTarget(s_entries[value]))) ||
                (word.Length >= minSubstitutionLength && deletes.TryGetValue(shorter, out value) && value >= 0))
            {
                if (candidate >= 0 && candidate != value)
                {
                    return -1;
                }

                candidate = value;
            }
        }

        return candidate;
    }

    private static bool IsLetters(string s)
    {
        foreach (var c in s)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOfIntent(string name) =>
        IntentIds.Of(name) is >= 0 and var id ? id : throw new InvalidOperationException($"Unknown intent '{name}' in the lexicon.");

    private static Lang ParseLang(string s) => s switch
    {
        "es" => Lang.Es,
        "en" => Lang.En,
        "pt" => Lang.Pt,
        "any" => Lang.Any,
        _ => throw new InvalidOperationException($"Unknown language '{s}' in the lexicon."),
    };

    private static WordTag ParseTag(string s) => s switch
    {
        "@number" => WordTag.Number,
        "@ordinal" => WordTag.Number | WordTag.Ordinal,
        "@numbera" => WordTag.NumberA,
        "@month" => WordTag.Month,
        "@weekday" => WordTag.Weekday,
        "@relday" => WordTag.RelDay,
        "@notdate" => WordTag.NotDate,
        "@nights" => WordTag.Nights,
        "@people" => WordTag.People,
        "@adults" => WordTag.Adults,
        "@children" => WordTag.Children,
        "@rangesep" => WordTag.RangeSep,
        "@between" => WordTag.Between,
        "@until" => WordTag.Until,
        "@and" => WordTag.And,
        "@dateprep" => WordTag.DatePrep,
        "@timeprep" => WordTag.TimePrep,
        "@timesuffix" => WordTag.TimeSuffix,
        "@we" => WordTag.We,
        "@for" => WordTag.For,
        "@namecue" => WordTag.NameCue,
        "@namecueweak" => WordTag.NameCueWeak,
        "@codecue" => WordTag.CodeCue,
        "@codefiller" => WordTag.CodeFiller,
        _ => throw new InvalidOperationException($"Unknown tag '{s}' in the lexicon."),
    };

    private static (string Phrase, float Value) SplitWeight(string item, char separator, float fallback)
    {
        var at = item.LastIndexOf(separator);
        return at < 0
            ? (item, fallback)
            : (item[..at].Trim(), float.Parse(item.AsSpan(at + 1), NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static IEnumerable<(string Head, string[] Items)> Lines(string data)
    {
        foreach (var raw in data.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var items = line[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            yield return (line[..colon].Trim(), items);
        }
    }
}
