namespace HotelAgent.Abstractions;

/// <summary>
/// The hotel receptionist: takes one guest message and returns the replies, having acted on the PMS when the guest
/// confirmed it.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use; turns of one conversation are handled one at a time.</remarks>
public interface IHotelAgent
{
    /// <summary>Handles one inbound message.</summary>
    /// <param name="message">The guest's message.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The replies to send and where the conversation stands.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The message has no text and nothing else the agent can read.</exception>
    Task<AgentResponse> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default);
}

/// <summary>
/// The result of one turn of the conversation.
/// </summary>
public sealed record AgentResponse
{
    /// <summary>Gets the replies to send to the guest, in order.</summary>
    public required IReadOnlyList<OutboundMessage> Replies { get; init; }

    /// <summary>Gets the intent the agent understood (see <see cref="Intents"/>).</summary>
    public required string Intent { get; init; }

    /// <summary>Gets the dialogue state after the turn (see <see cref="DialogueStates"/>).</summary>
    public required string State { get; init; }

    /// <summary>Gets the language the agent answered in.</summary>
    public required string Language { get; init; }

    /// <summary>Gets the code of the reservation this turn created, changed or cancelled, if any.</summary>
    public string? ReservationCode { get; init; }

    /// <summary>
    /// Gets a value indicating whether the message was already handled (a redelivery): nothing was done. The replies
    /// are empty, or, for a message taken from the inbox whose replies were saved but not confirmed sent (the host
    /// died in between), those replies, to be sent now.
    /// </summary>
    public bool IsDuplicate { get; init; }
}
