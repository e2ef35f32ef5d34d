using System.Globalization;
using System.Text;
using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// Recognises a guest marking a message urgent ("URGENTE", "urgent!", "es urgente", "emergência"): such a message
/// opens a ticket of <see cref="HandoffPriority.Urgent"/> priority, notified at once even outside reception hours.
/// </summary>
internal static class UrgentMessages
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "urgent", "urgente", "urgentes", "urgently", "urgentemente", "urgencia", "urgency", "emergencia", "emergency", "emergencias", "asap",
    };

    /// <summary>Returns whether <paramref name="text"/> has a word saying it is urgent, in any case and with or without accents.</summary>
    public static bool IsUrgent(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var folded = Fold(text).AsSpan();
        var lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var range in folded.SplitAny(Separators))
        {
            if (lookup.Contains(folded[range]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns whether a guest message of the ticket is urgent.</summary>
    public static bool IsUrgent(IEnumerable<HandoffMessage> messages) =>
        messages.Any(m => m.From == HandoffParty.Guest && IsUrgent(m.Text));

    private static readonly char[] Separators = [' ', '\t', '\r', '\n', '.', ',', ';', ':', '!', '¡', '?', '¿', '(', ')', '"', '\'', '-', '*', '_', '/'];

    private static string Fold(string text)
    {
        // Latin letters fold one by one (what normalizing gives, without normalizing the whole text); others take the long way.
        var latin = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!AccentFolding.TryFold(char.ToLowerInvariant(c), out var folded))
            {
                return NormalizedFold(text);
            }

            if (folded != '\0')
            {
                latin.Append(folded);
            }
        }

        return latin.ToString();
    }

    internal static string NormalizedFold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
