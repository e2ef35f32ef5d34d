using System.ComponentModel.DataAnnotations;

namespace HotelAgent;

/// <summary>
/// Options of one named property (hotel) of a host that serves several, named by the property (usually bound from
/// <c>HotelAgent:Properties:{name}</c>). What is not set here is the host's (<see cref="HotelAgentOptions"/>): the
/// reply texts, the handoff timeout, the PMS resilience and the inbox settings.
/// </summary>
public class HotelPropertyOptions
{
    /// <summary>
    /// Gets or sets the language used before the guest's language is known (<c>es</c>, <c>en</c> or <c>pt</c>).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the host's <see cref="HotelAgentOptions.DefaultLanguage"/>.</value>
    [AllowedValues(null, "es", "en", "pt", ErrorMessage = "DefaultLanguage must be one of es, en or pt (Spanish, English, Portuguese).")]
    public string? DefaultLanguage { get; set; }

    /// <summary>
    /// Gets what the agent knows of this property beyond its PMS (amenities, policies, directions, reception hours,
    /// time zone). The host's <see cref="HotelAgentOptions.Knowledge"/> does not apply to a named property.
    /// </summary>
    public HotelKnowledgeOptions Knowledge { get; } = new();

    /// <summary>
    /// Gets reply texts of this property that replace the host's and the built-in ones: reply key, then language,
    /// then template (as <see cref="HotelAgentOptions.Replies"/>).
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> Replies { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets the WhatsApp phone-number ids of this property: messages to these numbers (webhook
    /// <c>metadata.phone_number_id</c>) are this property's. Each number also needs its <c>AddWhatsAppChannel(id, ...)</c>.
    /// </summary>
    public IList<string> WhatsAppPhoneNumberIds { get; } = [];

    /// <summary>
    /// Gets the names of further channels whose every message is this property's, for example <c>email</c> for the
    /// host's mailbox, or the name of a channel of your own.
    /// </summary>
    public IList<string> Channels { get; } = [];
}
