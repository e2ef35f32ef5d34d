namespace HotelAgent.Abstractions;

/// <summary>
/// A reservation to create.
/// </summary>
public sealed record CreateReservationRequest
{
    /// <summary>Gets the stay; <see cref="StayRequest.RoomType"/> is required.</summary>
    public required StayRequest Stay { get; init; }

    /// <summary>Gets the guest.</summary>
    public required GuestDetails Guest { get; init; }

    /// <summary>Gets the conversation the booking came from, kept with the reservation for the staff.</summary>
    public string? ConversationId { get; init; }

    /// <summary>Gets free-text notes for the staff.</summary>
    public string? Notes { get; init; }
}

/// <summary>
/// A change to a reservation; a <see langword="null"/> property keeps its current value.
/// </summary>
public sealed record ModifyReservationRequest
{
    /// <summary>Gets the reservation code.</summary>
    public required string Code { get; init; }

    /// <summary>Gets the new arrival day.</summary>
    public DateOnly? CheckIn { get; init; }

    /// <summary>Gets the new departure day.</summary>
    public DateOnly? CheckOut { get; init; }

    /// <summary>Gets the new room type code.</summary>
    public string? RoomType { get; init; }

    /// <summary>Gets the new number of adults.</summary>
    public int? Adults { get; init; }

    /// <summary>Gets the new number of children.</summary>
    public int? Children { get; init; }

    /// <summary>
    /// Gets the age of each child of the changed stay (as <see cref="StayRequest.ChildAges"/>), when the guest gave them;
    /// <see langword="null"/> keeps what the PMS knows. A PMS that requires ages (<see cref="PmsBookingRequirements.ChildAgesRequired"/>)
    /// refuses a change of the number of children without them (<see cref="ReservationError.MissingGuestDetails"/>).
    /// </summary>
    public IReadOnlyList<int>? ChildAges { get; init; }
}

/// <summary>
/// Which reservations to list.
/// </summary>
public sealed record ReservationQuery
{
    /// <summary>Gets the guest email to filter by, if any.</summary>
    public string? Email { get; init; }

    /// <summary>Gets the most reservations to return.</summary>
    public int Take { get; init; } = 100;
}

/// <summary>
/// The outcome of a reservation write: the reservation, or the expected reason it was not made.
/// </summary>
public sealed record ReservationResult
{
    /// <summary>Gets the reservation after the write, when it succeeded.</summary>
    public Reservation? Reservation { get; init; }

    /// <summary>Gets why the write was refused, or <see cref="ReservationError.None"/>.</summary>
    public ReservationError Error { get; init; }

    /// <summary>Gets a description of the refusal for logs and staff (not guest-facing).</summary>
    public string? Detail { get; init; }

    /// <summary>Gets a value indicating whether the write succeeded.</summary>
    public bool Succeeded => Error == ReservationError.None && Reservation is not null;

    /// <summary>Creates a successful result.</summary>
    /// <param name="reservation">The reservation.</param>
    /// <returns>The result.</returns>
    public static ReservationResult Success(Reservation reservation) => new() { Reservation = reservation };

    /// <summary>Creates a refused result.</summary>
    /// <param name="error">Why it was refused.</param>
    /// <param name="detail">A description for logs and staff.</param>
    /// <returns>The result.</returns>
    public static ReservationResult Failure(ReservationError error, string? detail = null) => new() { Error = error, Detail = detail };
}

/// <summary>
/// Why a reservation write was refused.
/// </summary>
public enum ReservationError
{
    /// <summary>It was not refused.</summary>
    None = 0,

    /// <summary>No room of the type is free for every night.</summary>
    NoAvailability = 1,

    /// <summary>The occupancy does not fit the room type.</summary>
    CapacityExceeded = 2,

    /// <summary>The dates are not valid (past, reversed, too long).</summary>
    InvalidDates = 3,

    /// <summary>The room type code is unknown.</summary>
    UnknownRoomType = 4,

    /// <summary>There is no reservation with the code.</summary>
    NotFound = 5,

    /// <summary>The reservation is already cancelled.</summary>
    AlreadyCancelled = 6,

    /// <summary>The PMS refused the request for another reason (see <see cref="ReservationResult.Detail"/>).</summary>
    Rejected = 7,

    /// <summary>
    /// The PMS needs guest details the request lacks or cannot accept as given (a phone number, children's ages, a name
    /// it can store); <see cref="ReservationResult.Detail"/> names them. Asking the guest and trying again can succeed.
    /// </summary>
    MissingGuestDetails = 8,
}
