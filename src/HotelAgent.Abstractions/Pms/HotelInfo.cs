namespace HotelAgent.Abstractions;

/// <summary>
/// A hotel: where it is, its times, amenities and policies. Texts are keyed by language code (<c>es</c>, <c>en</c>, <c>pt</c>).
/// </summary>
public sealed record HotelInfo
{
    /// <summary>Gets the PMS's id of the hotel.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the name of the hotel.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the postal address.</summary>
    public string? Address { get; init; }

    /// <summary>Gets the hotel's position on the map.</summary>
    public GeoLocation? Location { get; init; }

    /// <summary>Gets the IANA time zone of the hotel, used to know what "today" is for its guests.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Gets the ISO 4217 currency of the hotel's prices.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>Gets the check-in time.</summary>
    public TimeOnly CheckInTime { get; init; } = new(15, 0);

    /// <summary>Gets the check-out time.</summary>
    public TimeOnly CheckOutTime { get; init; } = new(11, 0);

    /// <summary>
    /// Gets when reception is staffed: <see cref="HotelAgent.Abstractions.ReceptionHours.AroundTheClock"/> for a desk that never closes, or
    /// <see langword="null"/> when the PMS does not say. Unknown hours are never taken for "open 24 hours": asked for them,
    /// the agent gives the front desk's phone and email instead.
    /// </summary>
    public ReceptionHours? ReceptionHours { get; init; }

    /// <summary>Gets the front desk's phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>Gets the front desk's email address.</summary>
    public string? Email { get; init; }

    /// <summary>Gets the amenities, keyed by a short code (<c>wifi</c>, <c>breakfast</c>, <c>parking</c>, ...).</summary>
    public IReadOnlyDictionary<string, LocalizedText> Amenities { get; init; } = new Dictionary<string, LocalizedText>();

    /// <summary>Gets the policies, keyed by a short code (<c>cancellation</c>, <c>pets</c>, <c>payment</c>, <c>deposit</c>, ...).</summary>
    public IReadOnlyDictionary<string, LocalizedText> Policies { get; init; } = new Dictionary<string, LocalizedText>();

    /// <summary>Gets how to get to the hotel.</summary>
    public LocalizedText? Directions { get; init; }
}

/// <summary>
/// When reception is staffed, in the hotel's time zone; <see cref="Closes"/> before <see cref="Opens"/> spans midnight,
/// and <see cref="Closes"/> equal to <see cref="Opens"/> is around the clock (<see cref="AroundTheClock"/>).
/// </summary>
/// <param name="Opens">When reception opens.</param>
/// <param name="Closes">When reception closes.</param>
public sealed record ReceptionHours(TimeOnly Opens, TimeOnly Closes)
{
    /// <summary>Returns whether reception is staffed at <paramref name="time"/>.</summary>
    /// <param name="time">The local time at the hotel.</param>
    /// <returns><see langword="true"/> when reception is open.</returns>
    public bool IsOpenAt(TimeOnly time) => IsAroundTheClock || (Opens < Closes ? time >= Opens && time < Closes : time >= Opens || time < Closes);

    /// <summary>Gets reception hours for a front desk staffed around the clock (opens and closes at 00:00).</summary>
    public static ReceptionHours AroundTheClock { get; } = new(TimeOnly.MinValue, TimeOnly.MinValue);

    /// <summary>Gets a value indicating whether reception is staffed around the clock (<see cref="Closes"/> equals <see cref="Opens"/>).</summary>
    public bool IsAroundTheClock => Opens == Closes;
}
