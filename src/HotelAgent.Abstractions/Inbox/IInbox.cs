namespace HotelAgent.Abstractions;

/// <summary>
/// Holds inbound messages between the moment a channel acknowledges them (a webhook answered 200) and the moment the
/// agent has handled them, so an acknowledged message is never lost.
/// </summary>
/// <remarks>
/// <para>A channel calls <see cref="EnqueueAsync"/> and acknowledges only after it returns. The agent's processor
/// calls <see cref="ReceiveAsync"/>, handles the message and calls <see cref="CompleteAsync"/>, or
/// <see cref="FailAsync"/> to have it retried; a message that keeps failing becomes a <see cref="DeadLetter"/>, which
/// <see cref="ReplayAsync"/> puts back in the inbox.</para>
/// <para>Implementations must be safe for concurrent use.</para>
/// </remarks>
public interface IInbox
{
    /// <summary>Records a message for handling.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests; a full inbox waits until it is cancelled.</param>
    /// <returns>A task that completes once the message is recorded.</returns>
    ValueTask EnqueueAsync(InboundMessage message, CancellationToken cancellationToken = default);

    /// <summary>Waits for the next message to handle.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The message and its delivery details.</returns>
    ValueTask<InboxDelivery> ReceiveAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks a delivery handled; it will not be delivered again.</summary>
    /// <param name="delivery">The delivery.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the delivery is marked.</returns>
    ValueTask CompleteAsync(InboxDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>Marks a delivery failed: it is delivered again later, or dead-lettered after the last attempt.</summary>
    /// <param name="delivery">The delivery.</param>
    /// <param name="reason">Why it failed (no guest content).</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the failure is recorded.</returns>
    ValueTask FailAsync(InboxDelivery delivery, string reason, CancellationToken cancellationToken = default);

    /// <summary>Lists the dead letters, oldest first.</summary>
    /// <param name="take">The most dead letters to return.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The dead letters.</returns>
    ValueTask<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int take = 100, CancellationToken cancellationToken = default);

    /// <summary>Puts a dead letter back in the inbox for another round of attempts.</summary>
    /// <param name="deadLetterId">The id of the dead letter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when the dead letter existed and was replayed.</returns>
    ValueTask<bool> ReplayAsync(string deadLetterId, CancellationToken cancellationToken = default);

    /// <summary>Removes a dead letter for good.</summary>
    /// <param name="deadLetterId">The id of the dead letter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when the dead letter existed and was removed.</returns>
    /// <exception cref="NotSupportedException">The inbox cannot remove dead letters (the default).</exception>
    ValueTask<bool> DiscardAsync(string deadLetterId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} cannot discard dead letters.");
}

/// <summary>
/// One delivery of an inbox message to the processor.
/// </summary>
/// <param name="DeliveryId">The inbox's id of the entry.</param>
/// <param name="Message">The message.</param>
/// <param name="Attempt">Which attempt this is, from 1.</param>
public sealed record InboxDelivery(string DeliveryId, InboundMessage Message, int Attempt);

/// <summary>
/// A message that failed every attempt.
/// </summary>
/// <param name="Id">The dead letter's id, for <see cref="IInbox.ReplayAsync"/>.</param>
/// <param name="Message">The message.</param>
/// <param name="Reason">Why the last attempt failed.</param>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="FailedAt">When the last attempt failed.</param>
public sealed record DeadLetter(string Id, InboundMessage Message, string Reason, int Attempts, DateTimeOffset FailedAt);
