using System.ComponentModel.DataAnnotations;

namespace HotelAgent;

/// <summary>
/// Options of the staff webhook (<c>AddStaffWebhookNotifier()</c>), usually bound from
/// <c>HotelAgent:StaffNotifications:Webhook</c>: each notification is POSTed as JSON to <see cref="Url"/>, signed like
/// the WhatsApp webhooks (<c>X-HotelAgent-Signature-256: sha256=&lt;hex HMAC-SHA256 of the body keyed with
/// <see cref="Secret"/>&gt;</c>), and retried by the standard resilience handler.
/// </summary>
public class StaffWebhookOptions
{
    /// <summary>Gets or sets the address the notifications are POSTed to (a Slack or Teams workflow, an incident tool, your own endpoint).</summary>
    [Required]
    public Uri? Url { get; set; }

    /// <summary>Gets or sets the key of the signature. A secret: never logged.</summary>
    [Required]
    [MinLength(16, ErrorMessage = "Secret must be at least 16 characters long.")]
    public string? Secret { get; set; }

    /// <summary>Gets or sets how many times a failed POST (a network error, HTTP 408, 429 or 5xx) is retried.</summary>
    /// <value>The default value is 4.</value>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = StaffWebhookDefaults.MaxRetryAttempts;

    /// <summary>Gets or sets the delay before the first retry; later ones back off exponentially.</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = StaffWebhookDefaults.RetryDelay;

    /// <summary>Gets or sets how long one POST may take.</summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = StaffWebhookDefaults.AttemptTimeout;
}

internal static class StaffWebhookDefaults
{
    public const int MaxRetryAttempts = 4;
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
}
