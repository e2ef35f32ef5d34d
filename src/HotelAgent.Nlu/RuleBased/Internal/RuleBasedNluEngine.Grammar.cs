using HotelAgent.Abstractions;

namespace HotelAgent.Nlu;

/// <summary>
/// The grammars that read a message against the dialogue's expectation and the phrasings a lexicon alone misses:
/// weekends, next week or month, nights named by weekday, a weekday with its day number, durations in weeks, names by
/// their shape, booking codes in the PMS's format, several requests in one message and the evidence for a language.
/// </summary>
internal sealed partial class RuleBasedNluEngine
{
    private const float AlsoBar = 2.5f;

    /// <summary>A bare count when the agent asked how many people: "3", "tres", "we're 4".</summary>
    private static int? BareCount(ReadOnlySpan<Token> tokens)
    {
        int? found = null;
        foreach (ref readonly var t in tokens)
        {
            if ((t.Kind == TokenKind.Number || (t.Tags & WordTag.Number) != 0) && !t.Used && !t.Covered && !t.Ordinal && t.Value is > 0 and <= 30)
            {
                if (found is not null)
                {
                    return null; // two numbers: not a bare count.
                }

                found = t.Value;
            }
        }

        return found;
    }

    private static void ExtractPhrasedDates(ReadOnlySpan<char> buffer, Span<Token> tokens, DateOnly reference, ref int? nights, out DateOnly? checkIn, out DateOnly? checkOut, out DateOnly? near)
    {
        checkIn = null;
        checkOut = null;
        near = null;
        MarkBirthdays(buffer, tokens);
        MarkDayFacts(buffer, tokens);
        var nextWeek = false;
        var weekAfterNext = false;
        var nextMonth = false;
        var weekendAt = -1;
        var longWeekend = false;
        var between = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            between |= (tokens[i].Tags & WordTag.Between) != 0;
            if (Is(buffer, tokens, i, "finde") || Is(buffer, tokens, i, "weekend") || Is(buffer, tokens, i, "fds") || Is(buffer, tokens, i, "findesemana")
                || (Is(buffer, tokens, i, "semana") && i >= 2 && Is(buffer, tokens, i - 1, "de") && (Is(buffer, tokens, i - 2, "fin") || Is(buffer, tokens, i - 2, "fim"))))
            {
                // Not "esse fim de semana", which in Brazil is this one.
                var that = (i > 0 && Word(buffer, tokens, i - 1) is "that" or "ese" or "aquele" or "aquel")
                    || (i > 2 && Word(buffer, tokens, i - 3) is "ese" or "aquele" or "aquel" && Word(buffer, tokens, i - 1) is "de");
                if (that)
                {
                    continue; // "it's our anniversary that weekend": the weekend already spoken of, not this one.
                }

                weekendAt = i;
                longWeekend |= i + 1 < tokens.Length && (Is(buffer, tokens, i + 1, "largo") || Is(buffer, tokens, i + 1, "prolongado"));
                longWeekend |= i > 0 && Is(buffer, tokens, i - 1, "long");
            }

            if (Is(buffer, tokens, i, "week") || Is(buffer, tokens, i, "semana"))
            {
                nextWeek |= i > 0 && (Is(buffer, tokens, i - 1, "next") || Is(buffer, tokens, i - 1, "proxima"));
                nextWeek |= i + 2 < tokens.Length && (Is(buffer, tokens, i + 1, "que") || Is(buffer, tokens, i + 1, "q")) && (Is(buffer, tokens, i + 2, "viene") || Is(buffer, tokens, i + 2, "vem"));
                nextWeek |= i + 1 < tokens.Length && (Is(buffer, tokens, i + 1, "proxima") || Is(buffer, tokens, i + 1, "entrante"));
                if (WeekAfterNext(buffer, tokens, i))
                {
                    // "the week after next", "a semana a seguir à próxima", "la semana después de la próxima".
                    nextWeek = true;
                    weekAfterNext = true;
                }
            }

            if (Is(buffer, tokens, i, "month") || Is(buffer, tokens, i, "mes"))
            {
                nextMonth |= i > 0 && (Is(buffer, tokens, i - 1, "next") || Is(buffer, tokens, i - 1, "proximo"));
                nextMonth |= i + 2 < tokens.Length && (Is(buffer, tokens, i + 1, "que") || Is(buffer, tokens, i + 1, "q")) && (Is(buffer, tokens, i + 2, "viene") || Is(buffer, tokens, i + 2, "vem"));
                nextMonth |= i + 1 < tokens.Length && (Is(buffer, tokens, i + 1, "proximo") || Is(buffer, tokens, i + 1, "entrante"));
            }

            // Durations in weeks: "una quincena", "a fortnight", "uma semana", "two weeks".
            if (nights is null)
            {
                if ((Is(buffer, tokens, i, "noche") || Is(buffer, tokens, i, "noite") || Is(buffer, tokens, i, "night")) && i > 0
                    && (Is(buffer, tokens, i - 1, "la") || Is(buffer, tokens, i - 1, "a") || Is(buffer, tokens, i - 1, "the"))
                    && (Is(buffer, tokens, i + 1, "del") || Is(buffer, tokens, i + 1, "de") || Is(buffer, tokens, i + 1, "do") || Is(buffer, tokens, i + 1, "of"))
                    && !JoinedWeekdayAfter(buffer, tokens, i))
                {
                    // "para la noche del 1 de diciembre", "a noite de 30 de novembro", "the night of the 5th": one night.
                    nights = 1;
                }

                if (Is(buffer, tokens, i, "quincena") || Is(buffer, tokens, i, "fortnight") || Is(buffer, tokens, i, "quinzena"))
                {
                    nights = 14;
                }
                else if ((Is(buffer, tokens, i, "semana") || Is(buffer, tokens, i, "week") || Is(buffer, tokens, i, "semanas") || Is(buffer, tokens, i, "weeks"))
                         && i > 0 && (tokens[i - 1].Tags & (WordTag.Number | WordTag.NumberA)) != 0 && tokens[i - 1].Value is >= 1 and <= 4 && !tokens[i].Used
                         && !(i + 1 < tokens.Length && Is(buffer, tokens, i + 1, "que")) && !WeekOnAWeekday(buffer, tokens, i) && !ShiftsTheStay(buffer, tokens)
                         && !(i >= 2 && Word(buffer, tokens, i - 2) is "hace" or "faz" or "ha") && !(i + 1 < tokens.Length && Word(buffer, tokens, i + 1) is "ago" or "atras"))
                {
                    nights = 7 * tokens[i - 1].Value; // not "mover mi reserva una semana" (a shift) nor "reservé hace una semana"
                }
            }
        }

        // "el viernes 11 de diciembre, viernes y sábado": the weekdays named are the nights, whatever else dates the stay.
        if (nights is null)
        {
            var firstDay = -1;
            for (var i = 0; i < tokens.Length; i++)
            {
                if ((tokens[i].Tags & WordTag.Weekday) == 0 || tokens[i].Covered)
                {
                    continue;
                }

                if (firstDay >= 0 && JoinedByAnd(buffer, tokens, i) && !between && HasDatedDay(tokens))
                {
                    nights = ((tokens[i].Value - firstDay + 7) % 7) + 1;
                    break;
                }

                firstDay = tokens[i].Value;
            }
        }

        if (HalfOfAMonth(buffer, tokens, reference) is { } half)
        {
            // "la primera quincena de agosto", "the second half of January", "a segunda quinzena de fevereiro": a period,
            // not fourteen nights; days said with it win ("la primera quincena de febrero, del 2 al 16").
            nights = null;
            if (!HasDayNumbers(tokens))
            {
                tokens[half.MonthAt].Used = true;
                (checkIn, checkOut) = (half.From, half.To);
                return;
            }
        }

        // Holidays with a fixed date: "from Boxing Day for 3 nights", "para Nochevieja", "no Réveillon".
        var holiday = Holiday(buffer, tokens, reference, out var lastHoliday, out var season);

        // "para fin de año, del 30 al 2", "over Christmas, 23rd to 26th": bare days said with a holiday are near it.
        near = holiday ?? season;

        // A weekday with its day number ("el viernes 4", "Friday the 4th", "sexta, dia 4") is that day: the weekday only
        // describes it; so is a weekday beside "tomorrow" ("mañana jueves", "tomorrow, Friday").
        var departureWeekday = -1;
        for (var i = 0; i < tokens.Length; i++)
        {
            if ((tokens[i].Tags & WordTag.Weekday) != 0 && ((i > 0 && (tokens[i - 1].Tags & WordTag.RelDay) != 0) || (i + 1 < tokens.Length && (tokens[i + 1].Tags & WordTag.RelDay) != 0)))
            {
                tokens[i].Used = true;
                continue;
            }

            if ((tokens[i].Tags & WordTag.Weekday) == 0 || tokens[i].Covered)
            {
                continue;
            }

            if (UntilBefore(tokens, i) && departureWeekday >= 0 && tokens[i].Value == departureWeekday)
            {
                tokens[i].Used = true; // "até terça dia 9. Muda a saída pra terça": the departure said twice, not a week later.
                continue;
            }

            for (var k = i + Math.Max(1, tokens[i].Span); k < tokens.Length && k <= i + 4; k++)
            {
                if (IsDayNumber(tokens[k]) && tokens[k].Value is >= 1 and <= 31 && !tokens[k].Used && (k + 1 >= tokens.Length || (tokens[k + 1].Tags & (Units | WordTag.TimeSuffix)) == 0))
                {
                    tokens[i].Used = true;
                    departureWeekday = UntilBefore(tokens, i) ? tokens[i].Value : departureWeekday;
                    break;
                }

                if (Word(buffer, tokens, k) is not ("the" or "el" or "dia" or "o" or "que" or "vem" or "viene" or "next" or "this" or "este" or "esta" or "day" or "on"))
                {
                    break;
                }
            }
        }

        if (holiday is { } from && nights is null && LoneDayNumber(tokens) is { } lone && tokens[lone].Value != from.Day)
        {
            // Not "partimos a 6 de janeiro, dia de Reis": the holiday's own day said again.
            // "Christmas Eve to the 27th", "da véspera de Natal até dia 27", "de Nochevieja al 2": the holiday, then the day
            // number alone is the departure, in the holiday's month or the next.
            var value = tokens[lone].Value;
            var month = new DateOnly(from.Year, from.Month, 1).AddMonths(value > from.Day ? 0 : 1);
            if (value <= DateTime.DaysInMonth(month.Year, month.Month) && new DateOnly(month.Year, month.Month, value) is var to && to.DayNumber - from.DayNumber is > 0 and <= 31)
            {
                tokens[lone].Used = true;
                checkIn = from;
                checkOut = to;
                return;
            }
        }

        // "tonight and tomorrow night … it's Thanksgiving tomorrow": days said outright date the stay, the holiday is the reason.
        if (holiday is { } day && !HasDayNumbers(tokens) && !HasRelativeDay(tokens))
        {
            checkIn = day;
            checkOut = nights is > 0 ? day.AddDays(nights.Value) : lastHoliday > day ? lastHoliday : null; // "del Jueves Santo al Lunes de Pascua"
            for (var i = 0; i < tokens.Length && checkOut is null; i++)
            {
                if ((tokens[i].Tags & WordTag.Weekday) != 0 && !tokens[i].Covered)
                {
                    // "Thanksgiving, out on Sunday", "de Nochebuena al domingo": the weekday after the holiday is the departure.
                    var ahead = (tokens[i].Value - (int)day.DayOfWeek + 7) % 7;
                    checkOut = day.AddDays(ahead == 0 ? 7 : ahead);
                }
            }

            return;
        }

        if (weekendAt >= 0 && WeekendOfMonth(buffer, tokens, weekendAt, reference) is { } monthFriday)
        {
            // "the last weekend in January, Friday to Sunday", "el primer finde de febrero", "o último fim de semana do mês que vem".
            checkIn = monthFriday < reference ? reference : monthFriday;
            checkOut = monthFriday.AddDays(longWeekend ? 3 : 2);
            WeekdaysOfTheWeekend(buffer, tokens, weekendAt, monthFriday, ref checkIn, ref checkOut);
            return;
        }

