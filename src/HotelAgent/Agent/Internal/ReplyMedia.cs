using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// Adds pictures to the replies the dialogue built, after it: one photo per room option offered (the quick replies
/// whose payload is a room type's code), captioned with the option's name and description. A reply that already
/// carries media is left as it is; channels that cannot show media send the text, which names every option.
/// </summary>
internal static class ReplyMedia
{
    public static IReadOnlyList<OutboundMessage> WithRoomPhotos(IReadOnlyList<OutboundMessage> replies, IReadOnlyList<RoomType> roomTypes, string language)
    {
        OutboundMessage[]? changed = null;
        for (var i = 0; i < replies.Count; i++)
        {
            var reply = replies[i];
            if (reply.Media.Count > 0 || reply.QuickReplies.Count == 0)
            {
                continue;
            }

            var photos = new List<OutboundMedia>();
            foreach (var option in reply.QuickReplies)
            {
                var roomType = roomTypes.FirstOrDefault(t => string.Equals(t.Code, option.Payload, StringComparison.OrdinalIgnoreCase));
                if (roomType is { Photos: [var photo, ..] })
                {
                    photos.Add(new OutboundMedia
                    {
                        Kind = MediaKind.Image,
                        Url = photo,
                        ContentType = ContentTypeOf(photo),
                        Caption = roomType.Description?.Get(language) is { Length: > 0 } description ? $"{option.Title}: {description}" : option.Title,
                    });
                }
            }

            if (photos.Count > 0)
            {
                changed ??= [.. replies];
                changed[i] = reply with { Media = photos };
            }
        }

        return changed ?? replies;
    }

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
