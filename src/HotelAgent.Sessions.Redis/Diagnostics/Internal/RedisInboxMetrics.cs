using System.Diagnostics.Metrics;
using HotelAgent.Abstractions;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// The Redis inbox's gauges: the messages in the shared stream (waiting or being handled) plus the retries not yet
/// due, and the dead letters. They are the same for every host of a hotel.
/// </summary>
/// <remarks>
/// A gauge callback cannot wait for Redis, so it reports the counts read by the previous observation and starts a new
/// read (one script, one round trip) when those are older than <see cref="MaxAge"/>. Nothing is read while nobody
/// observes the gauges, and no value is reported while Redis cannot be read.
/// </remarks>
internal sealed class RedisInboxMetrics
{
    public const string MeterName = "HotelAgent.Sessions.Redis";

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly Func<Task<(long Depth, long DeadLetters)>> _count;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private (long Depth, long DeadLetters)? _counts;
    private long _started;
    private long _kept;
    private long _readAt;
    private int _reading;

    public RedisInboxMetrics(IMeterFactory meterFactory, TimeProvider timeProvider, Func<Task<(long Depth, long DeadLetters)>> count)
    {
        _count = count;
        _timeProvider = timeProvider;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("hotel_agent.inbox.depth", () => Observe(c => c.Depth), "{message}", "Messages in the shared inbox stream (waiting or being handled) and retries not yet due.");
        meter.CreateObservableGauge("hotel_agent.inbox.dead_letters", () => Observe(c => c.DeadLetters), "{message}", "Messages that failed every attempt and wait in the dead-letter stream for a replay.");
    }

    /// <summary>Reads the counts now; the next observation reports them.</summary>
    /// <returns>A task that completes when the counts are read (or could not be).</returns>
    public async Task RefreshAsync()
    {
        var read = Interlocked.Increment(ref _started);
        (long, long)? counts = null;
        try
        {
            counts = await _count().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HotelAgentException or RedisException)
        {
            // Redis is down (its connection logged it) or refused: report nothing rather than stale counts.
        }
        finally
        {
            lock (_gate)
            {
                // A read that started before the last one kept is older: drop it.
                if (read > _kept)
                {
                    _kept = read;
                    _counts = counts;
                }
            }

            Volatile.Write(ref _readAt, _timeProvider.GetTimestamp());
            Volatile.Write(ref _reading, 0);
        }
    }

    private IEnumerable<Measurement<long>> Observe(Func<(long Depth, long DeadLetters), long> value)
    {
        if (_timeProvider.GetElapsedTime(Volatile.Read(ref _readAt)) >= MaxAge && Interlocked.Exchange(ref _reading, 1) == 0)
        {
            _ = RefreshAsync();
        }

        (long Depth, long DeadLetters)? counts;
        lock (_gate)
        {
            counts = _counts;
        }

        return counts is { } read ? [new Measurement<long>(value(read))] : [];
    }
}
