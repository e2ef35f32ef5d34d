namespace HotelAgent.Abstractions;

/// <summary>
/// Sends the agent's replies to guests over one channel (WhatsApp, email, ...).
/// </summary>
/// <remarks>
/// Inbound messages reach the agent through <see cref="IHotelAgent.HandleAsync"/>; a channel calls it and sends the
/// replies it returns with <see cref="SendAsync"/>. Implementations must be safe for concurrent use.
/// </remarks>
public interface IMessageChannel
{
    /// <summary>Gets the name of the channel (see <see cref="ChannelNames"/>).</summary>
    string Name { get; }

    /// <summary>Sends one reply to a guest.</summary>
    /// <param name="guestId">The channel's id of the guest.</param>
    /// <param name="message">The reply to send.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The outcome of the delivery.</returns>
    /// <exception cref="ChannelDeliveryException">The channel could not deliver the message.</exception>
    Task<DeliveryResult> SendAsync(string guestId, OutboundMessage message, CancellationToken cancellationToken = default);
}

/// <summary>
/// The outcome of sending one message over a channel.
/// </summary>
/// <param name="ChannelMessageId">The channel's id of the sent message, if it gives one.</param>
public sealed record DeliveryResult(string? ChannelMessageId);
