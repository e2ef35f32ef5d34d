using System.Text.Json;
using System.Text.Json.Serialization;

namespace HotelAgent.Channels.WhatsApp;

#pragma warning disable CA1812 // Instantiated by the source-generated serializer.
#pragma warning disable CA1819 // DTOs of the wire format.

/// <summary>The body of a WhatsApp Cloud API webhook (<c>object = whatsapp_business_account</c>).</summary>
internal sealed class WebhookPayload
{
    [JsonPropertyName("object")]
    public string? Object { get; set; }

    [JsonPropertyName("entry")]
    public List<WebhookEntry>? Entry { get; set; }
}

internal sealed class WebhookEntry
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("changes")]
    public List<WebhookChange>? Changes { get; set; }
}

internal sealed class WebhookChange
{
    [JsonPropertyName("field")]
    public string? Field { get; set; }

    [JsonPropertyName("value")]
    public WebhookValue? Value { get; set; }
}

internal sealed class WebhookValue
{
    [JsonPropertyName("messaging_product")]
    public string? MessagingProduct { get; set; }

    [JsonPropertyName("metadata")]
    public WebhookMetadata? Metadata { get; set; }

    [JsonPropertyName("contacts")]
    public List<WebhookContact>? Contacts { get; set; }

    /// <summary>The messages, each read on its own (<see cref="WebhookMessage"/>): one malformed message does not reject the others.</summary>
    [JsonPropertyName("messages")]
    [JsonConverter(typeof(EachOnItsOwnConverter<WebhookMessage>))]
    public EachOnItsOwn<WebhookMessage>? Messages { get; set; }

    /// <summary>The statuses, each read on its own (<see cref="WebhookStatus"/>).</summary>
    [JsonPropertyName("statuses")]
    [JsonConverter(typeof(EachOnItsOwnConverter<WebhookStatus>))]
    public EachOnItsOwn<WebhookStatus>? Statuses { get; set; }
}

internal sealed class WebhookMetadata
{
    [JsonPropertyName("display_phone_number")]
    public string? DisplayPhoneNumber { get; set; }

    [JsonPropertyName("phone_number_id")]
    public string? PhoneNumberId { get; set; }
}

internal sealed class WebhookContact
{
    [JsonPropertyName("wa_id")]
    public string? WaId { get; set; }

    /// <summary>The business-scoped user id (BSUID), present when the guest uses a username.</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; set; }

    [JsonPropertyName("profile")]
    public WebhookProfile? Profile { get; set; }
}

internal sealed class WebhookProfile
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

internal sealed class WebhookMessage
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The guest's phone number (<c>wa_id</c>); absent for guests known only by a business-scoped user id.</summary>
    [JsonPropertyName("from")]
    public string? From { get; set; }

    [JsonPropertyName("from_user_id")]
    public string? FromUserId { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("text")]
    public WebhookText? Text { get; set; }

    [JsonPropertyName("interactive")]
    public WebhookInteractive? Interactive { get; set; }

    [JsonPropertyName("button")]
    public WebhookButton? Button { get; set; }

    [JsonPropertyName("audio")]
    public WebhookMedia? Audio { get; set; }

    [JsonPropertyName("image")]
    public WebhookMedia? Image { get; set; }

    [JsonPropertyName("document")]
    public WebhookMedia? Document { get; set; }

    [JsonPropertyName("sticker")]
    public WebhookMedia? Sticker { get; set; }

    [JsonPropertyName("video")]
    public WebhookMedia? Video { get; set; }

    [JsonPropertyName("location")]
    public WebhookLocation? Location { get; set; }
}

internal sealed class WebhookText
{
    [JsonPropertyName("body")]
    public string? Body { get; set; }
}

internal sealed class WebhookInteractive
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("button_reply")]
    public WebhookReply? ButtonReply { get; set; }

    [JsonPropertyName("list_reply")]
    public WebhookReply? ListReply { get; set; }
}

internal sealed class WebhookReply
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }
}

internal sealed class WebhookButton
{
    [JsonPropertyName("payload")]
    public string? Payload { get; set; }

    [JsonPropertyName("text")]
    public string? Text { get; set; }
}

internal sealed class WebhookMedia
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("mime_type")]
    public string? MimeType { get; set; }

    [JsonPropertyName("caption")]
    public string? Caption { get; set; }

    [JsonPropertyName("voice")]
    public bool? Voice { get; set; }
}

internal sealed class WebhookLocation
{
    [JsonPropertyName("latitude")]
    public double? Latitude { get; set; }

    [JsonPropertyName("longitude")]
    public double? Longitude { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("address")]
    public string? Address { get; set; }
}

internal sealed class WebhookStatus
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("recipient_id")]
    public string? RecipientId { get; set; }

    [JsonPropertyName("errors")]
    public List<WebhookError>? Errors { get; set; }
}

internal sealed class WebhookError
{
    [JsonPropertyName("code")]
    public int? Code { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }
}

/// <summary>The elements of a JSON array read one by one: those that could be read, and the errors of those that could not.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class EachOnItsOwn<T>
    where T : class
{
    public List<T> Items { get; } = [];

    /// <summary>Gets or sets the position in the array and the error of each element that could not be read; <see langword="null"/> when none.</summary>
    public List<(int Index, JsonException Error)>? Errors { get; set; }
}

/// <summary>
/// Reads an array element by element in the same pass as the rest of the body: an element that does not fit
/// <typeparamref name="T"/> (a number where text belongs, say) is skipped and its error kept, the others are read. A
/// body that is not well-formed JSON still fails as a whole.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class EachOnItsOwnConverter<T> : JsonConverter<EachOnItsOwn<T>>
    where T : class
{
    public override EachOnItsOwn<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array, found {reader.TokenType}.");
        }

        var typeInfo = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var read = new EachOnItsOwn<T>();
        for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            var start = reader;
            try
            {
                if (JsonSerializer.Deserialize(ref reader, typeInfo) is { } item)
                {
                    read.Items.Add(item);
                }
            }
            catch (JsonException ex)
            {
                // Back to the element's start, then past it (a body that is not well-formed JSON throws here).
                reader = start;
                reader.Skip();
                (read.Errors ??= []).Add((index, ex));
            }
        }

        return read;
    }

    public override void Write(Utf8JsonWriter writer, EachOnItsOwn<T> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Webhook payloads are only read.");
}

/// <summary>The source-generated serializer of the webhook payloads: tolerant of unknown members and number strings.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(WebhookMessage))]
[JsonSerializable(typeof(WebhookStatus))]
internal sealed partial class WhatsAppJsonContext : JsonSerializerContext;
