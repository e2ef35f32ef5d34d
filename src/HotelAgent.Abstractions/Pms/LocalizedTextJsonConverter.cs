using System.Text.Json;
using System.Text.Json.Serialization;

namespace HotelAgent.Abstractions;

/// <summary>
/// Reads and writes a <see cref="LocalizedText"/> as a JSON object of language code to text, or a plain string (taken as English).
/// </summary>
public sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    /// <inheritdoc />
    public override LocalizedText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new LocalizedText(new Dictionary<string, string> { ["en"] = reader.GetString()! });
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A localized text must be a string or an object of language code to text.");
        }

        var texts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var language = reader.GetString()!;
            reader.Read();
            texts[language] = reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : throw new JsonException($"The text for language '{language}' must be a string.");
        }

        return new LocalizedText(texts);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (language, text) in value)
        {
            writer.WriteString(language, text);
        }

        writer.WriteEndObject();
    }
}
