using System.Collections.Concurrent;
using System.Threading.Channels;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// Tells staff about handoff tickets through every <see cref="IStaffNotifier"/>: at once when a ticket opens or the
/// guest marks it urgent (handed over by the <see cref="NotifyingHandoffStore"/>), and on a periodic scan of the open
/// tickets for reminders, for notifications deferred to reception hours and for ones that failed. Each notification is
/// sent once per ticket, event and notifier across hosts: the <see cref="IMessageDeduplicator"/> (Redis when
/// configured) registers it for <see cref="StaffNotificationOptions.SendTimeout"/> while it is sent and for
/// <see cref="StaffNotificationOptions.DeduplicationWindow"/> once it was, and forgets it when it failed.
/// </summary>
internal sealed class StaffNotificationService(
    IServiceProvider services,
    IEnumerable<IStaffNotifier> notifiers,
    IMessageDeduplicator deduplicator,
    StaffNotificationComposer composer,
    IOptionsMonitor<StaffNotificationOptions> options,
    IOptionsMonitor<HotelAgentOptions> agentOptions,
    HotelAgentMetrics metrics,
    TimeProvider timeProvider,
    ILogger<StaffNotificationService> logger) : BackgroundService
{
    /// <summary>The namespace of the notifications' keys in the <see cref="IMessageDeduplicator"/>.</summary>
    public const string DeduplicationChannel = "staff-notifications";

    private readonly IStaffNotifier[] _notifiers = [.. notifiers];
    private readonly Channel<(HandoffTicket Ticket, StaffNotificationKind Kind)> _queue =
        Channel.CreateUnbounded<(HandoffTicket, StaffNotificationKind)>(new UnboundedChannelOptions { SingleReader = true });

    // Keys this host saw sent (by itself or another host), so the scan asks the shared store about each only once.
    private readonly ConcurrentDictionary<string, byte> _done = new(StringComparer.Ordinal);

    /// <summary>Hands a ticket event over for sending, without waiting.</summary>
    public void Enqueue(HandoffTicket ticket, StaffNotificationKind kind)
    {
        if (_notifiers.Length > 0)
        {
            _queue.Writer.TryWrite((ticket, kind));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_notifiers.Length == 0)
        {
            return;
        }

        var immediate = Task.Run(() => DrainAsync(stoppingToken), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ScanAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.StaffNotificationScanFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.CurrentValue.ScanInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _queue.Writer.TryComplete();
        try
        {
            await immediate.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        await foreach (var (ticket, kind) in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var hours = await ReceptionAsync(cancellationToken).ConfigureAwait(false);
                if (kind == StaffNotificationKind.Escalated || IsDue(ticket, hours))
                {
                    await SendAsync(ticket, kind, 0, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Log.StaffNotificationScanFailed(logger, ex);
            }
        }
    }

    /// <summary>One pass over the open tickets: deferred and failed notifications, escalations and reminders.</summary>
    internal async Task ScanAsync(CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IHandoffStore>();
        var open = await store.ListAsync(HandoffStatus.Open, cancellationToken).ConfigureAwait(false);
        Forget(open);
        if (open.Count == 0)
        {
            return;
        }

        var settings = options.CurrentValue;
        var hours = await ReceptionAsync(cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        foreach (var ticket in open)
        {
            if (!IsDue(ticket, hours))
            {
                continue;
            }

            await SendAsync(ticket, StaffNotificationKind.Opened, 0, cancellationToken).ConfigureAwait(false);
            if (ticket.Priority == HandoffPriority.Urgent
                && !UrgentMessages.IsUrgent(ticket.Messages.Where(m => m.From == HandoffParty.Guest).Take(1)))
            {
                // Opened as normal, made urgent later by the guest.
                await SendAsync(ticket, StaffNotificationKind.Escalated, 0, cancellationToken).ConfigureAwait(false);
            }

            var waited = now - WaitingSince(ticket, hours, settings);
            var reminder = settings.MaxReminders == 0 || waited < settings.ReminderAfter ? 0
                : (int)Math.Min(settings.MaxReminders, Math.Floor(waited / settings.ReminderAfter));
            if (reminder > 0)
            {
                await SendAsync(ticket, StaffNotificationKind.Reminder, reminder, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends one event of one ticket through every notifier that has not sent it yet; returns whether all have.</summary>
    internal async Task<bool> SendAsync(HandoffTicket ticket, StaffNotificationKind kind, int reminder, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var eventKey = StaffNotificationComposer.KeyOf(kind, reminder);
        StaffNotification? notification = null;
        var all = true;
        foreach (var notifier in _notifiers)
        {
            var key = $"{ticket.Id}:{eventKey}:{notifier.Name}";
            if (_done.ContainsKey(key))
            {
                continue;
            }

            if (!await deduplicator.TryRegisterAsync(DeduplicationChannel, key, settings.SendTimeout, cancellationToken).ConfigureAwait(false))
            {
                // Sent, or being sent by another host: a key that lapses (that host died) comes back on a later scan.
                Log.StaffNotificationAlreadySent(logger, ticket.Id, eventKey, notifier.Name);
                continue;
            }

            notification ??= composer.Compose(ticket, kind, reminder, timeProvider.GetUtcNow(), settings);
            var started = timeProvider.GetTimestamp();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(settings.SendTimeout);
                await notifier.NotifyAsync(notification, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                all = false;
                metrics.StaffNotifications.Add(1, Tags(notifier, kind, "failed"));
                Log.StaffNotificationFailed(logger, ticket.Id, eventKey, notifier.Name, ex);
                await ForgetAsync(key).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException)
            {
                await ForgetAsync(key).ConfigureAwait(false);
                throw;
            }

            _done[key] = 0;
            metrics.StaffNotifications.Add(1, Tags(notifier, kind, "sent"));
            Log.StaffNotificationSent(logger, ticket.Id, eventKey, notifier.Name, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            try
            {
                await deduplicator.ConfirmAsync(DeduplicationChannel, key, settings.DeduplicationWindow, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Sent: only a host that scans after the short registration lapsed could send it again.
                Log.StaffNotificationScanFailed(logger, ex);
            }
        }

        return all;
    }

    private async Task ForgetAsync(string key)
    {
        try
        {
            await deduplicator.ForgetAsync(DeduplicationChannel, key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The registration lapses after SendTimeout; the next scan tries again then.
            Log.StaffNotificationScanFailed(logger, ex);
        }
    }

    private static KeyValuePair<string, object?>[] Tags(IStaffNotifier notifier, StaffNotificationKind kind, string outcome) =>
    [
        new(HotelAgentTags.Notifier, notifier.Name),
        new(HotelAgentTags.NotificationKind, kind.ToString()),
        new(HotelAgentTags.Outcome, outcome),
    ];

    /// <summary>Whether staff are told about the ticket now: urgent ones always; others during reception hours unless configured otherwise.</summary>
    private bool IsDue(HandoffTicket ticket, (ReceptionHours? Hours, string TimeZone) reception) =>
        ticket.Priority == HandoffPriority.Urgent
        || options.CurrentValue.NotifyOutsideReceptionHours
        || reception.Hours is not { } hours
        || hours.IsOpenAt(TimeOnly.FromDateTime(ReceptionSchedule.LocalNow(timeProvider, reception.TimeZone)));

    /// <summary>Since when a ticket counts as waiting: its opening, or reception's next opening after it for a deferred one.</summary>
    private static DateTimeOffset WaitingSince(HandoffTicket ticket, (ReceptionHours? Hours, string TimeZone) reception, StaffNotificationOptions settings)
    {
        if (ticket.Priority == HandoffPriority.Urgent || settings.NotifyOutsideReceptionHours || reception.Hours is not { } hours)
        {
            return ticket.CreatedAt;
        }

        var local = ReceptionSchedule.ToLocal(ticket.CreatedAt, reception.TimeZone);
        return ticket.CreatedAt + (ReceptionSchedule.NextOpening(hours, local) - local);
    }

    private async Task<(ReceptionHours? Hours, string TimeZone)> ReceptionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pms = services.GetRequiredService<ResilientPms>();
            var hotel = HotelAgentEngine.WithKnowledge(await pms.GetHotelInfoAsync(cancellationToken).ConfigureAwait(false), agentOptions.CurrentValue.Knowledge);
            return (hotel.ReceptionHours, hotel.TimeZone);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HotelAgentException or InvalidOperationException)
        {
            // Without the hours, staff are told at once rather than never.
            Log.StaffNotificationScanFailed(logger, ex);
            return (null, "UTC");
        }
    }

    private void Forget(IReadOnlyList<HandoffTicket> open)
    {
        if (_done.IsEmpty)
        {
            return;
        }

        var ids = open.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var key in _done.Keys)
        {
            if (!ids.Contains(key[..key.IndexOf(':', StringComparison.Ordinal)]))
            {
                _done.TryRemove(key, out _);
            }
        }
    }
}
