using System.Text.RegularExpressions;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;

namespace HotelAgent;

/// <summary>
/// Redacts the guest's personal data in a message before it is kept in the conversation history: email addresses,
/// phone and card numbers (nine digits or more), and the name, email and phone the guest gave in the conversation.
/// Each is replaced by what the host's redactor for <see cref="HotelAgentTaxonomy.GuestData"/> makes of it (an
/// <c>HmacRedactor</c> keeps a pseudonym staff can compare), or by <see cref="Placeholder"/> when that redactor erases
/// it or the host registered none (<c>AddRedaction</c>).
/// </summary>
internal sealed partial class ConversationTextRedactor
{
    /// <summary>What replaces a piece of personal data the redactor erases.</summary>
    public const string Placeholder = "***";

    private static readonly DataClassificationSet GuestData = new(HotelAgentTaxonomy.GuestData);

    private readonly Redactor? _redactor;

    public ConversationTextRedactor(IRedactorProvider? provider) => _redactor = provider?.GetRedactor(GuestData);

    /// <summary>Redacts the personal data in <paramref name="text"/>.</summary>
    /// <param name="text">The message.</param>
    /// <param name="known">The guest's name, email and phone as the conversation knows them (null or short values are ignored).</param>
    /// <returns>The message with its personal data redacted.</returns>
    public string Redact(string text, IEnumerable<string?> known)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = text;
        foreach (var value in known)
        {
            // A one- or two-letter "name" would blank out half the conversation.
            if (value is { Length: > 2 } && !string.IsNullOrWhiteSpace(value))
            {
                result = result.Replace(value.Trim(), Mask(value.Trim()), StringComparison.OrdinalIgnoreCase);
            }
        }

        result = Email().Replace(result, m => Mask(m.Value));
        return Digits().Replace(result, m => IsPersonalNumber(m.Value) ? Mask(m.Value) : m.Value);
    }

    private static bool IsPersonalNumber(string value)
    {
        // Nine digits or more, but not a run of ISO dates ("2026-12-24 2026-12-28").
        var digits = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        return digits >= 9 && !IsoDate().IsMatch(value);
    }

    private string Mask(string value)
    {
        if (_redactor is null)
        {
            return Placeholder;
        }

        var redacted = _redactor.Redact(value);
        return string.IsNullOrEmpty(redacted) ? Placeholder : redacted;
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Email();

    [GeneratedRegex(@"\+?\d(?:[ .()-]{0,2}\d){8,}", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Digits();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant, 100)]
    private static partial Regex IsoDate();
}
