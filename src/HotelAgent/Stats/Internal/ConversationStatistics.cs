using System.Diagnostics.Metrics;

namespace HotelAgent;

/// <summary>
/// Counts what the staff console charts, in memory: messages per hour, turns and handoffs per hour (for the
/// automation rate), bookings per day and turns per minute (for "live" activity).
/// </summary>
/// <remarks>
/// It does not touch the engine: a <see cref="MeterListener"/> listens to the core's own instruments on the
/// <c>HotelAgent</c> meter created by this container's <see cref="IMeterFactory"/> (other hosts in the same process
/// are ignored), and buckets their measurements with <see cref="TimeProvider"/>. Conversation ids are not metric
/// tags, so "live" activity is a count of turns, not of distinct conversations. The numbers are per process and
/// start at zero when the process starts. Safe for concurrent use.
/// </remarks>
internal sealed class ConversationStatistics : IDisposable
{
    /// <summary>How many hourly buckets the messages-per-hour series has.</summary>
    public const int HoursInSeries = 24;

    /// <summary>How many daily buckets the bookings-per-day series has.</summary>
    public const int DaysInSeries = 14;

    /// <summary>The window of the "live" turn count.</summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(30);

    private const string MessagesReceived = "hotel_agent.messages.received";
    private const string BookingsCreated = "hotel_agent.bookings.created";
    private const string Handoffs = "hotel_agent.handoffs";
    private const string TurnDuration = "hotel_agent.turn.duration";

    private readonly IMeterFactory _meterFactory;
    private readonly TimeProvider _timeProvider;
    private readonly MeterListener _listener;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Counts> _hours = [];
    private readonly Dictionary<long, long> _bookingsByDay = [];
    private readonly Dictionary<long, long> _turnsByMinute = [];
    private long _totalMessages;
    private long _totalTurns;
    private long _totalHandoffs;
    private long _totalBookings;

