using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// Everything one turn of the dialogue works with.
/// </summary>
internal sealed class TurnContext
{
    public required ConversationSession Session { get; init; }

    public required InboundMessage Message { get; init; }

    public required string Text { get; init; }

    /// <summary>Gets the words of <see cref="Text"/>, in lower case without accents, split once for the whole turn.</summary>
    /// <remarks>Shared by every reader of the turn: never changed.</remarks>
    public string[] Words => field ??= DialogueText.Words(Text);

    public required NluResult Nlu { get; init; }

    /// <summary>Gets the intent after the confidence threshold was applied.</summary>
    public required string Intent { get; init; }

    public required string Language { get; init; }

    public required HotelInfo Hotel { get; init; }

    public required IReadOnlyList<RoomType> RoomTypes { get; init; }

    public required DateOnly Today { get; init; }

    /// <summary>Gets the time of day at the hotel.</summary>
    public required TimeOnly LocalTime { get; init; }
}

/// <summary>
/// What one turn produced: the session to save and the replies to send.
/// </summary>
internal sealed record TurnOutcome(ConversationSession Session, IReadOnlyList<OutboundMessage> Replies, string? ReservationCode = null);
