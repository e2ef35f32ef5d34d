using System.Diagnostics.Metrics;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace HotelAgent;

/// <summary>
/// Feeds the <see cref="IConversationStatisticsStore"/> the staff console reads: messages, turns, handoffs and
/// bookings as they happen, and each conversation's latest activity after its turn is saved.
/// </summary>
/// <remarks>
/// It does not touch the engine's counting: a <see cref="MeterListener"/> listens to the core's own instruments on the
/// <c>HotelAgent</c> meter created by this container's <see cref="IMeterFactory"/> (other hosts in the same process are
/// ignored), stamps each measurement with <see cref="TimeProvider"/> and adds it to the store. The turn does not wait
/// for the store, and the guest is answered all the same. A write the store fails with a transient error (Redis down
/// or failing over to a replica) is tried again in the background for about 20 s with a growing delay; only then is it
/// lost, logged at Debug. An activity is stored only if newer than the conversation's stored one, so a late retry never
/// hides a later turn; an increment whose failed attempt did reach the store can be counted twice. A write the primary
/// took and lost before its replica had it is not seen as failed, and is lost with it. Safe for concurrent use.
/// </remarks>
internal sealed class ConversationStatistics : IDisposable
{
    private const string MessagesReceived = "hotel_agent.messages.received";
    private const string BookingsCreated = "hotel_agent.bookings.created";
    private const string Handoffs = "hotel_agent.handoffs";
    private const string TurnDuration = "hotel_agent.turn.duration";

    private readonly IMeterFactory _meterFactory;
    private readonly IConversationStatisticsStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ConversationStatistics> _logger;
    private readonly MeterListener _listener;
    private readonly string? _property;
    private readonly ResiliencePipeline _retry;

    public ConversationStatistics(IMeterFactory meterFactory, IConversationStatisticsStore store, TimeProvider timeProvider, ILogger<ConversationStatistics> logger)
        : this(meterFactory, store, timeProvider, logger, property: null)
    {
    }

    /// <summary>Creates the statistics of one named property: it counts only the instruments of that property's meter.</summary>
    internal ConversationStatistics(IMeterFactory meterFactory, IConversationStatisticsStore store, TimeProvider timeProvider, ILogger<ConversationStatistics> logger, string? property)
    {
        _property = property;
        _meterFactory = meterFactory;
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
        _retry = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = "hotel-agent-statistics" }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HotelAgentException>(ex => ex.IsTransient),
                MaxRetryAttempts = 6,
                Delay = TimeSpan.FromMilliseconds(500),
                BackoffType = DelayBackoffType.Exponential,
                MaxDelay = TimeSpan.FromSeconds(5),
                UseJitter = true,
            })
            .Build();
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

    /// <summary>Records a conversation's activity after its turn was saved, without waiting for the store.</summary>
    /// <param name="session">The saved session.</param>
    public void RecordActivity(ConversationSession session)
    {
        var activity = new ConversationActivity(
            session.ConversationId,
            session.ChannelName,
            session.State,
            session.Language,
            _timeProvider.GetUtcNow(),
            session.TurnCount,
            session.HandoffTicketId is not null);
        var write = _store.RecordActivityAsync(activity);
        if (!write.IsCompletedSuccessfully)
        {
            ObserveActivity(write, activity);
        }
    }

    public void Dispose() => _listener.Dispose();

    private bool IsOurs(Instrument instrument) =>
        instrument.Meter.Name == HotelAgentMetrics.MeterName
        && ReferenceEquals(instrument.Meter.Scope, _meterFactory)
        && HotelAgentMetrics.PropertyOf(instrument.Meter) == _property
        && instrument.Name is MessagesReceived or BookingsCreated or Handoffs or TurnDuration;

    private void Record(string instrument, long value)
    {
        if (value <= 0)
        {
            return;
        }

        ConversationCounter counter;
        switch (instrument)
        {
            case MessagesReceived:
                counter = ConversationCounter.MessagesReceived;
                break;
            case Handoffs:
                counter = ConversationCounter.Handoffs;
                break;
            case TurnDuration:
                counter = ConversationCounter.Turns;
                break;
            case BookingsCreated:
                counter = ConversationCounter.BookingsCreated;
                break;
            default:
                return;
        }

        var at = _timeProvider.GetUtcNow();
        var write = _store.IncrementAsync(counter, at, value);
        if (!write.IsCompletedSuccessfully)
        {
            ObserveIncrement(write, counter, at, value);
        }
    }

    // The closures live in these, so that a store that finishes at once (in memory) costs the turn no allocation.
    private void ObserveActivity(ValueTask write, ConversationActivity activity) =>
        _ = ObserveAsync(write, cancellationToken => _store.RecordActivityAsync(activity, cancellationToken));

    private void ObserveIncrement(ValueTask write, ConversationCounter counter, DateTimeOffset at, long value) =>
        _ = ObserveAsync(write, cancellationToken => _store.IncrementAsync(counter, at, value, cancellationToken));

    /// <summary>Waits for a write the store did not finish at once; a transient failure has it written again, in the background.</summary>
    private async Task ObserveAsync(ValueTask write, Func<CancellationToken, ValueTask> again)
    {
        try
        {
            try
            {
                await write.ConfigureAwait(false);
            }
            catch (HotelAgentException ex) when (ex.IsTransient)
            {
                await _retry.ExecuteAsync(again).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.StatisticsNotRecorded(_logger, ex.GetType().Name);
        }
    }
}
