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

        var folded = Fold(text);
        foreach (var word in folded.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Words.Contains(word))
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
