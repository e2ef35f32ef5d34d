using HotelAgent.Abstractions;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// Remembers channel message ids in Redis with <c>SET key 1 NX PX ttl</c>, one round trip, atomic across hosts: of
/// many concurrent registrations of one id exactly one wins. A Redis outage is a transient <see cref="HotelAgentException"/>.
/// </summary>
internal sealed class RedisMessageDeduplicator(RedisConnection connection, RedisKeys keys) : IMessageDeduplicator
{
    public async ValueTask<bool> TryRegisterAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        return await connection.RunAsync(database => database.StringSetAsync(keys.Deduplication(channelName, messageId), 1, timeToLive, When.NotExists), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ConfirmAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        await connection.RunAsync(database => database.StringSetAsync(keys.Deduplication(channelName, messageId), 1, timeToLive), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ForgetAsync(string channelName, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        await connection.RunAsync(database => database.KeyDeleteAsync(keys.Deduplication(channelName, messageId)), cancellationToken).ConfigureAwait(false);
    }
}
