namespace HotelAgent.Abstractions;

/// <summary>
/// A photo of a room type as bytes, read from the PMS: what a channel uploads or attaches when the photo has no
/// public address a guest could open.
/// </summary>
/// <param name="Content">The bytes of the picture.</param>
/// <param name="ContentType">The MIME type, for example <c>image/jpeg</c>.</param>
public sealed record RoomPhoto(ReadOnlyMemory<byte> Content, string ContentType);

/// <summary>
/// An optional capability of an <see cref="IPmsAdapter"/> whose room photos are behind its API (and its key) rather
/// than at a public address: it gives a room type's photo as bytes. The agent uses it for room types without
/// <see cref="RoomType.Photos"/>; a caller checks <c>pms is IPmsRoomPhotoProvider</c>.
/// </summary>
/// <remarks>
/// Implementations must be safe for concurrent use, should cache what they read (a photo is asked for every time its
/// room type is offered), and must never put a credential into anything they return.
/// </remarks>
public interface IPmsRoomPhotoProvider
{
    /// <summary>Gets the photo to show of room type <paramref name="roomTypeCode"/>.</summary>
    /// <param name="roomTypeCode">The room type's <see cref="RoomType.Code"/>.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The photo, or <see langword="null"/> when the room type has none (or is unknown).</returns>
    /// <exception cref="PmsUnavailableException">The PMS could not be reached.</exception>
    ValueTask<RoomPhoto?> GetRoomPhotoAsync(string roomTypeCode, CancellationToken cancellationToken = default);
}
