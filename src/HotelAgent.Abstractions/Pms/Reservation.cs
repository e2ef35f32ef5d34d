namespace HotelAgent.Abstractions;

/// <summary>
/// A reservation in the PMS.
/// </summary>
public sealed record Reservation
{
    /// <summary>Gets the reservation code the guest quotes.</summary>
    public required string Code { get; init; }

    /// <summary>Gets the status.</summary>
    public required ReservationStatus Status { get; init; }

    /// <summary>Gets the room type code.</summary>
    public required string RoomType { get; init; }

    /// <summary>Gets the arrival day.</summary>
    public required DateOnly CheckIn { get; init; }

    /// <summary>Gets the departure day.</summary>
    public required DateOnly CheckOut { get; init; }

    /// <summary>Gets the number of adults.</summary>
    public required int Adults { get; init; }

    /// <summary>Gets the number of children.</summary>
    public int Children { get; init; }

    /// <summary>Gets the guest.</summary>
    public required GuestDetails Guest { get; init; }

    /// <summary>Gets the price of the stay.</summary>
    public required decimal Total { get; init; }

    /// <summary>Gets the ISO 4217 currency of <see cref="Total"/>.</summary>
    public required string Currency { get; init; }

    /// <summary>Gets when the reservation was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets free-text notes for the staff.</summary>
    public string? Notes { get; init; }
}

/// <summary>
/// Who a reservation is for.
/// </summary>
/// <param name="Name">The guest's full name.</param>
/// <param name="Email">The guest's email address.</param>
/// <param name="Phone">The guest's phone number, if known.</param>
public sealed record GuestDetails(string Name, string Email, string? Phone = null);

/// <summary>
/// The status of a reservation.
/// </summary>
public enum ReservationStatus
{
    /// <summary>Booked and holding a room.</summary>
    Confirmed = 0,

    /// <summary>Cancelled; the room is free again.</summary>
    Cancelled = 1,

    /// <summary>The guest has arrived.</summary>
    CheckedIn = 2,

    /// <summary>The guest has left.</summary>
    CheckedOut = 3,
}
