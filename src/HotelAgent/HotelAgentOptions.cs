using System.ComponentModel.DataAnnotations;

namespace HotelAgent;

/// <summary>
/// Options of the hotel agent, usually bound from the <c>HotelAgent</c> configuration section.
/// </summary>
public class HotelAgentOptions
{
    /// <summary>Gets or sets the language used before the guest's language is known: <c>es</c>, <c>en</c> or <c>pt</c>.</summary>
    /// <value>The default value is <c>es</c>.</value>
    [Required]
    [AllowedValues("es", "en", "pt")]
    public string DefaultLanguage { get; set; } = HotelAgentDefaults.DefaultLanguage;

    /// <summary>Gets or sets the NLU confidence below which a message is handled as not understood.</summary>
    /// <value>The default value is 0.45.</value>
    [Range(0d, 1d)]
    public double NluConfidenceThreshold { get; set; } = HotelAgentDefaults.NluConfidenceThreshold;

    /// <summary>Gets or sets how long a conversation is remembered without a new message.</summary>
    /// <value>The default value is 24 hours.</value>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan SessionTimeToLive { get; set; } = HotelAgentDefaults.SessionTimeToLive;

    /// <summary>Gets or sets the longest guest message accepted, in characters.</summary>
    /// <value>The default value is 4096.</value>
    [Range(1, 65_536)]
    public int MaxMessageLength { get; set; } = HotelAgentDefaults.MaxMessageLength;

    /// <summary>Gets or sets how many times a turn is retried when another host saved the same conversation first.</summary>
    /// <value>The default value is 3.</value>
    [Range(1, 10)]
    public int MaxConcurrencyRetries { get; set; } = HotelAgentDefaults.MaxConcurrencyRetries;

    /// <summary>Gets or sets the API key the admin endpoints (reservations) require in the <c>X-Api-Key</c> header.</summary>
    /// <value>The default value is <see langword="null"/>: admin endpoints refuse every request.</value>
    /// <remarks>A secret: never logged. At least 16 characters.</remarks>
    [MinLength(16)]
    public string? AdminApiKey { get; set; }
}

/// <summary>
/// The default values of <see cref="HotelAgentOptions"/>.
/// </summary>
internal static class HotelAgentDefaults
{
    public const string DefaultLanguage = "es";
    public const double NluConfidenceThreshold = 0.45;
    public const int MaxMessageLength = 4096;
    public const int MaxConcurrencyRetries = 3;
    public static readonly TimeSpan SessionTimeToLive = TimeSpan.FromHours(24);
}
