namespace HotelAgent.Abstractions;

/// <summary>
/// Keeps the messages of each conversation (the guest's, the agent's and staff's) for the staff console's
/// conversation view, as long as the conversation's session lives: every append keeps the whole history for
/// <c>timeToLive</c> more, the session's time to live.
/// </summary>
/// <remarks>
/// <para>
/// Implementations keep at least the last <see cref="MaxEntries"/> entries of a conversation (the oldest are dropped
/// beyond), in the order they were appended, and forget a conversation <c>timeToLive</c> after its last append.
/// Appends of one conversation from several hosts all land (none is lost).
/// </para>
/// <para>
/// The texts are guest data even after the agent redacted the personal data it recognised in them (see
/// <see cref="HotelAgentTaxonomy.GuestData"/>): never log them above <c>Trace</c>. Conversation ids may hold phone
/// numbers or email addresses. Implementations must be safe for concurrent use.
/// </para>
/// </remarks>
public interface IConversationHistoryStore
{
    /// <summary>The fewest entries an implementation keeps per conversation.</summary>
    const int MaxEntries = 200;

    /// <summary>Appends entries to a conversation's history and keeps the history <paramref name="timeToLive"/> from now.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="entries">The entries, in order.</param>
    /// <param name="timeToLive">How long the history lives without another append (the session's time to live).</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the entries are stored.</returns>
    /// <exception cref="ArgumentException"><paramref name="conversationId"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeToLive"/> is zero or negative.</exception>
    ValueTask AppendAsync(string conversationId, IReadOnlyList<ConversationHistoryEntry> entries, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Reads a conversation's history.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="since">The earliest entry to return (by <see cref="ConversationHistoryEntry.At"/>).</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The entries at or after <paramref name="since"/>, oldest first; empty when the history expired or never existed.</returns>
    ValueTask<IReadOnlyList<ConversationHistoryEntry>> GetAsync(string conversationId, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Deletes a conversation's history (a guest's request to be forgotten).</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when a history was deleted.</returns>
    ValueTask<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default);
}

/// <summary>One message of a conversation's history.</summary>
/// <param name="At">When it was received or sent.</param>
/// <param name="From">Who wrote it.</param>
/// <param name="Text">What it said, with the personal data the agent recognised redacted.</param>
/// <param name="Author">The staff member who wrote it, for <see cref="ConversationParticipant.Staff"/>.</param>
public sealed record ConversationHistoryEntry(DateTimeOffset At, ConversationParticipant From, [property: GuestData] string Text, string? Author = null);

/// <summary>Who wrote a message of a conversation.</summary>
public enum ConversationParticipant
{
    /// <summary>The guest.</summary>
    Guest,

    /// <summary>The agent.</summary>
    Agent,

    /// <summary>A member of staff (a handoff reply).</summary>
    Staff,
}
