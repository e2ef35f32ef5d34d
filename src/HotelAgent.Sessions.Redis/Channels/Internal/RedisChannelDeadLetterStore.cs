using System.Text.Json;
using HotelAgent.Abstractions;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// Keeps a channel's dead letters under the hash tag <c>{prefix + "dead-letters:" + channel}</c> (one cluster slot per
/// channel): a sorted set orders the ids by when they were first added (Unix ms), a hash holds their JSON. Adding
/// and removing are scripts, so of concurrent removals of one dead letter exactly one gets it; past
/// <see cref="Capacity"/> the oldest are dropped.
/// </summary>
internal sealed class RedisChannelDeadLetterStore(RedisConnection connection, RedisKeys keys) : IChannelDeadLetterStore
{
    public const int Capacity = 10_000;

    // KEYS[1] index, KEYS[2] data; ARGV[1] id, ARGV[2] JSON, ARGV[3] score (ms), ARGV[4] capacity.
    private const string AddScript = """
        redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[1])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[4])
        if excess > 0 then
          for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, excess - 1)) do
            redis.call('HDEL', KEYS[2], id)
          end
          redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
        end
        return 1
        """;

    // KEYS[1] index, KEYS[2] data; ARGV[1] id. Returns the JSON removed, or nil.
    private const string RemoveScript = """
        local json = redis.call('HGET', KEYS[2], ARGV[1])
        if not json then return false end
        redis.call('HDEL', KEYS[2], ARGV[1])
        redis.call('ZREM', KEYS[1], ARGV[1])
        return json
        """;

    public async ValueTask AddAsync(ChannelDeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        ArgumentException.ThrowIfNullOrWhiteSpace(deadLetter.ChannelName, nameof(deadLetter));
        ArgumentException.ThrowIfNullOrWhiteSpace(deadLetter.Id, nameof(deadLetter));
        var json = JsonSerializer.SerializeToUtf8Bytes(deadLetter, RedisJsonContext.Default.ChannelDeadLetter);
        await connection.RunAsync(
            database => database.ScriptEvaluateAsync(
                AddScript,
                [keys.ChannelDeadLetterIndex(deadLetter.ChannelName), keys.ChannelDeadLetterData(deadLetter.ChannelName)],
                [deadLetter.Id, json, deadLetter.FailedAt.ToUnixTimeMilliseconds(), Capacity]),
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<ChannelDeadLetter>> ListAsync(string channelName, int take = 100, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var ids = await connection.RunAsync(database => database.SortedSetRangeByRankAsync(keys.ChannelDeadLetterIndex(channelName), 0, take - 1), cancellationToken).ConfigureAwait(false);
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await connection.RunAsync(database => database.HashGetAsync(keys.ChannelDeadLetterData(channelName), ids), cancellationToken).ConfigureAwait(false);
        return [.. values.Where(v => !v.IsNull).Select(v => Deserialize((byte[])v!))];
    }

    public async ValueTask<ChannelDeadLetter?> TryRemoveAsync(string channelName, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var removed = await connection.RunAsync(
            database => database.ScriptEvaluateAsync(RemoveScript, [keys.ChannelDeadLetterIndex(channelName), keys.ChannelDeadLetterData(channelName)], [id]),
            cancellationToken).ConfigureAwait(false);
        return removed.IsNull ? null : Deserialize((byte[])removed!);
    }

    private static ChannelDeadLetter Deserialize(byte[] json) =>
        JsonSerializer.Deserialize(json, RedisJsonContext.Default.ChannelDeadLetter) ?? throw new InvalidOperationException("A stored dead letter is empty.");
}
