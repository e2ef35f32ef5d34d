namespace HotelAgent.Nlu.Tests.Evaluation;

public sealed class NluEvaluationReaderTests
{
    private static async Task<List<NluSample>> ReadAsync(string text)
    {
        var list = new List<NluSample>();
        await foreach (var s in NluEvaluation.ReadJsonLinesAsync(new StringReader(text), TestContext.Current.CancellationToken))
        {
            list.Add(s);
        }

        return list;
    }

    [Fact]
    public async Task ReadJsonLinesAsync_ValidLines_ReadsEntitiesAndSkipsComments()
    {
        var samples = await ReadAsync("""
            # reference date 2026-03-11

            {"text": "del 10 al 12", "lang": "es", "intent": "inform", "entities": {"checkIn": "2026-12-10", "checkOut": "2026-12-12", "adults": 2, "children": "1"}}
            {"text": "hola", "intent": "greeting", "referenceDate": "2026-01-01"}
            """);

        samples.Should().HaveCount(2);
        samples[0].LineNumber.Should().Be(3);
        samples[0].Entities.CheckIn.Should().Be(new DateOnly(2026, 12, 10));
        samples[0].Entities.Adults.Should().Be(2);
        samples[0].Entities.Children.Should().Be(1);
        samples[1].ReferenceDate.Should().Be(new DateOnly(2026, 1, 1));
        samples[1].Entities.IsEmpty.Should().BeTrue();
    }

    [Theory]
    [InlineData("{\"text\": \"hola\"}", "intent")]
    [InlineData("{\"text\": \"hola\", \"intent\": \"greeting\", \"entities\": {\"checkin\": \"2026-01-01\"}}", "unknown entity")]
    [InlineData("{\"text\": \"hola\", \"intent\": \"greeting\", \"entities\": {\"checkIn\": \"01/01/2026\"}}", "ISO date")]
    [InlineData("not json", "Line 2")]
    public async Task ReadJsonLinesAsync_BadLine_ThrowsNamingLine(string line, string fragment)
    {
        var act = () => ReadAsync("{\"text\": \"ok\", \"intent\": \"affirm\"}\n" + line);

        var ex = await act.Should().ThrowAsync<FormatException>();
        ex.Which.Message.Should().StartWith("Line 2:").And.Contain(fragment);
    }

    [Fact]
    public async Task EvaluateAsync_KnownMistakes_CountsPrecisionRecallAndConfusions()
    {
        var samples = new[]
        {
            new NluSample { Text = "hola", Intent = "greeting", Language = "es" },
            new NluSample { Text = "gracias", Intent = "greeting", Language = "en" },
            new NluSample { Text = "somos 3", Intent = "inform", Entities = new() { Adults = 2 } },
        };

        var report = await NluEvaluation.EvaluateAsync(new RuleBasedNluEngine(), samples, TestCatalog.RoomTypes, TestCatalog.ReferenceDate, TestContext.Current.CancellationToken);

        report.SampleCount.Should().Be(3);
        report.IntentAccuracy.Should().BeApproximately(2 / 3.0, 1e-9);
        report.EntityAccuracy.Should().Be(0);
        report.LanguageAccuracy.Should().Be(0.5);
        report.Confusions.Should().ContainSingle().Which.Should().Be(new NluConfusion("greeting", "thanks", 1));
        var greeting = report.Intents.Single(i => i.Intent == "greeting");
        greeting.Recall.Should().Be(0.5);
        greeting.Precision.Should().Be(1);
        report.Errors.Should().HaveCount(2);
        report.Format().Should().Contain("Intent accuracy").And.Contain("greeting -> thanks").And.Contain("adults: 2 -> 3");
    }
}
