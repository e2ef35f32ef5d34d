using System.Collections.ObjectModel;

namespace HotelAgent.Abstractions;

/// <summary>
/// A text in several languages, keyed by ISO 639-1 code.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed class LocalizedText : ReadOnlyDictionary<string, string>
{
    /// <summary>Initializes a new instance of the <see cref="LocalizedText"/> class.</summary>
    /// <param name="texts">The text per language code.</param>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> is <see langword="null"/>.</exception>
    public LocalizedText(IDictionary<string, string> texts)
        : base(new Dictionary<string, string>(texts ?? throw new ArgumentNullException(nameof(texts)), StringComparer.OrdinalIgnoreCase))
    {
    }

    /// <summary>Gets the text in <paramref name="language"/>, else in English, else in any language.</summary>
    /// <param name="language">The wanted language code.</param>
    /// <returns>The best text, or an empty string when there is none.</returns>
    public string Get(string language)
    {
        if (TryGetValue(language, out var text) || TryGetValue("en", out text))
        {
            return text;
        }

        foreach (var value in Values)
        {
            return value;
        }

        return string.Empty;
    }
}
