namespace HotelAgent.Nlu;

/// <summary>
/// Turns a message into hashed n-gram features for the learned intent model: lower case, accents removed, digits
/// read as <c>0</c>, letters repeated more than twice cut to two, every other character a word boundary, a code-shaped
/// word (a booking code) read as one fixed word; then word
/// unigrams and bigrams, and character 3- to 5-grams over the words and the spaces between them (which makes the
/// model robust to typos). The same code featurizes at training and at run time, so the exported weights score
/// exactly as the trained model did. Pure and allocation-free.
/// </summary>
internal static class IntentFeaturizer
{
    /// <summary>The featurizer's version, recorded in the model file: a model trained with another one is rejected.</summary>
    public const int Version = 2;

    /// <summary>Characters of a message read (the rest is ignored).</summary>
    public const int MaxChars = 320;

    /// <summary>The most word features one message yields.</summary>
    public const int MaxWordFeatures = MaxChars + 4;

    /// <summary>The most character features one message yields.</summary>
    public const int MaxCharFeatures = 3 * (MaxChars + 2);

    private const uint WordSeed = 2166136261u;
    private const uint CharSeed = 2166136261u ^ 0x5bd1e995u;
    private const uint Prime = 16777619u;

    /// <summary>
    /// Writes the feature indices (in <c>[0, 2^bits)</c>) of <paramref name="text"/>: word features to
    /// <paramref name="words"/>, character features to <paramref name="chars"/>. An index appears once per occurrence.
    /// </summary>
    public static void Featurize(ReadOnlySpan<char> text, int expecting, int bits, Span<int> words, out int wordCount, Span<int> chars, out int charCount)
    {
        Span<char> norm = stackalloc char[MaxChars + 2];
        var length = Normalize(text, norm);
        var shift = 32 - bits;
        wordCount = 0;
        charCount = 0;
        if (length <= 2)
        {
            return;
        }

        var view = norm[..length];

        // What the dialogue waits for, then word unigrams and bigrams.
        var previous = 0u;
        if (expecting != 0)
        {
            previous = unchecked(((WordSeed ^ 0x2545f491u) * Prime * (uint)(expecting + 1)) | 1u);
            words[wordCount++] = Index(previous, shift);
        }

        var start = 1;
        for (var i = 1; i < view.Length; i++)
        {
            if (view[i] != ' ')
            {
                continue;
            }

            var h = Fnv(WordSeed, view[start..i]);
            words[wordCount++] = Index(h, shift);
            if (previous != 0)
            {
                words[wordCount++] = Index(((previous ^ 0x9e3779b9u) * Prime) ^ (h * 31u), shift);
            }

            previous = h | 1u;
            start = i + 1;
        }

        // Character 3- to 5-grams, spaces included.
        for (var i = 0; i + 3 <= view.Length; i++)
        {
            var h = CharSeed;
            for (var n = 0; n < 5 && i + n < view.Length; n++)
            {
                h = (h ^ view[i + n]) * Prime;
                if (n >= 2)
                {
                    chars[charCount++] = Index(h ^ (uint)n, shift);
                }
            }
        }
    }

    /// <summary>
    /// Writes " word word ... " into <paramref name="output"/> (one space before, between and after the words) and
    /// returns its length.
    /// </summary>
    internal static int Normalize(ReadOnlySpan<char> text, Span<char> output)
    {
        var n = 0;
        output[n++] = ' ';
        var limit = output.Length - 1;
        var read = text.Length > MaxChars ? text[..MaxChars] : text;
        for (var at = 0; at < read.Length; at++)
        {
            var raw = read[at];
            if (raw is 'H' or 'h' && IsDemoCode(read, at, out var end) && n + 4 < limit)
            {
                // "HA-7K3QX9": the demo PMS's booking code, whatever its characters, is the one word "c0de".
                if (output[n - 1] != ' ')
                {
                    output[n++] = ' ';
                }

                "c0de".AsSpan().CopyTo(output[n..]);
                n += 4;
                at = end - 1;
                continue;
            }

            if (raw is '\'' or '’' or '´' or '`')
            {
                continue; // "I'm" → "im", as the rule engine reads it.
            }

            var c = Fold(raw);
            if (c == ' ')
            {
                if (output[n - 1] != ' ' && n < limit)
                {
                    output[n++] = ' ';
                }

                continue;
            }

            if (n >= 3 && output[n - 1] == c && output[n - 2] == c)
            {
                continue; // "holaaaa" → "holaa".
            }

            if (n < limit)
            {
                output[n++] = c;
            }
        }

        if (output[n - 1] != ' ')
        {
            output[n++] = ' ';
        }

        return CollapseCodes(output[..n]);
    }

    // "HA-" then six letters or digits, not inside a word.
    private static bool IsDemoCode(ReadOnlySpan<char> text, int at, out int end)
    {
        end = at + 9;
        return end <= text.Length && (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && text[at + 1] is 'A' or 'a' && text[at + 2] == '-'
            && char.IsAsciiLetterOrDigit(text[at + 3]) && char.IsAsciiLetterOrDigit(text[at + 4]) && char.IsAsciiLetterOrDigit(text[at + 5])
            && char.IsAsciiLetterOrDigit(text[at + 6]) && char.IsAsciiLetterOrDigit(text[at + 7]) && char.IsAsciiLetterOrDigit(text[at + 8])
            && (end == text.Length || !char.IsLetterOrDigit(text[end]));
    }

    /// <summary>
    /// Writes every code-shaped word (five characters or more, at least two of them digits and two letters:
    /// "0k0qx0" from a booking code "HA-7K3QX9") as the same word, so that a code's random characters never move the
    /// intent; returns the new length.
    /// </summary>
    private static int CollapseCodes(Span<char> text)
    {
        var write = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != ' ')
            {
                continue;
            }

            var word = text[start..i];
            var digits = word.Count('0');
            if (word.Length >= 5 && digits >= 2 && word.Length - digits >= 2)
            {
                "c0de".AsSpan().CopyTo(text[write..]);
                write += 4;
            }
            else
            {
                word.CopyTo(text[write..]);
                write += word.Length;
            }

            if (i < text.Length)
            {
                text[write++] = ' ';
            }

            start = i + 1;
        }

        return write;
    }

    private static char Fold(char c)
    {
        if (c < 128)
        {
            return c switch
            {
                >= 'a' and <= 'z' => c,
                >= 'A' and <= 'Z' => (char)(c | 0x20),
                >= '0' and <= '9' => '0',
                _ => ' ',
            };
        }

        c = char.ToLowerInvariant(c);
        return c switch
        {
            'á' or 'à' or 'â' or 'ä' or 'ã' or 'å' or 'ª' => 'a',
            'é' or 'è' or 'ê' or 'ë' => 'e',
            'í' or 'ì' or 'î' or 'ï' => 'i',
            'ó' or 'ò' or 'ô' or 'ö' or 'õ' or 'º' => 'o',
            'ú' or 'ù' or 'û' or 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            _ when char.IsLetter(c) => c,
            _ => ' ',
        };
    }

    private static uint Fnv(uint seed, ReadOnlySpan<char> s)
    {
        var h = seed;
        foreach (var c in s)
        {
            h = (h ^ c) * Prime;
        }

        return h;
    }

    private static int Index(uint h, int shift) => (int)((h * 0x9e3779b1u) >> shift);
}
