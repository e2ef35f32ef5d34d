using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// Options of the hotel agent, usually bound from the <c>HotelAgent</c> configuration section.
/// </summary>
public class HotelAgentOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether replies offering room types carry each one's first photo (from the PMS),
    /// captioned with its name; channels that cannot show pictures send the text alone.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RoomPhotos { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the reply to a booking made or changed in the conversation carries a
    /// confirmation card: a PNG QR code of the reservation code, captioned with the booking's facts (code, hotel, guest,
    /// dates, room, people, total), so channels that cannot show pictures still send every fact as text.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool BookingCard { get; set; } = true;

    /// <summary>Gets or sets the language used before the guest's language is known: <c>es</c>, <c>en</c> or <c>pt</c>.</summary>
    /// <value>The default value is <c>es</c>.</value>
    [Required]
    [AllowedValues("es", "en", "pt", ErrorMessage = "DefaultLanguage must be one of es, en or pt (Spanish, English, Portuguese).")]
    public string DefaultLanguage { get; set; } = HotelAgentDefaults.DefaultLanguage;

    /// <summary>Gets or sets the NLU confidence below which a message is handled as not understood.</summary>
    /// <value>The default value is 0.3.</value>
    [Range(0d, 1d)]
    public double NluConfidenceThreshold { get; set; } = HotelAgentDefaults.NluConfidenceThreshold;

    /// <summary>
    /// Gets or sets how sure understanding must be of another language (<see cref="HotelAgent.Abstractions.NluResult.LanguageConfidence"/>)
    /// before a conversation switches to it; messages of fewer than three words never switch it.
    /// </summary>
    /// <value>The default value is 0.3.</value>
    [Range(0d, 1d)]
    public double LanguageSwitchConfidence { get; set; } = HotelAgentDefaults.LanguageSwitchConfidence;

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

    /// <summary>Gets or sets how many messages the in-memory inbox holds before channels wait to enqueue more.</summary>
    /// <value>The default value is 1000.</value>
    [Range(1, 10_000_000)]
    public int InboxCapacity { get; set; } = HotelAgentDefaults.InboxCapacity;

    /// <summary>
    /// Gets or sets how many inbox messages are handled at once (messages of one conversation stay in order). Each
    /// lane mostly waits for the channel's API to take the replies, so a host answers about this many guests per round
    /// trip of that API.
    /// </summary>
    /// <value>The default value is 32.</value>
    [Range(1, 256)]
    public int InboxWorkers { get; set; } = HotelAgentDefaults.InboxWorkers;

    /// <summary>
    /// Gets or sets a value indicating whether this host answers the messages of its inbox. Turn it off on hosts that
    /// only take in webhooks into a shared inbox (Redis) that other hosts answer; a host with the in-memory inbox and
    /// this off answers nothing.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ProcessInbox { get; set; } = true;

    /// <summary>Gets or sets how many times an inbox message is tried before it becomes a dead letter.</summary>
    /// <value>The default value is 5.</value>
    [Range(1, 100)]
    public int InboxMaxAttempts { get; set; } = HotelAgentDefaults.InboxMaxAttempts;

    /// <summary>Gets or sets the wait before a failed inbox message is tried again; it doubles with each attempt.</summary>
    /// <value>The default value is 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan InboxRetryDelay { get; set; } = HotelAgentDefaults.InboxRetryDelay;

    /// <summary>Gets or sets how long channel message ids are remembered to drop redeliveries.</summary>
    /// <value>The default value is 7 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan DeduplicationWindow { get; set; } = HotelAgentDefaults.DeduplicationWindow;

    /// <summary>Gets or sets how long a handoff may go without a staff action before the agent answers the guest again.</summary>
    /// <value>The default value is 30 minutes.</value>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan HandoffTimeout { get; set; } = HotelAgentDefaults.HandoffTimeout;

    /// <summary>Gets or sets how many messages in a row the agent may fail to understand before it offers a person.</summary>
    /// <value>The default value is 2.</value>
    [Range(1, 10)]
    public int FallbacksBeforeHandoffOffer { get; set; } = HotelAgentDefaults.FallbacksBeforeHandoffOffer;

    /// <summary>
    /// Gets the reply texts that replace the built-in ones: reply key, then language code (<c>es</c>, <c>en</c>,
    /// <c>pt</c>), then a composite-format template (docs/conversations.md lists the keys and their placeholders).
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> Replies { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets how calls to the PMS are timed out, retried and broken off when it fails.</summary>
    [ValidateObjectMembers]
    public PmsResilienceOptions PmsResilience { get; } = new();

    /// <summary>Gets how often the ownership of a booking may be checked (code plus email) before look-ups of that code pause.</summary>
    [ValidateObjectMembers]
    public BookingVerificationOptions Verification { get; } = new();

    /// <summary>Gets what the agent knows of the hotel beyond the PMS (amenities, policies, directions, reception hours).</summary>
    public HotelKnowledgeOptions Knowledge { get; } = new();

    /// <summary>Gets or sets the API key the admin endpoints (reservations) require in the <c>X-Api-Key</c> header.</summary>
    /// <value>The default value is <see langword="null"/>: admin endpoints refuse every request.</value>
    /// <remarks>A secret: never logged. At least 16 characters.</remarks>
    [MinLength(16)]
    public string? AdminApiKey { get; set; }

    /// <summary>
    /// Gets or sets the key of the keyed hash (HMAC-SHA256) that stands for conversation ids in logs below
    /// <c>Trace</c> (a WhatsApp conversation id holds the guest's phone number), and that signs the web-chat
    /// conversation ids the server issues (<c>POST v1/conversations</c>).
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: a random key per process, so the hashes in logs differ between
    /// hosts and restarts, and issued web-chat ids are random but not signed.
    /// </value>
    /// <remarks>A secret: never logged. At least 16 characters. Give every host of a hotel the same key.</remarks>
    [MinLength(16)]
    public string? IdentifierKey { get; set; }

    /// <summary>
    /// Gets or sets whether the web chat accepts only conversation ids the server issued (<c>POST v1/conversations</c>)
    /// and refuses ids a client chose itself.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: client-chosen ids are accepted, in the web chat's own namespace.</value>
    /// <remarks>Requires <see cref="IdentifierKey"/>, which signs the issued ids.</remarks>
    public bool RequireIssuedConversationIds { get; set; }
}

/// <summary>
/// The default values of <see cref="HotelAgentOptions"/>.
/// </summary>
internal static class HotelAgentDefaults
{
    public const string DefaultLanguage = "es";
    public const double NluConfidenceThreshold = 0.3;

    /// <summary>The default <see cref="HotelAgentOptions.LanguageSwitchConfidence"/>.</summary>
    public const double LanguageSwitchConfidence = 0.3;
    public const int MaxMessageLength = 4096;
    public const int MaxConcurrencyRetries = 3;
    public const int InboxCapacity = 1000;
    public const int InboxWorkers = 32;
    public const int InboxMaxAttempts = 5;
    public static readonly TimeSpan SessionTimeToLive = TimeSpan.FromHours(24);
    public static readonly TimeSpan InboxRetryDelay = TimeSpan.FromSeconds(2);
    public const int FallbacksBeforeHandoffOffer = 2;
    public static readonly TimeSpan DeduplicationWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan HandoffTimeout = TimeSpan.FromMinutes(30);
}
