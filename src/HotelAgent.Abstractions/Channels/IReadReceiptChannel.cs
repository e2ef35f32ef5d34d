namespace HotelAgent.Abstractions;

/// <summary>
/// An optional capability of an <see cref="IMessageChannel"/>: telling the guest that the agent has started on their
/// message (a read receipt, a typing indicator).
/// </summary>
/// <remarks>
/// The inbox processor calls it when it takes a message for the agent, without waiting for it, so the webhook that
/// took the message in stays cheap and a message waiting in a backlog is not shown as read. Implementations are best
/// effort: they must not throw, and must be safe for concurrent use.
/// </remarks>
public interface IReadReceiptChannel
{
    /// <summary>Marks a guest's message as read.</summary>
    /// <param name="message">The message the agent is about to handle.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the receipt was sent or given up.</returns>
    Task MarkAsReadAsync(InboundMessage message, CancellationToken cancellationToken = default);
}
