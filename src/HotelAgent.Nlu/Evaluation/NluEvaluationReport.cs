using System.Globalization;
using System.Text;

namespace HotelAgent.Nlu;

/// <summary>Precision and recall of one intent.</summary>
/// <param name="Intent">The intent.</param>
/// <param name="Support">How many samples are labelled with it.</param>
/// <param name="Predicted">How many samples the engine gave it.</param>
/// <param name="Correct">How many samples labelled with it the engine got right.</param>
public sealed record NluIntentMetrics(string Intent, int Support, int Predicted, int Correct)
{
    /// <summary>Gets the share of predictions of this intent that were right (1 when never predicted).</summary>
    public double Precision => Predicted == 0 ? 1 : (double)Correct / Predicted;

    /// <summary>Gets the share of samples of this intent that were recognised (1 when there are none).</summary>
    public double Recall => Support == 0 ? 1 : (double)Correct / Support;

    /// <summary>Gets the harmonic mean of <see cref="Precision"/> and <see cref="Recall"/>.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>How often samples of one intent were taken for another.</summary>
/// <param name="Expected">The labelled intent.</param>
/// <param name="Actual">The intent the engine gave.</param>
/// <param name="Count">How many samples.</param>
public sealed record NluConfusion(string Expected, string Actual, int Count);

/// <summary>Counts for one entity key (<c>checkIn</c>, <c>adults</c>, ...).</summary>
/// <param name="Entity">The JSON key of the entity.</param>
/// <param name="Expected">How many samples label it.</param>
/// <param name="Predicted">How many samples the engine gave it for.</param>
/// <param name="Correct">How many samples got the labelled value.</param>
public sealed record NluEntityMetrics(string Entity, int Expected, int Predicted, int Correct);

/// <summary>A sample the engine got wrong.</summary>
/// <param name="LineNumber">The line in the file.</param>
/// <param name="Text">The message.</param>
/// <param name="ExpectedIntent">The labelled intent.</param>
/// <param name="ActualIntent">The engine's intent.</param>
/// <param name="EntityDifferences">The entity keys that differ, as <c>key: expected → actual</c>, or empty.</param>
public sealed record NluEvaluationError(int LineNumber, string Text, string ExpectedIntent, string ActualIntent, string EntityDifferences);

/// <summary>
/// The result of <see cref="NluEvaluation.EvaluateAsync(HotelAgent.Abstractions.INluEngine, IEnumerable{NluSample}, IReadOnlyList{HotelAgent.Abstractions.RoomType}, DateOnly, CancellationToken)"/>.
/// </summary>
public sealed class NluEvaluationReport
{
    internal NluEvaluationReport(
        int sampleCount,
        int intentCorrect,
        int entitySlots,
        int entityCorrect,
        int languageLabelled,
        int languageCorrect,
        IReadOnlyList<NluIntentMetrics> intents,
        IReadOnlyList<NluConfusion> confusions,
        IReadOnlyList<NluEntityMetrics> entities,
        IReadOnlyList<NluEvaluationError> errors)
    {
        SampleCount = sampleCount;
        IntentAccuracy = sampleCount == 0 ? 0 : (double)intentCorrect / sampleCount;
        EntitySlotCount = entitySlots;
        EntityAccuracy = entitySlots == 0 ? 1 : (double)entityCorrect / entitySlots;
        LanguageAccuracy = languageLabelled == 0 ? 1 : (double)languageCorrect / languageLabelled;
        Intents = intents;
        Confusions = confusions;
        Entities = entities;
        Errors = errors;
    }

    /// <summary>Gets the number of samples evaluated.</summary>
    public int SampleCount { get; }

    /// <summary>Gets the share of samples whose intent was right.</summary>
    public double IntentAccuracy { get; }

    /// <summary>Gets the number of entity slots compared: per sample, the keys labelled or predicted.</summary>
    public int EntitySlotCount { get; }

    /// <summary>
    /// Gets the share of entity slots that were right: a slot is a key labelled or predicted on a sample, so both
    /// missed and spurious entities count against it.
    /// </summary>
    public double EntityAccuracy { get; }

    /// <summary>Gets the share of labelled samples whose language was detected right.</summary>
    public double LanguageAccuracy { get; }

    /// <summary>Gets the precision and recall of every intent seen, labelled or predicted.</summary>
    public IReadOnlyList<NluIntentMetrics> Intents { get; }

    /// <summary>Gets the confusions, most frequent first.</summary>
    public IReadOnlyList<NluConfusion> Confusions { get; }

    /// <summary>Gets the counts per entity key.</summary>
    public IReadOnlyList<NluEntityMetrics> Entities { get; }

    /// <summary>Gets the samples with a wrong intent or entity.</summary>
    public IReadOnlyList<NluEvaluationError> Errors { get; }

    /// <summary>Formats the report as text: totals, per-intent precision/recall, confusions, entities and (some) errors.</summary>
    /// <param name="maxErrors">How many errors to list.</param>
    /// <returns>The report.</returns>
    public string Format(int maxErrors = 30)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"Samples: {SampleCount}");
        sb.AppendLine(c, $"Intent accuracy:   {IntentAccuracy:P1}");
        sb.AppendLine(c, $"Entity accuracy:   {EntityAccuracy:P1} ({EntitySlotCount} slots)");
        sb.AppendLine(c, $"Language accuracy: {LanguageAccuracy:P1}");
        sb.AppendLine();
        sb.AppendLine(c, $"{"intent",-22} {"support",7} {"precision",9} {"recall",7} {"f1",6}");
        foreach (var m in Intents)
        {
            sb.AppendLine(c, $"{m.Intent,-22} {m.Support,7} {m.Precision,9:F2} {m.Recall,7:F2} {m.F1,6:F2}");
        }

        sb.AppendLine();
        sb.AppendLine("Confusions (expected -> actual):");
        if (Confusions.Count == 0)
        {
            sb.AppendLine("  none");
        }

        foreach (var x in Confusions)
        {
            sb.AppendLine(c, $"  {x.Count,3} x {x.Expected} -> {x.Actual}");
        }

        sb.AppendLine();
        sb.AppendLine(c, $"{"entity",-12} {"expected",8} {"predicted",9} {"correct",7}");
        foreach (var e in Entities)
        {
            sb.AppendLine(c, $"{e.Entity,-12} {e.Expected,8} {e.Predicted,9} {e.Correct,7}");
        }

        if (Errors.Count > 0 && maxErrors > 0)
        {
            sb.AppendLine();
            sb.AppendLine(c, $"Errors ({Errors.Count}, first {Math.Min(maxErrors, Errors.Count)}):");
            foreach (var e in Errors.Take(maxErrors))
            {
                var intent = e.ExpectedIntent == e.ActualIntent ? e.ActualIntent : $"{e.ExpectedIntent} -> {e.ActualIntent}";
                sb.AppendLine(c, $"  line {e.LineNumber}: [{intent}] {e.Text}");
                if (e.EntityDifferences.Length > 0)
                {
                    sb.AppendLine(c, $"      {e.EntityDifferences}");
                }
            }
        }

        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => Format();
}
