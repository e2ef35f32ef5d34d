using System.ComponentModel.DataAnnotations;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Options of the email staff notifier (<c>AddEmailStaffNotifier()</c>), usually bound from
/// <c>HotelAgent:StaffNotifications:Email</c>: the SMTP server the notifications leave through and who receives them.
/// </summary>
public class EmailStaffNotifierOptions
{
    /// <summary>Gets or sets the SMTP server's host name.</summary>
    [Required]
    public string? SmtpHost { get; set; }

    /// <summary>Gets or sets the SMTP server's port.</summary>
    /// <value>The default value is 587.</value>
    [Range(1, 65535)]
    public int SmtpPort { get; set; } = EmailDefaults.SmtpPort;

    /// <summary>Gets or sets how the SMTP connection is secured.</summary>
    /// <value>The default value is <see cref="EmailSecurity.Auto"/>.</value>
    public EmailSecurity SmtpSecurity { get; set; }

    /// <summary>Gets or sets the SMTP user name; without one, the notifier does not authenticate.</summary>
    public string? UserName { get; set; }

    /// <summary>Gets or sets the SMTP password. A secret: never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets the sender address, for example <c>assistant@hotel.example</c>.</summary>
    [Required]
    [EmailAddress]
    public string? From { get; set; }

    /// <summary>Gets or sets the sender's display name.</summary>
    /// <value>The default value is <c>Hotel assistant</c>.</value>
    public string? DisplayName { get; set; } = EmailStaffNotifierDefaults.DisplayName;

    /// <summary>Gets the addresses the notifications go to (reception, the duty manager).</summary>
    [Required]
    [MinLength(1, ErrorMessage = "Add at least one address to To.")]
    public IList<string> To { get; } = [];

    /// <summary>Gets or sets how long connecting to the SMTP server may take.</summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = EmailDefaults.ConnectTimeout;

    /// <summary>Gets or sets how many times one notification is tried (network errors, 4xx replies).</summary>
    /// <value>The default value is 3.</value>
    [Range(1, 10)]
    public int MaxSendAttempts { get; set; } = EmailDefaults.MaxSendAttempts;

    /// <summary>Gets or sets the delay before the second attempt; it doubles after each.</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan SendRetryDelay { get; set; } = EmailDefaults.SendRetryDelay;
}

internal static class EmailStaffNotifierDefaults
{
    public const string DisplayName = "Hotel assistant";
}
