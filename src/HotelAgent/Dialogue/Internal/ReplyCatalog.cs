using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// The agent's reply texts: the built-in ones, replaced per key and language by <see cref="HotelAgentOptions.Replies"/>.
/// </summary>
internal sealed partial class ReplyCatalog(IOptionsMonitor<HotelAgentOptions> options)
{
    public string Format(string language, string key, params object?[] args)
    {
        var overrides = options.CurrentValue.Replies;
        var template = overrides.TryGetValue(key, out var byLanguage) && byLanguage.TryGetValue(language, out var custom)
            ? custom
            : ReplyTexts.Template(language, key);
        return ReplyTexts.Apply(language, template, args);
    }

    /// <summary>Returns the problems of reply overrides: unknown keys or languages, placeholders the key does not provide.</summary>
    public static IEnumerable<string> Validate(IDictionary<string, Dictionary<string, string>> overrides)
    {
        foreach (var (key, byLanguage) in overrides)
        {
            if (!ReplyTexts.IsKey(key))
            {
                yield return $"Replies:{key} is not a reply key (see docs/conversations.md for the keys).";
                continue;
            }

            var available = HighestPlaceholder(ReplyTexts.Template("en", key));
            foreach (var (language, template) in byLanguage)
            {
                if (language is not ("es" or "en" or "pt"))
                {
                    yield return $"Replies:{key}:{language}: use the language codes es, en or pt.";
                }
                else if (string.IsNullOrWhiteSpace(template))
                {
                    yield return $"Replies:{key}:{language} is empty.";
                }
                else if (HighestPlaceholder(template) > available)
                {
                    yield return $"Replies:{key}:{language} uses placeholder {{{HighestPlaceholder(template)}}}, but this reply provides {{0}} to {{{available}}} only.";
                }
            }
        }
    }

    private static int HighestPlaceholder(string template)
    {
        var highest = -1;
        foreach (Match match in Placeholder().Matches(template))
        {
            highest = Math.Max(highest, int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture));
        }

        return highest;
    }

    [GeneratedRegex(@"(?<!\{)\{(\d+)")]
    private static partial Regex Placeholder();
}
