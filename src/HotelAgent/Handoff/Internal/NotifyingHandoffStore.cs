using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// The handoff store as the dialogue sees it: a ticket whose guest wrote "urgent" gets <see cref="HandoffPriority.Urgent"/>
/// priority, and new tickets and escalations are handed to the staff notifications (when they are configured), without
/// holding up the guest's reply.
/// </summary>
internal sealed class NotifyingHandoffStore(IHandoffStore inner, StaffNotificationService? notifications) : IHandoffStore
{
    public IHandoffStore Inner => inner;

    public async ValueTask<HandoffTicket> AddAsync(HandoffTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var urgent = UrgentMessages.IsUrgent(ticket.Messages);
        if (urgent)
        {
            ticket = ticket with { Priority = HandoffPriority.Urgent };
        }

        var stored = await inner.AddAsync(ticket, cancellationToken).ConfigureAwait(false);
        if (string.Equals(stored.Id, ticket.Id, StringComparison.Ordinal))
        {
            notifications?.Enqueue(stored, StaffNotificationKind.Opened);
            return stored;
        }

        if (urgent && stored.Priority != HandoffPriority.Urgent && stored.Status != HandoffStatus.Closed)
        {
            // The conversation already had this ticket open; the guest now says it is urgent.
            var escalated = await inner.UpdateAsync(stored.Id, t => t with { Priority = HandoffPriority.Urgent }, cancellationToken).ConfigureAwait(false);
            if (escalated is not null)
            {
                notifications?.Enqueue(escalated, StaffNotificationKind.Escalated);
                return escalated;
            }
        }

        return stored;
    }

    public ValueTask<HandoffTicket?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public ValueTask<IReadOnlyList<HandoffTicket>> ListAsync(HandoffStatus? status = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(status, cancellationToken);

    public async ValueTask<HandoffTicket?> UpdateAsync(string id, Func<HandoffTicket, HandoffTicket> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var escalated = false;
        var updated = await inner.UpdateAsync(
            id,
            current =>
            {
                // Called again when another host changed the ticket first: decide afresh each time.
                var next = change(current);
                escalated = next.Priority == HandoffPriority.Normal && next.Status != HandoffStatus.Closed
                    && next.Messages.Count > current.Messages.Count
                    && UrgentMessages.IsUrgent(next.Messages.Skip(current.Messages.Count));
                return escalated ? next with { Priority = HandoffPriority.Urgent } : next;
            },
            cancellationToken).ConfigureAwait(false);
        if (escalated && updated is not null)
        {
            notifications?.Enqueue(updated, StaffNotificationKind.Escalated);
        }

        return updated;
    }
}
