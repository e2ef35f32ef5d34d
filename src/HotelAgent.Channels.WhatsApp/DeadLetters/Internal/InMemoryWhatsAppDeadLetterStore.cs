namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// Keeps dead letters in this process, at most <see cref="Capacity"/> of them (the oldest are dropped first).
/// </summary>
internal sealed class InMemoryWhatsAppDeadLetterStore : IWhatsAppDeadLetterStore
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly List<WhatsAppDeadLetter> _letters = [];

    public ValueTask AddAsync(WhatsAppDeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        lock (_gate)
        {
            _letters.RemoveAll(l => l.Id == deadLetter.Id);
            _letters.Add(deadLetter);
            if (_letters.Count > Capacity)
            {
                _letters.RemoveAt(0);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<WhatsAppDeadLetter>> ListAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<WhatsAppDeadLetter>>(_letters.Take(take).ToArray());
        }
    }

    public ValueTask<WhatsAppDeadLetter?> TryRemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        lock (_gate)
        {
            var index = _letters.FindIndex(l => l.Id == id);
            if (index < 0)
            {
                return ValueTask.FromResult<WhatsAppDeadLetter?>(null);
            }

            var letter = _letters[index];
            _letters.RemoveAt(index);
            return ValueTask.FromResult<WhatsAppDeadLetter?>(letter);
        }
    }
}
