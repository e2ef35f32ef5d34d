using System.ComponentModel.DataAnnotations;

namespace HotelAgent.AspNetCore;

/// <summary>
/// Protection of the HTTP surface: rate limits per client IP and per conversation, and the origins browsers may call
/// it from. Bound from <c>HotelAgent:Http</c> by <c>AddHttpProtection</c>.
/// </summary>
public class HotelAgentHttpOptions
{
    /// <summary>Gets or sets how many requests one IP address may make per minute to <c>/v1</c>.</summary>
    /// <value>The default value is 600.</value>
    [Range(1, 1_000_000)]
    public int PermitsPerMinutePerIp { get; set; } = 600;

    /// <summary>
    /// Gets or sets how many requests one IP address may make per minute to <c>/webhooks</c>. A channel's deliveries
    /// come from its provider's servers (WhatsApp's from a few Meta addresses), each address carrying the messages and
    /// delivery statuses of many guests, so the limit sized for one browser on <c>/v1</c> would refuse the hotel's own
    /// traffic. Unset: the larger of <see cref="DefaultWebhookPermitsPerMinutePerIp"/> and <see cref="PermitsPerMinutePerIp"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    [Range(1, int.MaxValue)]
    public int? WebhookPermitsPerMinutePerIp { get; set; }

    /// <summary>The webhook limit per IP address and minute when <see cref="WebhookPermitsPerMinutePerIp"/> is unset: 60,000 (1,000 a second).</summary>
    public const int DefaultWebhookPermitsPerMinutePerIp = 60_000;

    /// <summary>Gets or sets how many messages one conversation (one guest) may send per minute.</summary>
    /// <value>The default value is 30.</value>
    [Range(1, 10_000)]
    public int PermitsPerMinutePerConversation { get; set; } = 30;

    /// <summary>
    /// Gets the origins browsers may call the API from (CORS), for example <c>https://www.myhotel.com</c>. Empty: no
    /// cross-origin calls. <c>*</c> allows any origin and is refused in Production.
    /// </summary>
    public List<string> AllowedOrigins { get; } = [];
}
