using HotelAgent.Abstractions;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// The WhatsApp view of an <see cref="IChannelDeadLetterStore"/>: the channel's dead letters under the channel name
/// <c>whatsapp</c>, so a shared store (Redis) lists and replays them from any host.
/// </summary>
internal class SharedWhatsAppDeadLetterStore(IChannelDeadLetterStore store) : IWhatsAppDeadLetterStore
{
    public ValueTask AddAsync(WhatsAppDeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        return store.AddAsync(
            new ChannelDeadLetter(ChannelNames.WhatsApp, deadLetter.Id, deadLetter.PhoneNumberId, deadLetter.GuestId, deadLetter.Message, deadLetter.ErrorCode, deadLetter.Reason, deadLetter.IsTransient, deadLetter.FailedAt),
            cancellationToken);
    }

    public async ValueTask<IReadOnlyList<WhatsAppDeadLetter>> ListAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var letters = await store.ListAsync(ChannelNames.WhatsApp, take, cancellationToken).ConfigureAwait(false);
        return [.. letters.Select(ToWhatsApp)];
    }

    public async ValueTask<WhatsAppDeadLetter?> TryRemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var letter = await store.TryRemoveAsync(ChannelNames.WhatsApp, id, cancellationToken).ConfigureAwait(false);
        return letter is null ? null : ToWhatsApp(letter);
    }

    private static WhatsAppDeadLetter ToWhatsApp(ChannelDeadLetter letter) =>
        new(letter.Id, letter.Sender, letter.Recipient, letter.Message, letter.ErrorCode, letter.Reason, letter.IsTransient, letter.FailedAt);
}

/// <summary>The WhatsApp dead letters of this process only (the default when no shared store is registered).</summary>
internal sealed class InMemoryWhatsAppDeadLetterStore() : SharedWhatsAppDeadLetterStore(new InMemoryChannelDeadLetterStore());
