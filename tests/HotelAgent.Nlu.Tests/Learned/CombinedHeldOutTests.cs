using HotelAgent.Nlu.Tests.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotelAgent.Nlu.Tests.Learned;

public sealed class CombinedHeldOutTests
{
    private static readonly string HeldOutSet = Path.Combine(AppContext.BaseDirectory, "Data", "nlu-test.jsonl");

    // The held-out split is never trained or tuned on; these floors sit just under the figures in docs/nlu.md
    // (rules alone 83.61 %, model alone 95.81 %, combined 97.59 %), so a regression shows without the split being used
    // to choose anything.
    private const double CombinedIntentFloor = 0.97;

    [Fact]
    public async Task EvaluateAsync_CombinedEngineOnHeldOutSet_BeatsRulesAloneAndStaysAtOrAboveMeasuredFigure()
    {
        var samples = await NluEvaluationTests.LoadAsync(HeldOutSet);
        var ct = TestContext.Current.CancellationToken;

        var rules = await NluEvaluation.EvaluateAsync(
            new RuleBasedNluEngine(new RuleBasedNluOptions { UseLearnedIntents = false }, NullLogger<RuleBasedNluEngine>.Instance),
            samples, TestCatalog.RoomTypes, TestCatalog.ReferenceDate, ct);
        var combined = await NluEvaluation.EvaluateAsync(new RuleBasedNluEngine(), samples, TestCatalog.RoomTypes, TestCatalog.ReferenceDate, ct);

        combined.IntentAccuracy.Should().BeGreaterThanOrEqualTo(CombinedIntentFloor);
        combined.IntentAccuracy.Should().BeGreaterThan(rules.IntentAccuracy);
        combined.EntityAccuracy.Should().BeGreaterThanOrEqualTo(rules.EntityAccuracy, "the entities are the rules' own, read for the intent the model helps decide");
    }
}
