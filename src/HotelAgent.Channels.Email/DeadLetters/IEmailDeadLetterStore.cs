using HotelAgent.Abstractions;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Keeps the replies the email channel could not send after its retries, so they are sent again later (automatically
/// every <see cref="EmailOptions.DeadLetterRetryInterval"/> while the failure is transient) and can be listed, replayed
/// or discarded with <see cref="IEmailDeadLetterReplayer"/>. The default store keeps them in the host's
/// <see cref="IChannelDeadLetterStore"/> under the mailbox's channel name (<c>email</c>, or <c>email:{mailbox}</c>):
/// in memory, or in Redis with <c>AddRedisSessionStore</c>, where every host lists and replays them and they outlive
/// restarts. Register another implementation of this interface before <c>AddEmailChannel</c> to keep the default
/// mailbox's elsewhere (a named mailbox's store and replayer are keyed services, with the mailbox's name as key).
/// </summary>
/// <remarks>
/// <para>A guest mail whose reply is dead-lettered stays unprocessed in the mailbox until the reply leaves, so a host
/// that restarts with an in-memory store answers that mail again rather than losing it.</para>
/// <para>Dead letters hold guest content: never log them above <c>Trace</c>. Implementations must be safe for
/// concurrent use.</para>
/// </remarks>
public interface IEmailDeadLetterStore
{
    /// <summary>Adds a dead letter, or replaces the one with the same <see cref="EmailDeadLetter.Id"/>.</summary>
    /// <param name="deadLetter">The dead letter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the dead letter is stored.</returns>
    ValueTask AddAsync(EmailDeadLetter deadLetter, CancellationToken cancellationToken = default);

    /// <summary>Lists dead letters, oldest first.</summary>
    /// <param name="take">The most dead letters to return.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The dead letters.</returns>
    ValueTask<IReadOnlyList<EmailDeadLetter>> ListAsync(int take = 100, CancellationToken cancellationToken = default);

    /// <summary>Removes a dead letter and returns it.</summary>
    /// <param name="id">The id of the dead letter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The removed dead letter, or <see langword="null"/> when there was none with that id.</returns>
    ValueTask<EmailDeadLetter?> TryRemoveAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>
/// Sends dead-lettered email replies again, or discards them.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface IEmailDeadLetterReplayer
{
    /// <summary>
    /// Sends a dead letter again. On success it is removed from the store and the guest mail it answers is marked
    /// processed; on failure it is stored again under the same id with one more attempt counted.
    /// </summary>
    /// <param name="id">The id of the dead letter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when it was sent; <see langword="false"/> when no dead letter has that id.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is <see langword="null"/> or white space.</exception>
    /// <exception cref="ChannelDeliveryException">The reply could not be sent again.</exception>
    Task<bool> ReplayAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a dead letter without sending it, and marks the guest mail it answers processed so that it is not
    /// answered again.
    /// </summary>
    /// <param name="id">The id of the dead letter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when it was discarded; <see langword="false"/> when no dead letter has that id.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is <see langword="null"/> or white space.</exception>
    Task<bool> DiscardAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>
/// A reply the email channel could not send.
/// </summary>
/// <remarks>Holds guest content (<see cref="GuestId"/>, <see cref="Subject"/>, <see cref="Text"/>): never log it above <c>Trace</c>.</remarks>
public sealed record EmailDeadLetter
{
    /// <summary>Gets the id of the dead letter: the <c>Message-Id</c> of the reply, kept when it is sent again.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the guest's address.</summary>
    public required string GuestId { get; init; }

    /// <summary>Gets the subject of the reply.</summary>
    public required string Subject { get; init; }

    /// <summary>Gets the text of the reply.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the <c>Message-Id</c> the reply answers (its <c>In-Reply-To</c>), if any.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>Gets the thread's <c>Message-Id</c>s (its <c>References</c>), oldest first.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Gets the id of the guest mail the reply answers (<see cref="InboundMessage.MessageId"/>), or <see langword="null"/> for a reply that answers no mail (staff).</summary>
    public string? AnswersMessageId { get; init; }

    /// <summary>Gets where the guest mail is in the mailbox (<c>{UIDVALIDITY}:{UID}</c>), marked processed once the reply leaves.</summary>
    public string? MailboxUid { get; init; }

    /// <summary>
    /// Gets the name of the mailbox the reply leaves from, or <see langword="null"/> for the default mailbox. A dead
    /// letter is replayed through its own mailbox (its address and SMTP server).
    /// </summary>
    public string? Mailbox { get; init; }

    /// <summary>Gets why the last attempt failed (no guest content).</summary>
    public required string Reason { get; init; }

    /// <summary>Gets a value indicating whether trying again later may succeed; transient dead letters are retried automatically.</summary>
    public bool IsTransient { get; init; }

    /// <summary>Gets how many times the reply was handed to the SMTP server's retries (1 for a first failure).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Gets when the last attempt failed.</summary>
    public DateTimeOffset FailedAt { get; init; }
}
