using System.ComponentModel.DataAnnotations;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Options of the email channel: the IMAP mailbox it reads and the SMTP server it answers through.
/// </summary>
/// <remarks>
/// The default mailbox's options are the unnamed ones (<c>HotelAgent:Email</c>); a named mailbox's
/// (<c>AddEmailChannel("lisbon", ...)</c>, a property's <c>p.AddEmailChannel(...)</c>) are named by the mailbox.
/// <see cref="Password"/> and <see cref="SmtpPassword"/> are secrets: they are never logged. With Gmail, use
/// <c>imap.gmail.com</c>:993, <c>smtp.gmail.com</c>:587 and an app password.
/// </remarks>
public class EmailOptions
{
    /// <summary>Gets or sets the host name of the IMAP server.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [Required]
    public string? ImapHost { get; set; }

    /// <summary>Gets or sets the port of the IMAP server.</summary>
    /// <value>The default value is 993.</value>
    [Range(1, 65535)]
    public int ImapPort { get; set; } = EmailDefaults.ImapPort;

    /// <summary>Gets or sets how the IMAP connection is secured.</summary>
    /// <value>The default value is <see cref="EmailSecurity.Auto"/>.</value>
    public EmailSecurity ImapSecurity { get; set; }

    /// <summary>Gets or sets the host name of the SMTP server.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [Required]
    public string? SmtpHost { get; set; }

    /// <summary>Gets or sets the port of the SMTP server.</summary>
    /// <value>The default value is 587.</value>
    [Range(1, 65535)]
    public int SmtpPort { get; set; } = EmailDefaults.SmtpPort;

    /// <summary>Gets or sets how the SMTP connection is secured.</summary>
    /// <value>The default value is <see cref="EmailSecurity.Auto"/>.</value>
    public EmailSecurity SmtpSecurity { get; set; }

    /// <summary>Gets or sets the user name of the mailbox (usually its address).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [Required]
    public string? UserName { get; set; }

    /// <summary>Gets or sets the password of the mailbox (with Gmail, an app password). A secret.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [Required]
    public string? Password { get; set; }

    /// <summary>Gets or sets the SMTP user name, when it differs from <see cref="UserName"/>.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="UserName"/> is used.</value>
    public string? SmtpUserName { get; set; }

    /// <summary>Gets or sets the SMTP password, when it differs from <see cref="Password"/>. A secret.</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="Password"/> is used.</value>
    public string? SmtpPassword { get; set; }

    /// <summary>Gets or sets the address replies are sent from (the hotel's address).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [Required]
    [EmailAddress]
    public string? Address { get; set; }

    /// <summary>Gets or sets the display name replies are sent with, for example the hotel's name.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? DisplayName { get; set; }

    /// <summary>
    /// Gets or sets the subject of a reply outside a thread: to a mail without subject, or to a guest whose mail the
    /// channel has not seen (after a restart). Left at its default, the subject follows the reply's language
    /// ("Your stay", "Su estancia", "A sua estadia"); any other value is used for every language.
    /// </summary>
    /// <value>The default value is <c>Your stay</c>.</value>
    [Required]
    public string DefaultSubject { get; set; } = EmailDefaults.DefaultSubject;

    /// <summary>Gets or sets the IMAP folder read for guest mail.</summary>
    /// <value>The default value is <c>INBOX</c>.</value>
    [Required]
    public string Folder { get; set; } = EmailDefaults.Folder;

    /// <summary>Gets or sets the IMAP keyword set on a mail once it is answered (or found not to need an answer); mails with it are not read again.</summary>
    /// <value>The default value is <c>$HotelAgentProcessed</c>.</value>
    [Required]
    [RegularExpression(@"^[$A-Za-z0-9_\-]{1,64}$")]
    public string ProcessedKeyword { get; set; } = EmailDefaults.ProcessedKeyword;

    /// <summary>Gets or sets how often the mailbox is polled for new mail.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = EmailDefaults.PollInterval;

    /// <summary>Gets or sets how old a mail may be and still be answered; older unprocessed mail (a mailbox connected for the first time) is left alone.</summary>
    /// <value>The default value is 3 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan MaxMessageAge { get; set; } = EmailDefaults.MaxMessageAge;

    /// <summary>Gets or sets the most mails taken in per poll.</summary>
    /// <value>The default value is 50.</value>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = EmailDefaults.BatchSize;

    /// <summary>Gets or sets how long the ids of answered mails are remembered, so a mail that arrives again is not answered twice.</summary>
    /// <value>The default value is 30 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan DeduplicationWindow { get; set; } = EmailDefaults.DeduplicationWindow;

    /// <summary>Gets or sets how long the channel waits for room in a full inbox before leaving the mail for the next poll.</summary>
    /// <value>The default value is 10 seconds.</value>
    /// <remarks>Kept for configuration compatibility: guest mails are answered by the channel itself and no longer queued in the inbox.</remarks>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan EnqueueTimeout { get; set; } = EmailDefaults.EnqueueTimeout;

