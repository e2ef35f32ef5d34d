using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotelAgent.Nlu.Training;

/// <summary>
/// The learned model alone, for evaluation: the intent is the model's best (reported as <c>out_of_scope</c> below the
/// threshold, <c>inform</c> excepted); language and entities come from the rules, so only the intent differs.
/// </summary>
internal sealed class ModelOnlyNluEngine(IntentModel model, double threshold) : INluEngine
{
    private readonly RuleBasedNluEngine _rules = new(new RuleBasedNluOptions { UseLearnedIntents = false }, NullLogger<RuleBasedNluEngine>.Instance);

    public ValueTask<NluResult> ParseAsync(NluRequest request, CancellationToken cancellationToken = default)
    {
        var result = _rules.Parse(request);
        Span<float> lp = stackalloc float[IntentIds.Count];
        model.Score(request.Text, request.Expecting, lp);
        var best = IntentTrainer.ArgMax(lp);
        var confidence = Math.Exp(lp[best]);
        if (confidence < threshold && best != IntentIds.Inform)
        {
            best = IntentIds.OutOfScope;
        }

        return new ValueTask<NluResult>(result with { Intent = Intents.All[best], Confidence = Math.Round(confidence, 3) });
    }
}
