using System.Text;

namespace HotelAgent.Nlu;

internal enum TokenKind : byte
{
    Word,
    Number,
    Compound,
    Mixed,
}

/// <summary>A word of the normalised text: where it is in the normalised buffer and in the original text.</summary>
internal struct Token
{
    public int Start;
    public int Length;
    public int OrigStart;
    public int OrigEnd;
    public TokenKind Kind;
    public bool AfterPunctuation;

    /// <summary>A dash with spaces around it comes before the token ("December 1 - 3").</summary>
    public bool AfterDash;
    public bool Capitalized;
    public bool Ordinal;
    public int Number;

    // Filled by the lexicon pass.
    public int Entry;
    public WordTag Tags;
    public int Value;
    public int Span;
    public bool Covered;
    public int Room;
    public bool Used;
    public bool Fuzzy;
}

/// <summary>
/// Lower-cases, strips accents and splits text into tokens separated by exactly one space, so that a run of tokens
/// is a contiguous slice of the buffer and can be looked up as a phrase.
/// </summary>
internal static class TextNormalizer
{
    public const char Separator = '\0';
    public const char Skip = '\u0001';

    /// <summary>Folds one character: lower case without diacritics, <see cref="Separator"/> or <see cref="Skip"/>.</summary>
    public static char Fold(char c)
    {
        if (c < 128)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                return c;
            }

            if (c is >= 'A' and <= 'Z')
            {
                return (char)(c | 0x20);
            }