    /// <summary>
    /// Gets or sets the longest time to connect to the IMAP or SMTP server: the TCP connection, TLS (or STARTTLS), the
    /// server's greeting and its capabilities. A connect that takes longer fails as a <see cref="TimeoutException"/>:
    /// the poller backs off and reconnects, and a reply is retried (a transient failure).
    /// </summary>
    /// <value>The default value is 5 seconds.</value>
    /// <remarks><see cref="OperationTimeout"/> still bounds each read and write while connecting.</remarks>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = EmailDefaults.ConnectTimeout;

    /// <summary>Gets or sets the timeout of one IMAP or SMTP operation (a command and its reply, one read or write).</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan OperationTimeout { get; set; } = EmailDefaults.OperationTimeout;

    /// <summary>Gets or sets the first delay before reconnecting after an IMAP error; it doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    /// <value>The default value is 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ReconnectDelay { get; set; } = EmailDefaults.ReconnectDelay;

    /// <summary>Gets or sets the longest delay between reconnection attempts.</summary>
    /// <value>The default value is 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = EmailDefaults.MaxReconnectDelay;

    /// <summary>Gets or sets how many times one reply is tried over SMTP before it becomes a dead letter (retried every <see cref="DeadLetterRetryInterval"/>).</summary>
    /// <value>The default value is 3.</value>
    [Range(1, 10)]
    public int MaxSendAttempts { get; set; } = EmailDefaults.MaxSendAttempts;

    /// <summary>Gets or sets the delay between SMTP attempts (doubled after each).</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SendRetryDelay { get; set; } = EmailDefaults.SendRetryDelay;

    /// <summary>Gets or sets how many SMTP connections are kept open and used at once for replies.</summary>
    /// <value>The default value is 4.</value>
    [Range(1, 32)]
    public int MaxSmtpConnections { get; set; } = EmailDefaults.MaxSmtpConnections;

    /// <summary>Gets or sets how many guest mails are answered at once (one guest's mails always one after another).</summary>
    /// <value>The default value is 4.</value>
    [Range(1, 64)]
    public int MaxConcurrentTurns { get; set; } = EmailDefaults.MaxConcurrentTurns;

    /// <summary>Gets or sets how often replies kept as dead letters after a transient failure (an SMTP outage) are sent again.</summary>
    /// <value>The default value is 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan DeadLetterRetryInterval { get; set; } = EmailDefaults.DeadLetterRetryInterval;

    /// <summary>
    /// Gets or sets how long a host's claim on a guest mail lasts without renewal (each poll renews the claims of the
    /// mails it is answering). With a shared deduplicator (Redis), other hosts polling the same mailbox leave a claimed
    /// mail alone; the mails of a host that died are taken by another once its claims lapse.
    /// </summary>
    /// <value>The default value is 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = EmailDefaults.ClaimTimeout;

    /// <summary>Gets or sets the most replies sent to one address per <see cref="ReplyRateWindow"/>; later mails from it are marked processed without an answer (a mail loop guard).</summary>
    /// <value>The default value is 20.</value>
    [Range(1, 10_000)]
    public int MaxRepliesPerCorrespondent { get; set; } = EmailDefaults.MaxRepliesPerCorrespondent;

    /// <summary>Gets or sets the sliding window of <see cref="MaxRepliesPerCorrespondent"/>.</summary>
    /// <value>The default value is 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReplyRateWindow { get; set; } = EmailDefaults.ReplyRateWindow;

    /// <summary>Gets or sets the largest attachment (a voice note, a picture) kept in the message; larger ones are dropped.</summary>
    /// <value>The default value is 25 MiB.</value>
    [Range(1, 104_857_600)]
    public int MaxAttachmentBytes { get; set; } = EmailDefaults.MaxAttachmentBytes;

    /// <summary>
    /// Gets or sets a value indicating whether replies' pictures and documents go into the mail: pictures given as bytes
    /// (a booking's QR card) inline in an HTML part (<c>cid:</c>), pictures at an address as links in it, documents as
    /// attachments. The plain-text part always holds the captions. With <see langword="false"/> the mail is plain text.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool SendMedia { get; set; } = true;

    /// <summary>
    /// Gets or sets the absolute address that relative media addresses (the demo catalogue's <c>rooms/double.png</c>) are
    /// resolved against, usually the host's public address; without it such media are sent as their captions only.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? MediaBaseUrl { get; set; }
}

/// <summary>
/// The default values of <see cref="EmailOptions"/>.
/// </summary>
internal static class EmailDefaults
{
    public const int ImapPort = 993;
    public const int SmtpPort = 587;
    public const string Folder = "INBOX";
    public const string DefaultSubject = "Your stay";
    public const string ProcessedKeyword = "$HotelAgentProcessed";
    public const int BatchSize = 50;
    public const int MaxSendAttempts = 3;
    public const int MaxAttachmentBytes = 25 * 1024 * 1024;
    public const int MaxSmtpConnections = 4;
    public const int MaxConcurrentTurns = 4;
    public const int MaxRepliesPerCorrespondent = 20;
    public static readonly TimeSpan DeadLetterRetryInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan ReplyRateWindow = TimeSpan.FromHours(1);
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxMessageAge = TimeSpan.FromDays(3);
    public static readonly TimeSpan DeduplicationWindow = TimeSpan.FromDays(30);
    public static readonly TimeSpan EnqueueTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan SendRetryDelay = TimeSpan.FromSeconds(1);
}
