using System.ComponentModel.DataAnnotations;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// Options of one WhatsApp Business phone number (one hotel). Several numbers in one host are named options keyed by
/// their phone-number id (see <c>AddWhatsAppChannel(phoneNumberId, ...)</c>).
/// </summary>
/// <remarks>
/// <see cref="AccessToken"/>, <see cref="AppSecret"/> and <see cref="VerifyToken"/> are secrets: they are never logged.
/// </remarks>
public class WhatsAppOptions
{
    /// <summary>Gets or sets the Graph API id of the business phone number (not the phone number itself).</summary>
    /// <value>The default value is <see langword="null"/>; with a named registration it defaults to the name.</value>
    [Required]
    [RegularExpression("^[0-9A-Za-z_-]{1,64}$")]
    public string? PhoneNumberId { get; set; }

    /// <summary>Gets or sets the access token (a system-user token) sent as a bearer token to the Graph API. A secret.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [Required]
    public string? AccessToken { get; set; }

    /// <summary>Gets or sets the Meta app secret that signs webhooks (<c>X-Hub-Signature-256</c>). A secret.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [Required]
    public string? AppSecret { get; set; }

    /// <summary>Gets or sets the token Meta sends when it verifies the webhook URL (<c>hub.verify_token</c>). A secret.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [Required]
    public string? VerifyToken { get; set; }

    /// <summary>Gets or sets the base address of the Graph API.</summary>
    /// <value>The default value is <c>https://graph.facebook.com</c>.</value>
    [Required]
    public Uri GraphApiBaseUrl { get; set; } = new(WhatsAppDefaults.GraphApiBaseUrl);

    /// <summary>Gets or sets the Graph API version, for example <c>v21.0</c>.</summary>
    /// <value>The default value is <c>v21.0</c>.</value>
    [Required]
    [RegularExpression(@"^v[0-9]+\.[0-9]+$")]
    public string GraphApiVersion { get; set; } = WhatsAppDefaults.GraphApiVersion;

    /// <summary>
    /// Gets or sets the approved template sent instead of a reply when the guest last wrote more than 24 hours ago
    /// (outside the customer-service window only templates may be sent).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: out-of-window replies are dead-lettered.</value>
    public string? OutOfWindowTemplateName { get; set; }

    /// <summary>Gets or sets the language code of <see cref="OutOfWindowTemplateName"/>, for example <c>es</c> or <c>en_US</c>.</summary>
    /// <value>The default value is <c>es</c>.</value>
    [Required]
    public string OutOfWindowTemplateLanguage { get; set; } = WhatsAppDefaults.OutOfWindowTemplateLanguage;

    /// <summary>
    /// Gets or sets a value indicating whether the template has one body variable (<c>{{1}}</c>) that receives the text of
    /// the reply it stands in for.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool OutOfWindowTemplateIncludesText { get; set; }

    /// <summary>Gets or sets the text of the button that opens a list message (at most 20 characters).</summary>
    /// <value>The default value is <c>Options</c>.</value>
    [Required]
    [StringLength(20, MinimumLength = 1)]
    public string ListButtonText { get; set; } = WhatsAppDefaults.ListButtonText;

    /// <summary>Gets or sets a value indicating whether voice notes, images and documents are downloaded into the message.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DownloadMedia { get; set; } = true;

    /// <summary>Gets or sets the largest media file downloaded, in bytes; larger files reach the agent with their id only.</summary>
    /// <value>The default value is 10 MiB.</value>
    [Range(1, 104_857_600)]
    public int MaxMediaBytes { get; set; } = WhatsAppDefaults.MaxMediaBytes;

    /// <summary>Gets or sets how long the webhook waits for the media of one request before queueing the messages without their bytes.</summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MediaDownloadTimeout { get; set; } = WhatsAppDefaults.MediaDownloadTimeout;

    /// <summary>Gets or sets a value indicating whether a message is marked as read (blue ticks) with a typing indicator when the agent takes it from the inbox.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool MarkAsRead { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the pictures and documents of replies (room photos, a booking
    /// confirmation) are sent, each as its own message before the reply's text (inside the 24-hour window; a template
    /// outside it carries text only). Media at a public http(s) address go as links, media given as bytes are uploaded
    /// first, media without a public address are left out; media the Graph API refuses are sent as their caption in a
    /// text message instead. When <see langword="false"/>, replies are sent as text only.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SendMedia { get; set; } = true;

    /// <summary>Gets or sets how long message ids are remembered to drop redeliveries (Meta redelivers for days).</summary>
    /// <value>The default value is 7 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan DeduplicationWindow { get; set; } = WhatsAppDefaults.DeduplicationWindow;

    /// <summary>
    /// Gets or sets how long a message id stays registered before its message is recorded in the inbox; only then is it
    /// kept for <see cref="DeduplicationWindow"/>. A host that dies in between blocks Meta's redelivery for this long only.
    /// </summary>
    /// <value>The default value is 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DeduplicationPendingTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long the webhook waits for room in a full inbox before answering 503 (Meta then redelivers).</summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan EnqueueTimeout { get; set; } = WhatsAppDefaults.EnqueueTimeout;

    /// <summary>
    /// Gets or sets how long opening a connection to the Graph API (TCP connect and TLS handshake) may take before the
    /// attempt fails; the attempt is then retried like any network failure.
    /// </summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = WhatsAppDefaults.ConnectTimeout;

    /// <summary>Gets or sets the timeout of one Graph API attempt.</summary>
    /// <value>The default value is 15 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = WhatsAppDefaults.AttemptTimeout;

    /// <summary>Gets or sets the timeout of one Graph API call, retries included.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:30:00")]
    public TimeSpan TotalRequestTimeout { get; set; } = WhatsAppDefaults.TotalRequestTimeout;

    /// <summary>Gets or sets how many times a Graph API call is retried after a 408, 429, 5xx or network failure.</summary>
    /// <value>The default value is 3.</value>
    [Range(1, 10)]
    public int MaxRetryAttempts { get; set; } = WhatsAppDefaults.MaxRetryAttempts;

    /// <summary>Gets or sets the base delay between retries (exponential, with jitter); a <c>Retry-After</c> header takes precedence.</summary>
    /// <value>The default value is 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = WhatsAppDefaults.RetryDelay;
}

/// <summary>
/// The default values of <see cref="WhatsAppOptions"/>.
/// </summary>
internal static class WhatsAppDefaults
{
    public const string GraphApiBaseUrl = "https://graph.facebook.com";
    public const string GraphApiVersion = "v21.0";
    public const string OutOfWindowTemplateLanguage = "es";
    public const string ListButtonText = "Options";
    public const int MaxMediaBytes = 10 * 1024 * 1024;
    public const int MaxRetryAttempts = 3;
    public const int MaxWebhookBodyBytes = 1024 * 1024;
    public static readonly TimeSpan MediaDownloadTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DeduplicationWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan EnqueueTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan TotalRequestTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan CustomerServiceWindow = TimeSpan.FromHours(24);
}