            return c == '\'' ? Skip : Separator;
        }

        switch (c)
        {
            case 'á' or 'à' or 'â' or 'ã' or 'ä' or 'Á' or 'À' or 'Â' or 'Ã' or 'Ä':
                return 'a';
            case 'é' or 'è' or 'ê' or 'ë' or 'É' or 'È' or 'Ê' or 'Ë':
                return 'e';
            case 'í' or 'ì' or 'î' or 'ï' or 'Í' or 'Ì' or 'Î' or 'Ï':
                return 'i';
            case 'ó' or 'ò' or 'ô' or 'õ' or 'ö' or 'Ó' or 'Ò' or 'Ô' or 'Õ' or 'Ö':
                return 'o';
            case 'ú' or 'ù' or 'û' or 'ü' or 'Ú' or 'Ù' or 'Û' or 'Ü':
                return 'u';
            case 'ñ' or 'Ñ':
                return 'n';
            case 'ç' or 'Ç':
                return 'c';
            case '’' or '‘' or 'º' or 'ª' or '´':
                return Skip;
        }

        return char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : Separator;
    }

    /// <summary>Normalises a vocabulary phrase or a synonym the same way messages are.</summary>
    public static string NormalizePhrase(string phrase)
    {
        var sb = new StringBuilder(phrase.Length);
        var pendingSpace = false;
        foreach (var c in phrase)
        {
            var f = Fold(c);
            if (f == Skip)
            {
                continue;
            }

            if (f == Separator)
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(f);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Tokenises <paramref name="text"/> into <paramref name="buffer"/> and <paramref name="tokens"/>, skipping the
    /// masked ranges (an email, a phone number, a booking code already taken from the text).
    /// </summary>
    /// <returns>The number of tokens.</returns>
    public static int Tokenize(string text, ReadOnlySpan<Range> masks, Span<char> buffer, Span<Token> tokens, ref LanguageSignals signals)
    {
        var length = 0;
        var count = 0;
        var inToken = false;
        var punctuation = false;
        var dash = false;
        var maskIndex = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (maskIndex < masks.Length && i >= masks[maskIndex].Start.Value)
            {
                if (i < masks[maskIndex].End.Value)
                {
                    if (inToken)
                    {
                        length = Expand(tokens[count - 1].Start, buffer, length);
                        Close(ref tokens[count - 1], buffer, length, i);
                        inToken = false;
                    }

                    punctuation = true;
                    i = masks[maskIndex].End.Value - 1;
                    maskIndex++;
                    continue;
                }

                maskIndex++;
            }

            var c = text[i];
            var f = Fold(c);
            if (f == Skip)
            {
                continue;
            }

            if (f == Separator && inToken && c is '/' or '-' or '.' or ':' or '–' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i - 1]))
            {
                // Keeps "24/12", "10-12", "15–18" (an en dash reads as a hyphen), "2026-12-10" and "14:30" whole.
                if (length < buffer.Length)
                {
                    buffer[length++] = c == '–' ? '-' : c;
                }

                continue;
            }

            if (f == Separator)
            {
                if (inToken)
                {
                    length = Expand(tokens[count - 1].Start, buffer, length);
                    Close(ref tokens[count - 1], buffer, length, i);
                    inToken = false;
                }

                if (c is not ' ' and not '\t' and not '\r' and not '\n')
                {
                    punctuation = true;
                    dash = c is '-' or '–' or '—';
                }

                continue;
            }

            if (c >= 128)
            {
                signals.Observe(c);
            }

            if (!inToken)
            {
                if (count == tokens.Length || length + 2 > buffer.Length)
                {
                    break;
                }

                if (count > 0)
                {
                    buffer[length++] = ' ';
                }

                ref var t = ref tokens[count++];
                t = default;
                t.Start = length;
                t.OrigStart = i;
                t.AfterPunctuation = punctuation;
                t.AfterDash = dash;
                t.Capitalized = char.IsUpper(c);
                t.Entry = -1;
                t.Room = -1;
                inToken = true;
                punctuation = false;
                dash = false;
            }

            if (length < buffer.Length)
            {
                buffer[length++] = f;
            }
        }

        if (inToken)
        {
            length = Expand(tokens[count - 1].Start, buffer, length);
            Close(ref tokens[count - 1], buffer, length, text.Length);
        }

        return count;
    }

    // Chat shorthand, written out so that the vocabulary and the grammars read it ("x una hab pa 2", "me n my bf",
    // "vc tem qto"). Only whole tokens, only what has one reading.
    private static readonly Dictionary<string, string> Shorthand = new(StringComparer.Ordinal)
    {
        ["q"] = "que", ["x"] = "por", ["d"] = "de", ["pa"] = "para", ["xq"] = "porque", ["pq"] = "porque", ["tmb"] = "tambien",
        ["hab"] = "habitacion", ["habs"] = "habitaciones", ["xfa"] = "porfa",
        ["lun"] = "lunes", ["mie"] = "miercoles", ["jue"] = "jueves", ["vie"] = "viernes", ["sab"] = "sabado", ["dom"] = "domingo",
        ["u"] = "you", ["ur"] = "your", ["n"] = "and", ["w"] = "with", ["smth"] = "something", ["sth"] = "something",
        ["bf"] = "boyfriend", ["gf"] = "girlfriend", ["pls"] = "please", ["plz"] = "please", ["ppl"] = "people",
        ["tmrw"] = "tomorrow", ["tmr"] = "tomorrow", ["nite"] = "night", ["nites"] = "nights", ["b4"] = "before",
        ["vc"] = "voce", ["vcs"] = "voces", ["hj"] = "hoje", ["mt"] = "muito", ["qto"] = "quarto", ["qtos"] = "quartos",
        ["dps"] = "depois", ["yr"] = "year", ["yrs"] = "years", ["obg"] = "obrigado", ["msm"] = "mesmo",
    };

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ShorthandLookup = Shorthand.GetAlternateLookup<ReadOnlySpan<char>>();

    private static int Expand(int start, Span<char> buffer, int end)
    {
        var word = buffer[start..end];
        if (word.Length > 4 || !ShorthandLookup.TryGetValue(word, out var full) || start + full.Length > buffer.Length - 2)
        {
            return end;
        }

        if (word is "n" && !(After(buffer, start, "me") || After(buffer, start, "you")))
        {
            return end; // "me n my bf" is "and"; "n tem" is the Portuguese "não".
        }

        full.AsSpan().CopyTo(buffer[start..]);
        return start + full.Length;
    }

    private static bool After(ReadOnlySpan<char> buffer, int start, string previous) =>
        start >= previous.Length + 1 && buffer[start - 1] == ' ' && buffer[(start - previous.Length - 1)..(start - 1)].SequenceEqual(previous)
        && (start == previous.Length + 1 || buffer[start - previous.Length - 2] == ' ');

    private static void Close(ref Token token, Span<char> buffer, int end, int origEnd)
    {
        token.Length = end - token.Start;
        token.OrigEnd = origEnd;
        var s = buffer.Slice(token.Start, token.Length);
        var digits = 0;
        var letters = 0;
        var symbols = 0;
        foreach (var ch in s)
        {
            if (char.IsAsciiDigit(ch))
            {
                digits++;
            }
            else if (ch is '/' or '-' or '.' or ':')
            {
                symbols++;
            }
            else
            {
                letters++;
            }
        }

        token.Number = -1;
        if (symbols > 0)
        {
            token.Kind = TokenKind.Compound;
        }
        else if (letters == 0)
        {
            token.Kind = TokenKind.Number;
            token.Number = digits <= 6 ? ParseInt(s) : -1;
        }
        else if (digits == 0)
        {
            token.Kind = TokenKind.Word;
        }
        else if (digits <= 2 && char.IsAsciiDigit(s[0]) && IsOrdinalSuffix(s[digits..]))
        {
            token.Kind = TokenKind.Number;
            token.Ordinal = true;
            token.Number = ParseInt(s[..digits]);
        }
        else
        {
            token.Kind = TokenKind.Mixed;
        }
    }

    private static bool IsOrdinalSuffix(ReadOnlySpan<char> s) =>
        s is "st" or "nd" or "rd" or "th" or "o" or "a" or "er";

    public static int ParseInt(ReadOnlySpan<char> s)
    {
        var n = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }

            n = (n * 10) + (c - '0');
        }

        return s.IsEmpty ? -1 : n;
    }
}

/// <summary>Characters that only one language of es/en/pt writes.</summary>
internal struct LanguageSignals
{
    public float Es;
    public float Pt;

    public void Observe(char c)
    {
        switch (c)
        {
            case 'ñ' or 'Ñ' or '¿' or '¡':
                Es += 1.5f;
                break;
            case 'ã' or 'õ' or 'ç' or 'Ã' or 'Õ' or 'Ç' or 'ê' or 'ô' or 'â' or 'à':
                Pt += 1.5f;
                break;
        }
    }
}
