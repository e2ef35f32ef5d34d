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

    /// <summary>Gets when reception is staffed; <see langword="null"/> for around the clock.</summary>
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
/// When reception is staffed, in the hotel's time zone; <see cref="Closes"/> before <see cref="Opens"/> spans midnight.
/// </summary>
/// <param name="Opens">When reception opens.</param>
/// <param name="Closes">When reception closes.</param>
public sealed record ReceptionHours(TimeOnly Opens, TimeOnly Closes)
{
    /// <summary>Returns whether reception is staffed at <paramref name="time"/>.</summary>
    /// <param name="time">The local time at the hotel.</param>
    /// <returns><see langword="true"/> when reception is open.</returns>
    public bool IsOpenAt(TimeOnly time) => Opens <= Closes ? time >= Opens && time < Closes : time >= Opens || time < Closes;
}
