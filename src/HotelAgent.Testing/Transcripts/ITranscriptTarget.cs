namespace HotelAgent.Testing;

/// <summary>
/// What a <see cref="TranscriptRunner"/> talks to: an agent (usually over its HTTP surface, see
/// <see cref="HttpTranscriptTarget"/>), its PMS and its handoff desk.
/// </summary>
public interface ITranscriptTarget
{
    /// <summary>Sends a guest message and returns the turn.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="text">The guest's text.</param>
    /// <param name="language">The language to send with it, if any.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The turn.</returns>
    Task<TranscriptTurn> SendAsync(string conversationId, string text, string? language, CancellationToken cancellationToken = default);

    /// <summary>Lists every reservation of the PMS.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The reservations.</returns>
    Task<IReadOnlyList<TranscriptReservation>> ListReservationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the handoff tickets of a conversation, oldest first.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The tickets.</returns>
    Task<IReadOnlyList<TranscriptHandoff>> ListHandoffsAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Takes a handoff ticket as staff.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="staffName">Who takes it.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the ticket is taken.</returns>
    Task TakeHandoffAsync(string ticketId, string staffName, CancellationToken cancellationToken = default);

    /// <summary>Replies to the guest as staff.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="staffName">Who writes.</param>
    /// <param name="text">The reply.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the reply is sent.</returns>
    Task ReplyAsStaffAsync(string ticketId, string staffName, string text, CancellationToken cancellationToken = default);

    /// <summary>Hands the conversation back to the agent.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the ticket is closed.</returns>
    Task ReleaseHandoffAsync(string ticketId, CancellationToken cancellationToken = default);

    /// <summary>Takes the messages waiting for the guest outside a turn (staff replies, notices).</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The texts.</returns>
    Task<IReadOnlyList<string>> DrainMailboxAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Moves the agent's clock forward.</summary>
    /// <param name="by">How far.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the clock moved.</returns>
    /// <exception cref="NotSupportedException">The target's clock cannot be moved.</exception>
    Task AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default);
}

/// <summary>
/// One turn as a transcript sees it.
/// </summary>
/// <param name="Replies">The reply texts.</param>
/// <param name="QuickReplies">The quick replies offered, in order.</param>
/// <param name="Intent">The intent understood.</param>
/// <param name="State">The state after the turn.</param>
/// <param name="Language">The language of the replies.</param>
/// <param name="ReservationCode">The reservation the turn created, changed or looked up, if any.</param>
public sealed record TranscriptTurn(
    IReadOnlyList<string> Replies,
    IReadOnlyList<string> QuickReplies,
    string Intent,
    string State,
    string Language,
    string? ReservationCode);

/// <summary>
/// A reservation as a transcript sees it.
/// </summary>
/// <param name="Code">The code.</param>
/// <param name="Status">The status (<c>Confirmed</c>, <c>Cancelled</c>, ...).</param>
/// <param name="RoomType">The room type code.</param>
/// <param name="CheckIn">The arrival day.</param>
/// <param name="CheckOut">The departure day.</param>
/// <param name="Adults">The number of adults.</param>
public sealed record TranscriptReservation(string Code, string Status, string RoomType, DateOnly CheckIn, DateOnly CheckOut, int Adults)
{
    /// <summary>Gets the number of children.</summary>
    public int Children { get; init; }

    /// <summary>Gets the guest's name, when the target reports it.</summary>
    public string? GuestName { get; init; }

    /// <summary>Gets the guest's email, when the target reports it.</summary>
    public string? GuestEmail { get; init; }

    /// <summary>Gets the total price, when the target reports it.</summary>
    public decimal? Total { get; init; }
}

/// <summary>
/// A handoff ticket as a transcript sees it.
/// </summary>
/// <param name="Id">The ticket id.</param>
/// <param name="Status">The status (<c>Open</c>, <c>Taken</c>, <c>Closed</c>).</param>
/// <param name="Reason">Why it was opened.</param>
public sealed record TranscriptHandoff(string Id, string Status, string Reason);
