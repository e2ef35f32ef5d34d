using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// Keeps each conversation's history in a list <c>{prefix}history:{conversationId}</c> of JSON entries, oldest first,
/// with the session's sliding time to live (<see cref="RedisSessionStoreOptions.SessionTimeToLive"/> when set). An
/// append is one script on that one key (<c>RPUSH</c>, <c>LTRIM</c> to the last
/// <see cref="IConversationHistoryStore.MaxEntries"/>, <c>PEXPIRE</c>), so appends from several hosts all land and the
/// key, like the session's, needs no hash tag on a cluster; a read is one <c>LRANGE</c>.
/// </summary>
internal sealed class RedisConversationHistoryStore(RedisConnection connection, RedisKeys keys, IOptions<RedisSessionStoreOptions> options) : IConversationHistoryStore
{
    // KEYS[1] history; ARGV[1] time to live (ms), ARGV[2] most entries kept, ARGV[3..] the entries.
    private const string AppendScript = """
        for i = 3, #ARGV do
          redis.call('RPUSH', KEYS[1], ARGV[i])
        end
        redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return 1
        """;

    private readonly TimeSpan? _timeToLive = options.Value.SessionTimeToLive;

    public async ValueTask AppendAsync(string conversationId, IReadOnlyList<ConversationHistoryEntry> entries, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        if (entries.Count == 0)
        {
            return;
        }

        var ttl = _timeToLive ?? timeToLive;
        var values = new RedisValue[entries.Count + 2];
        values[0] = (long)Math.Max(1, ttl.TotalMilliseconds);
        values[1] = IConversationHistoryStore.MaxEntries;
        for (var i = 0; i < entries.Count; i++)
        {
            values[i + 2] = JsonSerializer.SerializeToUtf8Bytes(entries[i], RedisJsonContext.Default.ConversationHistoryEntry);
        }

        await connection.RunAsync(database => database.ScriptEvaluateAsync(AppendScript, [keys.History(conversationId)], values), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<ConversationHistoryEntry>> GetAsync(string conversationId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        var values = await connection.RunAsync(database => database.ListRangeAsync(keys.History(conversationId)), cancellationToken).ConfigureAwait(false);
        var entries = new List<ConversationHistoryEntry>(values.Length);
        foreach (var value in values)
        {
            if (value.IsNull)
            {
                continue;
            }

            var entry = JsonSerializer.Deserialize((byte[])value!, RedisJsonContext.Default.ConversationHistoryEntry);
            if (entry is not null && entry.At >= since)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    public async ValueTask<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        return await connection.RunAsync(database => database.KeyDeleteAsync(keys.History(conversationId)), cancellationToken).ConfigureAwait(false);
    }
}
