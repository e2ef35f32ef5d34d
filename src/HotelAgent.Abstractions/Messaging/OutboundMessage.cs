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

    /// <summary>
    /// Gets the pictures and documents sent with the reply (room photos, a booking confirmation). A channel that cannot
    /// show media sends <see cref="Text"/> alone, which always says what the media show.
    /// </summary>
    public IReadOnlyList<OutboundMedia> Media { get; init; } = [];
}

/// <summary>
/// A picture or document sent to a guest: at a public <see cref="Url"/> (which a channel may link to) or as
/// <see cref="Content"/> bytes (which a channel uploads or attaches).
/// </summary>
public sealed record OutboundMedia
{
    /// <summary>Gets the kind of media: <see cref="MediaKind.Image"/>, <see cref="MediaKind.Document"/> or <see cref="MediaKind.Audio"/> (a spoken reply).</summary>
    public required MediaKind Kind { get; init; }

    /// <summary>Gets the address of the file, if it has one; a relative address is relative to the host's public address.</summary>
    public Uri? Url { get; init; }

    /// <summary>Gets the bytes of the file, when it has no public address (a QR code made for the guest).</summary>
    public ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>Gets the MIME type, for example <c>image/jpeg</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets the file name shown for a document, for example <c>booking-ABC123.pdf</c>.</summary>
    public string? FileName { get; init; }

    /// <summary>Gets the caption shown with the media, and sent as text where the media cannot be shown.</summary>
    public string? Caption { get; init; }
}
