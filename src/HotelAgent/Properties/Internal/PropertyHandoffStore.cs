using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// One property's view of the host's handoff store: only the tickets of that property's conversations (by their
/// scoped ids) are found, listed or changed.
/// </summary>
/// <param name="inner">The host's store.</param>
/// <param name="property">The named property, or <see langword="null"/> for the default property.</param>
/// <param name="directory">The host's properties.</param>
internal sealed class PropertyHandoffStore(IHandoffStore inner, string? property, IHotelPropertyDirectory directory) : IHandoffStore
{
    public ValueTask<HandoffTicket> AddAsync(HandoffTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (!Owns(ticket))
        {
            throw new ArgumentException($"The ticket's conversation is not one of property '{property ?? "(default)"}'.", nameof(ticket));
        }

        return inner.AddAsync(ticket, cancellationToken);
    }

    public async ValueTask<HandoffTicket?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var ticket = await inner.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return ticket is not null && Owns(ticket) ? ticket : null;
    }

    public async ValueTask<IReadOnlyList<HandoffTicket>> ListAsync(HandoffStatus? status = null, CancellationToken cancellationToken = default)
    {
        var tickets = await inner.ListAsync(status, cancellationToken).ConfigureAwait(false);
        return [.. tickets.Where(Owns)];
    }

    public async ValueTask<HandoffTicket?> UpdateAsync(string id, Func<HandoffTicket, HandoffTicket> change, CancellationToken cancellationToken = default)
    {
        // A ticket never changes conversation, so its owner read here still owns it when the update runs.
        if (await GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        return await inner.UpdateAsync(id, change, cancellationToken).ConfigureAwait(false);
    }

    private bool Owns(HandoffTicket ticket) => directory.PropertyOfConversation(ticket.ConversationId) == property;
}
