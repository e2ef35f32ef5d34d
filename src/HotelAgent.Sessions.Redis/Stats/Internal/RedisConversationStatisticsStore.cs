using System.Text.Json;
using HotelAgent.Abstractions;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// Keeps the staff console's statistics in Redis for every host of the hotel, all under the hash tag
/// <c>{prefix + "stats"}</c> (one cluster slot): per counter, a hash of minute, hour and day buckets (field = bucket
/// number, value = count) and a totals hash; the activity list is a sorted set of conversation ids scored by last
/// activity (Unix ms) beside a hash of their JSON.
/// </summary>
/// <remarks>
/// An increment is one script (<c>HINCRBY</c> in the three bucket hashes and the totals; when it opens a new bucket,
/// the buckets past those kept are deleted). Recording activity is one script (kept only if newer than what is
/// stored; entries older than a day and those past <see cref="IConversationStatisticsStore.MaxConversations"/> are
/// dropped). Reads are <c>HMGET</c>/<c>HGET</c>, and <c>ZREVRANGEBYSCORE</c> then <c>HMGET</c> for the activity.
/// </remarks>
internal sealed class RedisConversationStatisticsStore(RedisConnection connection, RedisKeys keys) : IConversationStatisticsStore
{
    // KEYS[1..3] minute, hour, day buckets; KEYS[4] totals. ARGV[1] value, ARGV[2..4] buckets, ARGV[5] counter field, ARGV[6..8] buckets kept.
    private const string IncrementScript = """
        local v = tonumber(ARGV[1])
        for i = 1, 3 do
          if redis.call('HINCRBY', KEYS[i], ARGV[i + 1], v) == v then
            local oldest = tonumber(ARGV[i + 1]) - tonumber(ARGV[i + 5])
            for _, field in ipairs(redis.call('HKEYS', KEYS[i])) do
              if tonumber(field) <= oldest then redis.call('HDEL', KEYS[i], field) end
            end
          end
        end
        redis.call('HINCRBY', KEYS[4], ARGV[5], v)
        return 1
        """;

    // KEYS[1] activity set, KEYS[2] activity data. ARGV[1] id, ARGV[2] last activity (ms), ARGV[3] JSON, ARGV[4] forget before (ms), ARGV[5] most entries.
    private const string ActivityScript = """
        local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if current and tonumber(current) > tonumber(ARGV[2]) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
        local stale = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4], 'LIMIT', 0, 100)
        for _, id in ipairs(stale) do
          redis.call('ZREM', KEYS[1], id)
          redis.call('HDEL', KEYS[2], id)
        end
        local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[5])
        if excess > 0 then
          for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, excess - 1)) do
            redis.call('HDEL', KEYS[2], id)
          end
          redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
        end
        return 1
        """;

    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public async ValueTask IncrementAsync(ConversationCounter counter, DateTimeOffset at, long value = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        CheckCounter(counter);
        await connection.RunAsync(
            database => database.ScriptEvaluateAsync(
                IncrementScript,
                [
                    keys.StatisticsBuckets(counter, StatisticsResolution.Minute),
                    keys.StatisticsBuckets(counter, StatisticsResolution.Hour),
                    keys.StatisticsBuckets(counter, StatisticsResolution.Day),
                    keys.StatisticsTotals,
                ],
                [
                    value,
                    Bucket(at, StatisticsResolution.Minute),
                    Bucket(at, StatisticsResolution.Hour),
                    Bucket(at, StatisticsResolution.Day),
                    (int)counter,
                    Kept(StatisticsResolution.Minute),
                    Kept(StatisticsResolution.Hour),
                    Kept(StatisticsResolution.Day),
                ]),
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<long>> GetSeriesAsync(ConversationCounter counter, StatisticsResolution resolution, DateTimeOffset end, int count, CancellationToken cancellationToken = default)
    {
        CheckCounter(counter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Kept(resolution));
        var last = Bucket(end, resolution);
        var fields = new RedisValue[count];
        for (var i = 0; i < count; i++)
        {
            fields[i] = last - (count - 1) + i;
        }

        var values = await connection.RunAsync(database => database.HashGetAsync(keys.StatisticsBuckets(counter, resolution), fields), cancellationToken).ConfigureAwait(false);
        return [.. values.Select(v => v.IsNull ? 0L : (long)v)];
    }

    public async ValueTask<long> GetTotalAsync(ConversationCounter counter, CancellationToken cancellationToken = default)
    {
        CheckCounter(counter);
        var value = await connection.RunAsync(database => database.HashGetAsync(keys.StatisticsTotals, (int)counter), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? 0 : (long)value;
    }

    public async ValueTask RecordActivityAsync(ConversationActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrWhiteSpace(activity.ConversationId, nameof(activity));
        var json = JsonSerializer.SerializeToUtf8Bytes(activity, RedisJsonContext.Default.ConversationActivity);
        var at = activity.LastActivity.ToUnixTimeMilliseconds();
        await connection.RunAsync(
            database => database.ScriptEvaluateAsync(
                ActivityScript,
                [keys.StatisticsActivity, keys.StatisticsActivityData],
                [activity.ConversationId, at, json, at - (long)Retention.TotalMilliseconds, IConversationStatisticsStore.MaxConversations]),
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<ConversationActivity>> GetActivityAsync(DateTimeOffset since, int take = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var ids = await connection.RunAsync(
            database => database.SortedSetRangeByScoreAsync(keys.StatisticsActivity, since.ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.None, Order.Descending, 0, take),
            cancellationToken).ConfigureAwait(false);
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await connection.RunAsync(database => database.HashGetAsync(keys.StatisticsActivityData, ids), cancellationToken).ConfigureAwait(false);
        var list = new List<ConversationActivity>(values.Length);
        foreach (var value in values)
        {
            if (!value.IsNull && JsonSerializer.Deserialize((byte[])value!, RedisJsonContext.Default.ConversationActivity) is { } activity)
            {
                list.Add(activity);
            }
        }

        return list;
    }

    private static long Bucket(DateTimeOffset at, StatisticsResolution resolution) => at.UtcTicks / resolution switch
    {
        StatisticsResolution.Minute => TimeSpan.TicksPerMinute,
        StatisticsResolution.Hour => TimeSpan.TicksPerHour,
        StatisticsResolution.Day => TimeSpan.TicksPerDay,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Unknown resolution."),
    };

    private static int Kept(StatisticsResolution resolution) => resolution switch
    {
        StatisticsResolution.Minute => IConversationStatisticsStore.MinuteBuckets,
        StatisticsResolution.Hour => IConversationStatisticsStore.HourBuckets,
        StatisticsResolution.Day => IConversationStatisticsStore.DayBuckets,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Unknown resolution."),
    };

    private static void CheckCounter(ConversationCounter counter)
    {
        if (!Enum.IsDefined(counter))
        {
            throw new ArgumentOutOfRangeException(nameof(counter), counter, "Unknown counter.");
        }
    }
}