        if (weekendAt >= 0 && !HasRelativeDay(tokens))
        {
            // The coming weekend (Friday to Sunday; a long one to Monday), or the one after with "next" / "que viene".
            var friday = reference.AddDays(((int)DayOfWeek.Friday - (int)reference.DayOfWeek + 7) % 7);
            if (reference.DayOfWeek is DayOfWeek.Saturday)
            {
                friday = reference.AddDays(-1);
            }

            // "next weekend", "el próximo fin de semana", "o próximo fim de semana", "el finde que viene": the word before
            // the weekend's first word ("fin"/"fim" of "fin de semana") or "que viene"/"que vem" after it.
            var first = weekendAt >= 2 && Is(buffer, tokens, weekendAt, "semana") && Is(buffer, tokens, weekendAt - 1, "de") ? weekendAt - 2 : weekendAt;
            var after = first > 0 && (Is(buffer, tokens, first - 1, "next") || Is(buffer, tokens, first - 1, "proximo"))
                || (weekendAt + 2 < tokens.Length && (Is(buffer, tokens, weekendAt + 1, "que") || Is(buffer, tokens, weekendAt + 1, "q"))
                    && (Is(buffer, tokens, weekendAt + 2, "viene") || Is(buffer, tokens, weekendAt + 2, "vem") || Is(buffer, tokens, weekendAt + 2, "entra")));
            if (after)
            {
                friday = friday.AddDays(7);
            }

            if (!HasDayNumbers(tokens))
            {
                checkIn = friday < reference ? reference : friday;
                checkOut = friday.AddDays(longWeekend ? 3 : 2);
                if (OneNightOfTheWeekend(buffer, tokens) is { } night && friday.AddDays(DaysFromFriday(night)) is var picked && picked >= reference)
                {
                    // "this weekend, just Saturday night", "este finde, solo la noche del sábado": that one night.
                    (checkIn, checkOut) = (picked, picked.AddDays(1));
                    nights ??= 1;
                }
                else if (NightsOfTheWeekend(buffer, tokens, friday) is { } said && said.From >= reference)
                {
                    // "há vaga pro fds, sexta e sábado?": the nights named, out the morning after the last.
                    (checkIn, checkOut) = (said.From, said.To);
                    nights ??= said.To.DayNumber - said.From.DayNumber;
                }

                return;
            }
        }

        if (weekendAt >= 0 && WeekendOfDay(buffer, tokens, weekendAt, reference) is { } weekendFriday)
        {
            // "the weekend of the 6th of Feb", "el finde del 12 de diciembre": the weekend that day falls in (or the next).
            checkIn = weekendFriday < reference ? reference : weekendFriday;
            checkOut = weekendFriday.AddDays(longWeekend ? 3 : 2);
            return;
        }

        // Weekdays: "next week, Tuesday to Thursday"; "viernes y sábado" names the nights (out on Sunday).
        Span<int> days = stackalloc int[2];
        Span<bool> joinedByAnd = stackalloc bool[2];
        var found = 0;
        for (var i = 0; i < tokens.Length && found < 2; i++)
        {
            if ((tokens[i].Tags & WordTag.Weekday) != 0 && !tokens[i].Covered && !tokens[i].Used)
            {
                days[found] = tokens[i].Value;
                joinedByAnd[found] = JoinedByAnd(buffer, tokens, i);
                found++;
            }
        }

        if (found > 0 && (nextWeek || (found == 2 && joinedByAnd[1] && !between)) && !HasDayNumbers(tokens))
        {
            var start = nextWeek
                ? reference.AddDays(((int)DayOfWeek.Monday - (int)reference.DayOfWeek + 7) % 7 is 0 ? 7 : ((int)DayOfWeek.Monday - (int)reference.DayOfWeek + 7) % 7)
                : reference.AddDays(1);
            if (weekAfterNext)
            {
                start = start.AddDays(7);
            }

            var first = start.AddDays(((days[0] - (int)start.DayOfWeek) + 7) % 7);
            checkIn = first;
            if (found == 2)
            {
                var second = first.AddDays(((days[1] - (int)first.DayOfWeek) + 7) % 7 is 0 ? 7 : ((days[1] - (int)first.DayOfWeek) + 7) % 7);
                checkOut = joinedByAnd[1] ? second.AddDays(1) : second;
            }
            else if (nights is > 0)
            {
                checkOut = first.AddDays(nights.Value);
            }

            return;
        }

