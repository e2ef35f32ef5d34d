using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.Evaluation;

public sealed class NluEvaluationTests(ITestOutputHelper output)
{
    private static readonly string DataSet = Path.Combine(AppContext.BaseDirectory, "Data", "nlu-dev.jsonl");
    private static readonly string HeldOutSet = Path.Combine(AppContext.BaseDirectory, "Data", "nlu-test.jsonl");

    internal static async Task<List<NluSample>> LoadAsync(string? path = null)
    {
        await using var stream = File.OpenRead(path ?? DataSet);
        var samples = new List<NluSample>();
        await foreach (var sample in NluEvaluation.ReadJsonLinesAsync(stream, TestContext.Current.CancellationToken))
        {
            samples.Add(sample);
        }

        return samples;
    }

    [Fact]
    public async Task DataSet_Shape_CoversEveryIntentAndLanguage()
    {
        var samples = await LoadAsync();

        samples.Should().HaveCountGreaterThanOrEqualTo(400);
        samples.Select(s => s.Language).Distinct().Should().BeEquivalentTo(["es", "en", "pt"]);
        foreach (var intent in Intents.All)
        {
            samples.Count(s => s.Intent == intent).Should().BeGreaterThanOrEqualTo(15, $"intent {intent} needs enough samples");
        }

        samples.Select(s => (s.Text, s.Language)).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task EvaluateAsync_RuleBasedEngineOnDevSet_StaysAtOrAboveMeasuredFigures()
    {
        var samples = await LoadAsync();
        var ct = TestContext.Current.CancellationToken;

        var report = await NluEvaluation.EvaluateAsync(new RuleBasedNluEngine(), samples, TestCatalog.RoomTypes, TestCatalog.ReferenceDate, ct);
        output.WriteLine(report.Format(maxErrors: 200));

        // 513 lines written with the vocabulary, 1,056 written by guests who never saw it, 1,546 short, general guest
        // messages and 612 whole guest messages (the learned intents are trained on all of them); the floors sit just
        // under the figures in docs/nlu.md.
        report.SampleCount.Should().Be(samples.Count);
        report.IntentAccuracy.Should().BeGreaterThanOrEqualTo(0.97);
        report.LanguageAccuracy.Should().BeGreaterThanOrEqualTo(0.94);

        // Entities are labelled on the first 3,115 messages only: the whole guest messages appended after them carry an
        // intent and a language, and a missing label would count every entity the rules read in them as wrong.
        var entityLabelled = samples.Take(EntityLabelledCount).ToList();
        var entities = await NluEvaluation.EvaluateAsync(new RuleBasedNluEngine(), entityLabelled, TestCatalog.RoomTypes, TestCatalog.ReferenceDate, ct);
        entities.EntityAccuracy.Should().BeGreaterThanOrEqualTo(0.83);
    }

    private const int EntityLabelledCount = 3115;

    [Fact]
    public async Task EvaluateAsync_RuleBasedEngineOnHeldOutSet_StaysAtOrAboveMeasuredFigures()
    {
        // nlu-test.jsonl was written from the guests' side by people who had not read the engine or its vocabulary and
        // is never trained on; the failing lines of its first 787 messages were read to choose classes to fix, the 350
        // after them were not (docs/nlu.md). The floors sit just under the figures there.
        var samples = await LoadAsync(HeldOutSet);
        samples.Should().HaveCountGreaterThanOrEqualTo(700);
        samples.Select(s => s.Language).Distinct().Should().BeEquivalentTo(["es", "en", "pt"]);

        var report = await NluEvaluation.EvaluateAsync(new RuleBasedNluEngine(), samples, TestCatalog.RoomTypes, TestCatalog.ReferenceDate, TestContext.Current.CancellationToken);
        output.WriteLine(report.Format(maxErrors: 400));

        report.IntentAccuracy.Should().BeGreaterThanOrEqualTo(HeldOutIntentFloor);
        report.EntityAccuracy.Should().BeGreaterThanOrEqualTo(HeldOutEntityFloor);
        report.LanguageAccuracy.Should().BeGreaterThanOrEqualTo(HeldOutLanguageFloor);
    }

    [Fact]
    public async Task EvaluateAsync_RuleBasedEngineOnPendingDevBatches_StaysAtOrAboveMeasuredFigures()
    {
        // nlu-dev-pending.jsonl: the four dev batches written blind after the learned model was last trained, read to
        // choose classes (docs/nlu.md). Not trained on; the floors sit just under the figures measured on them (intent
        // 92.6 %, entity 96.4 % on 1,786 messages).
        var samples = await LoadAsync(PendingDevSet);
        samples.Should().HaveCountGreaterThanOrEqualTo(1700);

        var report = await NluEvaluation.EvaluateAsync(new RuleBasedNluEngine(), samples, TestCatalog.RoomTypes, TestCatalog.ReferenceDate, TestContext.Current.CancellationToken);
        output.WriteLine(report.Format(maxErrors: 100));

        report.IntentAccuracy.Should().BeGreaterThanOrEqualTo(0.92);
        report.EntityAccuracy.Should().BeGreaterThanOrEqualTo(0.96);
    }

    private static readonly string PendingDevSet = Path.Combine(AppContext.BaseDirectory, "Data", "nlu-dev-pending.jsonl");

    private const double HeldOutIntentFloor = 0.97;
    private const double HeldOutEntityFloor = 0.945;
    private const double HeldOutLanguageFloor = 0.95;
}
