using System.Collections.Concurrent;
using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// The conversations this host handled lately, for the staff console's "live conversations": one entry per
/// conversation with its channel, state and last activity (no guest content). Entries older than a day are dropped;
/// with several hosts each lists what it handled.
/// </summary>
internal sealed class RecentConversations(TimeProvider timeProvider)
{
    internal static readonly TimeSpan Retention = TimeSpan.FromDays(1);
    internal const int MaxEntries = 10_000;

    // Over the limit, the oldest entries are dropped in one pass down to this many, so that the sort is paid once per
    // thousand new conversations rather than on every turn.
    internal const int TrimTo = MaxEntries * 9 / 10;
    private readonly ConcurrentDictionary<string, RecentConversation> _entries = new(StringComparer.Ordinal);
    private int _trimming;

    public int Count => _entries.Count;

    public void Record(ConversationSession session)
    {
        _entries[session.ConversationId] = new RecentConversation(
            session.ConversationId,
            session.ChannelName,
            session.State,
            session.Language,
            timeProvider.GetUtcNow(),
            session.TurnCount,
            session.HandoffTicketId is not null);
        if (_entries.Count > MaxEntries && Interlocked.CompareExchange(ref _trimming, 1, 0) == 0)
        {
            try
            {
                var snapshot = _entries.ToArray();
                var excess = snapshot.Length - TrimTo;
                if (excess > 0)
                {
                    Array.Sort(snapshot, static (a, b) => a.Value.LastActivity.CompareTo(b.Value.LastActivity));
                    for (var i = 0; i < excess; i++)
                    {
                        // Only if it was not touched since the snapshot.
                        _entries.TryRemove(snapshot[i]);
                    }
                }
            }
            finally
            {
                Volatile.Write(ref _trimming, 0);
            }
        }
    }

    /// <summary>Returns the conversations active within <paramref name="window"/>, most recent first.</summary>
    public IReadOnlyList<RecentConversation> Active(TimeSpan window)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var stale in _entries.Values.Where(e => now - e.LastActivity > Retention))
        {
            _entries.TryRemove(stale.ConversationId, out _);
        }

        return [.. _entries.Values.Where(e => now - e.LastActivity <= window).OrderByDescending(e => e.LastActivity)];
    }
}

/// <summary>A conversation as the staff console lists it.</summary>
internal sealed record RecentConversation(string ConversationId, string ChannelName, string State, string? Language, DateTimeOffset LastActivity, int Turns, bool HandedOff);
