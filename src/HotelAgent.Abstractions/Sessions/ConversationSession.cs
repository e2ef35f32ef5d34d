namespace HotelAgent.Abstractions;

/// <summary>
/// What the agent remembers of one conversation between turns.
/// </summary>
/// <remarks>Holds guest data (names, emails): never log it above <c>Trace</c>.</remarks>
public sealed record ConversationSession
{
    /// <summary>Gets the conversation id.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Gets the channel the conversation is on.</summary>
    public required string ChannelName { get; init; }

    /// <summary>Gets the channel's id of the guest.</summary>
    public required string GuestId { get; init; }

    /// <summary>Gets the version the session was read at; 0 for a new session. Set by the store.</summary>
    public long Version { get; init; }

    /// <summary>Gets the language of the conversation.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the dialogue state (see <see cref="DialogueStates"/>).</summary>
    public string State { get; init; } = DialogueStates.Idle;

    /// <summary>Gets the booking being assembled, if any.</summary>
    public BookingDraft? Booking { get; init; }

    /// <summary>Gets the code of the last reservation made or looked up in this conversation.</summary>
    public string? LastReservationCode { get; init; }

    /// <summary>Gets the reservation change (look-up, modification or cancellation) in progress, if any.</summary>
    public ReservationChange? PendingChange { get; init; }

    /// <summary>Gets the reservation codes the guest proved are theirs in this conversation (booked here, or code plus email).</summary>
    public IReadOnlyList<string> VerifiedReservationCodes { get; init; } = [];

    /// <summary>Gets the handoff ticket that pauses the agent in this conversation, if any.</summary>
    public string? HandoffTicketId { get; init; }

    /// <summary>
    /// Gets the hotel topic the agent answered last (<c>hotel_amenities:pets</c>, <c>check_in_info</c>...), so that a
    /// follow-up that only makes sense after it ("¿y cuántos kilos máximo?") is answered about it.
    /// </summary>
    public string? LastTopic { get; init; }

    /// <summary>Gets the ids of the latest messages handled in this conversation (at most <see cref="MaxHandledMessageIds"/>), so a
    /// message redelivered after a host died between saving the turn and acknowledging it is not answered twice.</summary>
    public IReadOnlyList<string> HandledMessageIds { get; init; } = [];

    /// <summary>The most message ids kept in <see cref="HandledMessageIds"/>.</summary>
    public const int MaxHandledMessageIds = 20;

    /// <summary>
    /// Gets the outbox: the replies of handled messages that were not yet confirmed sent. A turn of a message taken
    /// from the inbox is saved together with its replies here; they leave once sent. A host that takes the message
    /// again after the first one died (a redelivery of a handled message) sends what is still here instead of
    /// answering nothing. Only entries of messages in <see cref="HandledMessageIds"/> are kept.
    /// </summary>
    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];

    /// <summary>Gets how many messages in a row were not understood.</summary>
    public int ConsecutiveFallbacks { get; init; }

    /// <summary>Gets how many turns the conversation has had.</summary>
    public int TurnCount { get; init; }

    /// <summary>Gets when the conversation started.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the conversation was last saved.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// A booking being assembled, slot by slot.
/// </summary>
public sealed record BookingDraft
{
    /// <summary>Gets the arrival day.</summary>
    public DateOnly? CheckIn { get; init; }

    /// <summary>Gets the departure day.</summary>
    public DateOnly? CheckOut { get; init; }

    /// <summary>Gets the number of nights, when the guest gave nights but no departure day yet.</summary>
    public int? Nights { get; init; }

    /// <summary>Gets the number of adults.</summary>
    public int? Adults { get; init; }

    /// <summary>Gets the number of children.</summary>
    public int? Children { get; init; }

    /// <summary>
    /// Gets the age of each child, in years, once the guest gave them (asked when the PMS requires them); they count
    /// only while there is one per child (<see cref="Children"/>).
    /// </summary>
    public IReadOnlyList<int>? ChildAges { get; init; }

