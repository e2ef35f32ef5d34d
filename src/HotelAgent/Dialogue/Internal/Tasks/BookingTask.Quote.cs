using HotelAgent.Abstractions;
using static HotelAgent.DialogueFormat;
using static HotelAgent.DialogueSlots;
using static HotelAgent.DialogueText;
using static HotelAgent.RequirementAnswers;

namespace HotelAgent;

/// <summary>Making a booking: what is missing asked for, the stay quoted from the PMS, prices asked on the way, the summary.</summary>
internal sealed partial class BookingTask
{
    /// <summary>Asks for the next missing slot, quotes, or summarises for confirmation.</summary>
    private static async Task ContinueBookingAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var draft = turn.Draft ??= new BookingDraft();
        var language = context.Language;

        if (draft.CheckIn is { } start && draft.CheckOut is null && draft.Nights is > 0 and var nights)
        {
            draft = turn.Draft = draft with { CheckOut = start.AddDays(nights) };
        }

        if (draft.CheckIn is null)
        {
            turn.Say(ReplyKeys.AskDates);
            turn.State = DialogueStates.CollectingBooking;
            return;
        }

        if (draft.CheckIn < context.Today)
        {
            turn.Draft = draft with { CheckIn = null, CheckOut = null, Nights = null };
            turn.Say(ReplyKeys.PastDates);
            turn.State = DialogueStates.CollectingBooking;
            return;
        }

        if (draft.CheckOut is null)
        {
            turn.Say(ReplyKeys.AskCheckOut, FormatDay(draft.CheckIn.Value, language));
            turn.State = DialogueStates.CollectingBooking;
            return;
        }

        var stayNights = draft.CheckOut.Value.DayNumber - draft.CheckIn.Value.DayNumber;
        if (stayNights <= 0 || stayNights > StayRequest.MaxNights)
        {
            turn.Draft = draft with { CheckOut = null, Nights = null };
            turn.Say(ReplyKeys.InvalidStay, StayRequest.MaxNights);
            turn.State = DialogueStates.CollectingBooking;
            return;
        }

        if (draft.Adults is null && draft.RoomType is { } chosen
            && context.RoomTypes.FirstOrDefault(t => string.Equals(t.Code, chosen, StringComparison.OrdinalIgnoreCase)) is { MaxOccupancy: 1 })
        {
            // A single room answers "how many people?".
            draft = turn.Draft = draft with { Adults = 1, Children = 0 };
        }

        if (draft.Adults is null)
        {
            if (AsksPrice(context))
            {
                // "¿qué precio tendría una doble del 11 al 14?": a room costs the same whoever sleeps in it, so the price
                // is told before the party is asked for.
                await SayDatePricesAsync(turn, draft.CheckIn.Value, draft.CheckOut.Value, draft.RoomType, cancellationToken).ConfigureAwait(false);
            }

            turn.Say(ReplyKeys.AskPeople);
            turn.State = DialogueStates.CollectingBooking;
            return;
        }

        var stay = new StayRequest
        {
            CheckIn = draft.CheckIn.Value,
            CheckOut = draft.CheckOut.Value,
            Adults = Math.Max(1, draft.Adults.Value),
            Children = Math.Max(0, draft.Children ?? 0),
            ChildAges = AgesOf(draft),
        };
        var availability = await turn.Services.TimePmsAsync("availability", () => turn.Services.Pms.GetAvailabilityAsync(stay, cancellationToken)).ConfigureAwait(false);
        var dates = FormatRange(stay.CheckIn, stay.CheckOut, language);

        RoomOffer? offer = null;

