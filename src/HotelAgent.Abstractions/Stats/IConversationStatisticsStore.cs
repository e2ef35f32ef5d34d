namespace HotelAgent.Abstractions;

/// <summary>
/// Keeps what the staff console charts for the whole hotel, whichever host handled the message: counters bucketed by
/// minute, hour and day, running totals, and the conversations active lately ("live conversations").
/// </summary>
/// <remarks>
/// <para>
/// Implementations must be safe for concurrent use; increments from several hosts add up (none is lost). They keep at
/// least the last <see cref="MinuteBuckets"/> minutes, <see cref="HourBuckets"/> hours and <see cref="DayBuckets"/>
/// days of every counter, and the activity of at least the last day (at most <see cref="MaxConversations"/>
/// conversations, the most recently active kept). Buckets are UTC: a minute, hour or day starts at a whole multiple of
/// its length since 0001-01-01.
/// </para>
/// <para>The conversation ids of <see cref="ConversationActivity"/> may hold phone numbers or email addresses: never log them above <c>Trace</c>.</para>
/// </remarks>
public interface IConversationStatisticsStore
{
    /// <summary>The fewest minute buckets an implementation keeps.</summary>
    const int MinuteBuckets = 120;

    /// <summary>The fewest hour buckets an implementation keeps.</summary>
    const int HourBuckets = 48;

    /// <summary>The fewest day buckets an implementation keeps.</summary>
    const int DayBuckets = 31;

    /// <summary>The most conversations the activity list keeps.</summary>
    const int MaxConversations = 10_000;

    /// <summary>Adds <paramref name="value"/> to a counter, in the minute, hour and day of <paramref name="at"/> and in its total.</summary>
    /// <param name="counter">The counter.</param>
    /// <param name="at">When it happened.</param>
    /// <param name="value">How much to add (positive).</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the increment is stored.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is zero or negative.</exception>
    ValueTask IncrementAsync(ConversationCounter counter, DateTimeOffset at, long value = 1, CancellationToken cancellationToken = default);

    /// <summary>Reads the last <paramref name="count"/> buckets of a counter, ending with the bucket that holds <paramref name="end"/>.</summary>
    /// <param name="counter">The counter.</param>
    /// <param name="resolution">The bucket length.</param>
    /// <param name="end">A time in the last bucket.</param>
    /// <param name="count">How many buckets; at most the number the implementation keeps at that resolution.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The counts, oldest first; a bucket without increments counts 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is zero, negative or more than the buckets kept.</exception>
    ValueTask<IReadOnlyList<long>> GetSeriesAsync(ConversationCounter counter, StatisticsResolution resolution, DateTimeOffset end, int count, CancellationToken cancellationToken = default);

    /// <summary>Reads the total of a counter since the store began.</summary>
    /// <param name="counter">The counter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The total.</returns>
    ValueTask<long> GetTotalAsync(ConversationCounter counter, CancellationToken cancellationToken = default);

    /// <summary>Records a conversation's latest activity, replacing what was recorded for it before unless that was later.</summary>
    /// <param name="activity">The activity.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when it is stored.</returns>
    ValueTask RecordActivityAsync(ConversationActivity activity, CancellationToken cancellationToken = default);

    /// <summary>Lists the conversations last active at or after <paramref name="since"/>, most recent first.</summary>
    /// <param name="since">The earliest last activity to list.</param>
    /// <param name="take">The most conversations to return.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The conversations.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="take"/> is zero or negative.</exception>
    ValueTask<IReadOnlyList<ConversationActivity>> GetActivityAsync(DateTimeOffset since, int take = 100, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IConversationStatisticsStore"/> counts.</summary>
public enum ConversationCounter
{
    /// <summary>Guest messages received.</summary>
    MessagesReceived,

    /// <summary>Turns the agent handled.</summary>
    Turns,

    /// <summary>Handoffs to staff opened.</summary>
    Handoffs,

    /// <summary>Reservations the agent created.</summary>
    BookingsCreated,
}

/// <summary>The bucket length of a counter series.</summary>
public enum StatisticsResolution
{
    /// <summary>One bucket per UTC minute.</summary>
    Minute,

    /// <summary>One bucket per UTC hour.</summary>
    Hour,

    /// <summary>One bucket per UTC day.</summary>
    Day,
}

/// <summary>A conversation as the staff console lists it (no guest content).</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="ChannelName">The channel of its last message.</param>
/// <param name="State">Its dialogue state.</param>
/// <param name="Language">Its language, once known.</param>
/// <param name="LastActivity">When it was last handled.</param>
/// <param name="Turns">How many turns it had.</param>
/// <param name="HandedOff">Whether it has a handoff ticket.</param>
public sealed record ConversationActivity(string ConversationId, string ChannelName, string State, string? Language, DateTimeOffset LastActivity, int Turns, bool HandedOff);
