using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace HotelAgent.AspNetCore;

/// <summary>
/// The JSON of the HTTP answers: UTF-8 with letters as they are (<c>"¡Hola"</c>, <c>"habitación"</c>, not
/// <c>"\u00A1Hola"</c>), while the characters that matter in HTML and script (<c>&lt; &gt; &amp; ' "</c> and <c>+</c>)
/// stay escaped, so an answer pasted into a page cannot close a tag or a string.
/// </summary>
/// <remarks>
/// <see cref="JavaScriptEncoder.Create(UnicodeRange[])"/> with <see cref="UnicodeRanges.All"/> is the safe encoder that
/// allows every letter; <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> is not used, as it leaves
/// <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> unescaped.
/// </remarks>
internal static class AnswerJson
{
    public static JsonSerializerOptions From(JsonSerializerOptions generated) =>
        new(generated) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
}

/// <summary>The web chat, NLU, reservation and handoff bodies, written with <see cref="AnswerJson"/>.</summary>
internal sealed partial class HotelAgentHttpJsonContext
{
    public static HotelAgentHttpJsonContext Answers => Holder.Instance;

    // Initialised on first use, after Default (static initialisers of partial classes have no set order).
    private static class Holder
    {
        public static readonly HotelAgentHttpJsonContext Instance = new(AnswerJson.From(Default.Options));
    }
}

/// <summary>The stats body, written with <see cref="AnswerJson"/>.</summary>
internal sealed partial class StatsJsonContext
{
    public static StatsJsonContext Answers => Holder.Instance;

    private static class Holder
    {
        public static readonly StatsJsonContext Instance = new(AnswerJson.From(Default.Options));
    }
}
