namespace HotelAgent.Abstractions;

/// <summary>
/// Keeps channel dead letters in this process, at most <see cref="Capacity"/> of them (the oldest are dropped first):
/// the default <see cref="IChannelDeadLetterStore"/> the channels register when no shared store (Redis) is.
/// </summary>
public sealed class InMemoryChannelDeadLetterStore : IChannelDeadLetterStore
{
    /// <summary>The most dead letters kept; beyond it the oldest is dropped.</summary>
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly List<ChannelDeadLetter> _letters = [];

    /// <inheritdoc />
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

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ChannelDeadLetter>> ListAsync(string channelName, int take = 100, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<ChannelDeadLetter>>(_letters.Where(l => l.ChannelName == channelName).Take(take).ToArray());
        }
    }

    /// <inheritdoc />
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
