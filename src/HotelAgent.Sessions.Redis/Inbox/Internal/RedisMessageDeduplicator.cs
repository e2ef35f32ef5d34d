using HotelAgent.Abstractions;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// Remembers channel message ids in Redis with <c>SET key 1 NX PX ttl</c>, one round trip, atomic across hosts: of
/// many concurrent registrations of one id exactly one wins.
/// </summary>
internal sealed class RedisMessageDeduplicator(RedisConnection connection, RedisKeys keys) : IMessageDeduplicator
{
    public async ValueTask<bool> TryRegisterAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        var database = await connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        return await database.StringSetAsync(keys.Deduplication(channelName, messageId), 1, timeToLive, When.NotExists).ConfigureAwait(false);
    }

    public async ValueTask ConfirmAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        var database = await connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        await database.StringSetAsync(keys.Deduplication(channelName, messageId), 1, timeToLive).ConfigureAwait(false);
    }

    public async ValueTask ForgetAsync(string channelName, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        var database = await connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        await database.KeyDeleteAsync(keys.Deduplication(channelName, messageId)).ConfigureAwait(false);
    }
}
