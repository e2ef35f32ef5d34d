using System.Globalization;
using System.Text;
using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// The confirmation card of a booking made or changed in the conversation: a PNG QR code of the reservation code
/// (scanned at the front desk), captioned with the booking's facts so that a channel showing only text still says them
/// all. It goes with the reply that names the code, or the last reply of the turn. The card carries the code as
/// <see cref="OutboundMedia.QrCodeText"/>: the PNG is made by <see cref="OutboundMedia.GetContent"/> when a channel sends
/// it, not on the turn.
/// </summary>
internal static class BookingCard
{
    private static readonly Dictionary<string, string[]> Labels = new(StringComparer.Ordinal)
    {
        // es, en, pt
        ["booked"] = ["Reserva confirmada", "Booking confirmed", "Reserva confirmada"],
        ["modified"] = ["Reserva modificada", "Booking changed", "Reserva alterada"],
        ["code"] = ["Código", "Code", "Código"],
        ["guest"] = ["Huésped", "Guest", "Hóspede"],
        ["dates"] = ["Fechas", "Dates", "Datas"],
        ["room"] = ["Habitación", "Room", "Quarto"],
        ["people"] = ["Personas", "People", "Pessoas"],
        ["total"] = ["Total", "Total", "Total"],
    };

    public static IReadOnlyList<OutboundMessage> WithCards(
        IReadOnlyList<OutboundMessage> replies,
        IReadOnlyList<(Reservation Reservation, bool Modified)> written,
        HotelInfo hotel,
        IReadOnlyList<RoomType> roomTypes,
        string language)
    {
        if (written.Count == 0 || replies.Count == 0)
        {
            return replies;
        }

        var changed = replies.ToArray();
        foreach (var (reservation, modified) in written)
        {
            var index = Array.FindLastIndex(changed, r => r.Text.Contains(reservation.Code, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                index = changed.Length - 1;
            }

            var card = Create(reservation, modified, hotel, roomTypes, language);
            changed[index] = changed[index] with { Media = [.. changed[index].Media, card] };
        }

        return changed;
    }

    /// <summary>Creates the card of one reservation: its QR code described, to be made when a channel sends it.</summary>
    internal static OutboundMedia Create(Reservation reservation, bool modified, HotelInfo hotel, IReadOnlyList<RoomType> roomTypes, string language) => new()
    {
        Kind = MediaKind.Image,
        QrCodeText = reservation.Code,
        ContentType = "image/png",
        FileName = $"booking-{FileNamePart(reservation.Code)}.png",
        Caption = Caption(reservation, modified, hotel, roomTypes, language),
    };

    /// <summary>The facts of the booking, one a line: what the card shows, and what a text-only channel sends.</summary>
    internal static string Caption(Reservation reservation, bool modified, HotelInfo hotel, IReadOnlyList<RoomType> roomTypes, string language)
    {
        var culture = ReplyTexts.Culture(language);
        var roomType = roomTypes.FirstOrDefault(t => string.Equals(t.Code, reservation.RoomType, StringComparison.OrdinalIgnoreCase));
        var room = roomType?.Name.Get(language) is { Length: > 0 } name ? name : reservation.RoomType;
        var people = reservation.Children > 0
            ? ReplyTexts.Format(
                language,
                (reservation.Adults, reservation.Children) switch
                {
                    (1, 1) => ReplyKeys.AdultAndChild,
                    (1, _) => ReplyKeys.AdultAndChildren,
                    (_, 1) => ReplyKeys.AdultsAndChild,
                    _ => ReplyKeys.AdultsAndChildren,
                },
                reservation.Adults,
                reservation.Children)
            : reservation.Adults.ToString(culture);
        var dates = $"{Day(reservation.CheckIn, culture)} → {Day(reservation.CheckOut, culture)}";

        var caption = new StringBuilder();
        caption.Append(Label(modified ? "modified" : "booked", language)).Append(" · ").AppendLine(hotel.Name);
        Line(caption, "code", language, reservation.Code);
        Line(caption, "guest", language, reservation.Guest.Name);
        Line(caption, "dates", language, dates);
        Line(caption, "room", language, room);
        Line(caption, "people", language, people);
        caption.Append(Label("total", language)).Append(": ").Append(DialogueFormat.Money(reservation.Total, reservation.Currency, language));
        return caption.ToString();

        static void Line(StringBuilder caption, string label, string language, string value) =>
            caption.Append(Label(label, language)).Append(": ").AppendLine(value);
    }

    private static string Day(DateOnly day, CultureInfo culture) => day.ToString("d MMM yyyy", culture);

    private static string Label(string key, string language) => Labels[key][language switch { "es" => 0, "pt" => 2, _ => 1 }];

    /// <summary>The code as a file name: letters, digits and dashes only.</summary>
    private static string FileNamePart(string code) =>
        new(code.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray());
}
