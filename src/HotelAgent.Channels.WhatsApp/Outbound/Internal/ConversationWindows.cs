using System.Collections.Concurrent;
using HotelAgent.Abstractions;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// Tracks the 24-hour customer-service window of each guest on each business number: free-form replies may be sent
/// only within 24 hours of the guest's last message; after that, one template is sent and further replies wait (as dead
/// letters) until the guest writes again.
/// </summary>
/// <remarks>
/// A guest not heard from for 30 days is forgotten (within the hour after). Entries are also queued with a time stamp
/// (at most one per guest and hour), oldest first: a touch takes at most <see cref="MaxRemovalsPerCall"/> entries off
/// the front instead of scanning every guest. This is the in-memory <see cref="IConversationWindowStore"/>: each host
/// knows only the guests whose messages it took in; a shared store (Redis) replaces it for several hosts.
/// </remarks>
internal sealed class ConversationWindows(TimeProvider timeProvider) : IConversationWindowStore
{
    internal const int MaxRemovalsPerCall = 64;
    internal static readonly TimeSpan Forget = TimeSpan.FromDays(30);

    // A guest writing again within an hour of the entry's stamp keeps the stamp, so a chatty guest does not put an
    // entry in the queue for every message.
    private static readonly TimeSpan Restamp = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<(string PhoneNumberId, string GuestId), WindowState> _windows = new();
    private readonly ConcurrentQueue<((string, string) Key, DateTimeOffset Stamp)> _writes = new();
    private readonly Lock _sweepGate = new();

    public int Count => _windows.Count;

    public void Touch(string phoneNumberId, string guestId) => Touch(phoneNumberId, guestId, timeProvider.GetUtcNow());

    public ValueTask TouchAsync(string sender, string guestId, DateTimeOffset at, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        Touch(sender, guestId, at);
        return ValueTask.CompletedTask;
    }

    public ValueTask MarkClosedAsync(string sender, string guestId, bool templateSent, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        if (templateSent)
        {
            MarkTemplateSent(sender, guestId);
        }
        else
        {
            MarkClosed(sender, guestId);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<ConversationWindow?> GetAsync(string sender, string guestId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Find(sender, guestId));

    private void Touch(string phoneNumberId, string guestId, DateTimeOffset now)
    {
        var key = (phoneNumberId, guestId);
        _windows.AddOrUpdate(
            key,
            static (key, arg) => arg.Windows.Stamped(key, arg.Now, arg.Now),
            static (key, state, arg) => arg.Now - state.Stamp < Restamp
                ? new WindowState(arg.Now, Closed: false, TemplateSent: false, state.Stamp)
                : arg.Windows.Stamped(key, arg.Now, arg.Now),
            (Windows: this, Now: now));
        ForgetSilentGuests(now);
    }

    public WindowStatus GetStatus(string phoneNumberId, string guestId) =>
        StatusOf(Find(phoneNumberId, guestId), timeProvider.GetUtcNow());

    /// <summary>Where a guest stands, from what a <see cref="IConversationWindowStore"/> knows.</summary>
    public static WindowStatus StatusOf(ConversationWindow? window, DateTimeOffset now)
    {
        if (window is null)
        {
            return WindowStatus.Unknown;
        }

        if (window.Closed || window.LastInboundAt is not { } last || now - last >= WhatsAppDefaults.CustomerServiceWindow)
        {
            return window.TemplateSent ? WindowStatus.ClosedTemplateSent : WindowStatus.Closed;
        }

        return WindowStatus.Open;
    }

    public void MarkClosed(string phoneNumberId, string guestId) =>
        _windows.AddOrUpdate((phoneNumberId, guestId), key => Added(key, templateSent: false), (_, s) => s with { Closed = true });

    public void MarkTemplateSent(string phoneNumberId, string guestId) =>
        _windows.AddOrUpdate((phoneNumberId, guestId), key => Added(key, templateSent: true), (_, s) => s with { Closed = true, TemplateSent = true });

    private ConversationWindow? Find(string sender, string guestId) =>
        _windows.TryGetValue((sender, guestId), out var state)
            ? new ConversationWindow(state.LastInbound == DateTimeOffset.MinValue ? null : state.LastInbound, state.Closed, state.TemplateSent)
            : null;

    private WindowState Added((string, string) key, bool templateSent)
    {
        var now = timeProvider.GetUtcNow();
        _writes.Enqueue((key, now));
        return new WindowState(DateTimeOffset.MinValue, Closed: true, TemplateSent: templateSent, Stamp: now);
    }

    private WindowState Stamped((string, string) key, DateTimeOffset lastInbound, DateTimeOffset stamp)
    {
        _writes.Enqueue((key, stamp));
        return new WindowState(lastInbound, Closed: false, TemplateSent: false, stamp);
    }

    private void ForgetSilentGuests(DateTimeOffset now)
    {
        if (!_sweepGate.TryEnter())
        {
            return;
        }

        try
        {
            var budget = MaxRemovalsPerCall;
            while (budget > 0 && _writes.TryPeek(out var head) && now - head.Stamp > Forget + Restamp && _writes.TryDequeue(out head))
            {
                // Only the queue entry of the current stamp counts; older ones were replaced by a later touch. The
                // guest's last message is less than an hour after the stamp, so more than 30 days ago.
                if (_windows.TryGetValue(head.Key, out var state) && state.Stamp == head.Stamp && now - state.LastInbound > Forget)
                {
                    _windows.TryRemove(new KeyValuePair<(string, string), WindowState>(head.Key, state));
                }

                budget--;
            }
        }
        finally
        {
            _sweepGate.Exit();
        }
    }

    /// <param name="LastInbound">When the guest last wrote.</param>
    /// <param name="Closed">Whether Meta refused a free-form message (the window is closed whatever the time).</param>
    /// <param name="TemplateSent">Whether the template was sent since the window closed.</param>
    /// <param name="Stamp">The time of the entry's place in the queue of stamps (at or before the last message).</param>
    private sealed record WindowState(DateTimeOffset LastInbound, bool Closed, bool TemplateSent, DateTimeOffset Stamp);
}

/// <summary>Where a guest stands with respect to the 24-hour window.</summary>
internal enum WindowStatus
{
    /// <summary>The guest has not written since this process started: try a free-form message.</summary>
    Unknown,

    /// <summary>The guest wrote within 24 hours.</summary>
    Open,

    /// <summary>The guest last wrote more than 24 hours ago.</summary>
    Closed,

    /// <summary>The window is closed and the template was already sent since the guest last wrote.</summary>
    ClosedTemplateSent,
}
