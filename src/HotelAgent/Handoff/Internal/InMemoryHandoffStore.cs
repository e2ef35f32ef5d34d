using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// Keeps handoff tickets in this process. Not shared between hosts: use a shared store for several hosts.
/// </summary>
internal sealed class InMemoryHandoffStore : IHandoffStore
{
    private readonly Lock _gate = new();
    private readonly List<HandoffTicket> _tickets = [];

    public ValueTask<HandoffTicket> AddAsync(HandoffTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        lock (_gate)
        {
            var open = _tickets.Find(t => t.ConversationId == ticket.ConversationId && t.Reason == ticket.Reason && t.Status != HandoffStatus.Closed);
            if (open is not null)
            {
                return ValueTask.FromResult(open);
            }

            _tickets.Add(ticket);
            return ValueTask.FromResult(ticket);
        }
    }

    public ValueTask<HandoffTicket?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_tickets.Find(t => t.Id == id));
        }
    }

    public ValueTask<IReadOnlyList<HandoffTicket>> ListAsync(HandoffStatus? status = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HandoffTicket> list = _tickets.Where(t => status is null || t.Status == status).OrderBy(t => t.CreatedAt).ToArray();
            return ValueTask.FromResult(list);
        }
    }

    public ValueTask<HandoffTicket?> UpdateAsync(string id, Func<HandoffTicket, HandoffTicket> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var index = _tickets.FindIndex(t => t.Id == id);
            if (index < 0)
            {
                return ValueTask.FromResult<HandoffTicket?>(null);
            }

            var changed = change(_tickets[index]);
            _tickets[index] = changed;
            return ValueTask.FromResult<HandoffTicket?>(changed);
        }
    }
}