    /// <summary>Gets the room type code.</summary>
    public string? RoomType { get; init; }

    /// <summary>Gets the guest's name.</summary>
    public string? GuestName { get; init; }

    /// <summary>Gets the guest's email.</summary>
    public string? Email { get; init; }

    /// <summary>Gets the guest's phone.</summary>
    public string? Phone { get; init; }

    /// <summary>Gets the total last quoted to the guest.</summary>
    public decimal? QuotedTotal { get; init; }

    /// <summary>Gets the currency of <see cref="QuotedTotal"/>.</summary>
    public string? Currency { get; init; }

    /// <summary>Gets the idempotency key of the confirmation asked for; a redelivered "yes" reuses it.</summary>
    public string? IdempotencyKey { get; init; }
}

/// <summary>
/// A change to an existing reservation being assembled: what to do, to which reservation, and the new values.
/// </summary>
public sealed record ReservationChange
{
    /// <summary>Gets what the guest wants to do: <see cref="Intents.ReservationStatus"/>, <see cref="Intents.ModifyReservation"/> or <see cref="Intents.CancelReservation"/>.</summary>
    public required string Action { get; init; }

    /// <summary>Gets the reservation code, once known.</summary>
    public string? Code { get; init; }

    /// <summary>Gets the new arrival day.</summary>
    public DateOnly? CheckIn { get; init; }

    /// <summary>Gets the email the guest gave before the reservation code, to check the reservation is theirs once the code comes.</summary>
    /// <remarks>Guest data: never log it above <c>Trace</c>.</remarks>
    public string? Email { get; init; }

    /// <summary>
    /// Gets the arrival day of the reservation as it is, once it was looked up: days said without a month ("llegar el 5
    /// en vez del 4") are read near it.
    /// </summary>
    public DateOnly? BookedCheckIn { get; init; }

    /// <summary>Gets the new departure day.</summary>
    public DateOnly? CheckOut { get; init; }

    /// <summary>Gets the new number of adults.</summary>
    public int? Adults { get; init; }

    /// <summary>Gets the new number of children.</summary>
    public int? Children { get; init; }

    /// <summary>Gets the age of each child of the changed stay, once the guest gave them (asked when the PMS needs them).</summary>
    public IReadOnlyList<int>? ChildAges { get; init; }

    /// <summary>Gets the new room type code.</summary>
    public string? RoomType { get; init; }

    /// <summary>
    /// Gets whether <see cref="RoomType"/> was proposed by the agent because the new party did not fit the booked room;
    /// a party said again without a room goes back to the booked one.
    /// </summary>
    public bool RoomProposed { get; init; }

    /// <summary>Gets the total quoted for the change.</summary>
    public decimal? QuotedTotal { get; init; }

    /// <summary>Gets the days the stay moves, still to be applied to the reservation (see <see cref="NluEntities.ShiftDays"/>).</summary>
    public int? ShiftDays { get; init; }

    /// <summary>Gets the nights added at the end, still to be applied to the reservation.</summary>
    public int? ExtraNights { get; init; }

    /// <summary>Gets the adults added, still to be applied to the reservation.</summary>
    public int? ExtraAdults { get; init; }

    /// <summary>Gets the children added, still to be applied to the reservation.</summary>
    public int? ExtraChildren { get; init; }

    /// <summary>Gets the idempotency key of the confirmation asked for.</summary>
    public string? IdempotencyKey { get; init; }
}

/// <summary>
/// The replies of one handled message, saved with its turn and waiting to be sent (see <see cref="ConversationSession.Outbox"/>).
/// </summary>
/// <remarks>Holds guest data (the replies may repeat names, emails): never log it above <c>Trace</c>.</remarks>
public sealed record OutboxEntry
{
    /// <summary>Gets the id of the message the replies answer.</summary>
    public required string MessageId { get; init; }

    /// <summary>Gets the replies, in order.</summary>
    public required IReadOnlyList<OutboundMessage> Replies { get; init; }
}
