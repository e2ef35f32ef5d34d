using System.Text.Json.Serialization;

namespace HotelAgent.Nlu.Llm;

/// <summary>The JSON the model is asked to produce: the same fields as <c>/v1/nlu/parse</c>.</summary>
internal sealed class LlmParseResult
{
    [JsonPropertyName("intent")]
    public string? Intent { get; set; }

    [JsonPropertyName("confidence")]
    public double? Confidence { get; set; }

    [JsonPropertyName("language")]
    public string? Language { get; set; }

    [JsonPropertyName("entities")]
    public LlmParseEntities? Entities { get; set; }
}

internal sealed class LlmParseEntities
{
    [JsonPropertyName("checkIn")]
    public string? CheckIn { get; set; }

    [JsonPropertyName("checkOut")]
    public string? CheckOut { get; set; }

    [JsonPropertyName("nights")]
    public int? Nights { get; set; }

    [JsonPropertyName("adults")]
    public int? Adults { get; set; }

    [JsonPropertyName("children")]
    public int? Children { get; set; }

    [JsonPropertyName("roomType")]
    public string? RoomType { get; set; }

    [JsonPropertyName("guestName")]
    public string? GuestName { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("phone")]
    public string? Phone { get; set; }

    [JsonPropertyName("bookingCode")]
    public string? BookingCode { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(LlmParseResult))]
internal sealed partial class LlmJsonContext : JsonSerializerContext;
