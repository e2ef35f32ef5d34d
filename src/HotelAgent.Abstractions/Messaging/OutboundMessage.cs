namespace HotelAgent.Abstractions;

/// <summary>
/// A reply of the agent, ready to be sent to a guest over a channel.
/// </summary>
public sealed record OutboundMessage
{
    /// <summary>Gets the text of the reply.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the quick replies offered with the text (buttons or list rows on channels that have them).</summary>
    public IReadOnlyList<QuickReply> QuickReplies { get; init; } = [];

    /// <summary>Gets a location to send with the reply (for example the hotel's), if any.</summary>
    public GeoLocation? Location { get; init; }
}
