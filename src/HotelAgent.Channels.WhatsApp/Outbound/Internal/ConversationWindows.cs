using System.Collections.Concurrent;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// Tracks the 24-hour customer-service window of each guest on each business number: free-form replies may be sent
/// only within 24 hours of the guest's last message; after that, one template is sent and further replies wait (as dead
/// letters) until the guest writes again.
/// </summary>
internal sealed class ConversationWindows(TimeProvider timeProvider)
{
    private const int SweepEvery = 1024;
    private static readonly TimeSpan Forget = TimeSpan.FromDays(30);
    private readonly ConcurrentDictionary<(string PhoneNumberId, string GuestId), WindowState> _windows = new();
    private int _touches;

    public void Touch(string phoneNumberId, string guestId)
    {
        var now = timeProvider.GetUtcNow();
        _windows[(phoneNumberId, guestId)] = new WindowState(now, Closed: false, TemplateSent: false);
        if (Interlocked.Increment(ref _touches) % SweepEvery == 0)
        {
            foreach (var pair in _windows)
            {
                if (now - pair.Value.LastInbound > Forget)
                {
                    _windows.TryRemove(pair);
                }
            }
        }
    }

    public WindowStatus GetStatus(string phoneNumberId, string guestId)
    {
        if (!_windows.TryGetValue((phoneNumberId, guestId), out var state))
        {
            return WindowStatus.Unknown;
        }

        if (state.Closed || timeProvider.GetUtcNow() - state.LastInbound >= WhatsAppDefaults.CustomerServiceWindow)
        {
            return state.TemplateSent ? WindowStatus.ClosedTemplateSent : WindowStatus.Closed;
        }

        return WindowStatus.Open;
    }

    public void MarkClosed(string phoneNumberId, string guestId) =>
        _windows.AddOrUpdate((phoneNumberId, guestId), _ => new WindowState(DateTimeOffset.MinValue, Closed: true, TemplateSent: false), (_, s) => s with { Closed = true });

    public void MarkTemplateSent(string phoneNumberId, string guestId) =>
        _windows.AddOrUpdate((phoneNumberId, guestId), _ => new WindowState(DateTimeOffset.MinValue, Closed: true, TemplateSent: true), (_, s) => s with { Closed = true, TemplateSent = true });

    private sealed record WindowState(DateTimeOffset LastInbound, bool Closed, bool TemplateSent);
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
