using System.Text.Json;
using HotelAgent.Abstractions;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// Keeps each guest's thread as JSON under <c>{prefix}thread:{channel}:{guest, lower case}</c> with a time to live:
/// one <c>SET PX</c> to store, one <c>GET</c> to read, so a reply after a restart, or from another host, stays in the thread.
/// </summary>
internal sealed class RedisConversationThreadStore(RedisConnection connection, RedisKeys keys) : IConversationThreadStore
{
    public async ValueTask<ConversationThread?> GetAsync(string channelName, string guestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(guestId);
        var value = await connection.RunAsync(database => database.StringGetAsync(keys.Thread(channelName, guestId)), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : JsonSerializer.Deserialize((byte[])value!, RedisJsonContext.Default.ConversationThread);
    }

    public async ValueTask SetAsync(string channelName, string guestId, ConversationThread thread, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(guestId);
        ArgumentNullException.ThrowIfNull(thread);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        var json = JsonSerializer.SerializeToUtf8Bytes(thread, RedisJsonContext.Default.ConversationThread);
        await connection.RunAsync(database => database.StringSetAsync(keys.Thread(channelName, guestId), json, timeToLive), cancellationToken).ConfigureAwait(false);
    }
}
