using System.Collections.Concurrent;
using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// Remembers message ids in this process; expired ids are swept as new ones arrive. Not shared between hosts: use a
/// shared deduplicator (Redis) for several hosts.
/// </summary>
internal sealed class InMemoryMessageDeduplicator(TimeProvider timeProvider) : IMessageDeduplicator
{
    private const int SweepEvery = 1024;
    private readonly ConcurrentDictionary<(string Channel, string Id), DateTimeOffset> _seen = new();
    private int _registrations;

    public int Count => _seen.Count;

    public ValueTask<bool> TryRegisterAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        var now = timeProvider.GetUtcNow();
        if (Interlocked.Increment(ref _registrations) % SweepEvery == 0)
        {
            Sweep(now);
        }

        var key = (channelName, messageId);
        while (true)
        {
            if (_seen.TryAdd(key, now + timeToLive))
            {
                return ValueTask.FromResult(true);
            }

            if (_seen.TryGetValue(key, out var expires))
            {
                if (expires > now)
                {
                    return ValueTask.FromResult(false);
                }

                // Expired: whoever replaces it first takes the message in.
                if (_seen.TryUpdate(key, now + timeToLive, expires))
                {
                    return ValueTask.FromResult(true);
                }
            }
        }
    }

    public ValueTask ConfirmAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        _seen[(channelName, messageId)] = timeProvider.GetUtcNow() + timeToLive;
        return ValueTask.CompletedTask;
    }

    public ValueTask ForgetAsync(string channelName, string messageId, CancellationToken cancellationToken = default)
    {
        _seen.TryRemove((channelName, messageId), out _);
        return ValueTask.CompletedTask;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var pair in _seen)
        {
            if (pair.Value <= now)
            {
                _seen.TryRemove(pair);
            }
        }
    }
}
