using System.Collections.Concurrent;
using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// Keeps each conversation's history in this process, at most <see cref="IConversationHistoryStore.MaxEntries"/>
/// entries, forgotten a time to live after its last append. Lost when the process stops and not shared between hosts:
/// use a shared store (Redis) for several hosts.
/// </summary>
internal sealed class InMemoryConversationHistoryStore(TimeProvider timeProvider) : IConversationHistoryStore
{
    private readonly ConcurrentDictionary<string, History> _histories = new(StringComparer.Ordinal);

    public int Count => _histories.Count;

    public ValueTask AppendAsync(string conversationId, IReadOnlyList<ConversationHistoryEntry> entries, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        if (entries.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var now = timeProvider.GetUtcNow();
        while (true)
        {
            var history = _histories.GetOrAdd(conversationId, static _ => new History());
            lock (history)
            {
                // Swept or deleted between GetOrAdd and the lock: append to the history that replaced it.
                if (history.Removed)
                {
                    continue;
                }

                if (history.ExpiresAt <= now)
                {
                    history.Entries.Clear();
                }

                history.Entries.AddRange(entries);
                if (history.Entries.Count > IConversationHistoryStore.MaxEntries)
                {
                    history.Entries.RemoveRange(0, history.Entries.Count - IConversationHistoryStore.MaxEntries);
                }

                history.ExpiresAt = now + timeToLive;
                return ValueTask.CompletedTask;
            }
        }
    }

    public ValueTask<IReadOnlyList<ConversationHistoryEntry>> GetAsync(string conversationId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        if (!_histories.TryGetValue(conversationId, out var history))
        {
            return ValueTask.FromResult<IReadOnlyList<ConversationHistoryEntry>>([]);
        }

        lock (history)
        {
            if (history.ExpiresAt <= timeProvider.GetUtcNow())
            {
                return ValueTask.FromResult<IReadOnlyList<ConversationHistoryEntry>>([]);
            }

            return ValueTask.FromResult<IReadOnlyList<ConversationHistoryEntry>>([.. history.Entries.Where(e => e.At >= since)]);
        }
    }

    public ValueTask<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        if (!_histories.TryRemove(conversationId, out var history))
        {
            return ValueTask.FromResult(false);
        }

        lock (history)
        {
            var live = history.ExpiresAt > timeProvider.GetUtcNow();
            history.Removed = true;
            history.Entries.Clear();
            history.ExpiresAt = DateTimeOffset.MinValue;
            return ValueTask.FromResult(live);
        }
    }

    /// <summary>Removes the expired histories.</summary>
    /// <returns>How many were removed.</returns>
    public int RemoveExpired()
    {
        var now = timeProvider.GetUtcNow();
        var removed = 0;
        foreach (var pair in _histories)
        {
            lock (pair.Value)
            {
                if (pair.Value.ExpiresAt <= now && _histories.TryRemove(pair))
                {
                    pair.Value.Removed = true;
                    removed++;
                }
            }
        }

        return removed;
    }

    private sealed class History
    {
        public List<ConversationHistoryEntry> Entries { get; } = [];

        public DateTimeOffset ExpiresAt { get; set; } = DateTimeOffset.MinValue;

        /// <summary>Gets or sets a value indicating whether the history left the dictionary (set under its lock).</summary>
        public bool Removed { get; set; }
    }
}
