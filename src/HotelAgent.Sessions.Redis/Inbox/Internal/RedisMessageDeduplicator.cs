using HotelAgent.Abstractions;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// Remembers channel message ids in Redis with <c>SET key p NX PX ttl</c>, one round trip, atomic across hosts: of
/// many concurrent registrations of one id exactly one wins. A confirmation sets the value <c>c</c> (an id stored as
/// <c>1</c> by an earlier version counts as confirmed). A Redis outage is a transient <see cref="HotelAgentException"/>.
/// </summary>
internal sealed class RedisMessageDeduplicator(RedisConnection connection, RedisKeys keys) : IMessageDeduplicator
{
    private static readonly RedisValue Pending = "p";
    private static readonly RedisValue Confirmed = "c";

    public async ValueTask<bool> TryRegisterAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        return await connection.RunAsync(database => database.StringSetAsync(keys.Deduplication(channelName, messageId), Pending, timeToLive, When.NotExists), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ConfirmAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        await connection.RunAsync(database => database.StringSetAsync(keys.Deduplication(channelName, messageId), Confirmed, timeToLive), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> IsConfirmedAsync(string channelName, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        var value = await connection.RunAsync(database => database.StringGetAsync(keys.Deduplication(channelName, messageId)), cancellationToken).ConfigureAwait(false);
        return !value.IsNull && value != Pending;
    }

    public async ValueTask ForgetAsync(string channelName, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        await connection.RunAsync(database => database.KeyDeleteAsync(keys.Deduplication(channelName, messageId)), cancellationToken).ConfigureAwait(false);
    }
}
