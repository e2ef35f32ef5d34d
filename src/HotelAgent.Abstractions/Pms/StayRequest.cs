namespace HotelAgent.Abstractions;

/// <summary>
/// A stay to price: dates, occupancy and optionally one room type.
/// </summary>
public sealed record StayRequest
{
    /// <summary>Gets the arrival day.</summary>
    public required DateOnly CheckIn { get; init; }

    /// <summary>Gets the departure day (not a night of the stay).</summary>
    public required DateOnly CheckOut { get; init; }

    /// <summary>Gets the number of adults.</summary>
    public int Adults { get; init; } = 1;

    /// <summary>Gets the number of children.</summary>
    public int Children { get; init; }

    /// <summary>
    /// Gets the age of each child, when the guest gave them (one entry per child, in years); <see langword="null"/> when
    /// they are not known. Some PMSs need them to book children (see <see cref="PmsBookingRequirements.ChildAgesRequired"/>).
    /// </summary>
    public IReadOnlyList<int>? ChildAges { get; init; }

    /// <summary>Gets the room type code to restrict the search to, if any.</summary>
    public string? RoomType { get; init; }

    /// <summary>Gets the number of nights.</summary>
    public int Nights => CheckOut.DayNumber - CheckIn.DayNumber;

    /// <summary>Throws when the stay makes no sense.</summary>
    /// <exception cref="ArgumentException">Check-out is not after check-in, the stay is over 90 nights, there is no adult or a negative child count.</exception>
    public void Validate()
    {
        if (CheckOut <= CheckIn)
        {
            throw new ArgumentException($"Check-out ({CheckOut:yyyy-MM-dd}) must be after check-in ({CheckIn:yyyy-MM-dd}).", nameof(CheckOut));
        }

        if (Nights > MaxNights)
        {
            throw new ArgumentException($"A stay can last at most {MaxNights} nights; this one lasts {Nights}.", nameof(CheckOut));
        }

        if (Adults < 1)
        {
            throw new ArgumentException("A stay needs at least one adult.", nameof(Adults));
        }

        if (Children < 0)
        {
            throw new ArgumentException("The number of children cannot be negative.", nameof(Children));
        }
    }

    /// <summary>The longest stay a request may ask for.</summary>
    public const int MaxNights = 90;
}
