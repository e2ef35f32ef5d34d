using HotelAgent.Abstractions;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// <see cref="IDistributedLock"/> on Redis: <c>SET key token NX PX lease</c> to take the lock, polled until the wait is
/// over, and a compare-and-delete script to release it, so a host never releases a lock that expired and was taken by another.
/// </summary>
internal sealed class RedisDistributedLock(RedisConnection connection, RedisKeys keys, TimeProvider timeProvider) : IDistributedLock
{
    private const string ReleaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(25);

    public async ValueTask<IAsyncDisposable?> TryAcquireAsync(string resource, TimeSpan lease, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var key = keys.Lock(resource);
        var token = Guid.NewGuid().ToString("N");
        var started = timeProvider.GetTimestamp();
        try
        {
            var database = await connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                if (await database.StringSetAsync(key, token, lease, When.NotExists).ConfigureAwait(false))
                {
                    return new Held(database, key, token);
                }

                if (timeProvider.GetElapsedTime(started) >= wait)
                {
                    return null;
                }

                await Task.Delay(_poll, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RedisException ex)
        {
            throw new HotelAgentException($"Redis could not be reached to lock '{resource}'.", ex) { IsTransient = true };
        }
    }

    private sealed class Held(IDatabase database, RedisKey key, string token) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                try
                {
                    await database.ScriptEvaluateAsync(ReleaseScript, [key], [token]).ConfigureAwait(false);
                }
                catch (RedisException)
                {
                    // The lease ends the lock anyway.
                }
            }
        }
    }
}
