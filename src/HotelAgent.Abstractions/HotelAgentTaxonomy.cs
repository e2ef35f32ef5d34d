using Microsoft.Extensions.Compliance.Classification;

namespace HotelAgent.Abstractions;

/// <summary>
/// The data classes of HotelAgent.Sdk, for Microsoft.Extensions.Compliance redaction: log parameters holding guest
/// content (message text, names, emails, phones) carry <see cref="GuestDataAttribute"/>.
/// </summary>
/// <example>
/// Erase guest data from every log, even at Trace:
/// <code>
/// builder.Logging.EnableRedaction();
/// builder.Services.AddRedaction(r => r.SetRedactor&lt;ErasingRedactor&gt;(new DataClassificationSet(HotelAgentTaxonomy.GuestData)));
/// </code>
/// </example>
public static class HotelAgentTaxonomy
{
    /// <summary>Gets the taxonomy name.</summary>
    public static string TaxonomyName { get; } = "HotelAgent";

    /// <summary>Gets the class of guest content: message text, names, emails, phone numbers.</summary>
    public static DataClassification GuestData { get; } = new(TaxonomyName, nameof(GuestData));
}

/// <summary>
/// Marks a log parameter, property or field as guest content (<see cref="HotelAgentTaxonomy.GuestData"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class GuestDataAttribute : DataClassificationAttribute
{
    /// <summary>Initializes a new instance of the <see cref="GuestDataAttribute"/> class.</summary>
    public GuestDataAttribute()
        : base(HotelAgentTaxonomy.GuestData)
    {
    }
}
