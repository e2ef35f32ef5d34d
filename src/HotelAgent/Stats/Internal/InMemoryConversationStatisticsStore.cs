using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// Keeps the statistics in this process: one dictionary of buckets per counter and resolution, pruned past what
/// <see cref="IConversationStatisticsStore"/> promises to keep, and the activity list of <see cref="RecentConversations"/>.
/// The numbers start at zero when the process starts and each host counts only its own turns.
/// </summary>
internal sealed class InMemoryConversationStatisticsStore(TimeProvider timeProvider) : IConversationStatisticsStore
{
    private static readonly int Counters = Enum.GetValues<ConversationCounter>().Length;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, long>[] _buckets = [.. Enumerable.Range(0, Counters * 3).Select(_ => new Dictionary<long, long>())];
    private readonly long[] _totals = new long[Counters];
    private readonly RecentConversations _recent = new(timeProvider);

    /// <summary>Gets the number of conversations in the activity list.</summary>
    public int ActivityCount => _recent.Count;

    public ValueTask IncrementAsync(ConversationCounter counter, DateTimeOffset at, long value = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        var index = CounterIndex(counter);
        lock (_gate)
        {
            _totals[index] += value;
            foreach (var resolution in (ReadOnlySpan<StatisticsResolution>)[StatisticsResolution.Minute, StatisticsResolution.Hour, StatisticsResolution.Day])
            {
                var buckets = _buckets[(index * 3) + (int)resolution];
                var bucket = StatisticsBuckets.Of(at, resolution);
                buckets[bucket] = buckets.GetValueOrDefault(bucket) + value;
                if (buckets.Count > StatisticsBuckets.Kept(resolution) * 2)
                {
                    var oldest = bucket - StatisticsBuckets.Kept(resolution);
                    foreach (var stale in buckets.Keys.Where(b => b <= oldest).ToList())
                    {
                        buckets.Remove(stale);
                    }
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<long>> GetSeriesAsync(ConversationCounter counter, StatisticsResolution resolution, DateTimeOffset end, int count, CancellationToken cancellationToken = default)
    {
        StatisticsBuckets.CheckCount(resolution, count);
        var last = StatisticsBuckets.Of(end, resolution);
        var series = new long[count];
        lock (_gate)
        {
            var buckets = _buckets[(CounterIndex(counter) * 3) + (int)resolution];
            for (var i = 0; i < count; i++)
            {
                series[i] = buckets.GetValueOrDefault(last - (count - 1) + i);
            }
        }

        return ValueTask.FromResult<IReadOnlyList<long>>(series);
    }

    public ValueTask<long> GetTotalAsync(ConversationCounter counter, CancellationToken cancellationToken = default)
    {
        var index = CounterIndex(counter);
        lock (_gate)
        {
            return ValueTask.FromResult(_totals[index]);
        }
    }

    public ValueTask RecordActivityAsync(ConversationActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrWhiteSpace(activity.ConversationId, nameof(activity));
        _recent.Record(activity);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<ConversationActivity>> GetActivityAsync(DateTimeOffset since, int take = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        return ValueTask.FromResult<IReadOnlyList<ConversationActivity>>([.. _recent.Since(since).Take(take)]);
    }

    private static int CounterIndex(ConversationCounter counter)
    {
        var index = (int)counter;
        ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(counter));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Counters, nameof(counter));
        return index;
    }
}

/// <summary>The bucket arithmetic every statistics store shares: a bucket is a whole number of minutes, hours or days since 0001-01-01 UTC.</summary>
internal static class StatisticsBuckets
{
    public static long Of(DateTimeOffset at, StatisticsResolution resolution) => at.UtcTicks / Length(resolution);

    public static DateTimeOffset Start(long bucket, StatisticsResolution resolution) => new(bucket * Length(resolution), TimeSpan.Zero);

    public static int Kept(StatisticsResolution resolution) => resolution switch
    {
        StatisticsResolution.Minute => IConversationStatisticsStore.MinuteBuckets,
        StatisticsResolution.Hour => IConversationStatisticsStore.HourBuckets,
        StatisticsResolution.Day => IConversationStatisticsStore.DayBuckets,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Unknown resolution."),
    };

    public static void CheckCount(StatisticsResolution resolution, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Kept(resolution));
    }

    private static long Length(StatisticsResolution resolution) => resolution switch
    {
        StatisticsResolution.Minute => TimeSpan.TicksPerMinute,
        StatisticsResolution.Hour => TimeSpan.TicksPerHour,
        StatisticsResolution.Day => TimeSpan.TicksPerDay,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "Unknown resolution."),
    };
}
