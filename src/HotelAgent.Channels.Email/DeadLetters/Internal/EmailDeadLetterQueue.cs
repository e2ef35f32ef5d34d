using HotelAgent.Abstractions;

namespace HotelAgent.Channels.Email;

/// <summary>
/// The email channel's undelivered replies as one of the host's dead-letter queues (<c>/v1/dead-letters</c>, the staff
/// console): listed without their text, replayed or discarded through <see cref="IEmailDeadLetterReplayer"/>.
/// </summary>
internal sealed class EmailDeadLetterQueue(IEmailDeadLetterStore store, IEmailDeadLetterReplayer replayer, EmailMailbox mailbox) : IDeadLetterQueue
{
    /// <summary>Gets the queue's name: the mailbox's channel name (<c>email</c>, or <c>email:{mailbox}</c>).</summary>
    public string Name => mailbox.ChannelName;

    public async ValueTask<IReadOnlyList<DeadLetterInfo>> ListAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        var letters = await store.ListAsync(take, cancellationToken).ConfigureAwait(false);
        return
        [
            .. letters.Select(letter => new DeadLetterInfo
            {
                Queue = Name,
                Id = letter.Id,
                Direction = "outbound",
                ChannelName = mailbox.ChannelName,
                ConversationId = letter.GuestId,
                Content = "email reply",
                Reason = letter.Reason,
                Attempts = letter.Attempts,
                IsTransient = letter.IsTransient,
                FailedAt = letter.FailedAt,
            }),
        ];
    }

    public async ValueTask<bool> ReplayAsync(string id, CancellationToken cancellationToken = default) =>
        await replayer.ReplayAsync(id, cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> DiscardAsync(string id, CancellationToken cancellationToken = default) =>
        await replayer.DiscardAsync(id, cancellationToken).ConfigureAwait(false);
}
