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

/// <summary>
/// Keeps dead letters in this process, at most <see cref="Capacity"/> of them (the oldest are dropped first).
/// </summary>
internal sealed class InMemoryChannelDeadLetterStore : IChannelDeadLetterStore
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly List<ChannelDeadLetter> _letters = [];

    public ValueTask AddAsync(ChannelDeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        ArgumentException.ThrowIfNullOrWhiteSpace(deadLetter.ChannelName, nameof(deadLetter));
        ArgumentException.ThrowIfNullOrWhiteSpace(deadLetter.Id, nameof(deadLetter));
        lock (_gate)
        {
            var index = _letters.FindIndex(l => Same(l, deadLetter.ChannelName, deadLetter.Id));
            if (index >= 0)
            {
                _letters[index] = deadLetter;
                return ValueTask.CompletedTask;
            }

            _letters.Add(deadLetter);
            if (_letters.Count > Capacity)
            {
                _letters.RemoveAt(0);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<ChannelDeadLetter>> ListAsync(string channelName, int take = 100, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<ChannelDeadLetter>>(_letters.Where(l => l.ChannelName == channelName).Take(take).ToArray());
        }
    }

    public ValueTask<ChannelDeadLetter?> TryRemoveAsync(string channelName, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        lock (_gate)
        {
            var index = _letters.FindIndex(l => Same(l, channelName, id));
            if (index < 0)
            {
                return ValueTask.FromResult<ChannelDeadLetter?>(null);
            }

            var letter = _letters[index];
            _letters.RemoveAt(index);
            return ValueTask.FromResult<ChannelDeadLetter?>(letter);
        }
    }

    private static bool Same(ChannelDeadLetter letter, string channelName, string id) =>
        letter.ChannelName == channelName && letter.Id == id;
}
