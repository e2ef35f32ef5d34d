using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// What the understood slots of a message amount to (a stay, a change of the draft, a relative change), and the groups of
/// intents the tasks share.
/// </summary>
internal static class DialogueSlots
{
    internal static readonly HashSet<string> BookingIntents = [Intents.MakeReservation, Intents.CheckAvailability, Intents.PricingInfo];

    // Questions about the hotel that can be answered in passing, before the task in progress goes on.
    internal static readonly HashSet<string> QuestionIntents =
    [
        Intents.HotelAmenities, Intents.CheckInInfo, Intents.CheckOutInfo, Intents.HotelLocation, Intents.CancellationPolicy,
        Intents.PaymentInfo, Intents.RoomOptions,
    ];

    /// <summary>
    /// Whether the message only repeats the change being confirmed: "sí, cambiala a la suite, mismas fechas" when the
    /// change to the suite is the one asked about.
    /// </summary>
    internal static bool RestatesChange(ReservationChange? change, NluEntities e) =>
        change is not null && HasStaySlots(e) && !HasRelativeChange(e) && (e.BookingCode is null || string.Equals(e.BookingCode, change.Code, StringComparison.OrdinalIgnoreCase))
        && (e.CheckIn is null || e.CheckIn == change.CheckIn) && (e.CheckOut is null || e.CheckOut == change.CheckOut)
        && (e.Nights is null || (change.CheckIn is { } from && change.CheckOut is { } to && to.DayNumber - from.DayNumber == e.Nights))
        && (e.Adults is null || e.Adults == change.Adults) && (e.Children is null || e.Children == change.Children)
        && (e.RoomType is null || string.Equals(e.RoomType, change.RoomType, StringComparison.OrdinalIgnoreCase));

    internal static bool HasStayChange(BookingDraft? draft, NluEntities e) =>
        (e.CheckIn is not null && e.CheckIn != draft?.CheckIn) || (e.CheckOut is not null && e.CheckOut != draft?.CheckOut)
        || (e.Adults is not null && e.Adults != draft?.Adults) || (e.Children is not null && e.Children != (draft?.Children ?? 0)) || HasRelativeChange(e);

    // A message that names an existing booking's code ("tenho a reserva HA-…: pode confirmar-me o valor?") is about that
    // booking, not a new one, unless it describes a stay.
    internal static bool AsksForBooking(TurnContext context) =>
        (context.Nlu.Entities.BookingCode is null && context.Nlu.AdditionalIntents.Any(BookingIntents.Contains)) || HasStaySlots(context.Nlu.Entities);

    internal static bool AsksPrice(TurnContext context) =>
        context.Intent == Intents.PricingInfo || context.Nlu.AdditionalIntents.Contains(Intents.PricingInfo);

    /// <summary>Returns whether the message gives a slot value that differs from the draft ("sí, pero mejor del 11 al 13").</summary>
    internal static bool ChangesDraft(BookingDraft? draft, NluEntities e) =>
        HasStayChange(draft, e) || (e.RoomType is not null && e.RoomType != draft?.RoomType)
        || (e.GuestName is not null && e.GuestName != draft?.GuestName) || (e.Email is not null && e.Email != draft?.Email);

    /// <summary>
    /// Whether a party read as one adult with children ("vamos con el nene", "vamos levar nosso filho") brings the
    /// children along to a party of several adults already told, rather than replacing it: the guest did not name
    /// themselves, a head count or "only".
    /// </summary>
    internal static bool BringsAlong(TurnContext context, NluEntities e, int? adults) =>
        e is { Adults: 1, Children: > 0 } && adults > 1
        && !context.Words.Any(w => w.StartsWith("adult", StringComparison.Ordinal) || w is "yo" or "eu" or "i" or "me" or "myself" or "conmigo" or "comigo"
            or "solo" or "sola" or "only" or "alone" or "apenas" or "sozinho" or "sozinha" or "somos" or "seremos");

    /// <summary>Whether the message names one day only (no range, no nights), and it falls within the stay of the draft.</summary>
    internal static bool IsDayOfTheStay(BookingDraft draft, NluEntities e) =>
        e.Nights is null && (e.CheckIn is null) != (e.CheckOut is null) && draft is { CheckIn: { } from, CheckOut: { } to }
        && (e.CheckIn ?? e.CheckOut) is { } day && day >= from && day <= to;

    internal static bool HasStaySlots(NluEntities e) =>
        e.CheckIn is not null || e.CheckOut is not null || e.Nights is not null || e.Adults is not null || e.Children is not null || e.RoomType is not null;

    internal static bool HasBookingSlots(NluEntities e) => HasStaySlots(e) || e.GuestName is not null || e.Email is not null || e.Phone is not null || HasRelativeChange(e);

    internal static bool IsPlainAnswer(string intent) => intent is Intents.Inform or Intents.OutOfScope;

    internal static bool HasRelativeChange(NluEntities e) =>
        e.ShiftDays is not null || e.ExtraNights is not null || e.ExtraAdults is not null || e.ExtraChildren is not null;
}
