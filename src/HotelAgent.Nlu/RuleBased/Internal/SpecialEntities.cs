using System.Text.RegularExpressions;

namespace HotelAgent.Nlu;

/// <summary>Finds the entities read from the raw text before normalisation: email, booking code, phone number.</summary>
internal static partial class SpecialEntities
{
    public static string? FindEmail(string text, Span<Range> masks, ref int maskCount)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        while (at > 0)
        {
            var (start, end) = AddressAround(text, at, at + 1);
            var domain = text.AsSpan(at + 1, end - at - 1);
            if (start < at && domain.Length >= 3 && domain.IndexOf('.') > 0)
            {
                AddMask(masks, ref maskCount, start, end);
                return text[start..end];
            }

            at = text.IndexOf('@', at + 1);
        }

        return FindSpokenEmail(text, masks, ref maskCount);
    }

    /// <summary>
    /// "rodrigo.albuquerque arroba correio.example": the address typed with "arroba" for the at sign, its parts written
    /// as they are, whatever the domain ("arroba" is never anything else, unlike "at").
    /// </summary>
    private static string? TypedAroundArroba(string text, Span<Range> masks, ref int maskCount)
    {
        var at = text.IndexOf(" arroba ", StringComparison.OrdinalIgnoreCase);
        if (at <= 0)
        {
            return null;
        }

        var from = at + " arroba ".Length;
        var (start, end) = AddressAround(text, at, from);
        var domain = text.AsSpan(from, end - from);
        var dot = domain.LastIndexOf('.');
        if (start == at || dot <= 0 || domain.Length - dot - 1 is < 2 or > 12 || !domain[(dot + 1)..].ContainsOnlyLetters())
        {
            return null; // "lupita arroba outlook punto com" is read as dictated.
        }

        AddMask(masks, ref maskCount, start, end);
        return (text[start..at] + "@" + domain.ToString()).ToLowerInvariant();
    }

    /// <summary>
    /// The address around an at sign written from <paramref name="atStart"/> to <paramref name="atEnd"/> ("@" or " arroba "):
    /// the local part's characters before it, the domain's after it, without the dots and hyphens that end a sentence.
    /// </summary>
    private static (int Start, int End) AddressAround(string text, int atStart, int atEnd)
    {
        var start = atStart;
        while (start > 0 && IsLocalChar(text[start - 1]))
        {
            start--;
        }

        var end = atEnd;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '.' or '-' or '_'))
        {
            end++;
        }

        while (end > atEnd && text[end - 1] is '.' or '-')
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>An address dictated or typed in words: "daniel dot kim at gmail dot com", "lupita arroba outlook punto com".</summary>
    private static string? FindSpokenEmail(string text, Span<Range> masks, ref int maskCount)
    {
        if (text.IndexOf("arroba", StringComparison.OrdinalIgnoreCase) < 0 && text.IndexOf(" at ", StringComparison.OrdinalIgnoreCase) < 0
            && text.IndexOf(" @ ", StringComparison.Ordinal) < 0 && text.IndexOf("@ ", StringComparison.Ordinal) < 0)
        {
            return null;
        }

        if (TypedAroundArroba(text, masks, ref maskCount) is { } typed)
        {
            return typed;
        }

        // "g dot walsh seventy one at outlook dot com": numbers said in words inside the address are its digits.
        var spoken = WithSpokenDigits(text, out var shift);
        Match match;
        try
        {
            match = SpokenEmail().Match(spoken);
        }
        catch (RegexMatchTimeoutException)
        {
            return null; // a pathological message is read without an email rather than not at all.
        }

        if (!match.Success)
        {
            return null;
        }

        var local = SpokenDot().Replace(SpokenHyphen().Replace(SpokenUnderscore().Replace(match.Groups["local"].Value, "_"), "-"), ".");
        var domain = SpokenDot().Replace(SpokenHyphen().Replace(match.Groups["domain"].Value, "-"), ".");
        var address = (new string([.. local.Where(c => !char.IsWhiteSpace(c))]) + "@" + new string([.. domain.Where(c => !char.IsWhiteSpace(c))])).ToLowerInvariant();
        if (address.IndexOf('.', address.IndexOf('@')) < 0)
        {
            return null;
        }

        AddMask(masks, ref maskCount, match.Index, Math.Min(text.Length, match.Index + match.Length + shift));
        return address;
    }

    /// <summary>
    /// The text with each run of number words right before the address's "at"/"arroba" or a spoken dot written in digits
    /// ("walsh seventy one at" → "walsh 71 at", "lupita ochenta y cuatro arroba" → "lupita 84 arroba", "one nine eight
    /// four" → "1984"); <paramref name="shift"/> is how many characters longer the original is.
    /// </summary>
    internal static string WithSpokenDigits(string text, out int shift)
    {
        shift = 0;
        var words = text.Split(' ');
        var kept = (string?[])words.Clone();
        var lower = text.ToLowerInvariant().Split(' ');
        var values = new int?[lower.Length];
        for (var w = 0; w < lower.Length; w++)
        {
            values[w] = NumberWord(lower[w]);
        }

        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            if (values[i] is null || (i > 0 && values[i - 1] is not null))
            {
                continue;
            }

            // A run of number words (and the joiners "y", "e", "and" between them).
            var digits = new System.Text.StringBuilder();
            var end = i;
            var pendingTens = -1;
            while (end < words.Length)
            {
                var value = values[end];
                if (value is null)
                {
                    if (lower[end] is "y" or "e" or "and" && end + 1 < words.Length && pendingTens >= 0 && values[end + 1] is >= 1 and <= 9)
                    {
                        end++;
                        continue;
                    }

                    break;
                }

                if (pendingTens >= 0 && value is >= 1 and <= 9)
                {
                    digits.Length -= 1;
                    digits.Append(value.Value); // "seventy one", "setenta y uno": one number.
                    pendingTens = -1;
                }
                else
                {
                    digits.Append(value.Value);
                    pendingTens = value is >= 20 and <= 90 && value % 10 == 0 ? value.Value : -1;
                }

                end++;
            }

            var next = end < words.Length ? lower[end] : string.Empty;
            if (i == 0 || end == i || next is not ("at" or "arroba" or "dot" or "punto" or "ponto" or "underscore" or "@"))
            {
                continue;
            }

            var original = string.Join(' ', words, i, end - i);
            kept[i] = digits.ToString();
            for (var k = i + 1; k < end; k++)
            {
                kept[k] = null;
            }

            shift += original.Length - digits.Length;
            changed = true;
            i = end - 1;
        }

        return changed ? string.Join(' ', kept.Where(w => w is not null)) : text;
    }

    /// <summary>The value of a number word written in lower case ("seventy", "ocho", "dezoito"), or null.</summary>
    private static int? NumberWord(string word) => word switch
    {
        "zero" or "cero" or "oh" => 0,
        "one" or "uno" or "um" => 1,
        "two" or "dos" or "dois" => 2,
        "three" or "tres" or "três" => 3,
        "four" or "cuatro" or "quatro" => 4,
        "five" or "cinco" => 5,
        "six" or "seis" => 6,
        "seven" or "siete" or "sete" => 7,
        "eight" or "ocho" or "oito" => 8,
        "nine" or "nueve" or "nove" => 9,
        "ten" or "diez" or "dez" => 10,
        "eleven" or "once" or "onze" => 11,
        "twelve" or "doce" or "doze" => 12,
        "thirteen" or "trece" or "treze" => 13,
        "fourteen" or "catorce" or "catorze" or "quatorze" => 14,
        "fifteen" or "quince" or "quinze" => 15,
        "sixteen" or "dieciseis" or "dieciséis" or "dezesseis" or "dezasseis" => 16,
        "seventeen" or "diecisiete" or "dezessete" or "dezassete" => 17,
        "eighteen" or "dieciocho" or "dezoito" => 18,
        "nineteen" or "diecinueve" or "dezenove" or "dezanove" => 19,
        "twenty" or "veinte" or "vinte" => 20,
        "thirty" or "treinta" or "trinta" => 30,
        "forty" or "cuarenta" or "quarenta" => 40,
        "fifty" or "cincuenta" or "cinquenta" => 50,
        "sixty" or "sesenta" or "sessenta" => 60,
        "seventy" or "setenta" => 70,
        "eighty" or "ochenta" or "oitenta" => 80,
        "ninety" or "noventa" => 90,
        _ => null,
    };

    // A dictated address: words joined by spoken dots ("dot", "punto", "ponto"), underscores ("underscore", "guion bajo",
    // "sublinhado") or hyphens ("dash", "guion", "hífen"), and digits said apart from the word they follow ("reid 90").
    // A known top-level domain ends the domain; so does any word of letters after a spoken dot when the domain starts
    // with a letter ("correo punto example", "mail dot travel"), but not after a typed dot ("arrive at noon. Dinner …")
    // or after a number ("at five dot thirty").
    private const string Dot = @"\s+(?:dot|punto|ponto)\s+|\.";
    private const string Underscore = @"\s+(?:underscore|under\s+score|gui[oó]n\s+bajo|barra\s+baja|sublinhado|underline|tra[cç]o\s+(?:baixo|inferior))\s+";
    private const string Hyphen = @"\s+(?:dash|hyphen|gui[oó]n|h[ií]fen|tra[cç]o|tracinho)\s+";

    [GeneratedRegex(@"(?<![\w.@])(?<local>[\w+-]+(?:(?:" + Dot + "|" + Underscore + "|" + Hyphen + @"|\s+(?=\d+\s))[\w+-]+)*)\s*(?:\s(?:at|arroba)\s|@)\s*(?<domain>[\w-]+(?:(?:" + Dot + "|" + Hyphen + @")[\w-]+)*(?:\s+(?:dot|punto|ponto)\s+|\.)(?:com|net|org|es|pt|br|uk|co|ar|mx|edu|gov|io|me|fr|de|it|info|biz|us|eu|cat|ie|nl|be|ch|ca|au|cl|uy|pe|ec)|[a-z][\w-]*(?:(?:" + Dot + "|" + Hyphen + @")[\w-]+)*\s+(?:dot|punto|ponto)\s+[a-z]{2,12})(?![\w@])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex SpokenEmail();

    [GeneratedRegex(Dot, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex SpokenDot();

    [GeneratedRegex(Underscore, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex SpokenUnderscore();

    [GeneratedRegex(Hyphen, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 500)]
    private static partial Regex SpokenHyphen();

    public static string? FindHaCode(string text, Span<Range> masks, ref int maskCount)
    {
        for (var i = 0; i + 7 < text.Length; i++)
        {
            if ((text[i] | 0x20) != 'h' || (text[i + 1] | 0x20) != 'a' || (i > 0 && char.IsLetterOrDigit(text[i - 1])))
            {
                continue;
            }

            var j = i + 2;
            var dash = text[j] is '-' or '–' or ' ' or '_';
            if (dash)
            {
                j++;
            }

            if (j + 6 > text.Length || (j + 6 < text.Length && char.IsLetterOrDigit(text[j + 6])))
            {
                continue;
            }

            var digits = 0;
            var ok = true;
            for (var k = j; k < j + 6; k++)
            {
                var c = text[k];
                if (char.IsAsciiDigit(c))
                {
                    digits++;
                }
                else if (!char.IsAsciiLetter(c))
                {
                    ok = false;
                    break;
                }
            }

            // Without the dash, "HA" must be written in capitals and the code must mix letters and digits,
            // so that words such as "hablarle" never match.
            if (!ok || (!dash && (text[i] != 'H' || digits == 0 || digits == 6)) || (dash && text[j - 1] == ' ' && digits == 0))
            {
                continue;
            }

            AddMask(masks, ref maskCount, i, j + 6);
            return string.Create(9, (text, j), static (span, s) =>
            {
                "HA-".CopyTo(span);
                for (var k = 0; k < 6; k++)
                {
                    span[3 + k] = char.ToUpperInvariant(s.text[s.j + k]);
                }
            });
        }

        return null;
    }

    /// <summary>
    /// Whether the digits at <paramref name="at"/> follow "número"/"number"/"nº" in a message about a booking that says
    /// nothing of a phone: "la reserva … el número es 4021887356", "booking number 4021887356".
    /// </summary>
    private static bool BookingNumberBefore(string text, int at)
    {
        var before = text.AsSpan(0, at);
        var numbered = false;
        for (var skipped = 0; skipped <= 3 && !numbered; skipped++)
        {
            before = before.TrimEnd(" :#=".AsSpan());
            var space = before.LastIndexOfAny(' ', ',', '(');
            var word = space < 0 ? before : before[(space + 1)..];
            if (word.Equals("número", StringComparison.OrdinalIgnoreCase) || word.Equals("numero", StringComparison.OrdinalIgnoreCase)
                || word.Equals("number", StringComparison.OrdinalIgnoreCase) || word.Equals("nº", StringComparison.OrdinalIgnoreCase) || word.Equals("nro", StringComparison.OrdinalIgnoreCase))
            {
                numbered = true;
            }
            else if (space < 0 || !(word.Equals("é", StringComparison.OrdinalIgnoreCase) || word.Equals("es", StringComparison.OrdinalIgnoreCase) || word.Equals("is", StringComparison.OrdinalIgnoreCase)
                || word.Equals("e", StringComparison.OrdinalIgnoreCase) || word.Equals("o", StringComparison.OrdinalIgnoreCase) || word.Equals("el", StringComparison.OrdinalIgnoreCase)
                || word.Equals("the", StringComparison.OrdinalIgnoreCase) || word.Equals("my", StringComparison.OrdinalIgnoreCase) || word.Equals("mi", StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
            else
            {
                before = before[..space];
            }
        }

        if (!numbered)
        {
            return false;
        }

        var booking = false;
        foreach (var cue in (ReadOnlySpan<string>)["reserv", "booking", "booked", "confirmation", "confirmación", "confirmação", "localizador"])
        {
            booking |= text.Contains(cue, StringComparison.OrdinalIgnoreCase);
        }

        // A word that starts like a phone's ("teléfono", "cel", "call me", "ligar"), not the "tel" of "hotel" or the "cel" of "cancel".
        for (var i = 0; i < text.Length && booking; i++)
        {
            if (!char.IsLetter(text[i]) || (i > 0 && char.IsLetter(text[i - 1])))
            {
                continue;
            }

            var word = text.AsSpan(i);
            foreach (var cue in (ReadOnlySpan<string>)["tel", "phone", "cel", "móvil", "movil", "whats", "ligar", "liga", "llam", "call", "contact", "mobile", "zap"])
            {
                if (word.StartsWith(cue, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
        }

        return booking;
    }

    public static string? FindPhone(string text, Span<Range> masks, ref int maskCount)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var plus = c == '+' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            if (!plus && !char.IsAsciiDigit(c))
            {
                continue;
            }

            if (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '/' or '-' or '.' or ':' or '@'))
            {
                continue;
            }

            if (!plus && BookingNumberBefore(text, i))
            {
                continue; // "fiz a reserva pelo booking, o número é 4021887356": the booking's number, not a phone.
            }

            var j = plus ? i + 1 : i;
            var digits = 0;
            var last = j;
            var slash = false;
            while (j < text.Length)
            {
                var d = text[j];
                if (char.IsAsciiDigit(d))
                {
                    digits++;
                    last = j + 1;
                }
                else if (d is '/' or ':')
                {
                    slash = true;
                    break;
                }
                else if (d is not (' ' or '-' or '.' or '(' or ')'))
                {
                    break;
                }

                j++;
            }

            if (!slash && digits is >= 9 and <= 15 && (last >= text.Length || !char.IsLetter(text[last])))
            {
                AddMask(masks, ref maskCount, i, last);
                return string.Create(digits + (plus ? 1 : 0), (text, i, last, plus), static (span, s) =>
                {
                    var n = 0;
                    if (s.plus)
                    {
                        span[n++] = '+';
                    }

                    for (var k = s.i; k < s.last; k++)
                    {
                        if (char.IsAsciiDigit(s.text[k]))
                        {
                            span[n++] = s.text[k];
                        }
                    }
                });
            }

            // Skip the rest of this run of digits.
            i = Math.Max(i, last - 1);
        }

        return null;
    }

    private static bool IsLocalChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private static void AddMask(Span<Range> masks, ref int count, int start, int end)
    {
        if (count == masks.Length)
        {
            return;
        }

        var i = count++;
        while (i > 0 && masks[i - 1].Start.Value > start)
        {
            masks[i] = masks[i - 1];
            i--;
        }

        masks[i] = new Range(start, end);
    }

    private static bool ContainsOnlyLetters(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
