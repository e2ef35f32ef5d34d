using System.Runtime.CompilerServices;
using HotelAgent.Abstractions;

namespace HotelAgent.Nlu;

/// <summary>
/// The room-type phrases of one catalogue (codes, synonyms, localized names and their distinctive words), normalised,
/// with a deletion index for typos. Cached per catalogue instance.
/// </summary>
internal sealed class RoomIndex
{
    private static readonly ConditionalWeakTable<IReadOnlyList<RoomType>, RoomIndex> s_cache = [];
    private static readonly HashSet<string> s_generic = new(StringComparer.Ordinal)
    {
        "habitacion", "habitaciones", "room", "rooms", "quarto", "quartos", "de", "con", "with", "com", "para", "for",
        "the", "la", "el", "o", "a", "do", "da", "standard", "estandar", "padrao", "tipo", "type", "cama", "camas", "bed", "beds",
    };

    private readonly Dictionary<string, int> _phrases;
    private readonly Dictionary<string, int> _deletes;

    private RoomIndex(IReadOnlyList<RoomType> roomTypes)
    {
        Codes = new string[roomTypes.Count];
        _phrases = new Dictionary<string, int>(StringComparer.Ordinal);
        var derived = new Dictionary<string, int>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < roomTypes.Count; i++)
        {
            var room = roomTypes[i];
            Codes[i] = room.Code;
            Add(room.Code, i);
            foreach (var synonym in room.Synonyms)
            {
                Add(synonym, i);
            }

            foreach (var name in room.Name.Values)
            {
                var key = TextNormalizer.NormalizePhrase(name);
                _phrases.TryAdd(key, i);
                foreach (var word in key.Split(' '))
                {
                    // Number words ("duas camas", "dos camas") describe the room but name no type on their own: "para duas pessoas".
                    if (word.Length >= 4 && !s_generic.Contains(word) && !IsNumberWord(word) && !derived.TryAdd(word, i) && derived[word] != i)
                    {
                        ambiguous.Add(word);
                    }
                }
            }
        }

        foreach (var (word, id) in derived)
        {
            if (!ambiguous.Contains(word) && !IsNumberWord(word))
            {
                _phrases.TryAdd(word, id);
            }
        }

        // "los cuartos familiares", "the doubles", "as suites": one-word names said in the plural.
        foreach (var (key, id) in _phrases.ToArray())
        {
            if (key.Length >= 4 && !key.Contains(' ', StringComparison.Ordinal) && key[^1] != 's')
            {
                // "dobles", "suites", "familiares"; not "casals", a surname, from "casal" (whose plural is "casais").
                var plural = key[^1] is 'a' or 'e' or 'i' or 'o' or 'u' ? key + "s" : key + "es";
                if (!PartyGrammar.IsPartyWord(plural) && !IsNumberWord(plural))
                {
                    _phrases.TryAdd(plural, id);
                }
            }
        }

        // Guests describe the bed rather than name the room: one bed for two is the double, two single beds the twin,
        // whatever the catalogue calls them (when it has a room known as "double" or "twin").
        AddBedPhrases(DoubleBedPhrases, "double");
        AddBedPhrases(TwinBedPhrases, "twin");

        _deletes = Lexicon.BuildDeletes(_phrases, static _ => true);
        Lookup = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();
        Deletes = _deletes.GetAlternateLookup<ReadOnlySpan<char>>();
        MaxWords = 1;
        foreach (var key in _phrases.Keys)
        {
            MaxWords = Math.Max(MaxWords, Math.Min(Lexicon.MaxPhraseWords, key.AsSpan().Count(' ') + 1));
        }

        void Add(string phrase, int id)
        {
            var key = TextNormalizer.NormalizePhrase(phrase);
            if (key.Length > 0)
            {
                _phrases[key] = id;

                // "dos camas" is also written "2 camas".
                if (WithDigits(key) is { } digits)
                {
                    _phrases.TryAdd(digits, id);
                }
            }
        }
    }

    private static readonly string[] DoubleBedPhrases =
    [
        "one bed", "a big bed", "king room", "king rooms", "queen room", "a king", "with a king", "king size", "kingsize", "habitacion king", "cuarto king", "quarto king", "big bed", "large bed", "king bed", "king size bed", "kingsize bed", "queen bed", "queen size bed", "double bed",
        "cama grande", "una cama grande", "cama doble", "cama d matrimonio", "cama matrimonial", "cama king", "cama queen", "cama king size",
        "cama grande de casal", "cama dupla",
        "dbl", "dbl room", // the abbreviation of booking sites and texts: "cud i book a dbl for me n my bf"
    ];

    private static readonly string[] TwinBedPhrases =
    [
        "two single beds", "2 single beds", "two singles", "twin beds", "two separate beds", "single beds",
        "seperate beds", "two seperate beds", "separated beds", "two separated beds", // the common misspellings: the phrase is not read letter by letter
        "dos camas individuales", "2 camas individuales", "camas individuales", "dos camas separadas",
        "duas camas de solteiro", "2 camas de solteiro", "camas de solteiro", "duas camas separadas", "duas camas individuais", "camas individuais",
    ];

    private void AddBedPhrases(string[] phrases, string anchor)
    {
        if (!_phrases.TryGetValue(anchor, out var id))
        {
            return;
        }

        foreach (var phrase in phrases)
        {
            _phrases.TryAdd(TextNormalizer.NormalizePhrase(phrase), id);
        }
    }

    private static string? WithDigits(string key)
    {
        var words = key.Split(' ');
        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            if (Lexicon.Lookup.TryGetValue(words[i], out var id) && Lexicon.Entry(id) is { } entry && (entry.Tags & WordTag.Number) != 0 && entry.Value is > 1 and <= 12)
            {
                words[i] = entry.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                changed = true;
            }
        }

        return changed ? string.Join(' ', words) : null;
    }

    private static bool IsNumberWord(string word) =>
        Lexicon.Lookup.TryGetValue(word, out var id) && (Lexicon.Entry(id).Tags & (WordTag.Number | WordTag.Stop)) != 0;

    public static RoomIndex Empty { get; } = new([]);

    public string[] Codes { get; }

    public int MaxWords { get; }

    public bool IsEmpty => Codes.Length == 0;

    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Deletes { get; }

    public static RoomIndex For(IReadOnlyList<RoomType>? roomTypes) =>
        roomTypes is null || roomTypes.Count == 0 ? Empty : s_cache.GetValue(roomTypes, static r => new RoomIndex(r));
}
