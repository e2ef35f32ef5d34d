using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;

namespace HotelAgent;

/// <summary>
/// The staff's operations on handoff tickets. Staff replies go to the guest through the conversation's channel (the
/// web chat keeps them in its mailbox).
/// </summary>
internal sealed class HandoffDesk(
    IHandoffStore store,
    IEnumerable<IMessageChannel> channels,
    ReplyCatalog replies,
    HotelAgentMetrics metrics,
    ConversationHistory history,
    TimeProvider timeProvider,
    ILogger<HandoffDesk> logger) : IHandoffDesk
{
    public ValueTask<IReadOnlyList<HandoffTicket>> ListAsync(HandoffStatus? status = null, CancellationToken cancellationToken = default) =>
        store.ListAsync(status, cancellationToken);

    public ValueTask<HandoffTicket?> GetAsync(string id, CancellationToken cancellationToken = default) => store.GetAsync(id, cancellationToken);

    public async ValueTask<HandoffTicket?> TakeAsync(string id, string staffName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffName);
        var now = timeProvider.GetUtcNow();
        var ticket = await store.UpdateAsync(
            id,
            t => t.Status == HandoffStatus.Closed ? t : t with { Status = HandoffStatus.Taken, TakenBy = staffName, UpdatedAt = now },
            cancellationToken).ConfigureAwait(false);
        if (ticket is not null)
        {
            Log.HandoffTaken(logger, id);
        }

        return ticket;
    }

    public async ValueTask<HandoffTicket?> ReplyAsync(string id, string staffName, string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(staffName);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var current = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return null;
        }

        if (current.Status == HandoffStatus.Closed)
        {
            throw new InvalidOperationException($"Handoff ticket '{id}' is closed; take a new one to write to the guest.");
        }

        await SendAsync(current, new OutboundMessage { Text = text }, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        history.RecordStaffReply(current.ConversationId, staffName, text, now);
        return await store.UpdateAsync(
            id,
            t => t with
            {
                Status = HandoffStatus.Taken,
                TakenBy = t.TakenBy ?? staffName,
                UpdatedAt = now,
                Messages = [.. t.Messages, new HandoffMessage(HandoffParty.Staff, text, now, staffName)],
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<HandoffTicket?> ReleaseAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var wasPausing = false;
        var ticket = await store.UpdateAsync(
            id,
            t =>
            {
                wasPausing = t.PausesAgent && t.Status != HandoffStatus.Closed;
                return t with { Status = HandoffStatus.Closed, UpdatedAt = now };
            },
            cancellationToken).ConfigureAwait(false);
        if (ticket is null)
        {
            return null;
        }

        Log.HandoffReleased(logger, id);
        if (wasPausing)
        {
            var notice = replies.Format(ticket.Language ?? "es", ReplyKeys.AgentBack);
            await SendAsync(ticket, new OutboundMessage { Text = notice }, cancellationToken).ConfigureAwait(false);
        }

        return ticket;
    }

    private async Task SendAsync(HandoffTicket ticket, OutboundMessage message, CancellationToken cancellationToken)
    {
        var channel = channels.LastOrDefault(c => string.Equals(c.Name, ticket.ChannelName, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No channel named '{ticket.ChannelName}' is registered to reach the guest of ticket '{ticket.Id}'.");
        await channel.SendAsync(ticket.GuestId, message, cancellationToken).ConfigureAwait(false);
        metrics.RepliesSent.Add(1, new KeyValuePair<string, object?>(HotelAgentTags.Channel, ticket.ChannelName));
    }
}
