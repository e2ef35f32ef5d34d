using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HotelAgent;

/// <summary>
/// The instruments of the core package, created once from <see cref="IMeterFactory"/>.
/// </summary>
internal sealed class HotelAgentMetrics
{
    public const string MeterName = "HotelAgent";

    /// <summary>Gives the named property whose instruments a meter holds, or <see langword="null"/> for the default property's.</summary>
    public static string? PropertyOf(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        if (meter.Tags is null)
        {
            return null;
        }

        foreach (var tag in meter.Tags)
        {
            if (tag.Key == HotelAgentTags.Property)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    public static readonly ActivitySource ActivitySource = new(MeterName);

    /// <summary>Bucket boundaries for durations in seconds, from 1 ms to 30 s.</summary>
    private static readonly InstrumentAdvice<double> SecondsAdvice = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30],
    };

    private readonly Meter _meter;

    public HotelAgentMetrics(IMeterFactory meterFactory)
        : this(meterFactory, property: null)
    {
    }

    /// <summary>Creates the instruments of one named property: its meter carries the tag <see cref="HotelAgentTags.Property"/>.</summary>
    internal HotelAgentMetrics(IMeterFactory meterFactory, string? property)
    {
        var meter = _meter = meterFactory.Create(new MeterOptions(MeterName)
        {
            Tags = property is null ? null : [new KeyValuePair<string, object?>(HotelAgentTags.Property, property)],
        });
        MessagesReceived = meter.CreateCounter<long>("hotel_agent.messages.received", "{message}", "Guest messages received, per channel.");
        RepliesSent = meter.CreateCounter<long>("hotel_agent.replies.sent", "{message}", "Replies produced, per channel.");
        Intents = meter.CreateCounter<long>("hotel_agent.intents", "{message}", "Messages per understood intent.");
        NluFallbacks = meter.CreateCounter<long>("hotel_agent.nlu.fallbacks", "{message}", "Messages not understood (below the confidence threshold or out of scope).");
        TurnDuration = meter.CreateHistogram("hotel_agent.turn.duration", "s", "Time to handle one guest message.", tags: null, advice: SecondsAdvice);
        PmsDuration = meter.CreateHistogram("hotel_agent.pms.request.duration", "s", "Duration of PMS calls, per operation and outcome.", tags: null, advice: SecondsAdvice);
        BookingsCreated = meter.CreateCounter<long>("hotel_agent.bookings.created", "{reservation}", "Reservations created by the agent.");
        BookingsCancelled = meter.CreateCounter<long>("hotel_agent.bookings.cancelled", "{reservation}", "Reservations cancelled by the agent.");
        BookingsModified = meter.CreateCounter<long>("hotel_agent.bookings.modified", "{reservation}", "Reservations changed by the agent.");
        Handoffs = meter.CreateCounter<long>("hotel_agent.handoffs", "{ticket}", "Handoff tickets opened, per reason.");
        InboxFailures = meter.CreateCounter<long>("hotel_agent.inbox.failures", "{message}", "Inbox messages whose handling failed and will be retried or dead-lettered.");
        ReplyFailures = meter.CreateCounter<long>("hotel_agent.replies.failed", "{message}", "Replies a channel could not deliver.");
        Turns = meter.CreateCounter<long>("hotel_agent.turns", "{turn}", "Turns handled, tagged automated=true when no handoff was involved (automation rate = automated / all).");
        SessionConflicts = meter.CreateCounter<long>("hotel_agent.sessions.conflicts", "{conflict}", "Turns retried because another handler saved the conversation first.");
        StaffNotifications = meter.CreateCounter<long>("hotel_agent.staff_notifications", "{notification}", "Staff notifications about handoff tickets, per notifier, kind and outcome (sent, failed).");
    }

    public Counter<long> MessagesReceived { get; }

    public Counter<long> RepliesSent { get; }

    public Counter<long> Intents { get; }

    public Counter<long> NluFallbacks { get; }

    public Histogram<double> TurnDuration { get; }

    public Histogram<double> PmsDuration { get; }

    public Counter<long> BookingsCreated { get; }

    public Counter<long> SessionConflicts { get; }

    public Counter<long> Turns { get; }

    public Counter<long> StaffNotifications { get; }

    /// <summary>Reports the PMS circuit state (0 closed, 1 open, 2 half-open, 3 isolated) as an observable gauge.</summary>
    public void ObserveCircuit(Func<int> state) =>
        _meter.CreateObservableGauge("hotel_agent.pms.circuit.state", state, "{state}", "State of the PMS circuit breaker: 0 closed, 1 open, 2 half-open, 3 isolated.");

    public Counter<long> InboxFailures { get; }

    /// <summary>Reports the inbox's backlog and its dead letters as observable gauges.</summary>
    /// <param name="depth">Messages waiting for a turn, retries not yet due included.</param>
    /// <param name="deadLetters">Messages that failed every attempt and wait for a replay.</param>
    public void ObserveInbox(Func<int> depth, Func<int> deadLetters)
    {
        _meter.CreateObservableGauge("hotel_agent.inbox.depth", depth, "{message}", "Messages waiting in the inbox for a turn, retries not yet due included.");
        _meter.CreateObservableGauge("hotel_agent.inbox.dead_letters", deadLetters, "{message}", "Messages that failed every attempt and wait in the dead letters for a replay.");
    }

    public Counter<long> BookingsCancelled { get; }

    public Counter<long> BookingsModified { get; }

    public Counter<long> Handoffs { get; }

    public Counter<long> ReplyFailures { get; }
}

/// <summary>
/// The tag names of the core package's instruments.
/// </summary>
internal static class HotelAgentTags
{
    public const string Channel = "hotel_agent.channel";
    public const string Intent = "hotel_agent.intent";
    public const string Operation = "hotel_agent.pms.operation";
    public const string Outcome = "hotel_agent.outcome";
    public const string Language = "hotel_agent.language";
    public const string Reason = "hotel_agent.handoff.reason";
    public const string Automated = "hotel_agent.automated";
    public const string Property = "hotel_agent.property";
    public const string Notifier = "hotel_agent.notifier";
    public const string NotificationKind = "hotel_agent.notification.kind";
}
