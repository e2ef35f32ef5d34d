using System.Globalization;

namespace HotelAgent;

/// <summary>Dates said about a stay already known: a departure or a new arrival read from that stay, not from today.</summary>
internal static class StayDates
{
    /// <summary>The departure a guest meant relative to the stay: the same day of the month, or the same weekday, soonest after arrival.</summary>
    internal static DateOnly Reanchor(DateOnly said, DateOnly arrival, string text)
    {
        // "make it the 3rd", "nos vamos el 27": a day of the month said in digits is that day, never a weekday.
        var byDay = MentionsDay(text, said.Day);
        var best = said;
        var bestNights = int.MaxValue;
        var month = new DateOnly(arrival.Year, arrival.Month, 1);
        for (var k = 0; k < 2; k++, month = month.AddMonths(1))
        {
            if (said.Day <= DateTime.DaysInMonth(month.Year, month.Month) && new DateOnly(month.Year, month.Month, said.Day) is var sameDay && sameDay > arrival
                && sameDay.DayNumber - arrival.DayNumber < bestNights)
            {
                best = sameDay;
                bestNights = sameDay.DayNumber - arrival.DayNumber;
            }
        }

        if (byDay && bestNights != int.MaxValue)
        {
            return best;
        }

        var sameWeekday = arrival.AddDays(((int)said.DayOfWeek - (int)arrival.DayOfWeek + 7) % 7 is 0 ? 7 : ((int)said.DayOfWeek - (int)arrival.DayOfWeek + 7) % 7);
        return sameWeekday.DayNumber - arrival.DayNumber < bestNights ? sameWeekday : best;
    }

    internal static bool MentionsDay(string text, int day)
    {
        var digits = day.ToString(CultureInfo.InvariantCulture);
        for (var at = text.IndexOf(digits, StringComparison.Ordinal); at >= 0; at = text.IndexOf(digits, at + 1, StringComparison.Ordinal))
        {
            var end = at + digits.Length;
            var startsNumber = at == 0 || !char.IsDigit(text[at - 1]) || (text[at - 1] == '0' && (at == 1 || !char.IsDigit(text[at - 2])));
            if (startsNumber && (end == text.Length || !char.IsDigit(text[end])) && (at == 0 || (text[at - 1] is not '/' and not '-' and not '.' && (end == text.Length || text[end] is not '/' and not ':'))))
            {
                return true;
            }
        }

        return false;
    }
}
