namespace HotelAgent.Abstractions;

/// <summary>
/// The room types free for a stay, with their prices.
/// </summary>
/// <param name="Stay">The stay that was priced.</param>
/// <param name="Offers">One offer per room type that is free every night and fits the occupancy, cheapest first.</param>
public sealed record AvailabilityResult(StayRequest Stay, IReadOnlyList<RoomOffer> Offers);

/// <summary>
/// A room type that is free for a stay, and what it costs.
/// </summary>
public sealed record RoomOffer
{
    /// <summary>Gets the room type.</summary>
    public required RoomType RoomType { get; init; }

    /// <summary>Gets how many rooms of the type are free for every night of the stay.</summary>
    public required int RoomsLeft { get; init; }

    /// <summary>Gets the price of each night.</summary>
    public required IReadOnlyList<NightlyPrice> Nights { get; init; }

    /// <summary>Gets the price of the whole stay.</summary>
    public required decimal Total { get; init; }

    /// <summary>Gets the ISO 4217 currency of the prices.</summary>
    public required string Currency { get; init; }
}

/// <summary>
/// The price of one night.
/// </summary>
/// <param name="Date">The night (the day the night starts).</param>
/// <param name="Price">The price.</param>
public sealed record NightlyPrice(DateOnly Date, decimal Price);
