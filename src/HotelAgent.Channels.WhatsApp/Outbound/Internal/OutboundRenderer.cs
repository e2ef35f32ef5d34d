using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using HotelAgent.Abstractions;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// Turns an <see cref="OutboundMessage"/> into Graph API message objects: text; interactive reply buttons for up to 3
/// quick replies; a list for 4 to 10; numbered options in the text for more; then a location message if there is one.
/// </summary>
internal static class OutboundRenderer
{
    public const int MaxTextLength = 4096;
    public const int MaxInteractiveBodyLength = 1024;
    public const int MaxButtons = 3;
    public const int MaxButtonTitleLength = 20;
    public const int MaxListRows = 10;
    public const int MaxRowTitleLength = 24;
    public const int MaxRowDescriptionLength = 72;
    public const int MaxReplyIdLength = 256;

    public static IReadOnlyList<(string Kind, JsonObject Payload)> Render(string guestId, OutboundMessage message, WhatsAppOptions options)
    {
        var parts = new List<(string, JsonObject)>(2);
        var replies = message.QuickReplies;
        var text = message.Text ?? string.Empty;
        if (replies.Count is > 0 and <= MaxButtons && text.Length is > 0 and <= MaxInteractiveBodyLength)
        {
            parts.Add(("interactive_buttons", Envelope(guestId, "interactive", new JsonObject
            {
                ["type"] = "button",
                ["body"] = new JsonObject { ["text"] = text },
                ["action"] = new JsonObject
                {
                    ["buttons"] = new JsonArray([.. replies.Select(r => (JsonNode)new JsonObject
                    {
                        ["type"] = "reply",
                        ["reply"] = new JsonObject { ["id"] = ReplyId(r), ["title"] = Truncate(r.Title, MaxButtonTitleLength) },
                    })]),
                },
            })));
        }
        else if (replies.Count is > MaxButtons and <= MaxListRows && text.Length is > 0 and <= MaxInteractiveBodyLength)
        {
            parts.Add(("interactive_list", Envelope(guestId, "interactive", new JsonObject
            {
                ["type"] = "list",
                ["body"] = new JsonObject { ["text"] = text },
                ["action"] = new JsonObject
                {
                    ["button"] = Truncate(options.ListButtonText, MaxButtonTitleLength),
                    ["sections"] = new JsonArray(new JsonObject
                    {
                        ["rows"] = new JsonArray([.. replies.Select(Row)]),
                    }),
                },
            })));
        }
        else if (text.Length > 0 || replies.Count > 0)
        {
            if (replies.Count > 0)
            {
                var builder = new StringBuilder(text);
                builder.Append(text.Length > 0 ? "\n\n" : string.Empty);
                for (var i = 0; i < replies.Count; i++)
                {
                    builder.Append(CultureInfo.InvariantCulture, $"{i + 1}. {replies[i].Title}");
                    if (i < replies.Count - 1)
                    {
                        builder.Append('\n');
                    }
                }

                text = builder.ToString();
            }

            parts.Add(("text", Text(guestId, text)));
        }

        if (message.Location is { } location)
        {
            var body = new JsonObject { ["latitude"] = location.Latitude, ["longitude"] = location.Longitude };
            if (location.Name is { Length: > 0 } name)
            {
                body["name"] = name;
            }

            if (location.Address is { Length: > 0 } address)
            {
                body["address"] = address;
            }

            parts.Add(("location", Envelope(guestId, "location", body)));
        }

        return parts;
    }

    /// <summary>
    /// An image, document or audio message for <paramref name="media"/>: by link when it has an absolute http(s) address, by
    /// <paramref name="uploadedId"/> when its bytes were uploaded; <see langword="null"/> when it can be sent neither way.
    /// Audio messages have no caption (the reply's text follows them).
    /// </summary>
    public static (string Kind, JsonObject Payload)? Media(string guestId, OutboundMedia media, string? uploadedId = null)
    {
        var type = media.Kind switch
        {
            MediaKind.Document => "document",
            MediaKind.Image => "image",
            MediaKind.Audio => "audio",
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        var body = new JsonObject();
        if (uploadedId is not null)
        {
            body["id"] = uploadedId;
        }
        else if (media.Url is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            body["link"] = url.AbsoluteUri;
        }
        else
        {
            return null;
        }

        if (media.Caption is { Length: > 0 } caption && type != "audio")
        {
            body["caption"] = Truncate(caption, MaxInteractiveBodyLength);
        }

        if (type == "document" && media.FileName is { Length: > 0 } fileName)
        {
            body["filename"] = fileName;
        }

        return (type, Envelope(guestId, type, body));
    }

    public static JsonObject Text(string guestId, string text) =>
        Envelope(guestId, "text", new JsonObject { ["preview_url"] = false, ["body"] = Truncate(text, MaxTextLength) });

    public static JsonObject Template(string guestId, string text, WhatsAppOptions options)
    {
        var template = new JsonObject
        {
            ["name"] = options.OutOfWindowTemplateName,
            ["language"] = new JsonObject { ["code"] = options.OutOfWindowTemplateLanguage },
        };
        if (options.OutOfWindowTemplateIncludesText)
        {
            // Template parameters may hold no new lines, tabs or more than four spaces in a row.
            var flat = string.Join(' ', text.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            while (flat.Contains("     ", StringComparison.Ordinal))
            {
                flat = flat.Replace("     ", " ", StringComparison.Ordinal);
            }

            template["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = Truncate(flat, MaxInteractiveBodyLength) }),
            });
        }

        return Envelope(guestId, "template", template);
    }

    /// <summary>A template message with text body parameters (flattened to one line each, as templates require).</summary>
    public static JsonObject StaffTemplate(string to, string templateName, string language, IReadOnlyList<string> parameters) =>
        Envelope(to, "template", new JsonObject
        {
            ["name"] = templateName,
            ["language"] = new JsonObject { ["code"] = language },
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = Truncate(Flat(p), MaxInteractiveBodyLength) })]),
            }),
        });

    /// <summary>A template parameter may hold no new lines, tabs or more than four spaces in a row.</summary>
    private static string Flat(string text)
    {
        var flat = string.Join(' ', text.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        while (flat.Contains("     ", StringComparison.Ordinal))
        {
            flat = flat.Replace("     ", " ", StringComparison.Ordinal);
        }

        return flat;
    }

    public static JsonObject MarkAsRead(string messageId) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["status"] = "read",
        ["message_id"] = messageId,
        ["typing_indicator"] = new JsonObject { ["type"] = "text" },
    };

    private static JsonObject Envelope(string guestId, string type, JsonObject body)
    {
        var envelope = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
        };

        // A phone number (wa_id) goes in "to"; a business-scoped user id (CC.xxxx) in "recipient".
        envelope[IsPhoneNumber(guestId) ? "to" : "recipient"] = guestId;
        envelope["type"] = type;
        envelope[type] = body;
        return envelope;
    }

    private static bool IsPhoneNumber(string guestId) => guestId.TrimStart('+').All(char.IsAsciiDigit);

    private static JsonNode Row(QuickReply reply)
    {
        var row = new JsonObject { ["id"] = ReplyId(reply), ["title"] = Truncate(reply.Title, MaxRowTitleLength) };
        if (reply.Title.Length > MaxRowTitleLength)
        {
            row["description"] = Truncate(reply.Title, MaxRowDescriptionLength);
        }

        return row;
    }

    private static string ReplyId(QuickReply reply) => Truncate(reply.Payload ?? reply.Title, MaxReplyIdLength);

    private static string Truncate(string value, int max) =>
        value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");
}
