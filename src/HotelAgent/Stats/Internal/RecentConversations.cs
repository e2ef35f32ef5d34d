using System.Collections.Concurrent;
using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// The conversations handled lately in this process, for the in-memory statistics store's activity list: one entry
/// per conversation (no guest content). Entries older than a day are dropped, and over
/// <see cref="MaxEntries"/> the least recently active.
/// </summary>
internal sealed class RecentConversations(TimeProvider timeProvider)
{
    internal static readonly TimeSpan Retention = TimeSpan.FromDays(1);
    internal const int MaxEntries = IConversationStatisticsStore.MaxConversations;

    // Over the limit, the oldest entries are dropped in one pass down to this many, so that the sort is paid once per
    // thousand new conversations rather than on every turn.
    internal const int TrimTo = MaxEntries * 9 / 10;
    private readonly ConcurrentDictionary<string, ConversationActivity> _entries = new(StringComparer.Ordinal);
    private int _trimming;

    public int Count => _entries.Count;

    public void Record(ConversationActivity activity)
    {
        // A slower host's older record does not replace a newer one.
        _entries.AddOrUpdate(activity.ConversationId, activity, (_, old) => old.LastActivity > activity.LastActivity ? old : activity);
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

    /// <summary>Returns the conversations last active at or after <paramref name="since"/>, most recent first.</summary>
    public IEnumerable<ConversationActivity> Since(DateTimeOffset since)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var stale in _entries.Values.Where(e => now - e.LastActivity > Retention))
        {
            _entries.TryRemove(new KeyValuePair<string, ConversationActivity>(stale.ConversationId, stale));
        }

        return _entries.Values.Where(e => e.LastActivity >= since).OrderByDescending(e => e.LastActivity);
    }
}
