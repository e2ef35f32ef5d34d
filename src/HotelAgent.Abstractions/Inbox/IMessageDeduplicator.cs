namespace HotelAgent.Abstractions;

/// <summary>
/// Remembers which channel messages were already taken in, so a message a channel redelivers (WhatsApp does, for
/// days) is answered once.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use, and atomic: of many concurrent calls for one message exactly one returns <see langword="true"/>.</remarks>
public interface IMessageDeduplicator
{
    /// <summary>Records a message id, unless it was recorded before.</summary>
    /// <param name="channelName">The channel.</param>
    /// <param name="messageId">The channel's id of the message.</param>
    /// <param name="timeToLive">How long to remember it.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> the first time; <see langword="false"/> for a duplicate.</returns>
    ValueTask<bool> TryRegisterAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps a registered message id for <paramref name="timeToLive"/> from now. Channels register an id for a short
    /// "pending" time, record the message durably, then confirm it for the whole deduplication window: a host that dies
    /// in between leaves only a short registration, so the channel's redelivery is taken in once it lapses.
    /// </summary>
    /// <param name="channelName">The channel.</param>
    /// <param name="messageId">The channel's id of the message.</param>
    /// <param name="timeToLive">How long to remember it from now.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the id is kept.</returns>
    ValueTask ConfirmAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tells whether a registered message id was confirmed (<see cref="ConfirmAsync"/>), that is, whether the message
    /// was recorded. A channel that finds a duplicate only registered, not confirmed, must not acknowledge it: the first
    /// registration may belong to an attempt that failed and could not forget it (its store was failing over), and a
    /// redelivery acknowledged then would be lost. The default implementation returns <see langword="true"/> (every
    /// registration counts as confirmed), as deduplicators that do not tell the two apart behave.
    /// </summary>
    /// <param name="channelName">The channel.</param>
    /// <param name="messageId">The channel's id of the message.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when the id is confirmed; <see langword="false"/> when it is only registered, or unknown.</returns>
    ValueTask<bool> IsConfirmedAsync(string channelName, string messageId, CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

    /// <summary>Forgets a message id, so a later redelivery is taken in again (used when recording the message failed).</summary>
    /// <param name="channelName">The channel.</param>
    /// <param name="messageId">The channel's id of the message.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the id is forgotten.</returns>
    ValueTask ForgetAsync(string channelName, string messageId, CancellationToken cancellationToken = default);
}
