using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.Learned;

public sealed class IntentModelTests
{
    private static readonly string DevSet = Path.Combine(AppContext.BaseDirectory, "Data", "nlu-dev.jsonl");

    [Fact]
    public void Default_DataHash_MatchesTheCorpus()
    {
        // The shipped model records the SHA-256 of the data it was trained on. When nlu-dev.jsonl changes, retrain:
        //   dotnet run --project samples/HotelAgent.Nlu.Training -c Release -- train
        var corpus = IntentModel.ComputeDataSha256([File.ReadAllText(DevSet)]);

        IntentModel.Default.DataSha256.Should().Be(corpus, "the shipped intent model must be retrained whenever nlu-dev.jsonl changes (see docs/nlu.md)");
    }

    [Fact]
    public void Default_Labels_AreKnownIntentsCoveringAll()
    {
        IntentModel.Default.Labels.Should().BeEquivalentTo(Intents.All);
    }

    [Fact]
    public void WriteThenLoad_RoundTrips_SameScores()
    {
        var model = IntentModel.Default;
        using var stream = new MemoryStream();
        model.Write(stream);
        stream.Position = 0;

        var copy = IntentModel.Load(stream);

        Span<float> a = stackalloc float[IntentIds.Count];
        Span<float> b = stackalloc float[IntentIds.Count];
        foreach (var text in new[] { "hola", "what time is check-out?", "quero cancelar a minha reserva" })
        {
            model.Score(text, ExpectedAnswer.None, a).Should().BeTrue();
            copy.Score(text, ExpectedAnswer.None, b).Should().BeTrue();
            a.ToArray().Should().Equal(b.ToArray());
        }

        copy.DataSha256.Should().Be(model.DataSha256);
        copy.Combination.ToArray().Should().Equal(model.Combination.ToArray());
    }

    [Fact]
    public void Load_NotAModel_ThrowsInvalidData()
    {
        using var stream = new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8]);

        var act = () => IntentModel.Load(stream);

        act.Should().Throw<InvalidDataException>();
    }

    [Theory]
    [InlineData("¿Tienen habitaciones libres para el finde?", Intents.CheckAvailability)]
    [InlineData("what time do I have to leave the room?", Intents.CheckOutInfo)]
    [InlineData("Quero cancelar a minha reserva", Intents.CancelReservation)]
    public void Score_TypicalMessages_RanksTheirIntentFirst(string text, string intent)
    {
        Span<float> lp = stackalloc float[IntentIds.Count];
        IntentModel.Default.Score(text, ExpectedAnswer.None, lp);

        var best = 0;
        for (var i = 1; i < lp.Length; i++)
        {
            best = lp[i] > lp[best] ? i : best;
        }

        Intents.All[best].Should().Be(intent);
    }

    [Fact]
    public void Score_TyposAndAccents_GiveTheSameFeaturesAsTheCleanText()
    {
        Span<float> clean = stackalloc float[IntentIds.Count];
        Span<float> folded = stackalloc float[IntentIds.Count];
        IntentModel.Default.Score("habitacion", ExpectedAnswer.None, clean);
        IntentModel.Default.Score("HABITACIÓN", ExpectedAnswer.None, folded);

        folded.ToArray().Should().Equal(clean.ToArray());
    }

    [Fact]
    public void Score_Empty_ReportsNoWords()
    {
        Span<float> lp = stackalloc float[IntentIds.Count];

        IntentModel.Default.Score("  ¿? ", ExpectedAnswer.None, lp).Should().BeFalse();
    }

    [Fact]
    public async Task Combine_ConcurrentCalls_GiveTheSameResults()
    {
        var engine = new RuleBasedNluEngine();
        string[] texts = ["hola", "do you have a pool?", "quiero reservar del 10 al 12", "no, gracias", "tem estacionamento?"];
        var expected = texts.Select(t => engine.Parse(new NluRequest { Text = t, ReferenceDate = TestCatalog.ReferenceDate })).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(
            () => (i % texts.Length, engine.Parse(new NluRequest { Text = texts[i % texts.Length], ReferenceDate = TestCatalog.ReferenceDate })),
            TestContext.Current.CancellationToken)));

        foreach (var (index, result) in results)
        {
            result.Should().BeEquivalentTo(expected[index]);
        }
    }
}
