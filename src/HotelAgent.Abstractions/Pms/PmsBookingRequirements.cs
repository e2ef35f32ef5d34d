namespace HotelAgent.Abstractions;

/// <summary>
/// What a PMS needs in a booking beyond the stay, so the conversation can ask for it before the guest confirms.
/// </summary>
public sealed record PmsBookingRequirements
{
    /// <summary>Gets a value indicating whether a booking needs the guest's phone number.</summary>
    public bool PhoneRequired { get; init; }

    /// <summary>Gets a value indicating whether a booking with children needs each child's age (<see cref="StayRequest.ChildAges"/>).</summary>
    public bool ChildAgesRequired { get; init; }

    /// <summary>Gets the age from which the PMS counts a guest as an adult, if it has one.</summary>
    public int? AdultAge { get; init; }
}

/// <summary>
/// An optional capability of an <see cref="IPmsAdapter"/>: it says which guest details its bookings require. A caller
/// checks <c>pms is IPmsBookingRequirementsProvider</c>; an adapter without it needs only the name and email.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface IPmsBookingRequirementsProvider
{
    /// <summary>Gets what a booking requires.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The requirements.</returns>
    /// <exception cref="PmsUnavailableException">The PMS could not be reached.</exception>
    ValueTask<PmsBookingRequirements> GetBookingRequirementsAsync(CancellationToken cancellationToken = default);
}
