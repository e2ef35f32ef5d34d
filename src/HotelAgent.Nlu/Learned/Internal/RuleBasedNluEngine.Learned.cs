using HotelAgent.Abstractions;

namespace HotelAgent.Nlu;

/// <summary>The combination of the rules' intent with the learned intent model (docs/nlu.md, "Learned intents").</summary>
internal sealed partial class RuleBasedNluEngine
{
    /// <summary>Gets the learned model this engine combines with its rules, or <see langword="null"/> for rules alone.</summary>
    internal IntentModel? Model => _model;

    private static IntentModel? LearnedIntents(RuleBasedNluOptions options)
    {
        if (!options.UseLearnedIntents)
        {
            return null;
        }

        if (options.IntentModelPath is not { Length: > 0 } path)
        {
            return IntentModel.Default;
        }

        using var file = File.OpenRead(path);
        return IntentModel.Load(file);
    }

    private static (int Intent, double Confidence) Combine(IntentModel model, string text, int ruleIntent, double ruleConfidence, ExpectedAnswer expecting)
    {
        Span<float> logProbabilities = stackalloc float[IntentIds.Count];
        model.Score(text, logProbabilities);
        return model.Combine(logProbabilities, ruleIntent, ruleConfidence, expecting != ExpectedAnswer.None);
    }
}
