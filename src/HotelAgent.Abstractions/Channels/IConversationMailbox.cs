namespace HotelAgent.Abstractions;

/// <summary>
/// Holds messages for guests of channels that cannot push (the web chat): staff replies and notices wait here until
/// the guest's client fetches them.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface IConversationMailbox
{
    /// <summary>Takes the waiting messages of a conversation, oldest first, and removes them.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The messages; empty when none wait.</returns>
    ValueTask<IReadOnlyList<OutboundMessage>> DrainAsync(string conversationId, CancellationToken cancellationToken = default);
}