        // "¿cuánto fica o quarto família e quanto fica a suíte?": the guest compares, so every room is offered with its total.
        var comparing = AsksPrice(context) && context.Nlu.RoomTypesMentioned.Count > 1;
        if (draft.RoomType is { } code && !comparing)
        {
            var roomType = context.RoomTypes.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase));
            offer = availability.Offers.FirstOrDefault(o => string.Equals(o.RoomType.Code, code, StringComparison.OrdinalIgnoreCase));
            if (roomType is not null && !roomType.Fits(stay.Adults, stay.Children))
            {
                SayCapacityExceeded(turn, roomType, stay);
                offer = null;
            }
            else if (offer is null && roomType is not null)
            {
                turn.Say(ReplyKeys.NoRoomOfType, RoomName(roomType, language), dates);
            }
        }

        if (offer is null && draft.RoomType is null && availability.Offers.Count > 0 && CheapestWords.Any(w => Mentions(context.Words, w)))
        {
            // "whatever's cheapest is fine", "la más barata": the guest leaves the choice to the price.
            offer = availability.Offers.MinBy(o => o.Total);
        }

        if (offer is null && draft.RoomType is null && context.Intent != Intents.RoomOptions && !context.Nlu.AdditionalIntents.Contains(Intents.RoomOptions))
        {
            // One room type fits the party, or one guest and a room for one: that room is quoted as a receptionist would,
            // and the guest can still ask for another.
            offer = availability.Offers.Count == 1 ? availability.Offers[0]
                : stay is { Adults: 1, Children: 0 } && availability.Offers.Where(o => o.RoomType.MaxOccupancy == 1).ToArray() is [var single] ? single
                : null;
        }

        if (offer is null)
        {
            turn.Draft = draft with { RoomType = null, QuotedTotal = null, IdempotencyKey = null };
            turn.State = DialogueStates.CollectingBooking;
            if (availability.Offers.Count == 0)
            {
                turn.Say(ReplyKeys.NothingAvailable, dates, People(stay, language));
                return;
            }

            var list = OfferList(turn, availability.Offers, language);
            turn.Say(
                ReplyKeys.ChooseRoom,
                [.. availability.Offers.Select(o => new QuickReply(Capitalize(RoomName(o.RoomType, language)), o.RoomType.Code))],
                Capitalize(dates),
                People(stay, language),
                list);
            return;
        }

        var prior = context.Session.Booking;
        draft = turn.Draft = draft with { RoomType = offer.RoomType.Code, QuotedTotal = offer.Total, Currency = offer.Currency };
        var quoteChanged = prior is null || prior.QuotedTotal != offer.Total || prior.Currency != offer.Currency
            || prior.RoomType != draft.RoomType || prior.CheckIn != draft.CheckIn || prior.CheckOut != draft.CheckOut
            || prior.Adults != draft.Adults || prior.Children != draft.Children;
        if (quoteChanged)
        {
            SayQuote(turn, offer, stay, dates, language);
        }

        if (draft.GuestName is null)
        {
            turn.Say(ReplyKeys.AskName);
            turn.State = DialogueStates.AwaitingGuestName;
            return;
        }

        if (draft.Email is null)
        {
            turn.Say(ReplyKeys.AskEmail, draft.GuestName);
            turn.State = DialogueStates.AwaitingGuestEmail;
            return;
        }

        // What the PMS requires beyond the name and email (a phone, the children's ages) is asked before the summary.
        var requirements = await turn.Services.Pms.GetBookingRequirementsAsync(cancellationToken).ConfigureAwait(false);
        if (AskRequirement(turn, draft, requirements))
        {
            return;
        }

        if (quoteChanged || draft.IdempotencyKey is null || prior!.GuestName != draft.GuestName || prior.Email != draft.Email
            || prior.Phone != draft.Phone || !SameAges(AgesOf(prior), AgesOf(draft)))
        {
            // A new decision gets a new idempotency key; an unchanged summary keeps its key, so a repeated "yes" books once.
            turn.Draft = draft with { IdempotencyKey = Guid.NewGuid().ToString("N") };
        }

        turn.SayWithYesNo(
            ReplyKeys.Summary,
            Capitalize(RoomName(offer.RoomType, language)),
            dates,
            Nights(stay.Nights, language),
            PeopleWithAges(stay, language),
            draft.GuestName,
            requirements.PhoneRequired && draft.Phone is { } phone ? turn.Services.Replies.Format(language, ReplyKeys.ContactWithPhone, draft.Email, phone) : draft.Email,
            Money(offer.Total, offer.Currency, language));
        turn.State = DialogueStates.AwaitingConfirmation;
    }

    /// <summary>The nightly rate of one room type, or of every room type.</summary>
    private static void SayRates(DialogueTurn turn, string? roomType)
    {
        var context = turn.Context;
        var language = context.Language;
        // "¿cuánto sale la doble por noche? ¿y la familiar?": every room type named.
        var named = context.Nlu.RoomTypesMentioned.Count > 1 ? context.Nlu.RoomTypesMentioned : roomType is null ? [] : [roomType];
        var types = context.RoomTypes.Where(t => named.Count == 0 || named.Contains(t.Code, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (types.Length == 0)
        {
            types = [.. context.RoomTypes];
        }

        turn.Say(ReplyKeys.Rates, string.Join(", ", types.Select(t => $"{RoomName(t, language)} {Money(t.NightlyRate, context.Hotel.Currency, language)}")));
    }

    /// <summary>The total of each room named (or of every room) for the dates, before the party is known: one guest's availability.</summary>
    private static async Task SayDatePricesAsync(DialogueTurn turn, DateOnly checkIn, DateOnly checkOut, string? roomType, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var language = context.Language;
        var stay = new StayRequest { CheckIn = checkIn, CheckOut = checkOut, Adults = 1 };
        var availability = await turn.Services.TimePmsAsync("availability", () => turn.Services.Pms.GetAvailabilityAsync(stay, cancellationToken)).ConfigureAwait(false);
        var named = context.Nlu.RoomTypesMentioned.Count > 0 ? context.Nlu.RoomTypesMentioned : roomType is null ? [] : [roomType];
        var offers = availability.Offers.Where(o => named.Count == 0 || named.Contains(o.RoomType.Code, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (offers.Length == 0)
        {
            return; // Nothing free to price: the availability answer follows once the party is known.
        }

        turn.Say(ReplyKeys.DatePrices, Capitalize(FormatRange(checkIn, checkOut, language)), Nights(stay.Nights, language), OfferList(turn, offers, language));
    }

    /// <summary>"habitación doble: 120,00 € por noche, 360,00 € en total, suite: …": each offer with its nightly price and total.</summary>
    private static string OfferList(DialogueTurn turn, IEnumerable<RoomOffer> offers, string language) =>
        string.Join(", ", offers.Select(o =>
            turn.Services.Replies.Format(language, ReplyKeys.RoomOffer, RoomName(o.RoomType, language), Money(o.Nights[0].Price, o.Currency, language), Money(o.Total, o.Currency, language))));

    /// <summary>Quotes the given room types for the stay of the draft, without choosing one.</summary>
    private static async Task QuoteAsync(DialogueTurn turn, BookingDraft draft, IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var language = context.Language;
        var stay = new StayRequest
        {
            CheckIn = draft.CheckIn!.Value,
            CheckOut = draft.CheckOut!.Value,
            Adults = Math.Max(1, draft.Adults!.Value),
            Children = Math.Max(0, draft.Children ?? 0),
        };
        if (stay.Nights is <= 0 or > StayRequest.MaxNights)
        {
            return;
        }

        var availability = await turn.Services.TimePmsAsync("availability", () => turn.Services.Pms.GetAvailabilityAsync(stay, cancellationToken)).ConfigureAwait(false);
        var dates = FormatRange(stay.CheckIn, stay.CheckOut, language);
        foreach (var code in codes)
        {
            var roomType = context.RoomTypes.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase));
            if (roomType is null)
            {
                continue;
            }

            var offer = availability.Offers.FirstOrDefault(o => string.Equals(o.RoomType.Code, code, StringComparison.OrdinalIgnoreCase));
            if (!roomType.Fits(stay.Adults, stay.Children))
            {
                SayCapacityExceeded(turn, roomType, stay);
            }
            else if (offer is null)
            {
                turn.Say(ReplyKeys.NoRoomOfType, RoomName(roomType, language), dates);
            }
            else
            {
                SayQuote(turn, offer, stay, dates, language);
            }
        }
    }

    /// <summary>One room's quote for the stay: "Habitación familiar del 5 al 8 de diciembre (3 noches, …): 495,00 € en total (165,00 € por noche)."</summary>
    private static void SayQuote(DialogueTurn turn, RoomOffer offer, StayRequest stay, string dates, string language) =>
        turn.Say(
            ReplyKeys.Quote,
            Capitalize(RoomName(offer.RoomType, language)),
            dates,
            Nights(stay.Nights, language),
            People(stay, language),
            Money(offer.Total, offer.Currency, language),
            Money(offer.Nights[0].Price, offer.Currency, language));
}
