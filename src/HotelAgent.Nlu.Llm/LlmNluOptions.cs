using System.ComponentModel.DataAnnotations;

namespace HotelAgent.Nlu.Llm;

/// <summary>
/// Options of the LLM-backed NLU engine registered by <c>AddLlmNlu()</c>.
/// </summary>
public class LlmNluOptions
{
    /// <summary>Gets or sets how long one call to the chat client may take before the engine falls back.</summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan Timeout { get; set; } = LlmNluDefaults.Timeout;

    /// <summary>Gets or sets the share of failed calls, within <see cref="SamplingDuration"/>, that opens the circuit.</summary>
    /// <value>The default value is 0.5.</value>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = LlmNluDefaults.FailureRatio;

    /// <summary>Gets or sets how many calls the circuit breaker needs in <see cref="SamplingDuration"/> before it may open.</summary>
    /// <value>The default value is 4.</value>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = LlmNluDefaults.MinimumThroughput;

    /// <summary>Gets or sets the window over which failures are counted.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = LlmNluDefaults.SamplingDuration;

    /// <summary>Gets or sets how long the circuit stays open (every message goes to the rule-based engine) before a trial call.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = LlmNluDefaults.BreakDuration;

    /// <summary>Gets or sets the key of a keyed <c>IChatClient</c> to use, or <see langword="null"/> for the default one.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ChatClientKey { get; set; }

    /// <summary>Gets or sets extra instructions appended to the system prompt (hotel specifics, house vocabulary).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? AdditionalInstructions { get; set; }
}
