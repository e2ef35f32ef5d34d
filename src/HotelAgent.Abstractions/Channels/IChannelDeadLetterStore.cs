namespace HotelAgent.Abstractions;

/// <summary>
/// Keeps the replies a channel could not deliver after its retries, for every host, so staff can list and replay them
/// wherever they were dead-lettered.
/// </summary>
/// <remarks>Dead letters hold guest content: never log them above <c>Trace</c>. Implementations must be safe for concurrent use.</remarks>
public interface IChannelDeadLetterStore
{
    /// <summary>Adds a dead letter, or replaces the one with the same channel and id.</summary>
    /// <param name="deadLetter">The dead letter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when it is stored.</returns>
    ValueTask AddAsync(ChannelDeadLetter deadLetter, CancellationToken cancellationToken = default);

    /// <summary>Lists a channel's dead letters, oldest first (by when they were first added).</summary>
    /// <param name="channelName">The channel.</param>
    /// <param name="take">The most dead letters to return.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The dead letters.</returns>
    ValueTask<IReadOnlyList<ChannelDeadLetter>> ListAsync(string channelName, int take = 100, CancellationToken cancellationToken = default);

    /// <summary>Removes a dead letter and returns it; of concurrent removals of one dead letter exactly one gets it.</summary>
    /// <param name="channelName">The channel.</param>
    /// <param name="id">The id of the dead letter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The removed dead letter, or <see langword="null"/>.</returns>
    ValueTask<ChannelDeadLetter?> TryRemoveAsync(string channelName, string id, CancellationToken cancellationToken = default);
}

/// <summary>A reply a channel could not deliver.</summary>
/// <param name="ChannelName">The channel family, for example <c>whatsapp</c>.</param>
/// <param name="Id">The id of the dead letter, unique within the channel.</param>
/// <param name="Sender">The business sender it was to leave from (a phone-number id).</param>
/// <param name="Recipient">The guest it was for.</param>
/// <param name="Message">The reply.</param>
/// <param name="ErrorCode">The channel's error code of the last attempt, if any.</param>
/// <param name="Reason">Why the last attempt failed (no guest content).</param>
/// <param name="IsTransient">Whether trying again later may succeed.</param>
/// <param name="FailedAt">When the last attempt failed.</param>
public sealed record ChannelDeadLetter(
    string ChannelName,
    string Id,
    string Sender,
    string Recipient,
    OutboundMessage Message,
    int? ErrorCode,
    string Reason,
    bool IsTransient,
    DateTimeOffset FailedAt)
{
    /// <summary>Gets how many times the reply was tried and given up on (1 for a first failure).</summary>
    /// <value>The default value is 1.</value>
    public int Attempts { get; init; } = 1;

    /// <summary>
    /// Gets details only the channel reads back, for example an email reply's subject and thread headers. A store keeps
    /// them as they are.
    /// </summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = EmptyProperties;

    private static IReadOnlyDictionary<string, string> EmptyProperties { get; } = new Dictionary<string, string>(0, StringComparer.Ordinal);
}
