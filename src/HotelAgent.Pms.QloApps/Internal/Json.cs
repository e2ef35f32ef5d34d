using System.Globalization;
using System.Text.Json;

namespace HotelAgent.Pms.QloApps;

/// <summary>
/// Lenient readers for QloApps JSON, where ids and numbers come as numbers or strings, and empty objects as <c>[]</c>.
/// </summary>
internal static class Json
{
    public static JsonElement? Prop(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined
            ? value
            : null;

    public static string? Str(this JsonElement element, string name) => element.Prop(name) is { } value ? AsString(value) : null;

    public static int? Int(this JsonElement element, string name) =>
        element.Str(name) is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? (int)number : null;

    public static decimal? Dec(this JsonElement element, string name) =>
        element.Str(name) is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static DateOnly? Date(this JsonElement element, string name) =>
        element.Str(name) is { Length: >= 10 } text && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Gets an array property, or nothing when it is missing, <c>[]</c> or not an array.</summary>
    public static IEnumerable<JsonElement> Array(this JsonElement element, string name) =>
        element.Prop(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>Gets the values of a property that is an object keyed by id, or an array, or <c>[]</c> when empty.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) => element.Prop(name) switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
        { ValueKind: JsonValueKind.Object } obj => obj.EnumerateObject().Select(p => p.Value),
        _ => [],
    };

    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        _ => null,
    };
}
