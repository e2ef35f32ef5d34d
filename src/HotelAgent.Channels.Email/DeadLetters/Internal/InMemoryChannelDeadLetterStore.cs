using HotelAgent.Abstractions;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Keeps channel dead letters in this process, at most <see cref="Capacity"/> of them (the oldest are dropped first):
/// the default <see cref="IChannelDeadLetterStore"/> when the email channel is the first to need one.
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
