namespace HotelAgent.Abstractions;

/// <summary>
/// An optional capability of an <see cref="IMessageChannel"/>: fetching the bytes of a media attachment the channel
/// took in without them (<see cref="MediaAttachment.MediaId"/> set, <see cref="MediaAttachment.Content"/> empty),
/// because they were too large or slow to fetch while the guest's message was being acknowledged.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface IMediaChannel
{
    /// <summary>Fetches the bytes of <paramref name="media"/>, refusing more than <paramref name="maxBytes"/>.</summary>
    /// <param name="media">The attachment, with its <see cref="MediaAttachment.MediaId"/>.</param>
    /// <param name="maxBytes">The most bytes wanted; a larger file is not downloaded and answers <see cref="MediaDownloadStatus.TooLarge"/>.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The bytes, or why there are none when trying again cannot help.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="media"/> is <see langword="null"/>.</exception>
    /// <exception cref="HotelAgentException">The media could not be fetched now (<see cref="HotelAgentException.IsTransient"/>: a later try may succeed).</exception>
    Task<MediaDownload> DownloadMediaAsync(MediaAttachment media, long maxBytes, CancellationToken cancellationToken = default);
}

/// <summary>
/// The outcome of <see cref="IMediaChannel.DownloadMediaAsync"/>.
/// </summary>
/// <param name="Status">What happened.</param>
/// <param name="Content">The bytes, when <see cref="MediaDownloadStatus.Downloaded"/>.</param>
/// <param name="ContentType">The MIME type the channel reported, if any.</param>
/// <param name="Size">The size the channel reported, if any.</param>
public sealed record MediaDownload(MediaDownloadStatus Status, ReadOnlyMemory<byte> Content = default, string? ContentType = null, long? Size = null);

/// <summary>
/// What <see cref="IMediaChannel.DownloadMediaAsync"/> found.
/// </summary>
public enum MediaDownloadStatus
{
    /// <summary>The bytes were downloaded.</summary>
    Downloaded = 0,

    /// <summary>The file is larger than the limit asked for; it was not downloaded.</summary>
    TooLarge = 1,

    /// <summary>The channel no longer has the file (deleted or expired for good).</summary>
    Gone = 2,
}