    public ConversationStatistics(IMeterFactory meterFactory, TimeProvider timeProvider)
    {
        _meterFactory = meterFactory;
        _timeProvider = timeProvider;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (IsOurs(instrument))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Record(instrument.Name, value));
        _listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => Record(instrument.Name, 1));
        _listener.Start();
    }

    /// <summary>Takes a consistent copy of the series, ending at the current hour and day (UTC).</summary>
    /// <returns>The snapshot.</returns>
    public StatisticsSnapshot GetSnapshot()
    {
        var now = _timeProvider.GetUtcNow();
        var hourNow = HourOf(now);
        var dayNow = DayOf(now);
        var minuteNow = MinuteOf(now);
        lock (_gate)
        {
            Prune(hourNow, dayNow, minuteNow);
            var messages = new HourCount[HoursInSeries];
            long turns = 0, handoffs = 0;
            for (var i = 0; i < HoursInSeries; i++)
            {
                var hour = hourNow - (HoursInSeries - 1) + i;
                var counts = _hours.GetValueOrDefault(hour);
                messages[i] = new HourCount(FromHour(hour), counts.Messages);
                turns += counts.Turns;
                handoffs += counts.Handoffs;
            }

            var bookings = new DayCount[DaysInSeries];
            for (var i = 0; i < DaysInSeries; i++)
            {
                var day = dayNow - (DaysInSeries - 1) + i;
                bookings[i] = new DayCount(DateOnly.FromDayNumber((int)day), _bookingsByDay.GetValueOrDefault(day));
            }

            var liveMinutes = (long)LiveWindow.TotalMinutes;
            long live = 0;
            foreach (var (minute, count) in _turnsByMinute)
            {
                if (minute > minuteNow - liveMinutes)
                {
                    live += count;
                }
            }

            return new StatisticsSnapshot
            {
                GeneratedAt = now,
                MessagesPerHour = messages,
                BookingsPerDay = bookings,
                TurnsLast24Hours = turns,
                HandoffsLast24Hours = handoffs,
                TurnsInLiveWindow = live,
                TotalMessages = _totalMessages,
                TotalTurns = _totalTurns,
                TotalHandoffs = _totalHandoffs,
                TotalBookings = _totalBookings,
            };
        }
    }

    public void Dispose() => _listener.Dispose();

    private bool IsOurs(Instrument instrument) =>
        instrument.Meter.Name == HotelAgentMetrics.MeterName
        && ReferenceEquals(instrument.Meter.Scope, _meterFactory)
        && instrument.Name is MessagesReceived or BookingsCreated or Handoffs or TurnDuration;

    private void Record(string instrument, long value)
    {
        var now = _timeProvider.GetUtcNow();
        var hour = HourOf(now);
        lock (_gate)
        {
            var counts = _hours.GetValueOrDefault(hour);
            switch (instrument)
            {
                case MessagesReceived:
                    counts.Messages += value;
                    _totalMessages += value;
                    break;
                case Handoffs:
                    counts.Handoffs += value;
                    _totalHandoffs += value;
                    break;
                case TurnDuration:
                    counts.Turns += value;
                    _totalTurns += value;
                    var minute = MinuteOf(now);
                    _turnsByMinute[minute] = _turnsByMinute.GetValueOrDefault(minute) + value;
                    break;
                case BookingsCreated:
                    var day = DayOf(now);
                    _bookingsByDay[day] = _bookingsByDay.GetValueOrDefault(day) + value;
                    _totalBookings += value;
                    break;
                default:
                    return;
            }

            _hours[hour] = counts;
            if (_hours.Count > HoursInSeries * 2 || _turnsByMinute.Count > LiveWindow.TotalMinutes * 4 || _bookingsByDay.Count > DaysInSeries * 2)
            {
                Prune(hour, DayOf(now), MinuteOf(now));
            }
        }
    }

    private void Prune(long hourNow, long dayNow, long minuteNow)
    {
        RemoveWhere(_hours, hour => hour <= hourNow - HoursInSeries);
        RemoveWhere(_bookingsByDay, day => day <= dayNow - DaysInSeries);
        RemoveWhere(_turnsByMinute, minute => minute <= minuteNow - (long)LiveWindow.TotalMinutes);
    }

    private static void RemoveWhere<TValue>(Dictionary<long, TValue> buckets, Func<long, bool> stale)
    {
        foreach (var key in buckets.Keys.Where(stale).ToList())
        {
            buckets.Remove(key);
        }
    }

    private static long MinuteOf(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerMinute;

    private static long HourOf(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerHour;

    private static long DayOf(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerDay;

    private static DateTimeOffset FromHour(long hour) => new(hour * TimeSpan.TicksPerHour, TimeSpan.Zero);

    private struct Counts
    {
        public long Messages;
        public long Turns;
        public long Handoffs;
    }
}

/// <summary>Messages received in the hour starting at <paramref name="Start"/> (UTC).</summary>
/// <param name="Start">The start of the hour.</param>
/// <param name="Count">The number of messages.</param>
internal sealed record HourCount(DateTimeOffset Start, long Count);

/// <summary>Reservations the agent created on <paramref name="Date"/> (UTC).</summary>
/// <param name="Date">The day.</param>
/// <param name="Count">The number of reservations.</param>
internal sealed record DayCount(DateOnly Date, long Count);

/// <summary>A copy of <see cref="ConversationStatistics"/> at one moment.</summary>
internal sealed record StatisticsSnapshot
{
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Gets the last 24 hours, oldest first, the current hour last.</summary>
    public required IReadOnlyList<HourCount> MessagesPerHour { get; init; }

    /// <summary>Gets the last 14 days, oldest first, today last.</summary>
    public required IReadOnlyList<DayCount> BookingsPerDay { get; init; }

    public required long TurnsLast24Hours { get; init; }

    public required long HandoffsLast24Hours { get; init; }

    /// <summary>Gets the turns handled in the last <see cref="ConversationStatistics.LiveWindow"/>.</summary>
    public required long TurnsInLiveWindow { get; init; }

    public required long TotalMessages { get; init; }

    public required long TotalTurns { get; init; }

    public required long TotalHandoffs { get; init; }

    public required long TotalBookings { get; init; }

    /// <summary>Gets the share of the last 24 hours' turns that opened no handoff, or <see langword="null"/> without turns.</summary>
    public double? AutomationRate => TurnsLast24Hours == 0
        ? null
        : Math.Clamp((double)(TurnsLast24Hours - HandoffsLast24Hours) / TurnsLast24Hours, 0, 1);
}
