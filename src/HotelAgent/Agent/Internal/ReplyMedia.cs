using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// Adds pictures to the replies the dialogue built, after it: one photo per room option offered (the quick replies
/// whose payload is a room type's code), captioned with the option's name and description. The photo is the room
/// type's first <see cref="RoomType.Photos"/> address or, for a room type without one, the bytes the PMS gives
/// (<see cref="IPmsRoomPhotoProvider"/>: photos behind the PMS's API and key, which a guest must never be sent). A reply
/// that already carries media is left as it is; channels that cannot show media send the text, which names every option.
/// </summary>
internal static class ReplyMedia
{
    public static async ValueTask<IReadOnlyList<OutboundMessage>> WithRoomPhotosAsync(
        IReadOnlyList<OutboundMessage> replies,
        IReadOnlyList<RoomType> roomTypes,
        string language,
        Func<RoomType, CancellationToken, ValueTask<RoomPhoto?>>? photos,
        CancellationToken cancellationToken)
    {
        OutboundMessage[]? changed = null;
        for (var i = 0; i < replies.Count; i++)
        {
            var reply = replies[i];
            if (reply.Media.Count > 0 || reply.QuickReplies.Count == 0)
            {
                continue;
            }

            var media = new List<OutboundMedia>();
            foreach (var option in reply.QuickReplies)
            {
                var roomType = roomTypes.FirstOrDefault(t => string.Equals(t.Code, option.Payload, StringComparison.OrdinalIgnoreCase));
                if (roomType is null)
                {
                    continue;
                }

                var caption = roomType.Description?.Get(language) is { Length: > 0 } description ? $"{option.Title}: {description}" : option.Title;
                if (roomType is { Photos: [var photo, ..] })
                {
                    media.Add(new OutboundMedia
                    {
                        Kind = MediaKind.Image,
                        Url = photo,
                        ContentType = ContentTypeOf(photo),
                        Caption = caption,
                    });
                }
                else if (photos is not null && await photos(roomType, cancellationToken).ConfigureAwait(false) is { Content.IsEmpty: false } bytes)
                {
                    media.Add(new OutboundMedia
                    {
                        Kind = MediaKind.Image,
                        Content = bytes.Content,
                        ContentType = bytes.ContentType,
                        FileName = $"{roomType.Code}{ExtensionOf(bytes.ContentType)}",
                        Caption = caption,
                    });
                }
            }

            if (media.Count > 0)
            {
                changed ??= [.. replies];
                changed[i] = reply with { Media = media };
            }
        }

        return changed ?? replies;
    }

    private static string ExtensionOf(string contentType) => contentType.ToLowerInvariant() switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/webp" => ".webp",
        "image/gif" => ".gif",
        _ => string.Empty,
    };

    /// <summary>The MIME type of an image from its file extension, when it tells.</summary>
    internal static string? ContentTypeOf(Uri url)
    {
        var path = url.IsAbsoluteUri ? url.AbsolutePath : url.OriginalString.Split('?', '#')[0];
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => "image/jpeg",
            ".png" => "image/png",
            ".webp" => "image/webp",
            ".gif" => "image/gif",
            ".pdf" => "application/pdf",
            _ => null,
        };
    }
}
