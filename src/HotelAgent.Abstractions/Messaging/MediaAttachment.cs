namespace HotelAgent.Abstractions;

/// <summary>
/// A media file attached to an inbound message (a voice note, an image).
/// </summary>
public sealed record MediaAttachment
{
    /// <summary>Gets the kind of media.</summary>
    public required MediaKind Kind { get; init; }

    /// <summary>Gets the MIME type, for example <c>audio/ogg; codecs=opus</c>.</summary>
    public required string ContentType { get; init; }

    /// <summary>Gets the bytes of the media, when the channel has downloaded them.</summary>
    public ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>Gets the channel's id of the media, when its bytes are fetched later.</summary>
    public string? MediaId { get; init; }

    /// <summary>Gets the caption the guest wrote with the media, if any.</summary>
    public string? Caption { get; init; }
}

/// <summary>
/// The kinds of media a guest can send.
/// </summary>
public enum MediaKind
{
    /// <summary>Anything else.</summary>
    Other = 0,

    /// <summary>A voice note or an audio file.</summary>
    Audio = 1,

    /// <summary>A picture.</summary>
    Image = 2,

    /// <summary>A document such as a PDF.</summary>
    Document = 3,
}