        if (nextMonth)
        {
            // "del 10 al 12 del mes que viene": days of the month after the reference date's.
            var month = new DateOnly(reference.Year, reference.Month, 1).AddMonths(1);
            var firstDay = 0;
            var secondDay = 0;
            for (var i = 0; i < tokens.Length; i++)
            {
                ref readonly var t = ref tokens[i];
                if (IsDayNumber(t) && !t.Used && !t.Covered && t.Value is >= 1 and <= 31 && DayOfTheMonth(buffer, tokens, i))
                {
                    if (firstDay == 0)
                    {
                        firstDay = t.Value;
                    }
                    else if (secondDay == 0)
                    {
                        secondDay = t.Value;
                    }
                }
            }

            if (firstDay > 0 && firstDay <= DateTime.DaysInMonth(month.Year, month.Month))
            {
                checkIn = new DateOnly(month.Year, month.Month, firstDay);
                if (secondDay > 0)
                {
                    var outMonth = secondDay > firstDay ? month : month.AddMonths(1);
                    checkOut = secondDay <= DateTime.DaysInMonth(outMonth.Year, outMonth.Month) ? new DateOnly(outMonth.Year, outMonth.Month, secondDay) : null;
                }
                else if (nights is > 0)
                {
                    checkOut = checkIn.Value.AddDays(nights.Value);
                }

                foreach (ref var t in tokens)
                {
                    if (t.Kind == TokenKind.Number && (t.Value == firstDay || t.Value == secondDay))
                    {
                        t.Used = true;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether a number is a day of the month rather than a count: not "2 noches", "dos adultos", "una doble", "un
    /// cuarto"; a number in words is a day only where days are said ("del diez al doce", "el día tres").
    /// </summary>
    private static bool DayOfTheMonth(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        var last = i + Math.Max(1, tokens[i].Span) - 1;
        if (tokens[i].Room >= 0 || (last + 1 < tokens.Length && ((tokens[last + 1].Tags & (Units | WordTag.TimeSuffix)) != 0
            || (tokens[last + 1].Room >= 0 && tokens[last + 1].Kind == TokenKind.Word) || IsRoomNoun(Word(buffer, tokens, last + 1)) || CountsSomethingElse(buffer, tokens[last + 1]))))
        {
            // "2 single beds", "un cuarto doble", "2 noches": a count, not a day.
            return false;
        }

        if (tokens[i].Kind == TokenKind.Number || tokens[i].Ordinal)
        {
            return true;
        }

        var prev = i > 0 ? tokens[i - 1].Tags : WordTag.None;
        return (prev & (WordTag.DatePrep | WordTag.RangeSep | WordTag.Between)) != 0
            || (last + 1 < tokens.Length && (tokens[last + 1].Tags & WordTag.RangeSep) != 0)
            || (i > 0 && (IsWord(buffer, tokens[i - 1], "dia") || IsWord(buffer, tokens[i - 1], "day") || IsWord(buffer, tokens[i - 1], "el") || IsWord(buffer, tokens[i - 1], "the")));
    }

    private static DateOnly? Holiday(ReadOnlySpan<char> buffer, Span<Token> tokens, DateOnly reference, out DateOnly? last, out DateOnly? near)
    {
        DateOnly? found = null;
        last = null;
        near = null;
        var foundFrom = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (EasterDay(buffer, tokens, i, out var words) is { } offset)
            {
                // Easter moves: "del Jueves Santo al Lunes de Pascua", "Good Friday to Easter Monday", "na Páscoa".
                var easter = EasterSunday(reference.Year).AddDays(offset);
                easter = easter < reference ? EasterSunday(reference.Year + 1).AddDays(offset) : easter;
                for (var k = i; k < i + words; k++)
                {
                    tokens[k].Covered = true; // the weekday in "Jueves Santo" is the holiday's, not one of its own
                }

                found ??= easter;
                last = last is null || easter > last ? easter : last;
                i += words - 1;
                continue;
            }

            var (month, day) = Is(buffer, tokens, i, "boxing") && Is(buffer, tokens, i + 1, "day") ? (12, 26)
                : Is(buffer, tokens, i, "christmas") && Is(buffer, tokens, i + 1, "eve") ? (12, 24)
                : Is(buffer, tokens, i, "christmas") && !Is(buffer, tokens, i - 1, "after") ? (12, 25)
                : (Is(buffer, tokens, i, "vispera") || Is(buffer, tokens, i, "vespera") || Is(buffer, tokens, i, "eve")) && Is(buffer, tokens, i + 1, "de")
                    && (Is(buffer, tokens, i + 2, "navidad") || Is(buffer, tokens, i + 2, "natal") || Is(buffer, tokens, i + 3, "natal") || Is(buffer, tokens, i + 3, "navidad")) ? (12, 24)
                : (Is(buffer, tokens, i, "vispera") || Is(buffer, tokens, i, "vespera")) && Is(buffer, tokens, i + 1, "de") && (Is(buffer, tokens, i + 2, "ano") || Is(buffer, tokens, i + 3, "ano")) ? (12, 31)
                : Is(buffer, tokens, i, "thanksgiving") ? (11, ThanksgivingDay(reference.Year))
                : Is(buffer, tokens, i, "nochebuena") ? (12, 24)
                : Is(buffer, tokens, i, "navidad") || Is(buffer, tokens, i, "natal") ? (EveAfter(buffer, tokens, i) ? (12, 24) : (12, 25)) // "no natal, da véspera até dia 27"
                : Is(buffer, tokens, i, "nochevieja") || Is(buffer, tokens, i, "reveillon") || Is(buffer, tokens, i, "hogmanay") ? (12, 31)
                : Is(buffer, tokens, i, "new") && Is(buffer, tokens, i + 1, "years") && Is(buffer, tokens, i + 2, "eve") ? (12, 31)
                : Is(buffer, tokens, i, "fin") && Is(buffer, tokens, i + 1, "de") && Is(buffer, tokens, i + 2, "ano") ? (12, 31)
                : Is(buffer, tokens, i, "new") && Is(buffer, tokens, i + 1, "years") && Is(buffer, tokens, i + 2, "day") ? (1, 1)
                : Is(buffer, tokens, i, "ano") && Is(buffer, tokens, i + 1, "nuevo") ? (1, 1)
                : Is(buffer, tokens, i, "ano") && Is(buffer, tokens, i + 1, "novo") ? (1, 1)
                : Is(buffer, tokens, i, "virada") || (Is(buffer, tokens, i, "passagem") && Is(buffer, tokens, i + 1, "de") && Is(buffer, tokens, i + 2, "ano")) ? (12, 31)
                : Is(buffer, tokens, i, "puente") && Is(buffer, tokens, i + 1, "de")
                    && (Is(buffer, tokens, i + 2, "diciembre") || Is(buffer, tokens, i + 2, "la") && (Is(buffer, tokens, i + 3, "constitucion") || Is(buffer, tokens, i + 3, "inmaculada"))) ? (12, 6)
                : Kings(buffer, tokens, i) ? (1, 6)
                : Is(buffer, tokens, i, "valentines") ? (2, 14)
                : Is(buffer, tokens, i, "san") && Is(buffer, tokens, i + 1, "valentin") ? (2, 14)
                : (0, 0);
            if (month == 0 && i > 0 && Is(buffer, tokens, i, "new") && (Is(buffer, tokens, i + 1, "year") || Is(buffer, tokens, i + 1, "years"))
                && Word(buffer, tokens, i - 1) is "over" or "for" or "at" or "around" or "the" or "this")
            {
                // "over New Year, 30th to the 2nd": New Year places the days said beside it, but alone ("I booked a twin for
                // New Year") it is no date of its own.
                near ??= reference.Month == 1 && reference.Day <= 7 ? new DateOnly(reference.Year, 1, 1) : new DateOnly(reference.Year, 12, 31);
                continue;
            }

            if (month > 0 && i > 0 && Word(buffer, tokens, i - 1) is "merry" or "happy" or "feliz" or "felices" or "bom" or "boa" or "boas" or "buen" or "buena" or "prospero")
            {
                continue; // "yes, book it! Merry Christmas", "Feliz Año Nuevo", "Feliz Natal": a wish, not a date.
            }

            if (month > 0)
            {
                var date = new DateOnly(reference.Year, month, day);
                if (date < reference)
                {
                    date = month == 11 ? new DateOnly(reference.Year + 1, 11, ThanksgivingDay(reference.Year + 1)) : date.AddYears(1);
                }

                // "passar o Natal aí, da véspera de Natal até dia 27": the holiday the stay starts from wins.
                var from = i > 0 && Word(buffer, tokens, i - 1) is "da" or "desde" or "from" or "del" or "do" or "since" or "starting";
                for (var k = i - 1; !from && k >= 0 && k >= i - 3; k--)
                {
                    // "Queremos passar o Natal aí. Chegamos na véspera de Natal": the day the guest says they arrive.
                    from = Word(buffer, tokens, k) is "chegamos" or "chego" or "chegando" or "chegaremos" or "llegamos" or "llego" or "llegando" or "llegaremos"
                        or "arriving" or "arrive" or "arrival" or "arrives";
                }

                if (found is null || (from && !foundFrom))
                {
                    (found, foundFrom) = (date, from);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The day an Easter name says, as days from Easter Sunday, and how many words it takes: Holy Thursday -3, Good
    /// Friday -2, Holy Saturday -1, Easter Sunday 0, Easter Monday 1; "Semana Santa" starts on the Thursday and "Easter",
    /// "Pascua", "Páscoa" alone on Good Friday.
    /// </summary>
    private static bool ShiftsTheStay(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (Word(buffer, tokens, i) is "move" or "mover" or "moverla" or "push" or "postpone" or "posponer" or "aplazar" or "adiar" or "atrasar" or "retrasar"
                or "adelantar" or "antecipar" or "correr" or "correrla" or "delay" or "shift")
            {
                return true;
            }
        }

        return false;
    }

    // "en Navidad, desde la víspera", "no natal, da véspera até dia 27": the eve named just after the holiday.
    private static bool EveAfter(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        for (var k = i + 1; k < tokens.Length && k <= i + 4; k++)
        {
            if (Word(buffer, tokens, k) is "vispera" or "vespera")
            {
                return !(k + 1 < tokens.Length && Word(buffer, tokens, k + 1) is "de");
            }
        }

        return false;
    }

    private static int? EasterDay(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i, out int words)
    {
        var w = Word(buffer, tokens, i);
        var next = i + 1 < tokens.Length ? Word(buffer, tokens, i + 1) : default;
        var after = i + 2 < tokens.Length ? Word(buffer, tokens, i + 2) : default;
        var third = i + 3 < tokens.Length ? Word(buffer, tokens, i + 3) : default;
        (int? Offset, int Words) day =
            w is "jueves" && next is "santo" || w is "maundy" && next is "thursday" ? (-3, 2)
            : w is "quinta" && next is "feira" && after is "santa" ? (-3, 3)
            : w is "viernes" && next is "santo" || w is "good" && next is "friday" ? (-2, 2)
            : w is "sexta" && next is "feira" && after is "santa" ? (-2, 3)
            : w is "sexta" && next is "santa" ? (-2, 2)
            : w is "sabado" && next is "santo" || w is "holy" && next is "saturday" ? (-1, 2)
            : w is "sabado" && next is "de" && after is "aleluia" ? (-1, 3)
            : w is "easter" && next is "sunday" || w is "easter" && next is "day" ? (0, 2)
            : w is "domingo" && next is "de" && after is "pascua" or "pascoa" or "resurreccion" ? (0, 3)
            : w is "easter" && next is "monday" ? (1, 2)
            : w is "lunes" && next is "de" && after is "pascua" ? (1, 3)
            : w is "segunda" && next is "feira" && after is "de" && third is "pascoa" ? (1, 4)
            : w is "semana" && next is "santa" || w is "holy" && next is "week" ? (-3, 2)
            : w is "carnaval" or "carnival" && !(i > 0 && Word(buffer, tokens, i - 1) is "feliz" or "happy" or "bom") ? (-50, 1) // its Saturday
            : w is "easter" or "pascua" or "pascoa" && !(i > 0 && Word(buffer, tokens, i - 1) is "de" or "happy" or "feliz" or "boa" or "felices") ? (-2, 1)
            : (null, 0);
        words = day.Words;
        return day.Offset;
    }

    /// <summary>
    /// Twelfth Night and the Epiphany: "para Reyes", "el día de Reyes", "Reyes Magos", "Dia de Reis", "Epiphany"; not a
    /// surname ("Ana de los Reyes", "Pacheco dos Reis").
    /// </summary>
    private static bool Kings(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        if (Is(buffer, tokens, i, "epiphany") || Is(buffer, tokens, i, "epifania"))
        {
            return true;
        }

        if (!Is(buffer, tokens, i, "reyes") && !Is(buffer, tokens, i, "reis"))
        {
            return false;
        }

        return Is(buffer, tokens, i + 1, "magos")
            || (i >= 2 && Word(buffer, tokens, i - 1) is "de" or "dos" && Word(buffer, tokens, i - 2) is "dia" or "noche" or "noite" or "vispera" or "vespera")
            || (i >= 1 && Word(buffer, tokens, i - 1) is "para" or "en" or "por" or "hasta" or "desde" or "pelos" or "nos");
    }

    /// <summary>Easter Sunday of a year (the Gregorian computus).</summary>
    internal static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The fourth Thursday of November.</summary>
    private static int ThanksgivingDay(int year)
    {
        var first = new DateOnly(year, 11, 1);
        return 1 + (((int)DayOfWeek.Thursday - (int)first.DayOfWeek + 7) % 7) + 21;
    }

    /// <summary>The one day number of the message, without a month beside it: "to the 27th", "até dia 27".</summary>
    /// <summary>
    /// "mejor hasta el 3, que el 2 es sábado", "the 2nd is a Saturday", "o dia 2 cai num sábado": a day said with the
    /// weekday it falls on is a fact given as a reason, not a day of the stay; both are marked used.
    /// </summary>
    private static void MarkDayFacts(ReadOnlySpan<char> buffer, Span<Token> tokens)
    {
        for (var i = 0; i + 2 < tokens.Length; i++)
        {
            // "a ponte de 8 de dezembro? chegamos a 5 e saímos a 8", "el finde largo del 8. Llegamos el viernes 4": the
            // holiday's day names the occasion when the arrival is said after it.
            var day = i + 2 < tokens.Length && Word(buffer, tokens, i + 2) is "the" ? i + 3 : i + 2;
            if (Word(buffer, tokens, i) is "puente" or "ponte" or "feriado" or "festivo" or "largo" or "prolongado" or "holiday" && Word(buffer, tokens, i + 1) is "de" or "del" or "do" or "da" or "of"
                && day < tokens.Length && IsDayNumber(tokens[day]) && tokens[day].Value is >= 1 and <= 31 && ArrivalSaid(buffer, tokens[(day + 1)..]))
            {
                tokens[day].Used = true;
                if (day + 2 < tokens.Length && Word(buffer, tokens, day + 1) is "de" or "of" && (tokens[day + 2].Tags & WordTag.Month) != 0)
                {
                    tokens[day + 2].Used = true;
                }

                continue;
            }

            if (!IsDayNumber(tokens[i]) || tokens[i].Value is < 1 or > 31 || tokens[i].Used
                || Word(buffer, tokens, i + 1) is not ("es" or "is" or "e" or "cae" or "falls" or "cai" or "was" or "sera"))
            {
                continue;
            }

            var k = i + 2;
            if (Word(buffer, tokens, k) is "a" or "un" or "en" or "on" or "num" or "um" or "em" or "el" or "o" or "the")
            {
                k++;
            }

            if (k < tokens.Length && (tokens[k].Tags & WordTag.Weekday) != 0 && (k + 1 >= tokens.Length || !IsDayNumber(tokens[k + 1])))
            {
                tokens[i].Used = true;
                tokens[k].Used = true;
            }
        }
    }

    /// <summary>"o do meio fez 10 em outubro", "she turned 4 in May": an age and its birthday's month, marked used so that neither dates the stay.</summary>
    private static void MarkBirthdays(ReadOnlySpan<char> buffer, Span<Token> tokens)
    {
        for (var i = 1; i < tokens.Length; i++)
        {
            if (!IsDayNumber(tokens[i]) || tokens[i].Value is < 1 or > 31
                || Word(buffer, tokens, i - 1) is not ("fez" or "faz" or "cumplio" or "cumple" or "turned" or "turns" or "turning" or "hizo" or "completou" or "completa"))
            {
                continue;
            }

            tokens[i].Used = true;
            for (var k = i + 1; k < tokens.Length && k <= i + 2; k++)
            {
                if ((tokens[k].Tags & WordTag.Month) != 0)
                {
                    tokens[k].Used = true;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Whether a departure word ("até", "until", "saída pra"), or another of <paramref name="words"/> ("to"), comes
    /// within three words before the weekday at <paramref name="i"/>.
    /// </summary>
    private static bool UntilBefore(ReadOnlySpan<Token> tokens, int i, WordTag words = WordTag.Until)
    {
        for (var k = i - 1; k >= 0 && k >= i - 3; k--)
        {
            if ((tokens[k].Tags & words) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static int? LoneDayNumber(ReadOnlySpan<Token> tokens)
    {
        int? found = null;
        var days = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if ((tokens[i].Tags & WordTag.Month) != 0 && tokens[i].Used)
            {
                continue; // "o do meio fez 10 em outubro": a birthday's month, not the stay's.
            }

            if ((tokens[i].Tags & WordTag.Month) != 0 && found is { } day && days == 1 && (day == i - 1 || (day == i - 2 && tokens[i - 1].Kind == TokenKind.Word && tokens[i - 1].Length <= 3)))
            {
                continue; // "from Boxing Day to the 29th December": the month of the departure said.
            }

            if ((tokens[i].Tags & WordTag.Month) != 0 || tokens[i].Kind == TokenKind.Compound)
            {
                return null;
            }

            if (!IsDayNumber(tokens[i]) || tokens[i].Value is < 1 or > 31 || tokens[i].Used || tokens[i].Covered
                || (i + 1 < tokens.Length && (tokens[i + 1].Tags & (Units | WordTag.TimeSuffix)) != 0))
            {
                continue;
            }

            days++;

            // "leaving on Sunday the 27th", "saímos no domingo dia 27": over the weekday and day words too.
            var afterRange = (i > 0 && (tokens[i - 1].Tags & (WordTag.RangeSep | WordTag.Until)) != 0) || (i > 1 && (tokens[i - 2].Tags & (WordTag.RangeSep | WordTag.Until)) != 0)
                || AfterSeparator(tokens, i, WordTag.RangeSep | WordTag.Until);

            if (!afterRange && i + 1 < tokens.Length && (tokens[i + 1].Tags & WordTag.RangeSep) != 0)
            {
                return null; // "over New Year, 30th to the 2nd", "del sábado 5 al martes 8": a range of days of its own.
            }

            if (!afterRange && i > 0 && (tokens[i - 1].Tags & WordTag.DatePrep) != 0)
            {
                return null; // "llegamos el 21 y nos quedamos hasta el 26 … la navidad": an arrival day of its own, so no lone departure.
            }

            if (afterRange || (i > 0 && tokens[i - 1].Covered))
            {
                if (found is not null)
                {
                    return null;
                }

                found = i;
            }
        }

        return found;
    }

    /// <summary>
    /// The Friday of the weekend named by one day number right after the weekend word ("weekend of the 6th of Feb",
    /// "finde del 12", "the weekend of january 8th"), when it is the only day number of the message; "el fin de semana
    /// del 12 y 13" names its days and is read as such.
    /// </summary>
    /// <summary>
    /// A half of a named month: "la primera quincena de agosto" (the 1st to the 15th), "the second half of January" (the
    /// 16th to its last day), "a segunda quinzena de fevereiro".
    /// </summary>
    private static (DateOnly From, DateOnly To, int MonthAt)? HalfOfAMonth(ReadOnlySpan<char> buffer, Span<Token> tokens, DateOnly reference)
    {
        for (var i = 1; i + 2 < tokens.Length; i++)
        {
            if (Word(buffer, tokens, i) is not ("quincena" or "quinzena" or "fortnight" or "half"))
            {
                continue;
            }

            var which = Word(buffer, tokens, i - 1) switch
            {
                "primera" or "primeira" or "first" => 1,
                "segunda" or "second" or "ultima" or "last" => 2,
                _ => 0,
            };
            var at = i + 2;
            if (which == 0 || Word(buffer, tokens, i + 1) is not ("de" or "of" or "do" or "del" or "in"))
            {
                continue;
            }

            if (Word(buffer, tokens, at) is "the")
            {
                at++;
            }

            if (at >= tokens.Length || (tokens[at].Tags & WordTag.Month) == 0)
            {
                continue;
            }

            var month = tokens[at].Value;
            var year = month < reference.Month || (month == reference.Month && reference.Day > 15) ? reference.Year + 1 : reference.Year;
            var first = new DateOnly(year, month, 1);
            tokens[i - 1].Used = true; // "the second half": no day the 2nd
            return which == 1 ? (first, first.AddDays(14), at) : (first.AddDays(15), first.AddMonths(1).AddDays(-1), at);
        }

        return null;
    }

    /// <summary>
    /// The Friday of a weekend named by its place in a month: "the last weekend in January", "first weekend of Feb",
    /// "el último finde de enero", "el segundo fin de semana de marzo", "o primeiro fim de semana do mês que vem". A
    /// month's weekends are counted by their Saturdays, so the first one may start on the last Friday of the month before.
    /// </summary>
    private static DateOnly? WeekendOfMonth(ReadOnlySpan<char> buffer, Span<Token> tokens, int weekendAt, DateOnly reference)
    {
        // The weekend's first word: "fin"/"fim" in "fin de semana", else the word itself ("finde", "weekend").
        var start = weekendAt >= 2 && Is(buffer, tokens, weekendAt, "semana") && Is(buffer, tokens, weekendAt - 1, "de") ? weekendAt - 2 : weekendAt;
        var before = start - 1;
        if (Is(buffer, tokens, before, "long") || Is(buffer, tokens, before, "largo"))
        {
            before--;
        }

        var which = before < 0 ? 0 : Word(buffer, tokens, before) switch
        {
            "last" or "ultimo" or "final" => -1,
            "first" or "primer" or "primeiro" or "1st" => 1,
            "second" or "segundo" or "2nd" => 2,
            "third" or "tercer" or "terceiro" or "3rd" => 3,
            "fourth" or "cuarto" or "quarto" or "4th" => 4,
            _ => 0,
        };
        var after = weekendAt + 1;
        if (after < tokens.Length && (Is(buffer, tokens, after, "largo") || Is(buffer, tokens, after, "prolongado")))
        {
            after++;
        }

        if (which == 0 || !(Is(buffer, tokens, after, "of") || Is(buffer, tokens, after, "in") || Is(buffer, tokens, after, "de")
                              || Is(buffer, tokens, after, "del") || Is(buffer, tokens, after, "do") || Is(buffer, tokens, after, "em")))
        {
            return null;
        }

        after++;
        if (Is(buffer, tokens, after, "the") || Is(buffer, tokens, after, "el"))
        {
            after++;
        }

        int month;
        if (after < tokens.Length && (tokens[after].Tags & WordTag.Month) != 0)
        {
            month = tokens[after].Value;
            tokens[after].Used = true;
        }
        else if (Is(buffer, tokens, after, "next") && (Is(buffer, tokens, after + 1, "month"))
                 || (Is(buffer, tokens, after, "mes") && (Is(buffer, tokens, after + 1, "que") || Is(buffer, tokens, after + 1, "proximo") || Is(buffer, tokens, after + 1, "entrante")))
                 || (Is(buffer, tokens, after, "proximo") && Is(buffer, tokens, after + 1, "mes")))
        {
            month = (reference.Month % 12) + 1;
        }
        else
        {
            return null;
        }

        for (var year = reference.Year; year <= reference.Year + 1; year++)
        {
            var first = new DateOnly(year, month, 1);
            var saturday = which > 0
                ? first.AddDays((((int)DayOfWeek.Saturday - (int)first.DayOfWeek + 7) % 7) + (7 * (which - 1)))
                : first.AddMonths(1).AddDays(-1) is var end ? end.AddDays(-(((int)end.DayOfWeek - (int)DayOfWeek.Saturday + 7) % 7)) : default;
            if (saturday.Month == month && saturday.AddDays(1) > reference)
            {
                return saturday.AddDays(-1);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the week word at <paramref name="at"/> is the week after next: "week after next", "semana a seguir à
    /// próxima", "semana depois da próxima", "semana después de la próxima", "semana siguiente a la próxima".
    /// </summary>
    private static bool WeekAfterNext(ReadOnlySpan<char> buffer, Span<Token> tokens, int at)
    {
        var i = at + 1;
        if (i < tokens.Length && (Is(buffer, tokens, i, "after") || Is(buffer, tokens, i, "depois") || Is(buffer, tokens, i, "despues") || Is(buffer, tokens, i, "siguiente")))
        {
            i++;
        }
        else if (i + 1 < tokens.Length && Is(buffer, tokens, i, "a") && Is(buffer, tokens, i + 1, "seguir"))
        {
            i += 2;
        }
        else
        {
            return false;
        }

        // The article or preposition before "próxima": "da", "de la", "a la", "a", "à".
        while (i < tokens.Length && Word(buffer, tokens, i) is "da" or "de" or "la" or "a" or "the")
        {
            i++;
        }

        return i < tokens.Length && (Is(buffer, tokens, i, "next") || Is(buffer, tokens, i, "proxima"));
    }

    /// <summary>A weekday's place from its weekend's Friday: Thursday -1, Friday 0, Saturday 1, Sunday 2, Monday 3 (Tuesday -3, Wednesday -2).</summary>
    private static int DaysFromFriday(int weekday) => ((weekday - (int)DayOfWeek.Friday + 10) % 7) - 3;

    /// <summary>Two weekdays joined by "and" with a weekend ("fds, sexta e sábado", "this weekend, Friday and Saturday"): those nights.</summary>
    private static (DateOnly From, DateOnly To)? NightsOfTheWeekend(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, DateOnly friday)
    {
        int? first = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            if ((tokens[i].Tags & WordTag.Weekday) == 0 || tokens[i].Covered || tokens[i].Used)
            {
                continue;
            }

            var offset = DaysFromFriday(tokens[i].Value);
            if (first is null)
            {
                first = offset;
                continue;
            }

            return JoinedByAnd(buffer, tokens, i) && offset > first ? (friday.AddDays(first.Value), friday.AddDays(offset + 1)) : null;
        }

        return null;
    }

    /// <summary>
    /// The one night of a weekend a guest picks: a lone weekday with "night" ("Saturday night", "sábado à noite", "la
    /// noche del sábado") or with "just" ("solo el sábado", "só sábado").
    /// </summary>
    private static int? OneNightOfTheWeekend(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        var at = -1;
        for (var i = 0; i < tokens.Length; i++)
        {
            if ((tokens[i].Tags & WordTag.Weekday) != 0 && !tokens[i].Covered && !tokens[i].Used)
            {
                if (at >= 0)
                {
                    return null; // "Friday and Saturday": the weekend's nights as said.
                }

                at = i;
            }
        }

        if (at < 0)
        {
            return null;
        }

        var after = at + Math.Max(1, tokens[at].Span);
        var night = (after < tokens.Length && (tokens[after].Tags & WordTag.Nights) != 0)
            || (after + 1 < tokens.Length && Word(buffer, tokens, after) is "a" or "la" && (tokens[after + 1].Tags & WordTag.Nights) != 0)
            || (at >= 2 && (tokens[at - 2].Tags & WordTag.Nights) != 0 && Word(buffer, tokens, at - 1) is "del" or "do" or "de" or "of")
            || (at >= 3 && (tokens[at - 3].Tags & WordTag.Nights) != 0 && Word(buffer, tokens, at - 2) is "of" && Word(buffer, tokens, at - 1) is "the");
        var just = false;
        for (var k = Math.Max(0, at - 4); k < at; k++)
        {
            just |= Word(buffer, tokens, k) is "just" or "only" or "solo" or "so" or "apenas" or "unicamente";
        }

        return night || just ? tokens[at].Value : null;
    }

    /// <summary>
    /// Weekdays named with a weekend already placed ("the last weekend in January, Friday to Monday", "sábado a domingo")
    /// are days of that weekend: Thursday is the day before its Friday, Monday the day after its Sunday.
    /// </summary>
    private static void WeekdaysOfTheWeekend(ReadOnlySpan<char> buffer, Span<Token> tokens, int weekendAt, DateOnly friday, ref DateOnly? checkIn, ref DateOnly? checkOut)
    {
        Span<int> days = stackalloc int[2];
        var found = 0;
        for (var i = 0; i < tokens.Length && found < 2; i++)
        {
            if ((tokens[i].Tags & WordTag.Weekday) != 0 && !tokens[i].Covered && !tokens[i].Used && i != weekendAt)
            {
                days[found++] = DaysFromFriday(tokens[i].Value);
                tokens[i].Used = true;
            }
        }

        if (found == 2 && days[1] > days[0])
        {
            checkIn = friday.AddDays(days[0]);
            checkOut = friday.AddDays(days[1]);
        }
    }

    private static DateOnly? WeekendOfDay(ReadOnlySpan<char> buffer, Span<Token> tokens, int weekendAt, DateOnly reference)
    {
        var at = -1;
        var numbers = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (IsDayNumber(tokens[i]) && !tokens[i].Used && tokens[i].Value is >= 1 and <= 31 && !(tokens[i].Kind == TokenKind.Word && tokens[i].Value == 1))
            {
                numbers++; // not "una doble", an article
                at = i > weekendAt && i <= weekendAt + 4 && at < 0 ? i : at;
            }
        }

        if (numbers != 1 || at < 0)
        {
            return null;
        }

        var day = tokens[at].Value;
        var month = MonthAfter(buffer, tokens, at + 1);
        month = month == 0 && (tokens[at - 1].Tags & WordTag.Month) != 0 ? tokens[at - 1].Value : month;
        DateOnly? date = null;
        if (month != 0)
        {
            for (var year = reference.Year; year <= reference.Year + 1 && date is null; year++)
            {
                if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) is var candidate && candidate >= reference)
                {
                    date = candidate;
                }
            }
        }
        else
        {
            date = NearestDay(day, reference, reference);
        }

        if (date is not { } d)
        {
            return null;
        }

        tokens[at].Used = true;
        return d.DayOfWeek switch
        {
            DayOfWeek.Saturday => d.AddDays(-1),
            DayOfWeek.Sunday => d.AddDays(-2),
            _ => d.AddDays(((int)DayOfWeek.Friday - (int)d.DayOfWeek + 7) % 7),
        };
    }

    /// <summary>"a week on Friday", "a week from Saturday" (British): the weekday a week later, not a stay of a week.</summary>
    internal static bool WeekOnAWeekday(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int week) =>
        week + 2 < tokens.Length && Is(buffer, tokens, week, "week") && (Is(buffer, tokens, week + 1, "on") || Is(buffer, tokens, week + 1, "from"))
        && (tokens[week + 2].Tags & WordTag.Weekday) != 0 && !(week >= 2 && Is(buffer, tokens, week - 2, "for")); // not "for a week from Saturday"

    private static bool HasRelativeDay(ReadOnlySpan<Token> tokens)
    {
        foreach (ref readonly var t in tokens)
        {
            if ((t.Tags & WordTag.RelDay) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the weekday at <paramref name="i"/> is joined to an earlier one by "and", over the articles and night words
    /// between them: "viernes y sábado", "Friday and Saturday", "la noche del viernes y la del sábado", "a sexta e o sábado".
    /// </summary>
    private static bool JoinedByAnd(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        for (var k = i - 1; k >= 0 && k >= i - 4; k--)
        {
            var tags = tokens[k].Tags;
            if ((tags & WordTag.And) != 0)
            {
                return (tags & WordTag.RangeSep) == 0;
            }

            if ((tags & WordTag.DatePrep) == 0 && Word(buffer, tokens, k) is not ("el" or "la" or "los" or "las" or "the" or "o" or "a" or "os" or "as" or "on"
                or "noche" or "noches" or "night" or "nights" or "noite" or "noites"))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether "la noche del viernes" at <paramref name="i"/> names the first of nights listed by weekday ("… y la del sábado").</summary>
    private static bool JoinedWeekdayAfter(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        if (i + 2 >= tokens.Length || (tokens[i + 2].Tags & WordTag.Weekday) == 0)
        {
            return false;
        }

        for (var k = i + 3; k < tokens.Length && k <= i + 7; k++)
        {
            if ((tokens[k].Tags & WordTag.Weekday) != 0)
            {
                return JoinedByAnd(buffer, tokens, k);
            }
        }

        return false;
    }

    private static bool HasDatedDay(ReadOnlySpan<Token> tokens)
    {
        for (var i = 0; i + 1 < tokens.Length; i++)
        {
            if (tokens[i].Kind == TokenKind.Number && ((tokens[i + 1].Tags & WordTag.Month) != 0 || (i + 2 < tokens.Length && (tokens[i + 2].Tags & WordTag.Month) != 0)))
            {
                return true;
            }
        }

        return false;
    }

    // Numbers that date the stay: "el 4", "4 de mayo", "del 4 al 6", "24/12"; not "2 adults" or "2 separate beds".
    private static bool HasDayNumbers(ReadOnlySpan<Token> tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (DayNumberAt(tokens, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DayNumberAt(ReadOnlySpan<Token> tokens, int i)
    {
        ref readonly var t = ref tokens[i];
        if (t.Kind == TokenKind.Compound && !t.Used)
        {
            return true;
        }

        // Days in words count where days are said: "from the second to the fifth of April".
        var inWords = t.Kind == TokenKind.Word && (t.Tags & WordTag.Number) != 0 && (t.Tags & WordTag.NumberA) == 0;
        if ((t.Kind != TokenKind.Number && !inWords) || t.Used || t.Value is < 1 or > 31)
        {
            return false;
        }

        var head = i - 1;
        while (head > 0 && tokens[head].Covered)
        {
            head--; // "a partir del 23": the tags of the phrase sit on its first word.
        }

        var before = head >= 0 ? tokens[head].Tags : WordTag.None;
        var after = i + 1 < tokens.Length ? tokens[i + 1].Tags : WordTag.None;
        var monthAfter = i + 2 < tokens.Length && (tokens[i + 2].Tags & WordTag.Month) != 0 && tokens[i + 1].Kind == TokenKind.Word && tokens[i + 1].Length <= 2; // "23 de diciembre"
        return (t.Ordinal && !inWords) || monthAfter || (before & (WordTag.DatePrep | WordTag.RangeSep | WordTag.Month | WordTag.Weekday)) != 0 || (after & (WordTag.Month | WordTag.RangeSep)) != 0;
    }

    // A day, a weekday, a month or a day relative to today.
    private static bool DateAt(ReadOnlySpan<Token> tokens, int i) =>
        ((tokens[i].Tags & (WordTag.Month | WordTag.Weekday | WordTag.RelDay)) != 0 && (tokens[i].Tags & WordTag.NotDate) == 0) || DayNumberAt(tokens, i);

    /// <summary>
    /// Where the new dates of a booking being moved start: after the booking's own dates, a word that moves them with
    /// dates after it ("la tengo para el 3 de diciembre y necesito que sea para el 5", "my booking is for the 10th, can
    /// you move it to the 14th?", "era dia 10, agora vai ser dia 11", "we're booked 5th-7th Dec, want to stay till the
    /// 9th now"). -1 when the message does not move a booking's dates.
    /// </summary>
    private static int MovedStayPivot(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        // "preciso de alterar a reserva HA-…: estava de 11 a 13": the first word of a booking followed by its dates.
        var dated = -1;
        for (var booked = 0; booked < tokens.Length && dated < 0; booked++)
        {
            if (SpeaksOfTheBooking(Word(buffer, tokens, booked)))
            {
                dated = BookedDates(buffer, tokens, booked);
            }
        }

        for (var p = dated + 1; dated >= 0 && p + 1 < tokens.Length; p++)
        {
            // A new departure after the booking's whole range ("del 28 al 30 … hasta el 31"), not the end of one range
            // ("una reserva del 28 hasta el 31"); "from 12/4-12/6 to 12/11-12/13", "del 12-14 de diciembre al 19-21": a
            // whole range to another.
            var pivot = (tokens[p].Tags & WordTag.Until) != 0 ? RangeBetween(tokens, dated, p)
                : (tokens[p].Tags & WordTag.RangeSep) != 0 ? RangeBetween(tokens, dated, p) && RangeBetween(tokens, p + 1, tokens.Length)
                : MovesTheDates(Word(buffer, tokens, p));
            if (pivot && HasDate(tokens, p + 1))
            {
                return p;
            }
        }

        return -1;
    }

    /// <summary>
    /// Where the dates a guest puts right in the same message start: after "no, perdón", "wait no", "sorry, I mean",
    /// "não, desculpe", "digo", "mejor dicho", "quer dizer", "ou melhor", "scratch that", with dates before and after.
    /// -1 when the message corrects no dates of its own.
    /// </summary>
    private static int CorrectedDates(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        for (var i = 1; i + 1 < tokens.Length; i++)
        {
            var w = Word(buffer, tokens, i);
            var before = Word(buffer, tokens, i - 1);
            var next = Word(buffer, tokens, i + 1);
            var marker = w is "perdon" or "perdona" or "perdone" or "desculpe" or "desculpa" or "sorry" or "wait" or "espera" or "pera"
                    && (before is "no" or "nao" || next is "no" or "nao")
                || (w is "mean" or "meant" && before is "i")
                || (w is "digo" or "corrijo" or "correction" or "alias")
                || (w is "dicho" && before is "mejor") || (w is "dizer" && before is "quer") || (w is "melhor" && before is "ou")
                || (w is "decir" && before is "quiero" or "quise") || (w is "that" && before is "scratch" or "make")
                || (w is "on" && before is "hang")
                || (w is "no" or "nao" && tokens[i].AfterPunctuation && tokens[i + 1].AfterPunctuation && tokens[i - 1].Kind == TokenKind.Number && DateRightAfter(buffer, tokens, i + 1)) // "salida el 15... no, el 16", not "el 5, no el viernes"
                || (w is "sorry" or "perdon" or "perdona" or "desculpa" or "desculpe" or "actually" && DateRightAfter(buffer, tokens, i + 1));
            if (!marker)
            {
                continue;
            }

            // The dates start after the marker and its "no", "i mean".
            var after = next is "no" or "nao" || (next is "i" && i + 2 < tokens.Length && Word(buffer, tokens, i + 2) is "mean" or "meant") ? i + (next is "i" ? 3 : 2) : i + 1;
            if (HasDate(tokens[..i], 0) && after < tokens.Length && HasDate(tokens, after))
            {
                return after;
            }
        }

        return -1;
    }

    /// <summary>Whether a date starts at <paramref name="i"/>, after an article at most: "sorry, the 9th", "perdón, el 10".</summary>
    private static bool DateRightAfter(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        if (i < tokens.Length && Word(buffer, tokens, i) is "the" or "el" or "o" or "dia" or "day")
        {
            i++;
        }

        return i < tokens.Length && !tokens[i].Used && (DateAt(tokens, i) || (tokens[i].Kind == TokenKind.Number && tokens[i].Value is >= 1 and <= 31 && !IsCountAt(tokens, i)));
    }

    private static bool IsCountAt(ReadOnlySpan<Token> tokens, int i) =>
        i + 1 < tokens.Length && (tokens[i + 1].Tags & (WordTag.Nights | WordTag.Adults | WordTag.Children | WordTag.People)) != 0;

    /// <summary>
    /// Where dates the guest says were the booking's come after the new ones ("Can I change the arrival to 23rd December?
    /// Originally booked for the 21st"): the words from there on date nothing asked for. -1 when there are none.
    /// </summary>
    private static int OriginalDates(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        for (var i = 1; i < tokens.Length; i++)
        {
            if (Word(buffer, tokens, i) is "originally" or "originalmente" or "inicialmente" or "initially" && HasDate(tokens[..i], 0)
                && BookedDates(buffer, tokens, i) > 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool SpeaksOfTheBooking(ReadOnlySpan<char> word) =>
        word is "reserva" or "reservas" or "reservacion" or "reservation" or "booking" or "booked" or "reserve" or "reservei" or "reservamos" or "reservado"
            or "reservada" or "reservaste" or "era" or "was" or "estaba" or "estava" or "tenia" or "teniamos" or "tinha" or "tinhamos" or "had" or "currently"
            or "llegaba" or "chegava" or "ibamos" or "iamos";

    // The booking's own dates follow it with only small words between ("la reserva HA-… para el 4", "was for December
    // 8", "we're booked 5th-7th", "era dia 10"); not "tenho a reserva, só chegamos dia 30", already the new arrival.
    private static int BookedDates(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int cue)
    {
        // "reservé hace una semana una doble del 20 al 23": a few other words may come between, not a new sentence.
        var other = 0;
        for (var i = cue + 1; i < tokens.Length; i++)
        {
            if (DateAt(tokens, i))
            {
                return i;
            }

            var w = Word(buffer, tokens, i);
            if ((other > 0 && tokens[i].AfterPunctuation) || w is "vez" or "lugar" or "instead" or "inves" or "rather")
            {
                return -1; // not "confirma a reserva pra mim: quarto twin, 20/02 a 24/02", nor "en lugar del 20 al 23": no booking's dates.
            }

            if (!LeadsToTheDates(w) && !SpeaksOfTheBooking(w) && tokens[i].Room < 0 && !IsRoomNoun(w) && (++other > 3 || tokens[i].AfterPunctuation || MovesTheDates(w)))
            {
                return -1;
            }
        }

        return -1;
    }

    private static bool LeadsToTheDates(ReadOnlySpan<char> word) =>
        word is "para" or "pra" or "pro" or "el" or "la" or "lo" or "los" or "las" or "del" or "de" or "do" or "da" or "dia" or "dias" or "for" or "the" or "is"
            or "was" or "from" or "on" or "a" or "o" or "os" or "as" or "e" or "es" or "era" or "esta" or "tengo" or "tenemos" or "tenho" or "temos" or "al"
            or "en" or "em" or "no" or "na" or "in" or "we" or "re" or "are" or "were" or "it" or "its" or "s" or "um" or "una" or "un" or "uma" or "mi"
            or "minha" or "my" or "our" or "nuestra" or "nossa";

    private static bool MovesTheDates(ReadOnlySpan<char> word) =>
        word is "pasar" or "pasarla" or "pasarlo" or "cambiar" or "cambiarla" or "cambiarlo" or "mover" or "moverla" or "moverlo" or "correr" or "correrla"
            or "adelantar" or "adelantarla" or "atrasar" or "atrasarla" or "posponer" or "postergar" or "passar" or "mudar" or "alterar" or "trocar" or "adiar"
            or "antecipar" or "passa" or "pasa" or "move" or "change" or "switch" or "push" or "bring" or "shift" or "ahora" or "agora" or "now" or "sea" or "seja"
            or "necesito" or "necesitamos" or "quiero" or "queremos" or "quisiera" or "queria" or "preciso" or "precisamos" or "quero" or "want" or "need"
            or "prefer" or "prefiero" or "prefiro" or "mejor" or "better" or "rather" or "realidad" or "realmente" or "actually" or "necesitariamos" or "necesitaria"
            or "precisariamos" or "precisaria" or "gustaria" or "would";

    private static bool RangeBetween(ReadOnlySpan<Token> tokens, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if ((tokens[i].Tags & WordTag.RangeSep) != 0 || tokens[i].Kind == TokenKind.Compound)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasDate(ReadOnlySpan<Token> tokens, int from)
    {
        for (var i = from; i < tokens.Length; i++)
        {
            if (DateAt(tokens, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Is(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i, string word) =>
        i >= 0 && i < tokens.Length && tokens[i].Kind == TokenKind.Word && buffer.Slice(tokens[i].Start, tokens[i].Length).SequenceEqual(word);

    /// <summary>
    /// A name given as an answer to "your full name and email?": the part of the message, between commas, dashes,
    /// slashes or line breaks, that is one to six words of letters once cue words are dropped ("Ana Lee,
    /// ana.lee@mail.com", "Jean-Luc Martin - jl@free.fr", "a nombre de Maria das Graças Souza / maria@uol.com.br").
    /// </summary>
    private static string? NameByShape(string text, ReadOnlySpan<Range> masks, ReadOnlySpan<Token> tokens, ReadOnlySpan<char> buffer)
    {
        if ((text.Contains('?') || text.Contains('¿')) && masks.Length == 0)
        {
            return null; // a question is not an answer, unless it comes with an email ("Name's Tyler Brooks, email ... Do you take Amex?").
        }

        Span<char> cleaned = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        text.AsSpan().CopyTo(cleaned);
        foreach (var mask in masks)
        {
            var (offset, length) = mask.GetOffsetAndLength(text.Length);
            cleaned.Slice(offset, length).Fill('/');
        }

        for (var i = 0; i < cleaned.Length; i++)
        {
            if (cleaned[i] is '—' or '·' or '•' || char.IsSurrogate(cleaned[i]) || char.IsSymbol(cleaned[i]))
            {
                cleaned[i] = '/'; // "Fernanda Ruiz 📧 fer@gmail.com", "Aline Moreira — aline@gmail.com": a separator.
            }
        }

        var rest = (ReadOnlySpan<char>)cleaned;
        string? best = null;
        var bestScore = 0;
        var cueBefore = false;
        while (!rest.IsEmpty)
        {
            var cut = rest.IndexOfAny(",;/|\n()<>:!?¡¿");
            var stop = rest.IndexOf(". ", StringComparison.Ordinal);
            while (stop >= 1 && ((char.IsUpper(rest[stop - 1]) && (stop == 1 || rest[stop - 2] == ' ')) || NamePartAbbreviation(rest[..stop])))
            {
                // "Robert J. Whitaker": an initial, not the end of a sentence; nor "St." in "Keisha St. John".
                var next = rest[(stop + 2)..].IndexOf(". ", StringComparison.Ordinal);
                stop = next < 0 ? -1 : stop + 2 + next;
            }

            if (stop >= 0 && (cut < 0 || stop < cut))
            {
                cut = stop;
            }

            var dash = rest.IndexOf(" - ", StringComparison.Ordinal);
            var enDash = rest.IndexOf(" – ", StringComparison.Ordinal);
            foreach (var d in (ReadOnlySpan<int>)[dash, enDash])
            {
                if (d >= 0 && (cut < 0 || d < cut))
                {
                    cut = d;
                }
            }

            var part = (cut < 0 ? rest : rest[..cut]).Trim(" .!¡?¿\t\r-–\"'");
            rest = cut < 0 ? default : rest[(cut + 1)..];
            if (part.IsEmpty)
            {
                continue;
            }

            var stripped = StripNameCues(part);
            var name = TrimLowerTail(TrimTrailingJoiner(CutContactCue(stripped)));
            var namedBefore = cueBefore;
            cueBefore = false;
            if (!LooksLikeName(name, out var words, out var capitalised) || (capitalised == 0 && words == 1))
            {
                // "booking under my name please, Margaret Thistlethwaite": the cue said alone names the part after it.
                cueBefore = part.Contains("under", StringComparison.OrdinalIgnoreCase) || part.Contains(" name", StringComparison.OrdinalIgnoreCase)
                    || part.Contains("nombre", StringComparison.OrdinalIgnoreCase) || part.Contains("nome", StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                // A single word in lower case ("blz", "cool") is a reply, not a full name.
                // The part that looks most like a full name wins: one the guest says the booking goes under ("Thomas and
                // Emma Fletcher - put it under Thomas Fletcher"), then capitalised words, then more words ("lovely. Ana Lee").
                var said = part[..(part.Length - stripped.Length)];
                var named = namedBefore || said.Contains("under", StringComparison.OrdinalIgnoreCase) || said.Contains("nombre", StringComparison.OrdinalIgnoreCase)
                    || said.Contains("nome", StringComparison.OrdinalIgnoreCase) || said.Contains("name", StringComparison.OrdinalIgnoreCase);
                var score = (capitalised * 4) + Math.Min(words, 4) + (words >= 2 ? 2 : 0) + (named && capitalised > 0 ? 40 : 0);
                if (score > bestScore)
                {
                    var lower = capitalised == 0;
                    best = lower ? TitleCase(name) : name.ToString();
                    bestScore = score;
                }
            }
        }

        return best;
    }

    /// <summary>"St." and "Ste." of a surname ("St. John", "Ste. Marie"), "Jr." and "Sr." after one: part of the name.</summary>
    private static bool NamePartAbbreviation(ReadOnlySpan<char> before)
    {
        var space = before.LastIndexOf(' ');
        var word = before[(space + 1)..];
        return space > 0 && (IsSaint(word) || word is "Jr" or "Sr");
    }

    /// <summary>
    /// "Lautaro Ferreyra es el titular": a name written with capitals ends at its last capitalised word; the words in
    /// lower case after it say something else.
    /// </summary>
    private static ReadOnlySpan<char> TrimLowerTail(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !char.IsUpper(name[0]))
        {
            return name;
        }

        var end = name.Length;
        var capitals = 0;
        var start = 0;
        while (start < name.Length)
        {
            var space = name[start..].IndexOf(' ');
            var wordEnd = space < 0 ? name.Length : start + space;
            if (wordEnd > start && char.IsUpper(name[start]))
            {
                end = wordEnd;
                capitals++;
            }

            start = wordEnd + 1;
        }

        // A full name keeps two capitalised words at least; "Volta pra 3 noites" is a sentence, left whole to be refused.
        return capitals >= 2 ? name[..end].TrimEnd() : name;
    }

    private static readonly HashSet<string> NotNameWords = new(StringComparer.Ordinal)
    {
        "sorry", "typo", "oops", "apologies", "mistake", "wrong", "correction", "corrected", "meant", "perdon", "perdona", "perdone", "disculpa",
        "disculpe", "disculpas", "error", "errata", "email", "mail", "correo", "nome", "name", "nombre", "telefone", "phone", "telefono", "contacto", "contato", "contact", "cel", "celular", "movil", "mobile", "cell", "whatsapp", "whats", "tel", "telemovel", "equivoque", "equivocado", "equivocada", "ups", "desculpa", "desculpe", "erro", "errei", "errado", "errada", "ops",
        "hi", "hiya", "heya", "howdy", "hello", "hey", "hola", "oi", "ola", "buenas", "buenos", "bom", "boa", "good", "morning", "thanks", "gracias", "obrigado", "obrigada",
        "codigo", "code", "localizador", "referencia", "reference", "ref", "booking", "reservation", "reserva", "res", "folio", "confirmation", "confirmacion", "confirmacao", "cheers",
        "manda", "mande", "mandame", "envia", "envie", "enviame", "send", "regards", "saludos", "abrazos", "cumprimentos", "atentamente", "buen", "deixo", "entao", "seja", "mil", "moco", "gente", "cancel", "cancelar", "cancela", "anular",
        "i", "can", "could", "would", "may", "will", "puedo", "podria", "posso", "poderia",
        "ai", "ay", "uy", "uf", "oh", "ah", "eh", "uh", "um", "umm", "hm", "hmm", "mmm", "ugh", "opa", "epa", "vaya", "ok", "okay", "okey", "oye", "listo", "it", "its", "no", "nao", "nope", "nah", "si", "sim", "yes", "yeah", "dejalo", "dejala", "deja", "deixa", "nada", "nothing", "bueno", "pues", "well", "correto", "correta", "correcto", "correcta", "correct", "certo", "bien", "apellido", "apellidos", "sobrenome", "apelido", "surname",
    };

    private static readonly string[] NameCues =
    [
        "los datos son ", "mis datos son ", "mis datos ", "los datos ", "datos ", "my details are ", "my details ", "details ", "os dados sao ", "os dados são ", "meus dados sao ", "meus dados são ", "dados ",
        "a nombre de ", "en nombre de ", "nombre completo ", "mi nombre es ", "me llamo ", "nombre ", "soy ", "es ",
        "the booking's for ", "the bookings for ", "the booking is for ", "booking's for ", "booking is for ", "the booking name is ", "booking name is ", "booking name ",
        "the reservation is for ", "reservation name ", "in the name of ", "la reserva a nombre de ", "la reserva es a nombre de ", "a reserva em nome de ", "a reserva é em nome de ",
        "booking for ", "the booking for ", "reservation for ", "reserva para ", "reserva pra ", "book it for ", "book it in for ", "put it in for ", "my name is ", "my names ", "my name's ", "name's ", "names ", "it'll be under ", "itll be under ", "it will be under ", "put it under ", "book it under ", "ponga mi nombre completo ", "mi nombre completo ", "pon mi nombre completo ", "it's under ", "its under ", "under the name of ", "under the name ", "under ", "name is ", "name ", "it's ", "its ", "it is ", "i'm ", "im ", "i am ", "this is ", "full name ",
        "em nome de ", "no nome de ", "meu nome é ", "meu nome e ", "me chamo ", "nome completo ", "nome ", "sou ", "é ", "e ",
        "please ", "pls ", "por favor ", "porfa ", "por favor, ",
        "sí ", "si ", "yes ", "sim ", "ok ", "claro ", "sure ", "dale ", "vale ", "a ", "o ", "la ", "the name is ", "el nombre es ", "o nome é ", "o nome e ", "reserva a nombre de ", "pon ", "ponla a nombre de ", "ponela a nombre de ",
    ];

    private static readonly string[] ContactWords = ["correo", "mail", "email", "e-mail", "emilio", "imeil"];

    private static readonly string[] ContactJoiners = ["y", "e", "and", "el", "mi", "my", "o", "meu", "su", "the", "plus", "con", "com", "with"];

    /// <summary>
    /// Drops the words that announce the email after a name: "Andrés Vidal Roca y el correo …", "Ricardo Fuentes y mi
    /// mail es …", "Ana Lee and my email is …".
    /// </summary>
    private static ReadOnlySpan<char> CutContactCue(ReadOnlySpan<char> part)
    {
        var start = 0;
        var previousEnds = new List<(int Start, int End)>(8);
        while (start < part.Length)
        {
            var space = part[start..].IndexOf(' ');
            var end = space < 0 ? part.Length : start + space;
            var word = part[start..end];
            foreach (var contact in ContactWords)
            {
                if (word.Equals(contact, StringComparison.OrdinalIgnoreCase) && previousEnds.Count > 0)
                {
                    var keep = previousEnds.Count;
                    while (keep > 1 && IsJoiner(part[previousEnds[keep - 1].Start..previousEnds[keep - 1].End]))
                    {
                        keep--;
                    }

                    // "Mi correo es …": only the words that announce the email, no name before them.
                    return keep == 1 && IsJoiner(part[previousEnds[0].Start..previousEnds[0].End]) ? default : part[..previousEnds[keep - 1].End].TrimEnd();
                }
            }

            previousEnds.Add((start, end));
            start = end + 1;
        }

        return part;

        static bool IsJoiner(ReadOnlySpan<char> word)
        {
            foreach (var joiner in ContactJoiners)
            {
                if (word.Equals(joiner, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }

    // "Pablo Ortega Ruiz y pablo.ortega@…" (the email masked): the joiner before the email is not part of the name.
    private static ReadOnlySpan<char> TrimTrailingJoiner(ReadOnlySpan<char> name)
    {
        var space = name.LastIndexOf(' ');
        if (space > 0 && name[(space + 1)..] is "please" or "pls" or "plz" or "thanks" or "porfa" or "porfavor" or "gracias" or "obrigado" or "obrigada" or "pf")
        {
            name = name[..space].TrimEnd(); // "put it under Thomas Fletcher please".
            space = name.LastIndexOf(' ');
        }

        if (name.EndsWith(" por favor", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^" por favor".Length].TrimEnd();
            space = name.LastIndexOf(' ');
        }

        return space > 0 && name[(space + 1)..] is "y" or "e" or "and" or "Y" or "E" ? name[..space].TrimEnd() : name;
    }

    private static readonly string[] InnerNameCues = [" under the name of ", " under the name ", " under ", " in the name of ", " a nombre de ", " em nome de ", " no nome de ", " nombre de ", " nome de ", " name of ", " nombre es ", " name is ", " nome é "];

    private static ReadOnlySpan<char> StripNameCues(ReadOnlySpan<char> part)
    {
        // "Book the suite please under Rebecca Ashworth", "resérvala a nombre de Ana Gil": the name follows the cue.
        foreach (var cue in InnerNameCues)
        {
            var at = part.LastIndexOf(cue, StringComparison.OrdinalIgnoreCase);
            if (at > 0)
            {
                part = part[(at + cue.Length)..].TrimStart();
                break;
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var cue in NameCues)
            {
                if (part.StartsWith(cue, StringComparison.OrdinalIgnoreCase))
                {
                    part = part[cue.Length..].TrimStart();
                    changed = true;
                }
            }
        }

        return part;
    }

    private static bool LooksLikeName(ReadOnlySpan<char> part, out int words, out int capitalised)
    {
        words = 0;
        capitalised = 0;
        if (part.Length is < 2 or > 80)
        {
            return false;
        }

        var inWord = false;
        Span<char> folded = stackalloc char[part.Length];
        var n = 0;
        foreach (var c in part)
        {
            if (c == ' ')
            {
                inWord = false;
                folded[n++] = ' ';
                continue;
            }

            if (!char.IsLetter(c) && c is not '\'' and not '-' and not '.' and not '’')
            {
                return false;
            }

            if (!inWord)
            {
                words++;
                capitalised += char.IsUpper(c) ? 1 : 0;
                inWord = true;
            }

            var f = TextNormalizer.Fold(c);
            folded[n++] = f is TextNormalizer.Separator or TextNormalizer.Skip ? ' ' : f;
        }

        if (words is < 1 or > 6)
        {
            return false;
        }

        // Words that carry a request ("gracias", "confirm", "desayuno") are not a name unless written as one.
        foreach (var range in folded[..n].Split(' '))
        {
            var word = folded[..n][range];
            if (word.IsEmpty)
            {
                continue;
            }

            // "Marta Soler i Puig": the Catalan "i" between capitalised words is a particle, not the English "I".
            var inner = range.Start.Value > 0 && range.End.Value < n && capitalised >= 2 && IsNameParticle(part[range]);
            if (!inner && NotNameWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word))
            {
                return false; // "sorry typo, the email's ...": an apology around a correction, not a name.
            }

            if (range.Start.Value == 0 && capitalised == 1 && words >= 2 && char.IsUpper(part[0]) && Lexicon.Lookup.ContainsKey(word))
            {
                return false; // "Necesito moverla", "Quiero cambiarla": a sentence starting with a capital, not a name.
            }

            var particle = IsNameParticle(word);
            if (!particle && Lexicon.Lookup.TryGetValue(word, out var id) && (Lexicon.Entry(id).Weights.Length > 0 || (Lexicon.Entry(id).Tags & (WordTag.Number | WordTag.Month | WordTag.Weekday | WordTag.RelDay | WordTag.Nights | WordTag.People)) != 0)
                && capitalised < words)
            {
                return false;
            }

            // Function words ("tienen", "the", "minha") are not names, written in lower case; particles are ("de", "da", "van").
            if (capitalised == 0 && !particle && Lexicon.Lookup.TryGetValue(word, out var stop) && (Lexicon.Entry(stop).Tags & WordTag.Stop) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A code in the PMS's declared format; any code-shaped token when the dialogue asked for one.</summary>
    private static string? FindFormattedCode(string text, ReadOnlySpan<Token> tokens, BookingCodeFormat format, bool expected)
    {

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inCode = i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || (text[i] == '-' && start >= 0));
            if (inCode)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start < 0)
            {
                continue;
            }

            var candidate = text.AsSpan(start, i - start).TrimEnd('-');
            var begin = start;
            start = -1;
            if ((begin > 0 && (char.IsLetter(text[begin - 1]) || text[begin - 1] == '@')) || (i < text.Length && text[i] is '@' or '.' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])))
            {
                continue;
            }

            var digits = 0;
            var upper = 0;
            var letters = 0;
            foreach (var c in candidate)
            {
                digits += char.IsAsciiDigit(c) ? 1 : 0;
                upper += char.IsAsciiLetterUpper(c) ? 1 : 0;
                letters += char.IsAsciiLetter(c) ? 1 : 0;
            }

            // A word of the language is not a code unless it is written as one (in capitals) or the agent asked for a code;
            // with no declared format, a code also needs a cue before it ("reserva BK-20931", "ref 48213977").
            // Not a word in capitals ("CANCELAR A RESERVA BK-20931"): the lexicon knows it.
            var written = (digits > 0 && letters > 0) || (letters > 0 && upper == letters && letters >= 5 && digits == 0 && !IsVocabulary(candidate))
                || (letters == 0 && digits >= 5 && !candidate.Contains('-'));

            // The format's expression last: most words of a message are neither written as codes nor asked for.
            if ((!expected && !written) || !format.IsMatch(candidate))
            {
                continue;
            }

            var accepted = expected
                ? (letters + digits >= 4 && !IsVocabulary(candidate)) || written
                : !format.IsAny || CodeCueBefore(text, begin);
            if (accepted)
            {
                return candidate.ToString().ToUpperInvariant();
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a code is named right before: "reserva BK-20931", "ref 48213977", "el localizador es BK-55102", "the code's
    /// NESQDTATR", "O código é NESQDTATR", "res # 48213977", "please cancel 48213977".
    /// </summary>
    private static bool CodeCueBefore(string text, int begin)
    {
        var before = text.AsSpan(0, begin);
        for (var skipped = 0; skipped <= 3; skipped++)
        {
            before = before.TrimEnd(" :#.-º°=,".AsSpan());
            var space = before.LastIndexOfAny(' ', ',', '(');
            var word = (space < 0 ? before : before[(space + 1)..]).ToString().ToLowerInvariant();
            if (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal))
            {
                word = word[..^2]; // "the code's NESQDTATR"
            }

            if (IsCodeCue(word))
            {
                return true;
            }

            if (word is not ("es" or "is" or "é" or "e" or "era" or "was" or "the" or "el" or "la" or "o" or "a" or "my" or "mi" or "meu" or "minha" or "mío" or "our" or "nuestra" or "nossa" or "nº" or "no" or "n" or "nro" or "number" or "numero" or "número") || space < 0)
            {
                return false;
            }

            before = before[..space];
        }

        return false;
    }

    private static bool IsCodeCue(string word) =>
        word is "reserva" or "reservation" or "booking" or "code" or "codigo" or "código" or "ref" or "reference" or "referencia" or "referência"
            or "localizador" or "folio" or "confirmation" or "conf" or "confirmacion" or "confirmación" or "confirmação" or "reservación"
            or "reservacion" or "pedido" or "order" or "locator" or "res" or "cancel" or "cancelar" or "cancela" or "cancele" or "anular" or "anula" or "anule";

    private static bool IsVocabulary(ReadOnlySpan<char> word)
    {
        Span<char> folded = stackalloc char[word.Length];
        for (var i = 0; i < word.Length; i++)
        {
            folded[i] = char.ToLowerInvariant(word[i]);
        }

        return Lexicon.Lookup.ContainsKey(folded) || (word.Length > 0 && !char.IsAsciiDigit(word[0]) && word.IndexOfAnyInRange('0', '9') < 0 && !IsAllUpper(word));
    }

    private static bool IsAllUpper(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads the message as the answer the dialogue expects, when it is one.</summary>
    private static (int Intent, double Confidence)? Expected(ExpectedAnswer expecting, ReadOnlySpan<float> scores, NluEntities entities)
    {
        switch (expecting)
        {
            case ExpectedAnswer.Confirmation:
                {
                    // At a summary, "yes, go ahead and book it" is a yes and "no, mejor para 3" a no with a fix.
                    var yes = scores[IntentIds.Affirm] + (scores[IntentIds.MakeReservation] > 0 ? 1f : 0f);
                    var no = scores[IntentIds.Deny];
                    var question = BestTask(scores, exclude: IntentIds.MakeReservation);
                    if (no > 0 && no >= scores[IntentIds.Affirm])
                    {
                        return (IntentIds.Deny, 0.9);
                    }

                    if (scores[IntentIds.Affirm] > 0 && (question < 0 || scores[question] < yes + 1f || scores[question] < 3f))
                    {
                        return (IntentIds.Affirm, 0.9);
                    }

                    if (scores[IntentIds.MakeReservation] >= TaskBar && entities.IsEmpty && (question < 0 || scores[question] < scores[IntentIds.MakeReservation]))
                    {
                        return (IntentIds.Affirm, 0.8); // "book it", "resérvala".
                    }

                    return null;
                }

            case ExpectedAnswer.GuestDetails or ExpectedAnswer.Email or ExpectedAnswer.PartySize or ExpectedAnswer.Dates or ExpectedAnswer.RoomType or ExpectedAnswer.BookingCode:
                {
                    // A bare answer gives details; a real question asked instead is still that question.
                    var best = BestTask(scores, exclude: -1);
                    var answered = expecting switch
                    {
                        ExpectedAnswer.GuestDetails => entities.GuestName is not null || entities.Email is not null,
                        ExpectedAnswer.Email => entities.Email is not null,
                        ExpectedAnswer.PartySize => entities.Adults is not null || entities.Children is not null,
                        ExpectedAnswer.Dates => entities.CheckIn is not null || entities.CheckOut is not null || entities.Nights is not null,
                        ExpectedAnswer.RoomType => entities.RoomType is not null,
                        _ => entities.BookingCode is not null,
                    };
                    if (answered && (best < 0 || scores[best] < 3f))
                    {
                        return (IntentIds.Inform, 0.9);
                    }

                    return null;
                }

            default:
                return null;
        }
    }

    private static int BestTask(ReadOnlySpan<float> scores, int exclude)
    {
        var best = -1;
        for (var i = IntentIds.CheckAvailability; i < IntentIds.Count - 1; i++)
        {
            if (i != exclude && scores[i] > 0 && (best < 0 || scores[i] > scores[best]))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Other requests in the same message: each task intent other than the main one that scores on its own.</summary>
    private static IReadOnlyList<string> Additional(ReadOnlySpan<float> scores, int main, NluEntities entities)
    {
        List<string>? also = null;
        if (IsQuestion(main) && entities.CheckIn is not null && scores[IntentIds.CheckAvailability] < AlsoBar && scores[IntentIds.MakeReservation] < AlsoBar)
        {
            // "¿Tienen lugar del 3 al 5 de mayo para dos? ¿Y el desayuno?": dates beside a hotel question ask for a room.
            also = [Intents.CheckAvailability];
        }

        for (var i = IntentIds.CheckAvailability; i < IntentIds.Count - 1; i++)
        {
            // A question about the hotel asked beside another request counts from the task bar; other requests need more.
            // Hotel questions asked in sentences of their own are read from each sentence (WithEachQuestion); one asked in
            // the same sentence as the request needs as much as any other request.
            // "¿A qué hora es la entrada y la salida?", "check-in and check-out times": the two times asked together.
            var bothTimes = main is IntentIds.CheckInInfo or IntentIds.CheckOutInfo && i is IntentIds.CheckInInfo or IntentIds.CheckOutInfo && scores[i] >= TaskBar;
            if (i == main || (scores[i] < AlsoBar && !bothTimes))
            {
                continue;
            }

            // Booking words go together: availability, booking and price are one request.
            if (IsBookingRequest(i) && IsBookingRequest(main))
            {
                continue;
            }

            (also ??= []).Add(Intents.All[i]);
        }

        return also is null ? [] : also;
    }

    private static bool IsQuestion(int intent) => intent is IntentIds.HotelAmenities or IntentIds.CheckInInfo or IntentIds.CheckOutInfo
        or IntentIds.HotelLocation or IntentIds.CancellationPolicy or IntentIds.PaymentInfo;

    private static bool IsBookingRequest(int intent) => intent is IntentIds.CheckAvailability or IntentIds.MakeReservation or IntentIds.PricingInfo;

    /// <summary>
    /// How much the guest's own words say about the language: the margin of the best language's votes over the
    /// runner-up, grown with the number of words. A name, an email, a number or a date gives none.
    /// </summary>
    private static double LanguageEvidence(ReadOnlySpan<float> langs, LanguageSignals signals, ReadOnlySpan<Token> tokens, int count)
    {
        var es = langs[0] + signals.Es;
        var en = langs[1];
        var pt = langs[2] + signals.Pt;
        var best = Math.Max(es, Math.Max(en, pt));
        var second = es == best ? Math.Max(en, pt) : en == best ? Math.Max(es, pt) : Math.Max(es, en);
        var margin = best - second;
        if (margin <= 0)
        {
            return 0;
        }

        var words = 0;
        foreach (ref readonly var t in tokens)
        {
            words += t.Kind == TokenKind.Word && (t.Entry >= 0 || t.Covered) ? 1 : 0;
        }

        return Math.Round(Math.Min(1, margin / 3.0) * Math.Min(1, 0.4 + (0.15 * words)), 3);
    }

    /// <summary>
    /// Changes relative to an existing stay: "one more night" / "una noche menos", "move it one day later" / "correr
    /// la reserva dos días" / "adiar um dia", "one more person" / "somos uno más" / "un nene más". The words read are
    /// marked used so that they are not read again as a stay or a head count.
    /// </summary>
    private static void ExtractRelativeChanges(ReadOnlySpan<char> buffer, Span<Token> tokens, out int? shiftDays, out int? extraNights, out int? extraAdults, out int? extraChildren)
    {
        shiftDays = null;
        extraNights = null;
        extraAdults = null;
        extraChildren = null;
        var later = false;
        var earlier = false;
        var shiftVerb = false;
        var addVerb = false;
        var addAt = -1;
        var cancels = false;
        var shortens = false;

        // "we've decided to bring our daughter after all", "al final traemos al nene", "afinal levamos o miúdo": brought
        // along to what was planned (not "we're bringing our two grandkids", which is the party itself).
        var afterAll = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            var w = Word(buffer, tokens, i);
            var following = i + 1 < tokens.Length ? Word(buffer, tokens, i + 1) : default;
            afterAll |= (w is "after" && following is "all") || (w is "al" && following is "final") || w is "afinal";
            cancels |= w.StartsWith("cancel") || w.StartsWith("anul");
            shortens |= w is "shorten" or "cut" or "reduce" or "acortar" or "acortarla" or "recortar" or "reducir" or "encurtar" or "reduzir" or "diminuir"
                or "drop" or "remove" or "quitar" or "quitarle" or "quitamos" or "sacar" or "sacarle" or "tirar" or "tiramos" or "retirar" or "cortar";
            later |= w is "later" or "despues" or "depois" or "after" or "adiar" or "adiarmos" or "adie" or "atrasar" or "retrasar" or "retrasarla" or "postpone" or "delay" or "correr" or "corre" or "correrla" or "corran" or "corras"
                || (w is "tarde" && i > 0 && Word(buffer, tokens, i - 1) is "mas" or "mais") || (w is "back" && i > 0 && (Word(buffer, tokens, i - 1) is "push" || (i > 1 && Word(buffer, tokens, i - 2) is "push" && Word(buffer, tokens, i - 1) is "it" or "us" or "them")));
            earlier |= w is "earlier" or "antes" or "adelantar" or "adelantarla" or "adelanta" or "antecipar" or "before" || (w is "forward" && i > 0 && (Word(buffer, tokens, i - 1) is "bring" || (i > 1 && Word(buffer, tokens, i - 2) is "bring" && Word(buffer, tokens, i - 1) is "it" or "us" or "them")));
            shiftVerb |= w is "move" or "mover" or "moverla" or "shift" or "push" or "correr" or "corre" or "correrla" or "pasar" or "pasarla" or "mudar" or "adiar" or "atrasar" or "retrasar" or "adelantar" or "antecipar" or "postpone" or "delay" or "bring";
            addAt = addAt < 0 && IsAddVerb(w) ? i : addAt;
            addVerb |= IsAddVerb(w) || w is "extend" or "alargar" or "ampliar" or "prolongar" or "estender" or "extender" or "alargarla" or "ampliarla" or "extenderla" or "prolongarla" or "estende-la" or "prolongar";
        }

        // "my mother-in-law is joining us", "se suma mi cuñada", "vai também a minha irmã": one more person.
        var joins = false;
        Span<int> joinAt = stackalloc int[4];
        var joinCount = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var w = Word(buffer, tokens, i);
            var next = i + 1 < tokens.Length ? Word(buffer, tokens, i + 1) : default;
            var joinsHere = w is "join" or "joining" or "joins" or "suma" or "sumar" or "sumarse" or "une" or "unirse" or "apunta" or "junta" or "juntar" or "juntase"
                || (w is "coming" or "viene" or "vem" or "vai" or "va" or "vendra" or "come" or "comes" && next is "too" or "tambien" or "tambem" or "also" or "along")
                || (w is "too" or "tambien" or "tambem" && i > 0 && Word(buffer, tokens, i - 1) is "coming" or "viene" or "vem" or "vai")
                || (afterAll && w is "bring" or "bringing" or "traer" or "traemos" or "traigo" or "trazer" or "trazemos" or "levar" or "levamos" or "levo");
            if (joinsHere && joinCount < joinAt.Length)
            {
                joinAt[joinCount++] = i;
            }

            joins |= joinsHere;
        }

        if (joins)
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                // Only the companions said beside the verb join: "me and my husband, and my parents decided they're
                // coming too" adds the parents, not the husband.
                var near = false;
                foreach (var at in joinAt[..joinCount])
                {
                    near |= (i > at && i - at <= 5) || (i < at && at - i <= 8 && !CompanionBetween(buffer, tokens, i, at) && !ClauseBetween(buffer, tokens, i, at));
                }

                if (!near)
                {
                    continue;
                }

                var companion = PartyGrammar.Companion(Word(buffer, tokens, i), i + 1 < tokens.Length ? Word(buffer, tokens, i + 1) : default);
                if (companion == 1)
                {
                    extraAdults = (extraAdults ?? 0) + 1;
                    tokens[i].Used = true;
                }
                else if (companion == 2)
                {
                    extraChildren = (extraChildren ?? 0) + 1;
                    tokens[i].Used = true;
                }
            }
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            ref var t = ref tokens[i];
            var w = Word(buffer, tokens, i);
            var isNight = (t.Tags & WordTag.Nights) != 0 || w is "noche" or "noches" or "night" or "nights" or "noite" or "noites";
            var isDay = w is "day" or "days" or "dia" or "dias";
            var isWeek = w is "week" or "weeks" or "semana" or "semanas";
            var isPerson = (t.Tags & (WordTag.People | WordTag.Adults)) != 0;
            var isChild = (t.Tags & WordTag.Children) != 0;
            if (!isNight && !isDay && !isWeek && !isPerson && !isChild)
            {
                // "somos uno más", "one more", "mais um": a person, with nothing after.
                if ((t.Tags & WordTag.Number) != 0 && t.Value == 1 && i + 1 < tokens.Length && Word(buffer, tokens, i + 1) is "mas" or "more"
                    && (i + 2 >= tokens.Length || Word(buffer, tokens, i + 2) is not ("thing" or "question" or "cosa" or "pregunta" or "duda" or "coisa" or "pergunta" or "duvida" or "request"))
                    && (i + 2 >= tokens.Length || tokens[i + 2].AfterPunctuation || (tokens[i + 2].Tags & (WordTag.Nights | WordTag.Children)) == 0 && Word(buffer, tokens, i + 2) is not "day" and not "dia" and not "days" and not "dias"))
                {
                    extraAdults ??= 1;
                    t.Used = true;
                }
                else if (w is "mais" && i + 1 < tokens.Length && (tokens[i + 1].Tags & WordTag.Number) != 0 && tokens[i + 1].Value == 1
                         && (i + 2 >= tokens.Length || (tokens[i + 2].Tags & (WordTag.Nights | WordTag.Children)) == 0 && Word(buffer, tokens, i + 2) is not "dia" and not "dias"))
                {
                    extraAdults ??= 1;
                    tokens[i + 1].Used = true;
                }

                continue;
            }

            var count = 1;
            var countAt = -1;
            for (var k = i - 1; k >= 0 && k >= i - 2; k--)
            {
                if ((tokens[k].Tags & (WordTag.Number | WordTag.NumberA)) != 0 && tokens[k].Value is > 0 and < 31 && !tokens[k].Ordinal)
                {
                    count = tokens[k].Value;
                    countAt = k;
                    break;
                }

                if (Word(buffer, tokens, k) is not ("mas" or "more" or "mais" or "extra" or "additional" or "otra" or "another" or "outra"))
                {
                    break;
                }
            }

            var before = i > 0 ? Word(buffer, tokens, i - 1) : default;
            var after = i + 1 < tokens.Length ? Word(buffer, tokens, i + 1) : default;
            var before2 = i > 1 ? Word(buffer, tokens, i - 2) : default;
            // Not the Portuguese "mas" (but) of "para 2 pessoas mas agora vamos 4".
            var but = after is "mas" && i + 2 < tokens.Length && !tokens[i + 2].AfterPunctuation
                && Word(buffer, tokens, i + 2) is "agora" or "vamos" or "somos" or "seremos" or "e" or "o" or "a" or "os" or "as" or "eu" or "nao" or "ja" or "so" or "sim" or "afinal";
            var more = (after is "mas" && !but) || after is "more" || before is "more" or "mais" or "extra" or "additional" or "otra" or "another" or "outra" || before2 is "more" or "mais" or "extra" or "another";
            // "2 nights less", "una noche menos", "shorten our stay by 1 night", "acortar la estancia una noche".
            var less = after is "menos" or "less" || before is "less" or "fewer" || (after is "a" && i + 2 < tokens.Length && Word(buffer, tokens, i + 2) is "menos")
                || (shortens && countAt >= 0 && (countAt == 0 || Word(buffer, tokens, countAt - 1) is not ("to" or "a" or "para" or "pra" or "hasta" or "ate" or "down")));
            if (isNight && (more || less || (addVerb && countAt >= 0)))
            {
                extraNights = less ? -count : count;
            }
            else if ((isDay || (isWeek && shiftVerb)) && countAt >= 0 && (later || earlier) && (shiftVerb || !cancels))
            {
                // "push it back a week", "adiar uma semana": seven days for each week.
                count *= isWeek ? 7 : 1;
                // Not "if I cancel five days before", the notice given for a cancellation.
                shiftDays = earlier && !later ? -count : count;
            }
            else if ((isPerson || isChild) && (more || (addVerb && countAt > addAt && countAt - addAt <= 4 && !ClauseBetween(buffer, tokens, addAt, countAt)
                         && (countAt == 0 || (tokens[countAt - 1].Tags & WordTag.We) == 0))))
            {
                // Not "change it to 2 adults and 2 kids, I forgot to add the children" (the count before the verb) nor
                // "agregar una persona más, seríamos 3 adultos", "acrescentar mais uma pessoa … então fica 3 adultos" (the
                // new head count, in a clause of its own).
                if (isChild)
                {
                    extraChildren = count;
                }
                else
                {
                    extraAdults = count;
                }
            }
            else
            {
                continue;
            }

            t.Used = true;
            if (countAt >= 0)
            {
                tokens[countAt].Used = true;
            }
        }
    }

    private static bool IsAddVerb(ReadOnlySpan<char> w) => w is "add" or "agregar" or "agrega" or "agregame" or "agregale" or "anadir" or "anade" or "sumar" or "suma"
        or "acrescentar" or "acrescenta" or "adicionar" or "adiciona" or "incluir" or "inclui";

    /// <summary>
    /// Whether a new clause starts between a companion and the verb that says someone joins: "my sister can't babysit
    /// after all, so we're bringing our son" brings the son, not the sister.
    /// </summary>
    private static bool ClauseBetween(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int from, int to)
    {
        for (var k = from + 1; k <= to; k++)
        {
            if (Word(buffer, tokens, k) is "so" or "but" or "pero" or "asi" or "entonces" or "entao" or "then" or "because" or "porque")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether another companion is named between a companion and the verb that says someone joins.</summary>
    private static bool CompanionBetween(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int from, int to)
    {
        for (var k = from + 1; k < to; k++)
        {
            if (PartyGrammar.IsPartyWord(Word(buffer, tokens, k)))
            {
                return true;
            }
        }

        return false;
    }

    internal static ReadOnlySpan<char> Word(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i) =>
        tokens[i].Kind == TokenKind.Word ? buffer.Slice(tokens[i].Start, tokens[i].Length) : default;

    /// <summary>
    /// Words with two readings: "dez" is ten ("de dez a doze de março") unless a day comes before it ("10 dez"); a
    /// weekday beside a day and its month only describes that day ("el viernes y sábado 22 y 23 de enero").
    /// </summary>
    /// <summary>
    /// "acabo de hablar con mi madre", "I talked to my wife", "falei com a minha mulher": talking to a companion is not
    /// asking for a person at the hotel; and a companion asked or checked with ("lo consulto con mi mujer", "I need to
    /// check with my wife") is not brought along, so the word is marked used before the party is read.
    /// </summary>
    private static void DiscountTalkWithCompanion(ReadOnlySpan<char> buffer, Span<Token> tokens, Span<float> scores)
    {
        for (var i = 0; i + 1 < tokens.Length; i++)
        {
            var verb = Word(buffer, tokens, i);
            var talk = verb is "hablar" or "hable" or "hablado" or "hablamos" or "falar" or "falei" or "falado" or "falamos" or "talk" or "talked" or "speak" or "spoke" or "spoken";
            var consult = verb is "consult" or "check" or "ask" or "consulto" or "consultar" or "consultarlo" or "consultarla" or "consultalo" or "preguntar" or "preguntarle"
                or "pregunto" or "comentar" or "comentarlo" or "ver" or "perguntar" or "pergunto" or "combinar" or "confirmar" or "confirm";
            if (!talk && !consult)
            {
                continue;
            }

            var k = i + 1;
            var preposition = k < tokens.Length && Word(buffer, tokens, k) is "con" or "com" or "to" or "with" or "a" or "lo" or "le" or "la";
            if (talk && !preposition)
            {
                continue;
            }

            k += preposition ? 1 : 0;
            var start = k;
            while (k < tokens.Length && k <= start + 1 && Word(buffer, tokens, k) is "mi" or "mis" or "my" or "a" or "o" or "minha" or "meu" or "la" or "el" or "the" or "our" or "nuestra" or "nuestro")
            {
                k++;
            }

            if (k == start && !talk)
            {
                continue; // "check the dates", "confirmar la reserva": a possessive or article must lead to the person.
            }

            var companion = k < tokens.Length && (PartyGrammar.Companion(Word(buffer, tokens, k), k + 1 < tokens.Length ? Word(buffer, tokens, k + 1) : default) != 0
                || PartyGrammar.IsPartyWord(Word(buffer, tokens, k)));
            if (!companion)
            {
                continue;
            }

            if (talk)
            {
                scores[IntentIds.HumanHandoff] = Math.Max(0, scores[IntentIds.HumanHandoff] - 2f);
            }

            if (consult && (k == 0 || !IsAnyWord(buffer, tokens[k - 1], "our", "nuestra", "nuestro")))
            {
                // "I need to check with my wife first", "lo consulto con mi mujer", "vou ver com o meu marido": asked, not
                // brought along.
                tokens[k].Used = true;
            }
        }
    }

    private static void Disambiguate(ReadOnlySpan<char> buffer, Span<Token> tokens)
    {
        var datedDay = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            ref var t = ref tokens[i];
            if ((t.Tags & WordTag.Month) != 0 && (t.Tags & WordTag.Number) != 0 && Word(buffer, tokens, i) is "dez")
            {
                var dayBefore = i > 0 && tokens[i - 1].Kind == TokenKind.Number;
                if (!dayBefore)
                {
                    t.Tags &= ~WordTag.Month;
                    t.Value = 10;
                }
                else
                {
                    t.Tags &= ~WordTag.Number;
                    t.Value = 12;
                }
            }

            if ((t.Tags & WordTag.Month) != 0 && ((i > 0 && tokens[i - 1].Kind == TokenKind.Number) || (i > 1 && tokens[i - 2].Kind == TokenKind.Number && Word(buffer, tokens, i - 1) is "de" or "of" or "del")
                || (i + 1 < tokens.Length && tokens[i + 1].Kind == TokenKind.Number)))
            {
                datedDay = true;
            }

            if (t.Kind == TokenKind.Compound)
            {
                datedDay = true;
            }
        }

        if (!datedDay)
        {
            return;
        }

        foreach (ref var t in tokens)
        {
            if ((t.Tags & WordTag.Weekday) != 0)
            {
                t.Used = true;
            }
        }
    }

    /// <summary>Letters of a name ("Inês Gonçalves") say nothing about the guest's language.</summary>
    private static LanguageSignals WithoutName(LanguageSignals signals, string? name)
    {
        if (name is null)
        {
            return signals;
        }

        var inName = default(LanguageSignals);
        foreach (var c in name)
        {
            inName.Observe(c);
        }

        return new LanguageSignals { Es = Math.Max(0, signals.Es - inName.Es), Pt = Math.Max(0, signals.Pt - inName.Pt) };
    }
}
