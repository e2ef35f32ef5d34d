namespace HotelAgent.Abstractions;

/// <summary>
/// A kind of room the hotel sells.
/// </summary>
public sealed record RoomType
{
    /// <summary>Gets the canonical code (<c>single</c>, <c>double</c>, <c>twin</c>, <c>suite</c>, <c>family</c>, ...).</summary>
    public required string Code { get; init; }

    /// <summary>Gets the display name per language.</summary>
    public required LocalizedText Name { get; init; }

    /// <summary>Gets the words guests use for it in any language ("doble", "matrimonial", "casal"); the code always matches.</summary>
    public IReadOnlyList<string> Synonyms { get; init; } = [];

    /// <summary>Gets how many adults fit.</summary>
    public required int MaxAdults { get; init; }

    /// <summary>Gets how many people (adults and children) fit.</summary>
    public required int MaxOccupancy { get; init; }

    /// <summary>Gets the base nightly rate, in the hotel's currency.</summary>
    public required decimal NightlyRate { get; init; }

    /// <summary>Gets a short description per language, if any.</summary>
    public LocalizedText? Description { get; init; }

    /// <summary>Gets the room type's photos, first the one to show when there is room for one only.</summary>
    public IReadOnlyList<Uri> Photos { get; init; } = [];

    /// <summary>Returns whether <paramref name="adults"/> and <paramref name="children"/> fit in one room of this type.</summary>
    /// <param name="adults">The number of adults.</param>
    /// <param name="children">The number of children.</param>
    /// <returns><see langword="true"/> when they fit.</returns>
    public bool Fits(int adults, int children) => adults >= 1 && adults <= MaxAdults && adults + children <= MaxOccupancy;
}
