using System.Collections.Concurrent;
using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// Remembers message ids in this process. Not shared between hosts: use a shared deduplicator (Redis) for several hosts.
/// </summary>
/// <remarks>
/// Expired ids are dropped as new ones arrive, without scanning the table: each registration is also queued with its
/// expiry, one queue per time to live, so that within a queue the oldest expiry is at the front. A registration
/// takes at most <see cref="MaxRemovalsPerCall"/> expired ids off the fronts, so its cost does not grow with the number
/// of ids remembered.
/// </remarks>
internal sealed class InMemoryMessageDeduplicator(TimeProvider timeProvider) : IMessageDeduplicator
{
    internal const int MaxRemovalsPerCall = 64;

    // One table: an id's expiry and whether it was confirmed, so that a registration or a confirmation is one write.
    private readonly ConcurrentDictionary<(string Channel, string Id), Entry> _seen = new();
    private readonly ConcurrentDictionary<TimeSpan, ConcurrentQueue<Expiry>> _expiries = new();
    private readonly Lock _sweepGate = new();

    public int Count => _seen.Count;

    public ValueTask<bool> TryRegisterAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        var now = timeProvider.GetUtcNow();
        RemoveExpired(now);

        var key = (channelName, messageId);
        var registered = new Entry(now + timeToLive, Confirmed: false);
        while (true)
        {
            if (_seen.TryAdd(key, registered))
            {
                Remember(key, timeToLive, registered.Expires);
                return ValueTask.FromResult(true);
            }

            if (_seen.TryGetValue(key, out var current))
            {
                if (current.Expires > now)
                {
                    return ValueTask.FromResult(false);
                }

                // Expired: whoever replaces it first takes the message in.
                if (_seen.TryUpdate(key, registered, current))
                {
                    Remember(key, timeToLive, registered.Expires);
                    return ValueTask.FromResult(true);
                }
            }
        }
    }

    public ValueTask ConfirmAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        var key = (channelName, messageId);
        var expires = timeProvider.GetUtcNow() + timeToLive;
        _seen[key] = new Entry(expires, Confirmed: true);
        Remember(key, timeToLive, expires);
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> IsConfirmedAsync(string channelName, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        return ValueTask.FromResult(_seen.TryGetValue((channelName, messageId), out var entry) && entry.Confirmed && entry.Expires > timeProvider.GetUtcNow());
    }

    public ValueTask ForgetAsync(string channelName, string messageId, CancellationToken cancellationToken = default)
    {
        _seen.TryRemove((channelName, messageId), out _);
        return ValueTask.CompletedTask;
    }

    // Queues are per whole second of time to live, so that callers passing computed times to live do not make a queue
    // per message; within a queue the front may then wait up to a second behind a later expiry.
    private void Remember((string, string) key, TimeSpan timeToLive, DateTimeOffset expires) =>
        _expiries.GetOrAdd(TimeSpan.FromSeconds(Math.Ceiling(timeToLive.TotalSeconds)), static _ => new ConcurrentQueue<Expiry>()).Enqueue(new Expiry(key, expires));

    private void RemoveExpired(DateTimeOffset now)
    {
        // One caller at a time; the others go on (the next registration continues the work).
        if (!_sweepGate.TryEnter())
        {
            return;
        }

        try
        {
            var budget = MaxRemovalsPerCall;
            foreach (var queue in _expiries.Values)
            {
                while (budget > 0 && queue.TryPeek(out var head) && head.Expires <= now && queue.TryDequeue(out head))
                {
                    // Removed only when the id still has this expiry: a confirmed or re-registered id has a later one,
                    // queued behind, and a forgotten id is already gone.
                    if (_seen.TryGetValue(head.Key, out var entry) && entry.Expires == head.Expires)
                    {
                        _seen.TryRemove(new KeyValuePair<(string, string), Entry>(head.Key, entry));
                    }

                    budget--;
                }
            }
        }
        finally
        {
            _sweepGate.Exit();
        }
    }

    private readonly record struct Entry(DateTimeOffset Expires, bool Confirmed);

    private readonly record struct Expiry((string Channel, string Id) Key, DateTimeOffset Expires);
}
