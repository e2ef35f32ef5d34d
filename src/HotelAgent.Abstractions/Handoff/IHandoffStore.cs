namespace HotelAgent.Abstractions;

/// <summary>
/// Stores handoff tickets so every host (and the staff console) sees the same queue.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use; <see cref="UpdateAsync"/> must be atomic per ticket.</remarks>
public interface IHandoffStore
{
    /// <summary>Adds a ticket, unless the conversation already has an open or taken ticket for the same reason.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The stored ticket: the new one, or the one that was already open.</returns>
    ValueTask<HandoffTicket> AddAsync(HandoffTicket ticket, CancellationToken cancellationToken = default);

    /// <summary>Gets a ticket.</summary>
    /// <param name="id">The ticket id.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The ticket, or <see langword="null"/>.</returns>
    ValueTask<HandoffTicket?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists tickets, oldest first.</summary>
    /// <param name="status">The status to filter by, if any.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The tickets.</returns>
    ValueTask<IReadOnlyList<HandoffTicket>> ListAsync(HandoffStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>Changes a ticket atomically.</summary>
    /// <param name="id">The ticket id.</param>
    /// <param name="change">Computes the new ticket from the current one.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The changed ticket, or <see langword="null"/> when there is none with that id.</returns>
    ValueTask<HandoffTicket?> UpdateAsync(string id, Func<HandoffTicket, HandoffTicket> change, CancellationToken cancellationToken = default);
}
