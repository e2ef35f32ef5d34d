namespace HotelAgent;

/// <summary>
/// What the agent knows of the hotel beyond what the PMS says: amenities, policies, directions and reception hours,
/// per language. Bound from <c>HotelAgent:Knowledge</c>; each value set here replaces the PMS's.
/// </summary>
/// <remarks>
/// PMSs such as QloApps hold rooms and rates but rarely the hotel's policies or directions: put them here. Texts are
/// keyed by a short code (<c>wifi</c>, <c>breakfast</c>, <c>parking</c>, <c>pool</c>, <c>gym</c>, <c>spa</c>,
/// <c>pets</c>, <c>restaurant</c>, <c>airport_shuttle</c> for amenities; <c>cancellation</c>, <c>payment</c>,
/// <c>deposit</c>, <c>pets</c> for policies), then by language code.
/// </remarks>
public class HotelKnowledgeOptions
{
    /// <summary>Gets the amenities: code, then language, then text.</summary>
    public Dictionary<string, Dictionary<string, string>> Amenities { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the policies: code, then language, then text.</summary>
    public Dictionary<string, Dictionary<string, string>> Policies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets how to get to the hotel, per language.</summary>
    public Dictionary<string, string> Directions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets when reception opens (for example <c>07:00</c>); with <see cref="ReceptionCloses"/>, replaces the PMS's
    /// hours. The same time for both (<c>00:00</c> and <c>00:00</c>) means around the clock; without either, the PMS's
    /// hours apply, and a PMS that gives none makes the agent answer with the front desk's contact, not "open 24 hours".
    /// </summary>
    public TimeOnly? ReceptionOpens { get; set; }

    /// <summary>Gets or sets when reception closes (for example <c>23:00</c>).</summary>
    public TimeOnly? ReceptionCloses { get; set; }

    /// <summary>Gets or sets the check-in time, replacing the PMS's.</summary>
    public TimeOnly? CheckInTime { get; set; }

    /// <summary>Gets or sets the check-out time, replacing the PMS's.</summary>
    public TimeOnly? CheckOutTime { get; set; }

    /// <summary>
    /// Gets or sets the hotel's time zone (an IANA or Windows id, for example <c>Europe/Lisbon</c>), replacing the
    /// PMS's: it decides "today", "tonight" and whether reception is open.
    /// </summary>
    public string? TimeZone { get; set; }
}
