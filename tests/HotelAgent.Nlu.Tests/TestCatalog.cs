using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests;

/// <summary>The canonical room-type catalogue of the NLU tests and of the evaluation data set.</summary>
public static class TestCatalog
{
    /// <summary>The reference date of <c>Data/nlu-dev.jsonl</c> (a Wednesday).</summary>
    public static readonly DateOnly ReferenceDate = new(2026, 3, 11);

    public static IReadOnlyList<RoomType> RoomTypes { get; } =
    [
        Room("single", 1, 1, 70m, ("es", "Habitación individual"), ("en", "Single room"), ("pt", "Quarto individual"),
            "individual", "sencilla", "simple", "single", "solteiro"),
        Room("double", 2, 3, 95m, ("es", "Habitación doble"), ("en", "Double room"), ("pt", "Quarto duplo"),
            "doble", "matrimonial", "double", "casal", "duplo", "cama de matrimonio", "cama doble"),
        Room("twin", 2, 2, 95m, ("es", "Habitación con dos camas"), ("en", "Twin room"), ("pt", "Quarto com duas camas"),
            "dos camas", "twin", "duas camas", "two beds", "camas separadas", "separate beds", "camas individuales"),
        Room("suite", 2, 4, 180m, ("es", "Suite"), ("en", "Suite"), ("pt", "Suíte"),
            "suite", "suíte", "junior suite"),
        Room("family", 4, 5, 150m, ("es", "Habitación familiar"), ("en", "Family room"), ("pt", "Quarto familiar"),
            "familiar", "family", "quarto familiar", "family room"),
    ];

    private static RoomType Room(string code, int maxAdults, int maxOccupancy, decimal rate, (string, string) es, (string, string) en, (string, string) pt, params string[] synonyms) =>
        new()
        {
            Code = code,
            Name = new LocalizedText(new Dictionary<string, string> { [es.Item1] = es.Item2, [en.Item1] = en.Item2, [pt.Item1] = pt.Item2 }),
            Synonyms = synonyms,
            MaxAdults = maxAdults,
            MaxOccupancy = maxOccupancy,
            NightlyRate = rate,
        };
}
