namespace HotelAgent.Abstractions;

/// <summary>
/// A request for the hotel's staff: a guest who asked for a person, a complaint, a late-checkout request, an urgent
/// message outside reception hours, or a guest the agent did not understand.
/// </summary>
/// <remarks>Holds guest content in <see cref="Messages"/>: never log it above <c>Trace</c>.</remarks>
public sealed record HandoffTicket
{
    /// <summary>Gets the ticket id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the conversation the ticket belongs to.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Gets the channel of the conversation, through which staff replies are sent.</summary>
    public required string ChannelName { get; init; }

    /// <summary>Gets the channel's id of the guest.</summary>
    public required string GuestId { get; init; }

    /// <summary>Gets why the ticket was opened.</summary>
    public required HandoffReason Reason { get; init; }

    /// <summary>Gets the status.</summary>
    public HandoffStatus Status { get; init; } = HandoffStatus.Open;

    /// <summary>Gets how soon staff should answer: <see cref="HandoffPriority.Urgent"/> when the guest marked a message urgent.</summary>
    public HandoffPriority Priority { get; init; }

    /// <summary>Gets a value indicating whether the agent stays silent in the conversation while the ticket is open or taken.</summary>
    public bool PausesAgent { get; init; }

    /// <summary>Gets the language of the conversation.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the reservation the ticket is about, if any.</summary>
    public string? ReservationCode { get; init; }

    /// <summary>Gets who took the ticket.</summary>
    public string? TakenBy { get; init; }

    /// <summary>Gets when the ticket was opened.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the guest or staff last wrote in the ticket, or its status last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets the messages exchanged since the ticket was opened.</summary>
    public IReadOnlyList<HandoffMessage> Messages { get; init; } = [];
}

/// <summary>
/// One message in a handoff ticket.
/// </summary>
/// <param name="From">Who wrote it.</param>
/// <param name="Text">The text.</param>
/// <param name="At">When.</param>
/// <param name="Author">The staff member's name, for staff messages.</param>
public sealed record HandoffMessage(HandoffParty From, string Text, DateTimeOffset At, string? Author = null);

/// <summary>
/// Who wrote a handoff message.
/// </summary>
public enum HandoffParty
{
    /// <summary>The guest.</summary>
    Guest = 0,

    /// <summary>A member of staff.</summary>
    Staff = 1,

    /// <summary>The agent.</summary>
    Agent = 2,
}

/// <summary>
/// Why a handoff ticket was opened.
/// </summary>
public enum HandoffReason
{
    /// <summary>The guest asked for a person.</summary>
    GuestRequest = 0,

    /// <summary>The guest complained.</summary>
    Complaint = 1,

    /// <summary>The guest asked to check out late.</summary>
    LateCheckout = 2,

    /// <summary>An urgent message arrived outside reception hours.</summary>
    AfterHours = 3,

    /// <summary>The agent did not understand the guest twice in a row and the guest accepted a person.</summary>
    NotUnderstood = 4,

    /// <summary>The PMS was unavailable when the guest confirmed a booking, change or cancellation: staff follow it up.</summary>
    PmsUnavailable = 5,
}

/// <summary>
/// How soon staff should answer a handoff ticket.
/// </summary>
public enum HandoffPriority
{
    /// <summary>In the order of the queue, during reception hours.</summary>
    Normal = 0,

    /// <summary>At once, even outside reception hours: the guest wrote "urgent" (or "urgente", "URGENTE", ...).</summary>
    Urgent = 1,
}

/// <summary>
/// The status of a handoff ticket.
/// </summary>
public enum HandoffStatus
{
    /// <summary>Waiting for staff.</summary>
    Open = 0,

    /// <summary>A member of staff is handling it.</summary>
    Taken = 1,

    /// <summary>Handled: the agent answers the conversation again.</summary>
    Closed = 2,
}
