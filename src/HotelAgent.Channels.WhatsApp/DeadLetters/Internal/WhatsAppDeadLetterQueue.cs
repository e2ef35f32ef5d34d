using HotelAgent.Abstractions;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// The WhatsApp replies that could not be delivered, as an <see cref="IDeadLetterQueue"/> named <c>whatsapp</c>:
/// replay sends a reply again through its phone number (the 24-hour window rules apply anew).
/// </summary>
internal sealed class WhatsAppDeadLetterQueue(IWhatsAppDeadLetterStore store, IWhatsAppDeadLetterReplayer replayer) : IDeadLetterQueue
{
    public const string QueueName = ChannelNames.WhatsApp;

    public string Name => QueueName;

    public async ValueTask<IReadOnlyList<DeadLetterInfo>> ListAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        var letters = await store.ListAsync(take, cancellationToken).ConfigureAwait(false);
        return [.. letters.Select(l => new DeadLetterInfo
        {
            Queue = QueueName,
            Id = l.Id,
            Direction = "outbound",
            ChannelName = WhatsAppChannel.ChannelNameOf(l.PhoneNumberId),
            ConversationId = WhatsAppChannel.ChannelNameOf(l.PhoneNumberId) + ":" + l.GuestId,
            Content = l.Message.QuickReplies.Count > 0 ? "reply with buttons" : l.Message.Location is not null ? "location" : "reply",
            Reason = l.Reason,
            IsTransient = l.IsTransient,
            FailedAt = l.FailedAt,
        })];
    }

    public async ValueTask<bool> ReplayAsync(string id, CancellationToken cancellationToken = default) =>
        await replayer.ReplayAsync(id, cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> DiscardAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return await store.TryRemoveAsync(id, cancellationToken).ConfigureAwait(false) is not null;
    }
}
