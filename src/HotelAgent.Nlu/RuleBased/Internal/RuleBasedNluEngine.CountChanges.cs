namespace HotelAgent.Nlu;

internal sealed partial class RuleBasedNluEngine
{
    private const WordTag CountUnits = WordTag.Nights | WordTag.Adults | WordTag.Children | WordTag.People;

    /// <summary>
    /// A count changed from an old value to a new one, in any of the ways guests say it: "from 2 nights to 3", "de 3 a
    /// 4 personas", "passar de 2 para 3 noites", "en lugar de dos noches van a ser tres", "instead of 3 nights we'll do
    /// 2", "3 nights instead of 2", "2 adults and 1 child, not 3 adults", "só dois, não três". The new value is the one
    /// returned (by the unit it counts); the old one is marked used so that no other reading takes it, and neither takes a
    /// count for a day ("to 3").
    /// </summary>
    private static void ReadCountChanges(ReadOnlySpan<char> buffer, Span<Token> tokens, out int? nights, out int? adults, out int? children, out int? people)
    {
        (nights, adults, children, people) = (null, null, null, null);
        for (var i = 0; i < tokens.Length; i++)
        {
            var old = CountAt(tokens, i);
            if (old <= 0)
            {
                continue;
            }

            var oldUnit = UnitAfter(tokens, i);
            var before = i > 0 ? Word(buffer, tokens, i - 1) : default;
            var before2 = i > 1 ? Word(buffer, tokens, i - 2) : default;
            var before3 = i > 2 ? Word(buffer, tokens, i - 3) : default;
            if (before is "las" or "los" or "the" or "as" or "os" && i > 2)
            {
                before = before2;
                before2 = Word(buffer, tokens, i - 3);
                before3 = i > 3 ? Word(buffer, tokens, i - 4) : default;
            }

            var afterOld = oldUnit >= 0 ? oldUnit + 1 : i + 1;
            if (before is "from" or "de" or "del" or "da" or "do" && afterOld + 1 < tokens.Length && Word(buffer, tokens, afterOld) is "to" or "a" or "para" or "pra" or "al"
                && CountAt(tokens, afterOld + 1) is > 0 and var fresh && !FollowedByMonth(tokens, afterOld + 1))
            {
                // "from 2 nights to 3", "de 3 a 4 personas", "de 2 para 3 noites".
                var newUnit = UnitAfter(tokens, afterOld + 1);
                var unit = oldUnit >= 0 ? oldUnit : newUnit;
                if (unit < 0 || (oldUnit >= 0 && newUnit >= 0 && (tokens[oldUnit].Tags & CountUnits) != (tokens[newUnit].Tags & CountUnits)))
                {
                    continue;
                }

                Set(tokens[unit].Tags, fresh, ref nights, ref adults, ref children, ref people);
                MarkUsed(tokens, i, oldUnit);
                tokens[afterOld].Used = true;
                MarkUsed(tokens, afterOld + 1, newUnit);
                continue;
            }

            if (oldUnit >= 0 && SaysInsteadOf(before, before2, before3))
            {
                // "en lugar de dos noches van a ser tres", "instead of 3 nights we'll do 2": the next count is the new one.
                MarkUsed(tokens, i, oldUnit);
                for (var k = oldUnit + 1; k < tokens.Length && k <= oldUnit + 6; k++)
                {
                    if (CountAt(tokens, k) is > 0 and var now && !FollowedByMonth(tokens, k))
                    {
                        var unit = UnitAfter(tokens, k);
                        if (unit < 0 || (tokens[unit].Tags & CountUnits) == (tokens[oldUnit].Tags & CountUnits))
                        {
                            Set(tokens[oldUnit].Tags, now, ref nights, ref adults, ref children, ref people);
                            MarkUsed(tokens, k, unit);
                        }

                        break;
                    }
                }

                continue;
            }

            if (before is "not" or "no" or "nao" && !tokens[i].AfterPunctuation && CountBefore(tokens, i - 1, oldUnit))
            {
                // "2 adults and 1 child, not 3 adults", "só dois, não três": the count corrected away.
                MarkUsed(tokens, i, oldUnit);
            }
            else if (SaysInsteadOf(before, before2, before3))
            {
                // "3 nights instead of 2": the old count after the cue.
                MarkUsed(tokens, i, -1);
            }
        }
    }

    private static int CountAt(ReadOnlySpan<Token> tokens, int i) =>
        tokens[i].Ordinal || tokens[i].Kind == TokenKind.Mixed ? -1 : NumberAt(tokens, i) is > 0 and <= 30 and var n ? n : -1;

    /// <summary>The unit a count counts ("3 noches", "2 small kids"), or -1.</summary>
    private static int UnitAfter(ReadOnlySpan<Token> tokens, int i)
    {
        var k = i + Math.Max(1, tokens[i].Span);
        if (k < tokens.Length && (tokens[k].Tags & CountUnits) != 0 && !tokens[k].Covered)
        {
            return k;
        }

        return k + 1 < tokens.Length && tokens[k].Kind == TokenKind.Word && (tokens[k].Tags & ~WordTag.Stop) == 0 && (tokens[k + 1].Tags & CountUnits) != 0 ? k + 1 : -1;
    }

    private static bool FollowedByMonth(ReadOnlySpan<Token> tokens, int i)
    {
        var k = i + 1;
        if (k < tokens.Length && tokens[k].Kind == TokenKind.Word && (tokens[k].Tags & WordTag.Stop) != 0)
        {
            k++; // "al 3 de marzo"
        }

        return k < tokens.Length && (tokens[k].Tags & WordTag.Month) != 0;
    }

    /// <summary>Whether a count of the same kind (or any, when the corrected one has no unit) comes shortly before.</summary>
    private static bool CountBefore(ReadOnlySpan<Token> tokens, int end, int unit)
    {
        for (var k = end - 1; k >= 0 && k >= end - 8; k--)
        {
            var u = (tokens[k].Tags & CountUnits) != 0 ? k : -1;
            if (u >= 0 && (unit < 0 || (tokens[u].Tags & CountUnits) == (tokens[unit].Tags & CountUnits)))
            {
                return true;
            }

            if (unit < 0 && ((tokens[k].Tags & (WordTag.Number | WordTag.We)) != 0))
            {
                return true;
            }
        }

        return false;
    }

    private static void MarkUsed(Span<Token> tokens, int count, int unit)
    {
        tokens[count].Used = true;
        tokens[count].Covered = true;
        if (unit >= 0)
        {
            tokens[unit].Used = true;
            tokens[unit].Covered = true;
        }
    }

    private static void Set(WordTag unit, int value, ref int? nights, ref int? adults, ref int? children, ref int? people)
    {
        if ((unit & WordTag.Nights) != 0)
        {
            nights = value;
        }
        else if ((unit & WordTag.Children) != 0)
        {
            children = value;
        }
        else if ((unit & WordTag.Adults) != 0)
        {
            adults = value;
        }
        else
        {
            people = value;
        }
    }
}
