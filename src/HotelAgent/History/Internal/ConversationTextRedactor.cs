using System.Text.RegularExpressions;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;

namespace HotelAgent;

/// <summary>
/// Redacts the guest's personal data in a message before it is kept in the conversation history: in the guest's own
/// messages every email address and phone or card number (nine digits or more), and in every message the name,
/// email and phone the guest gave in the conversation (the agent's replies also give the hotel's own phone and email,
/// which stay).
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
    /// <param name="known">The guest's name (and its parts), email and phone as the conversation knows them; values of
    /// fewer than three letters are ignored.</param>
    /// <param name="anyContact">Whether every email address and phone or card number is personal data (the guest's own
    /// messages), or only the guest's known values are (the agent's and staff's, which also give the hotel's phone and email).</param>
    /// <returns>The message with its personal data redacted.</returns>
    public string Redact(string text, IEnumerable<string?> known, bool anyContact = true) => RedactWithPatterns(text, Patterns(known), anyContact);

    /// <summary>Redacts the personal data in <paramref name="text"/>, with the patterns of the known values made once by <see cref="Patterns"/>.</summary>
    public string RedactWithPatterns(string text, string[] knownPatterns, bool anyContact = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(knownPatterns);

        // Email addresses first, so a name part inside one ("ana" of ana.garcia@...) does not split it.
        var result = anyContact ? Email().Replace(text, m => Mask(m.Value)) : text;

        foreach (var pattern in knownPatterns)
        {
            result = Regex.Replace(result, pattern, m => Mask(m.Value), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }

        return anyContact ? Digits().Replace(result, m => IsPersonalNumber(m.Value) ? Mask(m.Value) : m.Value) : result;
    }

    /// <summary>
    /// The patterns that find the known values (<see cref="Redact(string, IEnumerable{string?}, bool)"/>), in the order
    /// they are applied: longest first, so a full name goes before the parts of it; whole words only ("Ana" is not "mañana").
    /// </summary>
    public static string[] Patterns(IEnumerable<string?> known) =>
        [.. known.Where(v => v is { Length: > 2 } && !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(v => v.Length)
            .Select(value => @"(?<![\p{L}\p{N}])" + Regex.Escape(value) + @"(?![\p{L}\p{N}])")];

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

    [GeneratedRegex(@"\(?\+?\d(?:[ .()-]{0,2}\d){8,}", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Digits();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant, 100)]
    private static partial Regex IsoDate();
}
