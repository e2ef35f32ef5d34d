namespace HotelAgent.Channels.Email;

/// <summary>
/// Keeps dead letters in this process, at most <see cref="Capacity"/> of them (the oldest are dropped first; their
/// guest mails stay unprocessed in the mailbox and are answered after a restart).
/// </summary>
internal sealed class InMemoryEmailDeadLetterStore : IEmailDeadLetterStore
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly List<EmailDeadLetter> _letters = [];

    public ValueTask AddAsync(EmailDeadLetter deadLetter, CancellationToken cancellationToken = default)
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

    public ValueTask<IReadOnlyList<EmailDeadLetter>> ListAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<EmailDeadLetter>>(_letters.Take(take).ToArray());
        }
    }

    public ValueTask<EmailDeadLetter?> TryRemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        lock (_gate)
        {
            var index = _letters.FindIndex(l => l.Id == id);
            if (index < 0)
            {
                return ValueTask.FromResult<EmailDeadLetter?>(null);
            }

            var letter = _letters[index];
            _letters.RemoveAt(index);
            return ValueTask.FromResult<EmailDeadLetter?>(letter);
        }
    }
}
