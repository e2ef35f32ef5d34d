using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotelAgent.Nlu.Tests.Learned;

public sealed class CombinedIntentTests
{
    private static RuleBasedNluEngine Engine(double threshold = 0.3, bool learned = true, string? path = null) =>
        new(new RuleBasedNluOptions { ConfidenceThreshold = threshold, UseLearnedIntents = learned, IntentModelPath = path }, NullLogger<RuleBasedNluEngine>.Instance);

    private static NluRequest Request(string text, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        new() { Text = text, ReferenceDate = TestCatalog.ReferenceDate, RoomTypes = TestCatalog.RoomTypes, Expecting = expecting };

    [Fact]
    public void Constructor_Default_CombinesWithTheShippedModel()
    {
        new RuleBasedNluEngine().Combiner.Should().BeSameAs(IntentModel.Default);
    }

    [Fact]
    public void Constructor_UseLearnedIntentsFalse_IsRulesAlone()
    {
        Engine(learned: false).Combiner.Should().BeNull();
    }

    [Fact]
    public void Constructor_IntentModelPath_LoadsThatModel()
    {
        var path = Path.Combine(Path.GetTempPath(), $"intent-model-{Guid.NewGuid():N}.bin");
        try
        {
            using (var file = File.Create(path))
            {
                IntentModel.Default.Write(file);
            }

            var engine = Engine(path: path);

            engine.Combiner.Should().BeOfType<IntentModel>().And.NotBeSameAs(IntentModel.Default);
            engine.Parse(Request("do you have a pool?")).Intent.Should().Be(Intents.HotelAmenities);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Constructor_IntentModelPathMissing_Throws()
    {
        var act = () => Engine(path: Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.bin"));

        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void Parse_ThresholdAboveAnyConfidence_ReportsOutOfScope()
    {
        var result = Engine(threshold: 1.0).Parse(Request("hola"));

        result.Intent.Should().Be(Intents.OutOfScope);
    }

    [Fact]
    public void Parse_Confidence_IsAProbability()
    {
        var result = Engine().Parse(Request("hola, buenas tardes"));

        result.Intent.Should().Be(Intents.Greeting);
        result.Confidence.Should().BeGreaterThan(0.5).And.BeLessThan(1.0);
    }

    [Fact]
    public void Parse_EmptyText_KeepsTheRulesDecision()
    {
        Engine().Parse(Request("  ")).Intent.Should().Be(Intents.OutOfScope);
    }

    [Fact]
    public void Parse_AnswerToConfirmation_StaysAffirm()
    {
        Engine().Parse(Request("sí, adelante", ExpectedAnswer.Confirmation)).Intent.Should().Be(Intents.Affirm);
    }

    [Fact]
    public void Parse_Entities_AreTheRulesEntities()
    {
        var request = Request("quiero reservar una doble del 10 al 12 de diciembre para 2");

        var combined = Engine().Parse(request);
        var rules = Engine(learned: false).Parse(request);

        combined.Entities.Should().Be(rules.Entities);
        combined.Language.Should().Be(rules.Language);
    }
}
