namespace HotelAgent.Abstractions;

/// <summary>
/// Understands a guest's message: its intent, language and entities (dates, people, room type, contact details).
/// </summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface INluEngine
{
    /// <summary>Parses one message.</summary>
    /// <param name="request">The text and its context.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What the message means.</returns>
    ValueTask<NluResult> ParseAsync(NluRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// A message to parse and its context.
/// </summary>
public sealed record NluRequest
{
    /// <summary>Gets the guest's text.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the language the caller knows the text is in, if any (<c>es</c>, <c>en</c>, <c>pt</c>).</summary>
    public string? Language { get; init; }

    /// <summary>Gets the day relative dates are resolved against ("tomorrow", "on Friday", dates without a year).</summary>
    public required DateOnly ReferenceDate { get; init; }

    /// <summary>Gets the room types of the hotel, whose codes and synonyms the engine matches.</summary>
    public IReadOnlyList<RoomType> RoomTypes { get; init; } = [];

    /// <summary>
    /// Gets what the dialogue has just asked the guest (<see cref="ExpectedAnswer.None"/> when nothing): a bare "3" is
    /// a party size when the agent asked how many people, "Ana Lee, ana@mail.com" the guest's details when it asked for
    /// them, "dale, hacela" a yes at a summary.
    /// </summary>
    public ExpectedAnswer Expecting { get; init; }

    /// <summary>Gets the format of the PMS's booking codes; <see cref="BookingCodeFormat.Any"/> when the PMS declares none.</summary>
    public BookingCodeFormat BookingCodeFormat { get; init; } = BookingCodeFormat.Any;

    /// <summary>
    /// Gets the arrival of the stay the conversation is about, if any. A day said without its month ("can we do the
    /// 12th to the 15th instead?") is read as the one nearest that stay, not the next one after today.
    /// </summary>
    public DateOnly? StayAnchor { get; init; }
}

/// <summary>
/// What a message means.
/// </summary>
public sealed record NluResult
{
    /// <summary>Gets the intent (see <see cref="Intents"/>).</summary>
    public required string Intent { get; init; }

    /// <summary>Gets the confidence of <see cref="Intent"/>, in [0, 1].</summary>
    public required double Confidence { get; init; }

    /// <summary>Gets the language of the message (<c>es</c>, <c>en</c> or <c>pt</c>).</summary>
    public required string Language { get; init; }

    /// <summary>Gets the entities found in the message.</summary>
    public NluEntities Entities { get; init; } = NluEntities.Empty;

    /// <summary>
    /// Gets the other requests the message carries, in the order they were found ("¿tienen lugar del 3 al 5? ¿y el
    /// desayuno?" is check_availability with hotel_amenities here). Never holds <see cref="Intent"/>.
    /// </summary>
    public IReadOnlyList<string> AdditionalIntents { get; init; } = [];

    /// <summary>
    /// Gets how sure the engine is of <see cref="Language"/> from the guest's own words, from 0 (no evidence: a name,
    /// an email, a number or a date) to 1. The dialogue changes a conversation's language only on strong evidence.
    /// </summary>
    public double LanguageConfidence { get; init; } = 1;

    /// <summary>
    /// Gets every room type code the message names, in reading order ("¿cuánto sale la familiar? ¿y la suite?" names
    /// family and suite); <see cref="NluEntities.RoomType"/> holds the first. Empty when the engine does not report them.
    /// </summary>
    public IReadOnlyList<string> RoomTypesMentioned { get; init; } = [];
}

/// <summary>
/// The entities an NLU engine extracts from a message; a property is <see langword="null"/> when the message does not give it.
/// </summary>
public sealed record NluEntities
{
    /// <summary>Gets an instance with no entities.</summary>
    public static NluEntities Empty { get; } = new();

    /// <summary>Gets the arrival day.</summary>
    public DateOnly? CheckIn { get; init; }

    /// <summary>Gets the departure day.</summary>
    public DateOnly? CheckOut { get; init; }

    /// <summary>Gets the number of nights.</summary>
    public int? Nights { get; init; }

    /// <summary>Gets the number of adults (or of people, when the message does not split them).</summary>
    public int? Adults { get; init; }

    /// <summary>Gets the number of children.</summary>
    public int? Children { get; init; }

    /// <summary>
    /// Gets the age of each child the message gives ("2 niños de 6 y 9", "kids aged 4 and 9"), in years, in the order
    /// given; <see langword="null"/> when it gives none. The dialogue keeps them when there is one per child.
    /// </summary>
    public IReadOnlyList<int>? ChildAges { get; init; }

    /// <summary>Gets the canonical code of the room type from the hotel's catalogue.</summary>
    public string? RoomType { get; init; }

    /// <summary>Gets the guest's name.</summary>
    public string? GuestName { get; init; }

    /// <summary>Gets the guest's email address.</summary>
    public string? Email { get; init; }

    /// <summary>Gets the guest's phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>Gets a reservation code.</summary>
    public string? BookingCode { get; init; }

    /// <summary>
    /// Gets how many days an existing stay moves, arrival and departure together: positive later ("move it one day
    /// later", "correr dos días", "adiar um dia"), negative earlier ("adelantarla un día").
    /// </summary>
    public int? ShiftDays { get; init; }

    /// <summary>Gets how many nights to add to (positive: "one more night", "agregá una noche más") or take from (negative) an existing stay, at its end.</summary>
    public int? ExtraNights { get; init; }

    /// <summary>Gets how many more adults join an existing stay ("one more person", "somos uno más", "vai mais uma pessoa").</summary>
    public int? ExtraAdults { get; init; }

    /// <summary>Gets how many more children join an existing stay ("one more kid", "un nene más").</summary>
    public int? ExtraChildren { get; init; }

    /// <summary>Gets a value indicating whether no entity is set.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => this == Empty;
}
