using BenchmarkDotNet.Attributes;
using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Benchmarks;

/// <summary>Parses typical guest messages with the rules alone; figures are per message.</summary>
[MinColumn]
[MaxColumn]
[MedianColumn]
public class RuleBasedNluBenchmark
{
    private static readonly string[] Typical =
    [
        "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas",
        "Hi, I'd like to book a double room from December 10 to 12 for 2 people",
        "Olá, quero reservar um quarto duplo de 10 a 12 de dezembro para 2 pessoas",
        "Me llamo Ana García y mi correo es ana@example.com",
        "¿Tienen wifi gratis?",
        "What time is check-out?",
        "sí, confirmo",
        "no, gracias",
        "mejor del 11 al 13",
        "Quero cancelar minha reserva HA-7K3QX9",
    ];

    // Phrasings of guests who never saw the vocabulary, several read against what the agent had just asked.
    private static readonly (string Text, ExpectedAnswer Expecting)[] RealGuests =
    [
        ("¿Tienen lugar del 3 al 5 de mayo para mi marido y para mí? ¿Y el desayuno está incluido?", ExpectedAnswer.None),
        ("me and my wife plus our 2 boys, they're 6 and 9, next Friday the 4th for 2 nights", ExpectedAnswer.None),
        ("vamos eu, minha esposa e o bebê, este fim de semana", ExpectedAnswer.None),
        ("Maria das Graças Souza / maria@uol.com.br", ExpectedAnswer.GuestDetails),
        ("Jean-Luc Martin - jl.martin@free.fr", ExpectedAnswer.GuestDetails),
        ("dale, hacela", ExpectedAnswer.Confirmation),
        ("no, mejor para 3", ExpectedAnswer.Confirmation),
        ("can you move it one day later?", ExpectedAnswer.None),
        ("quero cancelar a reserva NESQDTATR", ExpectedAnswer.None),
        ("del diez al doce de marzo", ExpectedAnswer.Dates),
    ];

    private readonly RuleBasedNluEngine _engine = new(new RuleBasedNluOptions { UseLearnedIntents = false }, Microsoft.Extensions.Logging.Abstractions.NullLogger<RuleBasedNluEngine>.Instance);
    private NluRequest[] _typical = [];
    private NluRequest[] _realGuests = [];
    private NluRequest _short = null!;
    private NluRequest _booking = null!;

    /// <summary>The typical messages as requests, with the benchmark's room catalogue and reference date.</summary>
    internal static NluRequest[] TypicalRequests()
    {
        IReadOnlyList<RoomType> rooms =
        [
            Room("single", "individual", "sencilla", "single"),
            Room("double", "doble", "matrimonial", "double", "casal", "duplo"),
            Room("twin", "dos camas", "twin", "duas camas"),
            Room("suite", "suite", "suíte"),
            Room("family", "familiar", "family", "quarto familiar"),
        ];
        var date = new DateOnly(2026, 3, 11);
        return [.. Typical.Select(t => new NluRequest { Text = t, ReferenceDate = date, RoomTypes = rooms })];
    }

    /// <summary>The real-guest messages as requests, with the catalogue and reference date of <paramref name="like"/>.</summary>
    internal static NluRequest[] RealGuestRequests(NluRequest like) => [.. RealGuests.Select(g => new NluRequest
    {
        Text = g.Text,
        ReferenceDate = like.ReferenceDate,
        RoomTypes = like.RoomTypes,
        Expecting = g.Expecting,
        BookingCodeFormat = new BookingCodeFormat("[A-Z]{9}", "NESQDTATR"),
    })];

    [GlobalSetup]
    public void Setup()
    {
        _typical = TypicalRequests();
        _realGuests = RealGuestRequests(_typical[0]);
        _short = _typical[6];
        _booking = _typical[0];

        // Warm the per-catalogue cache and the static vocabulary.
        foreach (var r in _typical.Concat(_realGuests))
        {
            _engine.Parse(r);
        }
    }

    /// <summary>One short confirmation ("sí, confirmo").</summary>
    [Benchmark(Baseline = true)]
    public ValueTask<NluResult> Parse_ShortConfirmation() => _engine.ParseAsync(_short);

    /// <summary>A full booking request with dates, people and a room type.</summary>
    [Benchmark]
    public ValueTask<NluResult> Parse_BookingRequest() => _engine.ParseAsync(_booking);

    /// <summary>Ten typical messages in es/en/pt; divide by ten for a per-message figure.</summary>
    [Benchmark(OperationsPerInvoke = 10)]
    public async ValueTask<NluResult> Parse_TypicalMix()
    {
        NluResult last = null!;
        foreach (var r in _typical)
        {
            last = await _engine.ParseAsync(r);
        }

        return last;
    }

    /// <summary>Ten real-guest messages (words for people, names with emails, yes with extra words, spoken dates, relative changes, PMS codes); divide by ten.</summary>
    /// <returns>The last result.</returns>
    [Benchmark(OperationsPerInvoke = 10)]
    public async ValueTask<NluResult> Parse_RealGuestMix()
    {
        NluResult last = null!;
        foreach (var r in _realGuests)
        {
            last = await _engine.ParseAsync(r);
        }

        return last;
    }

    private static RoomType Room(string code, params string[] synonyms) => new()
    {
        Code = code,
        Name = new LocalizedText(new Dictionary<string, string> { ["en"] = code }),
        Synonyms = synonyms,
        MaxAdults = 2,
        MaxOccupancy = 4,
        NightlyRate = 100m,
    };
}
