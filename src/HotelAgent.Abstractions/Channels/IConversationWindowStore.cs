namespace HotelAgent.Abstractions;

/// <summary>
/// Tracks a channel's customer-service window per guest and business sender (WhatsApp's 24 hours): when the guest last
/// wrote, whether the channel refused a free-form message, and whether the re-opening template was sent since. Shared
/// by every host, so the host that sends a reply knows the window the host that took the message in saw.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use. Guest ids may be phone numbers: never log them above <c>Trace</c>.</remarks>
public interface IConversationWindowStore
{
    /// <summary>Records that the guest wrote at <paramref name="at"/>: the window is open again and no template counts as sent.</summary>
    /// <param name="sender">The business sender (a phone-number id).</param>
    /// <param name="guestId">The guest.</param>
    /// <param name="at">When the guest wrote.</param>
    /// <param name="keepFor">How long to remember the guest without news.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when it is stored.</returns>
    ValueTask TouchAsync(string sender, string guestId, DateTimeOffset at, TimeSpan keepFor, CancellationToken cancellationToken = default);

    /// <summary>Records that the window is closed whatever the time (the channel refused a free-form message), and whether the template was sent since.</summary>
    /// <param name="sender">The business sender.</param>
    /// <param name="guestId">The guest.</param>
    /// <param name="templateSent">Whether the re-opening template was sent.</param>
    /// <param name="keepFor">How long to remember the guest without news.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when it is stored.</returns>
    ValueTask MarkClosedAsync(string sender, string guestId, bool templateSent, TimeSpan keepFor, CancellationToken cancellationToken = default);

    /// <summary>Reads the window of a guest.</summary>
    /// <param name="sender">The business sender.</param>
    /// <param name="guestId">The guest.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The window, or <see langword="null"/> when nothing is known of the guest.</returns>
    ValueTask<ConversationWindow?> GetAsync(string sender, string guestId, CancellationToken cancellationToken = default);
}

/// <summary>What is known of one guest's customer-service window.</summary>
/// <param name="LastInboundAt">When the guest last wrote, or <see langword="null"/> if not since the window was marked closed.</param>
/// <param name="Closed">Whether the channel refused a free-form message since the guest last wrote.</param>
/// <param name="TemplateSent">Whether the re-opening template was sent since the guest last wrote.</param>
public sealed record ConversationWindow(DateTimeOffset? LastInboundAt, bool Closed, bool TemplateSent);
