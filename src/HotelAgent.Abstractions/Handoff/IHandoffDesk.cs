namespace HotelAgent.Abstractions;

/// <summary>
/// The staff's side of handoffs: list the queue, take a ticket, reply to the guest, release the conversation back to
/// the agent.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface IHandoffDesk
{
    /// <summary>Lists tickets, oldest first.</summary>
    /// <param name="status">The status to filter by, if any.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The tickets.</returns>
    ValueTask<IReadOnlyList<HandoffTicket>> ListAsync(HandoffStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a ticket.</summary>
    /// <param name="id">The ticket id.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The ticket, or <see langword="null"/>.</returns>
    ValueTask<HandoffTicket?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Takes a ticket for a member of staff.</summary>
    /// <param name="id">The ticket id.</param>
    /// <param name="staffName">Who takes it.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The ticket, or <see langword="null"/> when there is none with that id.</returns>
    ValueTask<HandoffTicket?> TakeAsync(string id, string staffName, CancellationToken cancellationToken = default);

    /// <summary>Sends a staff message to the guest through the conversation's channel and records it in the ticket.</summary>
    /// <param name="id">The ticket id.</param>
    /// <param name="staffName">Who writes.</param>
    /// <param name="text">The message.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The ticket, or <see langword="null"/> when there is none with that id.</returns>
    /// <exception cref="InvalidOperationException">The ticket is closed.</exception>
    ValueTask<HandoffTicket?> ReplyAsync(string id, string staffName, string text, CancellationToken cancellationToken = default);

    /// <summary>Closes a ticket; the agent answers the conversation again and tells the guest so.</summary>
    /// <param name="id">The ticket id.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The ticket, or <see langword="null"/> when there is none with that id.</returns>
    ValueTask<HandoffTicket?> ReleaseAsync(string id, CancellationToken cancellationToken = default);
}
