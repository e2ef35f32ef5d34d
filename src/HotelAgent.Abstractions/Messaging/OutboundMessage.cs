using System.Text.Json.Serialization;

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
/// A picture or document sent to a guest: at a public <see cref="Url"/> (which a channel may link to), as
/// <see cref="Content"/> bytes (which a channel uploads or attaches), or as a <see cref="QrCodeText"/> whose PNG is made
/// only when a channel sends the bytes. A channel reads the bytes with <see cref="GetContent"/>, given or made.
/// </summary>
/// <remarks>
/// A media described by <see cref="QrCodeText"/> (the booking confirmation card) costs nothing on the turn that answers
/// and stays small where replies are stored (a session's outbox, a dead letter): what is stored is the text, and the
/// PNG made from it when the reply is sent, or sent again later, is the same bytes every time.
/// </remarks>
public sealed record OutboundMedia
{
    /// <summary>The size of one QR module in pixels in the PNG made from <see cref="QrCodeText"/>: a 9-character code (25 modules and the quiet zone) is 264 pixels wide.</summary>
    private const int QrCodePixelsPerModule = 8;

    /// <summary>Gets the kind of media: <see cref="MediaKind.Image"/>, <see cref="MediaKind.Document"/> or <see cref="MediaKind.Audio"/> (a spoken reply).</summary>
    public required MediaKind Kind { get; init; }

    /// <summary>Gets the address of the file, if it has one; a relative address is relative to the host's public address.</summary>
    public Uri? Url { get; init; }

    /// <summary>
    /// Gets the bytes of the file, when it has no public address and they were made before the reply (a room photo read
    /// from the PMS, a spoken reply). Channels read the bytes to send with <see cref="GetContent"/>, which also makes
    /// them from <see cref="QrCodeText"/>.
    /// </summary>
    public ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>
    /// Gets the text of a QR code that is this media's picture, when its bytes are to be made at send time rather than
    /// on the turn (the booking confirmation card holds the reservation code): <see cref="GetContent"/> makes a PNG of
    /// it, black on white with its 4-module quiet zone, 8 pixels a module, error correction level M (made with QRCoder).
    /// Ignored when <see cref="Content"/> has bytes. Set <see cref="ContentType"/> to <c>image/png</c> with it.
    /// </summary>
    public string? QrCodeText { get; init; }

    /// <summary>Gets the MIME type, for example <c>image/jpeg</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets the file name shown for a document, for example <c>booking-ABC123.pdf</c>.</summary>
    public string? FileName { get; init; }

    /// <summary>Gets the caption shown with the media, and sent as text where the media cannot be shown.</summary>
    public string? Caption { get; init; }

    /// <summary>
    /// Gets a value indicating whether the media has bytes to send, given (<see cref="Content"/>) or to be made
    /// (<see cref="QrCodeText"/>), without making them.
    /// </summary>
    [JsonIgnore]
    public bool HasContent => !Content.IsEmpty || !string.IsNullOrEmpty(QrCodeText);

    /// <summary>
    /// Gets the bytes a channel sends for this media: <see cref="Content"/> when it has any; otherwise the PNG of
    /// <see cref="QrCodeText"/>, made on each call (the same bytes for the same text); otherwise empty. The built-in
    /// channels call it when they upload or attach the media, and only then; a custom channel that sends media as
    /// bytes calls it the same way.
    /// </summary>
    /// <returns>The bytes of the file, or empty when the media has none (it has only a <see cref="Url"/>).</returns>
    public ReadOnlyMemory<byte> GetContent() =>
        !Content.IsEmpty ? Content
        : !string.IsNullOrEmpty(QrCodeText) ? QrCodePng.Make(QrCodeText, QrCodePixelsPerModule)
        : ReadOnlyMemory<byte>.Empty;
}
