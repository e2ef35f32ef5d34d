namespace HotelAgent.Abstractions;

/// <summary>
/// A message a guest sent to the hotel over any channel.
/// </summary>
/// <remarks>
/// <see cref="Text"/> and <see cref="Interactive"/> carry guest content: never log them above <c>Trace</c>.
/// </remarks>
public sealed record InboundMessage
{
    /// <summary>Gets the channel's own id of the message, used to drop redelivered messages.</summary>
    public required string MessageId { get; init; }

    /// <summary>Gets the name of the channel the message arrived on (see <see cref="ChannelNames"/>).</summary>
    public required string ChannelName { get; init; }

    /// <summary>Gets the id of the conversation; the agent keeps one session per conversation.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Gets the channel's id of the guest (a phone number, an email address, a web-chat visitor id).</summary>
    public required string GuestId { get; init; }

    /// <summary>Gets the text the guest wrote, or a caption or transcript; <see langword="null"/> when there is none.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the language the channel or the guest asked for (an ISO 639-1 code such as <c>es</c>), if known.</summary>
    public string? Language { get; init; }

    /// <summary>Gets when the channel received the message.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets the media attached to the message (voice notes, images).</summary>
    public IReadOnlyList<MediaAttachment> Media { get; init; } = [];

    /// <summary>Gets the location the guest shared, if any.</summary>
    public GeoLocation? Location { get; init; }

    /// <summary>Gets the quick reply, button or list row the guest chose, if any.</summary>
    public InteractiveReply? Interactive { get; init; }

    /// <summary>
    /// Gets the property (hotel) the message is for, on a host that serves several; <see langword="null"/> lets the
    /// host decide by the channel (see <see cref="IHotelPropertyDirectory.PropertyOf"/>), which is the default
    /// property on a single-hotel host.
    /// </summary>
    public string? Property { get; init; }
}
