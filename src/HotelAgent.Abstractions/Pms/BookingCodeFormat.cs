using System.Text.RegularExpressions;

namespace HotelAgent.Abstractions;

/// <summary>
/// What the PMS's reservation codes look like, so that understanding recognises a code the guest quotes and prompts
/// show a code of the right shape. An adapter declares it through <see cref="IPmsAdapter.BookingCodeFormat"/>.
/// </summary>
public sealed class BookingCodeFormat
{
    private readonly Regex? _regex;

    /// <summary>Initialises a format from a regular expression matched against the whole code, and an example code.</summary>
    /// <param name="pattern">A .NET regular expression a code matches whole (anchors are added), e.g. <c>HA-[A-Z0-9]{6}</c>.</param>
    /// <param name="example">An example code shown to guests, e.g. <c>HA-7K3QX9</c>; it must match <paramref name="pattern"/>.</param>
    /// <param name="ignoreCase">Whether guests may type the code in any case (codes are reported in upper case).</param>
    /// <exception cref="ArgumentException">The pattern is not a regular expression, or the example does not match it.</exception>
    public BookingCodeFormat(string pattern, string example, bool ignoreCase = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentException.ThrowIfNullOrWhiteSpace(example);
        try
        {
            _regex = new Regex(
                $"^(?:{pattern})$",
                RegexOptions.CultureInvariant | RegexOptions.NonBacktracking | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None),
                TimeSpan.FromMilliseconds(50));
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"'{pattern}' is not a valid regular expression: {ex.Message}", nameof(pattern), ex);
        }

        if (!_regex.IsMatch(example))
        {
            throw new ArgumentException($"The example code '{example}' does not match the pattern '{pattern}'.", nameof(example));
        }

        Pattern = pattern;
        Example = example;
    }

    private BookingCodeFormat()
    {
        Pattern = "[A-Za-z0-9][A-Za-z0-9-]{3,19}";
        Example = "AB12345";
    }

    /// <summary>
    /// Gets the format of an adapter that declares none: 4 to 20 letters, digits and dashes. Understanding takes such a
    /// token as a code when it mixes letters and digits or follows a word such as "code", and any such token when the
    /// dialogue has asked for a code.
    /// </summary>
    public static BookingCodeFormat Any { get; } = new();

    /// <summary>Gets the regular expression a code matches whole.</summary>
    public string Pattern { get; }

    /// <summary>Gets an example code, shown in prompts.</summary>
    public string Example { get; }

    /// <summary>Gets whether this is <see cref="Any"/>: the PMS declared no format.</summary>
    public bool IsAny => _regex is null;

    /// <summary>Returns whether <paramref name="candidate"/> is a code of this format.</summary>
    /// <param name="candidate">The token, as the guest typed it.</param>
    /// <returns><see langword="true"/> when it is; for <see cref="Any"/>, when it is 4 to 20 letters, digits or dashes.</returns>
    public bool IsMatch(ReadOnlySpan<char> candidate)
    {
        if (_regex is not null)
        {
            return _regex.IsMatch(candidate);
        }

        if (candidate.Length is < 4 or > 20 || !char.IsAsciiLetterOrDigit(candidate[0]))
        {
            return false;
        }

        foreach (var c in candidate)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
