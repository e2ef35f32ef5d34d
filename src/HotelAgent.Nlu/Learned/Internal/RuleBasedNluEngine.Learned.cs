using HotelAgent.Abstractions;

namespace HotelAgent.Nlu;

/// <summary>The combination of the rules' intent with the learned intent model (docs/nlu.md, "Learned intents").</summary>
internal sealed partial class RuleBasedNluEngine
{
    /// <summary>Gets what this engine combines its rules with, or <see langword="null"/> for rules alone.</summary>
    internal IRuleIntentCombiner? Combiner => _model;

    private static IntentModel? LearnedIntents(RuleBasedNluOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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
}

/// <summary>Turns the rules' decision (and their raw intent scores) into the engine's intent and confidence.</summary>
internal interface IRuleIntentCombiner
{
    /// <summary>Returns the intent (an <see cref="IntentIds"/> value) and its confidence. Must be safe for concurrent use.</summary>
    (int Intent, double Confidence) Combine(string text, ExpectedAnswer expecting, int ruleIntent, double ruleConfidence, ReadOnlySpan<float> ruleScores, bool hasEntities);
}
