using HotelAgent.Abstractions;
using MimeKit;

namespace HotelAgent.Channels.Email;

/// <summary>
/// The email channel's <see cref="IMessageChannel"/>: what others send to an email guest (staff replies during a
/// handoff). Each call is one mail in the guest's thread, sent over the pooled SMTP connections with retries; a
/// reply that still fails is kept as an <see cref="EmailDeadLetter"/>. The agent's own answers to guest mail are sent
/// by the poller, one mail per turn.
/// </summary>
internal sealed class EmailChannel(
    EmailComposer composer,
    EmailReplies replies,
    EmailThreads threads,
    EmailMetrics metrics,
    EmailMailbox mailbox) : IMessageChannel
{
    /// <summary>Gets the mailbox's channel name: <c>email</c>, or <c>email:{mailbox}</c>.</summary>
    public string Name => mailbox.ChannelName;

    public async Task<DeliveryResult> SendAsync(string guestId, OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(guestId);
        ArgumentNullException.ThrowIfNull(message);
        if (!MailboxAddress.TryParse(guestId, out var to) || string.IsNullOrEmpty(to.Address) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            metrics.MessagesFailed.Add(1, mailbox.Tag);
            throw new ChannelDeliveryException("The guest id is not an email address.") { IsTransient = false };
        }

        var thread = await threads.FindAsync(guestId, cancellationToken).ConfigureAwait(false);
        var mime = composer.Compose(to, thread, [message], thread?.Language);
        await replies.SendAsync(new PendingReply(mime, guestId, null, null, thread?.Language), 1, cancellationToken).ConfigureAwait(false);
        return new DeliveryResult(mime.MessageId);
    }
}
