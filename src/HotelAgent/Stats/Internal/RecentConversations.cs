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
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, RecentConversation> _entries = new(StringComparer.Ordinal);

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
        if (_entries.Count > MaxEntries)
        {
            foreach (var oldest in _entries.Values.OrderBy(e => e.LastActivity).Take(_entries.Count - MaxEntries))
            {
                _entries.TryRemove(oldest.ConversationId, out _);
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
