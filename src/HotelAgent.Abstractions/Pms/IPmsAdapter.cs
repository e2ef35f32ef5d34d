namespace HotelAgent.Abstractions;

/// <summary>
/// The agent's gateway to a hotel's property management system: hotel data, availability and prices, reservations.
/// </summary>
/// <remarks>
/// <para>Every write takes an idempotency key: calling it again with the same key must return the first outcome and
/// never create, change or cancel twice, so a redelivered "yes" never books two rooms.</para>
/// <para>Expected outcomes (no rooms, unknown code) are returned as results; an unreachable PMS throws
/// <see cref="PmsUnavailableException"/>. Implementations must be safe for concurrent use.</para>
/// </remarks>
public interface IPmsAdapter
{
    /// <summary>Gets the hotel's details: address, times, amenities, policies.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The hotel.</returns>
    /// <exception cref="PmsUnavailableException">The PMS could not be reached.</exception>
    Task<HotelInfo> GetHotelInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the room types the hotel sells.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The room types, each with its canonical code.</returns>
    /// <exception cref="PmsUnavailableException">The PMS could not be reached.</exception>
    Task<IReadOnlyList<RoomType>> GetRoomTypesAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the room types free for the dates and occupancy, with their prices.</summary>
    /// <param name="request">The stay.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>An offer per room type that has a room free for every night and fits the occupancy.</returns>
    /// <exception cref="ArgumentException">The stay is not valid (see <see cref="StayRequest.Validate"/>).</exception>
    /// <exception cref="PmsUnavailableException">The PMS could not be reached.</exception>
    Task<AvailabilityResult> GetAvailabilityAsync(StayRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates a reservation.</summary>
    /// <param name="request">The reservation to create.</param>
    /// <param name="idempotencyKey">A key unique to this booking decision; a repeated call with it returns the first outcome.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The reservation, or why it could not be made.</returns>
    /// <exception cref="PmsUnavailableException">The PMS could not be reached.</exception>
    Task<ReservationResult> CreateReservationAsync(CreateReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Gets a reservation by its code.</summary>
    /// <param name="code">The reservation code.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The reservation, or <see langword="null"/> when there is none with that code.</returns>
    /// <exception cref="PmsUnavailableException">The PMS could not be reached.</exception>
    Task<Reservation?> GetReservationAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Lists reservations, newest first.</summary>
    /// <param name="query">Which reservations to list.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The reservations.</returns>
    /// <exception cref="PmsUnavailableException">The PMS could not be reached.</exception>
    Task<IReadOnlyList<Reservation>> ListReservationsAsync(ReservationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Changes the dates, room type or occupancy of a reservation.</summary>
    /// <param name="request">The change.</param>
    /// <param name="idempotencyKey">A key unique to this change decision.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The changed reservation, or why it could not be changed.</returns>
    /// <exception cref="PmsUnavailableException">The PMS could not be reached.</exception>
    Task<ReservationResult> ModifyReservationAsync(ModifyReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Cancels a reservation.</summary>
    /// <param name="code">The reservation code.</param>
    /// <param name="idempotencyKey">A key unique to this cancellation decision.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The cancelled reservation, or why it could not be cancelled.</returns>
    /// <exception cref="PmsUnavailableException">The PMS could not be reached.</exception>
    Task<ReservationResult> CancelReservationAsync(string code, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets the format of this PMS's reservation codes, so that guests can quote their code in a new conversation and
    /// prompts show an example of the right shape. Defaults to <see cref="BookingCodeFormat.Any"/> (any code-shaped
    /// token); declare yours when codes have a fixed shape (<c>new BookingCodeFormat("[A-Z]{9}", "NESQDTATR")</c>).
    /// </summary>
    BookingCodeFormat BookingCodeFormat => BookingCodeFormat.Any;
}
