using System.Globalization;
using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// How the replies write money, dates, nights, people, times, room names and the hotel's contact, shared by every task.
/// </summary>
internal static class DialogueFormat
{
    internal static string RoomName(RoomType roomType, string language) => roomType.Name.Get(language);

    internal static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    internal static string Capitalize(string text) =>
        text.Length == 0 || char.IsUpper(text[0]) ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];

    internal static string FormatDay(DateOnly day, string language) =>
        day.ToString(language == "en" ? "MMMM d" : "d 'de' MMMM", ReplyTexts.Culture(language));

    /// <summary>Formats a stay as "del 10 al 12 de diciembre" / "from December 10 to 12", naming a shared month once.</summary>
    internal static string FormatRange(DateOnly from, DateOnly to, string language)
    {
        var sameMonth = from.Year == to.Year && from.Month == to.Month;
        var first = sameMonth ? from.Day.ToString(CultureInfo.InvariantCulture) : FormatDay(from, language);
        var last = FormatDay(to, language);
        if (sameMonth && language == "en")
        {
            (first, last) = (FormatDay(from, language), to.Day.ToString(CultureInfo.InvariantCulture));
        }

        return ReplyTexts.Format(language, ReplyKeys.DateRange, first, last);
    }

    internal static string Nights(int nights, string language) =>
        ReplyTexts.Format(language, nights == 1 ? ReplyKeys.Night : ReplyKeys.Nights, nights);

    internal static string People(StayRequest stay, string language) => stay.Children > 0
        ? ReplyTexts.Format(
            language,
            (stay.Adults, stay.Children) switch
            {
                (1, 1) => ReplyKeys.AdultAndChild,
                (1, _) => ReplyKeys.AdultAndChildren,
                (_, 1) => ReplyKeys.AdultsAndChild,
                _ => ReplyKeys.AdultsAndChildren,
            },
            stay.Adults,
            stay.Children)
        : ReplyTexts.Format(language, stay.Adults == 1 ? ReplyKeys.Person : ReplyKeys.People, stay.Adults);

    internal static string Money(decimal amount, string currency, string language)
    {
        var symbol = currency.ToUpperInvariant() switch
        {
            "EUR" => "€",
            "USD" => "US$",
            "GBP" => "£",
            "BRL" => "R$",
            var other => other,
        };
        // No digit grouping: "1050,00 €" reads, copies and is spoken more simply in a chat than "1.050,00 €".
        return string.Format(ReplyTexts.Culture(language), "{0:F2} {1}", amount, symbol);
    }

    internal static string Contact(HotelInfo hotel) =>
        string.Join(" · ", new[] { hotel.Phone, hotel.Email }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } contact ? contact : hotel.Name;

    /// <summary>The party as the summary shows it: "2 adultos y 2 niños de 6 y 9 años" once the ages are known.</summary>
    internal static string PeopleWithAges(StayRequest stay, string language)
    {
        var people = People(stay, language);
        if (stay.ChildAges is not { Count: > 0 } ages || ages.Count != stay.Children)
        {
            return people;
        }

        if (ages is [1])
        {
            return ReplyTexts.Format(language, ReplyKeys.ChildAgedOne, people);
        }

        var and = ReplyTexts.Format(language, ReplyKeys.And);
        var list = ages.Count == 1
            ? ages[0].ToString(CultureInfo.InvariantCulture)
            : string.Join(", ", ages.Take(ages.Count - 1).Select(a => a.ToString(CultureInfo.InvariantCulture))) + and + ages[^1].ToString(CultureInfo.InvariantCulture);
        return ReplyTexts.Format(language, ReplyKeys.ChildrenAged, people, list);
    }

    internal static void SayCapacityExceeded(DialogueTurn turn, RoomType roomType, StayRequest stay)
    {
        var name = RoomName(roomType, turn.Context.Language);
        if (stay.Adults > roomType.MaxAdults && roomType.MaxOccupancy > roomType.MaxAdults)
        {
            turn.Say(ReplyKeys.CapacityExceededAdults, name, roomType.MaxAdults, roomType.MaxOccupancy);
        }
        else
        {
            turn.Say(ReplyKeys.CapacityExceeded, name, roomType.MaxOccupancy);
        }
    }
}
