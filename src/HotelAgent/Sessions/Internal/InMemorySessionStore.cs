using System.Collections.Concurrent;
using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// Keeps sessions in this process, with optimistic concurrency and a sliding time to live. Sessions are lost when the
/// process stops and are not shared between hosts: use a shared store (Redis) for several hosts.
/// </summary>
internal sealed class InMemorySessionStore(TimeProvider timeProvider) : ISessionStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public ValueTask<ConversationSession?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        if (_entries.TryGetValue(conversationId, out var entry))
        {
            if (entry.ExpiresAt > timeProvider.GetUtcNow())
            {
                return ValueTask.FromResult<ConversationSession?>(entry.Session);
            }

            _entries.TryRemove(new KeyValuePair<string, Entry>(conversationId, entry));
        }

        return ValueTask.FromResult<ConversationSession?>(null);
    }

    public ValueTask<SessionSaveResult> SaveAsync(ConversationSession session, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);

        var now = timeProvider.GetUtcNow();
        while (true)
        {
            if (_entries.TryGetValue(session.ConversationId, out var current))
            {
                var currentVersion = current.ExpiresAt > now ? current.Session.Version : 0;
                if (currentVersion != session.Version)
                {
                    return ValueTask.FromResult(SessionSaveResult.Conflict(currentVersion));
                }

                var next = new Entry(session with { Version = current.Session.Version + 1 }, now + timeToLive);
                if (_entries.TryUpdate(session.ConversationId, next, current))
                {
                    return ValueTask.FromResult(SessionSaveResult.Success(next.Session.Version));
                }
            }
            else
            {
                if (session.Version != 0)
                {
                    return ValueTask.FromResult(SessionSaveResult.Conflict(0));
                }

                var created = new Entry(session with { Version = 1 }, now + timeToLive);
                if (_entries.TryAdd(session.ConversationId, created))
                {
                    return ValueTask.FromResult(SessionSaveResult.Success(1));
                }
            }
        }
    }

    public ValueTask<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        return ValueTask.FromResult(_entries.TryRemove(conversationId, out _));
    }

    /// <summary>Removes the expired sessions.</summary>
    /// <returns>How many were removed.</returns>
    public int RemoveExpired()
    {
        var now = timeProvider.GetUtcNow();
        var removed = 0;
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAt <= now && _entries.TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }

    private sealed record Entry(ConversationSession Session, DateTimeOffset ExpiresAt);
}
