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
        CountSaidAgain(buffer, tokens, ref nights, ref adults, ref children, ref people);
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

            if (NotButCount(buffer, tokens, i, afterOld) is > 0 and var corrected)
            {
                // "ya no vamos 4 sino 3 adultos", "não somos 4 mas sim 3", "we're not 4 anymore but 3 adults": the count after
                // "sino"/"but" is the new one, of its own unit or the old one's.
                var newUnit = UnitAfter(tokens, corrected);
                var unit = newUnit >= 0 ? newUnit : oldUnit;
                Set(unit >= 0 ? tokens[unit].Tags : WordTag.People, CountAt(tokens, corrected), ref nights, ref adults, ref children, ref people);
                MarkUsed(tokens, i, oldUnit);
                MarkUsed(tokens, corrected, newUnit);
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

            if (before is "somos" or "sao" or "son" or "are" or "were" && before2 is "no" or "nao" or "not" && !tokens[i].AfterPunctuation && !tokens[i - 1].AfterPunctuation && !FollowedByMonth(tokens, i))
            {
                // "não são 3 adultos, são 2 adultos e 2 crianças", "no somos 4, somos 5 adultos": the count denied.
                MarkUsed(tokens, i, oldUnit);
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

    /// <summary>
    /// A head count the guest puts right in the same message: "somos cinco adultos, bueno no, cuatro", "reservame para 3,
    /// no pará, somos 4 adultos", "3 of us. Actually 4", "for 5 people, sorry 6, 4 adults and 2 kids", "Four adults. Well,
    /// three adults and my nephew who's 9", "não são 3 adultos, são 2 adultos e 2 crianças". The counts before the
    /// correction are marked used; a bare number right after it is the new value of the count it corrects.
    /// </summary>
    private static void CountSaidAgain(ReadOnlySpan<char> buffer, Span<Token> tokens, ref int? nights, ref int? adults, ref int? children, ref int? people)
    {
        for (var cue = 1; cue + 1 < tokens.Length; cue++)
        {
            var w = Word(buffer, tokens, cue);
            var before = Word(buffer, tokens, cue - 1);
            var next = Word(buffer, tokens, cue + 1);
            var after = cue + 1;
            // "sorry", "actually", "wait" start a correction only as a clause of their own ("for 5 people, sorry 6"), not in
            // "can't wait to come with our 3 kids".
            var weak = w is "sorry" or "perdon" or "perdona" or "actually" or "desculpa" or "desculpe" or "wait" or "espera" or "bueno" or "well";
            var marker = w is "digo" or "corrijo" or "corrigindo" or "correction" or "enganeime" or "equivoque"
                || (weak && (tokens[cue].AfterPunctuation || next is "no" or "nao"))
                || (w is "dicho" && before is "mejor") || (w is "dizer" && before is "quer") || (w is "melhor" && before is "ou") || (w is "mean" && before is "i")
                || (w is "para" && before is "no" && tokens[cue - 1].AfterPunctuation && cue + 1 < tokens.Length && tokens[cue + 1].AfterPunctuation)
                || (w is "agora" or "ahora" or "now" && (before is "mas" or "but" or "pero" || (tokens[cue].AfterPunctuation && SaidBefore(buffer, tokens, cue)))) // "era para 2 pessoas mas agora vamos 4 (eu, …)", "Antes eram 2 adultos, agora 3"
                || (w is "so" or "entonces" or "entao" or "asi" && CountAt(tokens, cue + 1) > 0 && UnitAfter(tokens, cue + 1) is var soUnit && soUnit >= 0 && (tokens[soUnit].Tags & (WordTag.Adults | WordTag.People)) != 0) // "is joining us now, so 3 adults"
                || (w is "sea" && before is "o") || (w is "seja" && before is "ou") || (w is "total" && before is "en" or "in" or "no") || (w is "makes" && before is "that");
            if (!marker)
            {
                continue;
            }

            if (next is "no" or "nao" && after + 1 < tokens.Length)
            {
                after++; // "bueno no, cuatro"
            }

            // The count said before the cue, and its unit.
            var oldAt = -1;
            var oldUnit = -1;
            for (var k = 0; k < cue; k++)
            {
                if (CountAt(tokens, k) <= 0 || FollowedByMonth(tokens, k))
                {
                    continue;
                }

                var unit = UnitAfter(tokens, k);
                var counted = CountsPeople(tokens, unit)
                    || (k > 0 && (tokens[k - 1].Tags & WordTag.For) != 0 && (k + 1 >= tokens.Length || tokens[k + 1].AfterPunctuation || Word(buffer, tokens, k + 1) is "but" or "pero" or "mas"))
                    || (k + 2 < tokens.Length && Word(buffer, tokens, k + 1) is "of" && Word(buffer, tokens, k + 2) is "us")
                    || (k > 0 && Word(buffer, tokens, k - 1) is "somos" or "sao" or "son" or "seremos" or "seriamos" or "were" && (k + 1 >= tokens.Length || tokens[k + 1].AfterPunctuation));
                if (counted)
                {
                    (oldAt, oldUnit) = (k, CountsPeople(tokens, unit) ? unit : -1);
                }
            }

            if (oldAt < 0 || after >= tokens.Length)
            {
                continue;
            }

            // "o sea", "en total", "that makes" sum up: only adults and children counted again replace what came before
            // ("somos 2 adultos y 2 niños, o sea 4 personas" keeps the first counts).
            var total = w is "sea" or "seja" or "total" or "makes";
            var fresh = !total && CountAt(tokens, after) is > 0 and var n && UnitAfter(tokens, after) < 0 && !FollowedByMonth(tokens, after) ? n : -1;
            var restated = false;
            var units = total ? WordTag.Adults | WordTag.Children : WordTag.Adults | WordTag.Children | WordTag.People;
            var reach = weak ? after + 4 : tokens.Length;
            for (var k = after; k < tokens.Length && k <= reach && !restated; k++)
            {
                restated = CountAt(tokens, k) > 0 && UnitAfter(tokens, k) is var u && u >= 0 && (tokens[u].Tags & units) != 0;
            }

            if (fresh < 0 && !restated)
            {
                continue;
            }

            for (var k = 0; k < cue; k++)
            {
                if (CountAt(tokens, k) > 0 && !FollowedByMonth(tokens, k) && (k == oldAt || CountsPeople(tokens, UnitAfter(tokens, k))))
                {
                    MarkUsed(tokens, k, UnitAfter(tokens, k));
                }
                else if (restated && tokens[k].Kind == TokenKind.Word && PartyGrammar.IsPartyWord(Word(buffer, tokens, k)))
                {
                    // "agregar un chico más, mi sobrino de 11. O sea 2 adultos y 3 chicos": counted again after, age too.
                    tokens[k].Used = true;
                    var age = k + 1 < cue && Word(buffer, tokens, k + 1) is "de" or "of" or "aged" ? k + 2 : k + 1;
                    if (age < cue && tokens[age].Kind == TokenKind.Number && tokens[age].Value <= 17)
                    {
                        tokens[age].Used = true;
                    }
                }
            }

            if (fresh > 0)
            {
                // "somos cinco adultos, bueno no, cuatro": the bare number takes the unit of the count it corrects.
                Set(oldUnit >= 0 ? tokens[oldUnit].Tags : WordTag.People, fresh, ref nights, ref adults, ref children, ref people);
                MarkUsed(tokens, after, -1);
            }

            return;
        }
    }

    // Whether the unit at <paramref name="unit"/> (-1 for none) counts people: "adultos", "kids", "personas".
    private static bool CountsPeople(ReadOnlySpan<Token> tokens, int unit) =>
        unit >= 0 && (tokens[unit].Tags & (WordTag.Adults | WordTag.Children | WordTag.People)) != 0;

    private static bool SaidBefore(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int cue)
    {
        for (var k = 0; k < cue; k++)
        {
            if (Word(buffer, tokens, k) is "antes" or "before" or "era" or "eram" or "eramos" or "eran" or "was" or "were")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The index of the count that puts right a denied one ("no vamos 4 sino 3", "não somos 4 mas sim 3", "not 4 anymore
    /// but 3"), or -1: a negation shortly before the old count, then "sino"/"but"/"mas (sim)" and the new count.
    /// </summary>
    private static int NotButCount(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i, int afterOld)
    {
        // The negation of the connector's language: "no … sino", "not … but", "não … mas (sim)" (not the Portuguese "no" of
        // "no dia 2").
        var negated = false;
        var connector = afterOld < tokens.Length ? Word(buffer, tokens, afterOld) : default;
        if (connector is "anymore" or "mas" && afterOld + 1 < tokens.Length && Word(buffer, tokens, afterOld + 1) is "but" or "sino" or "mas" or "e")
        {
            connector = Word(buffer, tokens, afterOld + 1);
        }

        for (var k = i - 1; k >= 0 && k >= i - 3; k--)
        {
            var w = Word(buffer, tokens, k);
            negated |= connector is "sino" ? w is "no" or "nunca" : connector is "but" ? w is "not" or "arent" or "aren" or "never" : w is "nao" or "nunca";
        }

        var j = afterOld;
        if (j + 2 < tokens.Length && Word(buffer, tokens, j) is "mas" or "but" or "pero" && Word(buffer, tokens, j + 1) is "e" or "es" or "is" or "its" or "son" or "sao" or "era" or "eram" or "were")
        {
            // "coloquei 2 crianças mas é só 1", "I put 3 adults but it's only 2", "puse 2 niños pero es solo 1".
            var k = j + 2 < tokens.Length && Word(buffer, tokens, j + 2) is "so" or "solo" or "only" or "just" or "apenas" ? j + 3 : j + 2;
            return k < tokens.Length && CountAt(tokens, k) > 0 && !FollowedByMonth(tokens, k) ? k : -1;
        }

        if (!negated || j >= tokens.Length)
        {
            return -1;
        }

        if (Word(buffer, tokens, j) is "anymore" or "mas" && j + 1 < tokens.Length && Word(buffer, tokens, j + 1) is "but" or "sino" or "mas" or "e")
        {
            j++; // "not 4 anymore but 3", "no somos 4 más sino 3"
        }

        if (Word(buffer, tokens, j) is not ("sino" or "but" or "mas" or "e") || j + 1 >= tokens.Length)
        {
            return -1;
        }

        j++;
        if (Word(buffer, tokens, j) is "sim" or "si" && j + 1 < tokens.Length)
        {
            j++; // "mas sim 3", "e sim 3"
        }
        else if (Word(buffer, tokens, j - 1) is "e")
        {
            return -1; // "não somos 4 e 3 crianças": no correction without "sim".
        }

        return CountAt(tokens, j) > 0 && !FollowedByMonth(tokens, j) ? j : -1;
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
