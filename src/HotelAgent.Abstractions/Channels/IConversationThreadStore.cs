namespace HotelAgent.Abstractions;

/// <summary>
/// Remembers the thread each guest last wrote in on a threaded channel (email), so a reply from any host, before or
/// after a restart, carries the thread's references and lands in the same conversation in the guest's client.
/// </summary>
/// <remarks>
/// Implementations must be safe for concurrent use. Guest ids are compared without regard to case (email addresses).
/// Guest ids and subjects are guest data: never log them above <c>Trace</c>.
/// </remarks>
public interface IConversationThreadStore
{
    /// <summary>Reads a guest's thread.</summary>
    /// <param name="channelName">The channel.</param>
    /// <param name="guestId">The guest (an email address).</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The thread, or <see langword="null"/>.</returns>
    ValueTask<ConversationThread?> GetAsync(string channelName, string guestId, CancellationToken cancellationToken = default);

    /// <summary>Stores a guest's thread, replacing the one stored before.</summary>
    /// <param name="channelName">The channel.</param>
    /// <param name="guestId">The guest.</param>
    /// <param name="thread">The thread.</param>
    /// <param name="timeToLive">How long to keep it without a new message.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when it is stored.</returns>
    ValueTask SetAsync(string channelName, string guestId, ConversationThread thread, TimeSpan timeToLive, CancellationToken cancellationToken = default);
}

/// <summary>One guest's thread.</summary>
/// <param name="Subject">The subject of the thread.</param>
/// <param name="LastMessageId">The message id to answer.</param>
/// <param name="References">The thread's message ids, oldest first, <paramref name="LastMessageId"/> last.</param>
/// <param name="Language">The language the agent last answered the guest in, if known.</param>
public sealed record ConversationThread(string? Subject, string LastMessageId, IReadOnlyList<string> References, string? Language = null);
