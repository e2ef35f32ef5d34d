using System.ComponentModel.DataAnnotations;

namespace HotelAgent.Nlu;

/// <summary>
/// Options of the rule-based NLU engine registered by <c>AddRuleBasedNlu()</c>.
/// </summary>
public class RuleBasedNluOptions
{
    /// <summary>Gets or sets the language reported when a message gives no clue of its own (<c>es</c>, <c>en</c> or <c>pt</c>).</summary>
    /// <value>The default value is <c>es</c>.</value>
    [Required]
    [RegularExpression("^(es|en|pt)$")]
    public string DefaultLanguage { get; set; } = RuleBasedNluDefaults.DefaultLanguage;

    /// <summary>
    /// Gets or sets the confidence below which a recognised intent is reported as <c>out_of_scope</c>, so the dialogue
    /// answers with its fallback. <c>inform</c> results (messages that only give slot values) are never downgraded.
    /// </summary>
    /// <value>The default value is 0.3.</value>
    [Range(0.0, 1.0)]
    public double ConfidenceThreshold { get; set; } = RuleBasedNluDefaults.ConfidenceThreshold;

    /// <summary>
    /// Gets or sets the age from which a guest whose age the message gives is counted as an adult. At the default every
    /// minor is a child ("mi hija de 15" is a child); a hotel whose policy counts teenagers as adults sets 13, and then
    /// "mi hija de 15" or "two teenagers (14 and 16)" are adults while "un nene de 6" stays a child.
    /// </summary>
    /// <value>The default value is 18.</value>
    [Range(1, 18)]
    public int AdultAge { get; set; } = RuleBasedNluDefaults.AdultAge;

    /// <summary>
    /// Gets or sets a value indicating whether the intent chosen by the rules is merged with the learned intent model
    /// (see docs/nlu.md) into one calibrated confidence, which <see cref="ConfidenceThreshold"/> then applies to.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseLearnedIntents { get; set; } = true;

    /// <summary>
    /// Gets or sets the path of an intent model file retrained with your own examples (the training tool's output), used
    /// instead of the model shipped inside HotelAgent.Nlu. It is read once, when the engine is created.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the shipped model.</value>
    public string? IntentModelPath { get; set; }
}
