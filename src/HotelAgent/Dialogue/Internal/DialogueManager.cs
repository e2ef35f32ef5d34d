using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static HotelAgent.DialogueFormat;
using static HotelAgent.DialogueSlots;
using static HotelAgent.DialogueText;
using static HotelAgent.RequirementAnswers;

namespace HotelAgent;

/// <summary>
/// Decides what the agent says and does for one message, given the conversation's state. Writes to the PMS happen
/// only from <see cref="DialogueStates.AwaitingConfirmation"/> on an explicit yes.
/// </summary>
internal sealed partial class DialogueManager(
    ResilientPms pms,
    IHandoffStore handoffs,
    IVerificationAttemptStore verificationAttempts,
    ReplyCatalog replies,
    IOptionsMonitor<HotelAgentOptions> options,
    HotelAgentMetrics metrics,
    TimeProvider timeProvider,
    IEnumerable<IDialogueTask> tasks,
    ILogger<DialogueManager> logger)
{
    private readonly DialogueServices _services = new(pms, handoffs, verificationAttempts, replies, options, metrics, timeProvider, logger);

    private readonly IDialogueTask[] _tasks = [.. tasks];

    /// <summary>Splits a text into lower-case words without accents (see <see cref="DialogueText.Words"/>).</summary>
    internal static string[] Words(string text) => DialogueText.Words(text);

    internal static string[] NormalizedWords(string text) => DialogueText.NormalizedWords(text);

    internal static bool WantsToCancel(string[] words) => DialogueText.WantsToCancel(words);

    internal static bool SignsOff(string[] words) => DialogueText.SignsOff(words);

    internal static IReadOnlyList<int> ReadAges(string text, int expected) => RequirementAnswers.ReadAges(text, expected);

    internal static string? ReadPhone(string text) => RequirementAnswers.ReadPhone(text);

    /// <summary>What the conversation's state says the agent has just asked the guest.</summary>
    internal static ExpectedAnswer Expecting(ConversationSession session) => session.State switch
    {
        DialogueStates.AwaitingGuestName => ExpectedAnswer.GuestDetails,
        DialogueStates.AwaitingGuestEmail or DialogueStates.AwaitingVerificationEmail => ExpectedAnswer.Email,
        DialogueStates.AwaitingConfirmation or DialogueStates.AwaitingModificationConfirmation
            or DialogueStates.AwaitingCancellationConfirmation or DialogueStates.OfferingHandoff => ExpectedAnswer.Confirmation,
        DialogueStates.AwaitingBookingCode => ExpectedAnswer.BookingCode,
        DialogueStates.CollectingBooking => session.Booking switch
        {
            null or { CheckIn: null } or { CheckOut: null } => ExpectedAnswer.Dates,
            { Adults: null } => ExpectedAnswer.PartySize,
            { RoomType: null } => ExpectedAnswer.RoomType,
            _ => ExpectedAnswer.None,
        },
        _ => ExpectedAnswer.None,
    };

    /// <summary>
    /// Reads a request that repeats the one being confirmed as the yes it is: "book it" at the booking summary,
    /// "cancel it then" when asked to confirm the cancellation, "change it" when asked to confirm the change.
    /// </summary>
    internal static string InContext(ConversationSession session, string intent, NluEntities e) => (session.State, intent) switch
    {
        (DialogueStates.AwaitingConfirmation, Intents.MakeReservation) when !ChangesDraft(session.Booking, e) => Intents.Affirm,
        (DialogueStates.AwaitingCancellationConfirmation, Intents.CancelReservation) when !HasBookingSlots(e) => Intents.Affirm,
        (DialogueStates.AwaitingModificationConfirmation, Intents.ModifyReservation) when !HasBookingSlots(e) && e.BookingCode is null => Intents.Affirm,
        (DialogueStates.AwaitingModificationConfirmation, Intents.ModifyReservation) when RestatesChange(session.PendingChange, e) => Intents.Affirm,
        _ => intent,
    };

    /// <summary>Answers the hotel questions the message asks besides its main request, first, so that nothing asked is dropped.</summary>
    internal async Task AnswerOtherQuestionsAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        foreach (var intent in context.Nlu.AdditionalIntents)
        {
            // A question about rooms with dates is answered by the availability list itself, as when it is the main request.
            if (QuestionIntents.Contains(intent) && intent != context.Intent && !(intent == Intents.RoomOptions && context.Nlu.Entities.CheckIn is not null))
            {
                await AnswerAsync(turn, intent, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// During a booking, answers the questions the message asks (a hotel question, or the price of one or more room
    /// types for the stay being booked) before the booking goes on. Returns whether it quoted prices.
    /// </summary>
    private async Task<bool> AnswerInPassingAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        if (QuestionIntents.Contains(context.Intent) && !(context.Intent == Intents.RoomOptions && context.Nlu.Entities.CheckIn is not null))
        {
            await AnswerAsync(turn, context.Intent, cancellationToken).ConfigureAwait(false);
        }

        await AnswerOtherQuestionsAsync(turn, cancellationToken).ConfigureAwait(false);
        if (context.Intent != Intents.PricingInfo || !IsQuestion(context.Text) || HasStayChange(turn.Draft, context.Nlu.Entities) || turn.Draft is not { CheckIn: not null, CheckOut: not null, Adults: not null } draft)
        {
            return false;
        }

        var asked = context.Nlu.RoomTypesMentioned.Count > 0 ? context.Nlu.RoomTypesMentioned
            : context.Nlu.Entities.RoomType is { } one ? [one]
            : draft.RoomType is { } chosen ? [chosen]
            : [];
        if (asked.Count == 0 || (asked.Count == 1 && draft.RoomType is null))
        {
            return false; // "¿cuánto sale la doble?" while choosing: the choice itself, quoted by the booking step.
        }

        await QuoteAsync(turn, draft, asked, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The slots of a price question: asking the price of a room is not choosing it.</summary>
    private static NluEntities WithoutRoomChoice(DialogueTurn turn, NluEntities entities) =>
        turn.Draft?.RoomType is null && turn.Context.Nlu.RoomTypesMentioned.Count <= 1 ? entities : entities with { RoomType = null };

    /// <summary>Quotes the given room types for the stay of the draft, without choosing one.</summary>
    private async Task QuoteAsync(DialogueTurn turn, BookingDraft draft, IReadOnlyList<string> codes, CancellationToken cancellationToken)
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
                turn.Say(
                    ReplyKeys.Quote,
                    Capitalize(RoomName(offer.RoomType, language)),
                    dates,
                    Nights(stay.Nights, language),
                    People(stay, language),
                    Money(offer.Total, offer.Currency, language),
                    Money(offer.Nights[0].Price, offer.Currency, language));
            }
        }
    }

    public async Task<TurnOutcome> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var turn = new DialogueTurn(context, _services, this);
        try
        {
            await DispatchAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        catch (PmsUnavailableException ex)
        {
            Log.PmsUnavailable(turn.Services.Logger, context.Session.ConversationId, ex);
            turn.Replies.Clear();
            if (context.Intent == Intents.Affirm && context.Session.State is DialogueStates.AwaitingConfirmation
                or DialogueStates.AwaitingModificationConfirmation or DialogueStates.AwaitingCancellationConfirmation)
            {
                // A confirmed request must not be dropped: staff follow it up, and a later "yes" repeats it with the same key.
                await turn.Services.AddTicketAsync(turn, HandoffReason.PmsUnavailable, pausesAgent: false, cancellationToken).ConfigureAwait(false);
                turn.Say(ReplyKeys.PmsUnavailableFollowUp);
            }
            else
            {
                turn.Say(ReplyKeys.PmsUnavailable);
            }

            // Keep what the guest told us; the next message picks up from the same state.
            turn.State = turn.Draft is null ? context.Session.State : ResumableState(context.Session.State);
        }

        var session = context.Session with
        {
            Language = context.Language,
            State = turn.State,
            Booking = KeptDraft(turn),
            LastReservationCode = turn.ReservationCode ?? context.Session.LastReservationCode,
            ConsecutiveFallbacks = turn.NotUnderstood ? context.Session.ConsecutiveFallbacks + 1 : 0,
            PendingChange = turn.Change,
            VerifiedReservationCodes = turn.Verified,
            HandoffTicketId = turn.HandoffTicketId,
            LastTopic = turn.Topic,
        };
        return new TurnOutcome(session, turn.Replies.ToArray(), turn.ReservationCode);
    }

    /// <summary>
    /// The draft to keep. A booking declined ("no" at the summary) leaves its draft with the conversation idle for one
    /// more message, a correction or a question about it; after any other message it is gone, so an old draft never
    /// fills a booking asked for later.
    /// </summary>
    private static BookingDraft? KeptDraft(DialogueTurn turn) =>
        turn.Draft is not null && turn.Context.Session.State == DialogueStates.Idle
            && ReferenceEquals(turn.Draft, turn.Context.Session.Booking) && !QuestionIntents.Contains(turn.Context.Intent)
            && turn.Context.Intent != Intents.Affirm
            ? null
            : turn.Draft;

    private static string ResumableState(string state) =>
        state == DialogueStates.Idle || state == DialogueStates.Booked ? DialogueStates.CollectingBooking : state;

    private async Task DispatchAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var entities = context.Nlu.Entities;
        if (await RouteAsync(turn, DialogueStep.Paused, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (AnswersRequirement(turn))
        {
            // "seis y nueve", "600123456": the answer to the question asked, whatever else the words could mean.
            await (context.Session.State switch
            {
                DialogueStates.AwaitingChildAges => HandleChildAgesAsync(turn, cancellationToken),
                _ => HandlePhoneAsync(turn, cancellationToken),
            }).ConfigureAwait(false);
            return;
        }

        if (await RouteAsync(turn, DialogueStep.DetailAsked, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (await RouteAsync(turn, DialogueStep.Escalation, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (await RouteAsync(turn, DialogueStep.Pending, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        switch (context.Session.State)
        {
            case DialogueStates.AwaitingConfirmation when context.Intent == Intents.Affirm && !ChangesDraft(turn.Draft, entities):
                // "Sí, oiga, ¿y tienen estacionamiento?": the booking is made and the question answered.
                await ConfirmAsync(turn, cancellationToken).ConfigureAwait(false);
                await AnswerOtherQuestionsAsync(turn, cancellationToken).ConfigureAwait(false);
                return;

            case DialogueStates.AwaitingConfirmation or DialogueStates.CollectingBooking or DialogueStates.AwaitingGuestName or DialogueStates.AwaitingGuestEmail
                or DialogueStates.AwaitingChildAges or DialogueStates.AwaitingGuestPhone
                when context.Intent == Intents.Deny && !HasBookingSlots(entities):
                // Nothing is booked; the draft is kept for the next message only, which may put it right ("no" … "mejor del
                // 2 al 4", "the email was wrong, it's …") and is then quoted again.
                turn.State = DialogueStates.Idle;
                turn.Say(ReplyKeys.BookingDeclined);
                return;

            case DialogueStates.Idle when turn.Draft is not null && entities.BookingCode is null && (HasBookingSlots(entities) || HasRelativeChange(entities))
                && context.Intent is not (Intents.CancelReservation or Intents.ReservationStatus or Intents.Deny or Intents.Goodbye or Intents.Thanks):
                {
                    // "no" at the summary, then "sorry, can we make it Thursday the 11th through Sunday the 14th?": the booking
                    // declined, put right and quoted again with everything else the guest gave.
                    var asked = await AnswerInPassingAsync(turn, cancellationToken).ConfigureAwait(false);
                    turn.Merge(asked && !SaysInstead(context) ? WithoutRoomChoice(turn, entities) : entities);
                    await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
                    return;
                }

            case DialogueStates.AwaitingGuestName:
                {
                    var name = entities.GuestName ?? (IsPlainAnswer(context.Intent) && entities.IsEmpty ? AsName(context.Text) : null);
                    if (name is not null || HasBookingSlots(entities))
                    {
                        // "¿a qué hora es el check-in el viernes?", "¿cuánto sale la familiar?": answered, then the booking goes on.
                        var asked = await AnswerInPassingAsync(turn, cancellationToken).ConfigureAwait(false);
                        turn.Merge(asked && !SaysInstead(context) ? WithoutRoomChoice(turn, entities) with { GuestName = name ?? entities.GuestName } : entities with { GuestName = name ?? entities.GuestName });
                        await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    await AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
                    await AnswerOtherQuestionsAsync(turn, cancellationToken).ConfigureAwait(false);
                    turn.Say(ReplyKeys.AskName);
                    turn.State = DialogueStates.AwaitingGuestName;
                    return;
                }

            case DialogueStates.AwaitingGuestEmail:
                if (HasBookingSlots(entities))
                {
                    var asked = await AnswerInPassingAsync(turn, cancellationToken).ConfigureAwait(false);
                    turn.Merge(asked && !SaysInstead(context) ? WithoutRoomChoice(turn, entities) : entities);
                    await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (IsPlainAnswer(context.Intent) || context.Text.Contains('@', StringComparison.Ordinal))
                {
                    turn.Say(ReplyKeys.InvalidEmail);
                    turn.State = DialogueStates.AwaitingGuestEmail;
                    return;
                }

                await AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
                await AnswerOtherQuestionsAsync(turn, cancellationToken).ConfigureAwait(false);
                turn.Say(ReplyKeys.AskEmail, turn.Draft?.GuestName);
                turn.State = DialogueStates.AwaitingGuestEmail;
                return;

            case DialogueStates.AwaitingChildAges:
                await HandleChildAgesAsync(turn, cancellationToken).ConfigureAwait(false);
                return;

            case DialogueStates.AwaitingGuestPhone:
                await HandlePhoneAsync(turn, cancellationToken).ConfigureAwait(false);
                return;

            case DialogueStates.AwaitingConfirmation or DialogueStates.CollectingBooking:
                if (HasBookingSlots(entities) || BookingIntents.Contains(context.Intent))
                {
                    var asked = await AnswerInPassingAsync(turn, cancellationToken).ConfigureAwait(false);
                    turn.Merge(asked && !SaysInstead(context) ? WithoutRoomChoice(turn, entities) : entities);
                    if (turn.Draft is { CheckIn: null } && context.Intent == Intents.PricingInfo)
                    {
                        // "¿Y cuánto cuesta la noche?" before any dates: the nightly rates, then the dates.
                        SayRates(turn, entities.RoomType);
                    }

                    await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
                    return;
                }

                await AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
                await AnswerOtherQuestionsAsync(turn, cancellationToken).ConfigureAwait(false);
                if (context.Session.State == DialogueStates.AwaitingConfirmation)
                {
                    turn.SayWithYesNo(ReplyKeys.ConfirmPrompt);
                }
                else
                {
                    await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
                }

                return;

            default:
                if (await RouteAsync(turn, DialogueStep.FollowUp, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                if (BookingIntents.Contains(context.Intent) || (context.Intent == Intents.Inform && HasStaySlots(entities))
                    || (QuestionIntents.Contains(context.Intent) && AsksForBooking(context)))
                {
                    // "¿Tienen lugar del 3 al 5 para dos? ¿Y el desayuno?": the question is answered first, then the booking goes on.
                    // A question about rooms with dates is answered by the availability list itself.
                    if (QuestionIntents.Contains(context.Intent) && !(context.Intent == Intents.RoomOptions && entities.CheckIn is not null))
                    {
                        await AnswerAsync(turn, context.Intent, cancellationToken).ConfigureAwait(false);
                    }

                    await AnswerOtherQuestionsAsync(turn, cancellationToken).ConfigureAwait(false);
                    turn.Draft = null;
                    turn.Merge(entities);
                    if (turn.Draft is { CheckIn: null } && (context.Intent == Intents.PricingInfo || context.Nlu.AdditionalIntents.Contains(Intents.PricingInfo)))
                    {
                        // "¿Cuánto cuesta la familiar?" without dates: the nightly rates first, then the dates.
                        SayRates(turn, entities.RoomType);
                    }

                    await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (await RouteAsync(turn, DialogueStep.NewRequest, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                await AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
                await AnswerOtherQuestionsAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>The nightly rate of one room type, or of every room type.</summary>
    private void SayRates(DialogueTurn turn, string? roomType)
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
    private async Task SayDatePricesAsync(DialogueTurn turn, DateOnly checkIn, DateOnly checkOut, string? roomType, CancellationToken cancellationToken)
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

    /// <summary>Asks for the next missing slot, quotes, or summarises for confirmation.</summary>
    private async Task ContinueBookingAsync(DialogueTurn turn, CancellationToken cancellationToken)
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
            turn.Say(
                ReplyKeys.Quote,
                Capitalize(RoomName(offer.RoomType, language)),
                dates,
                Nights(stay.Nights, language),
                People(stay, language),
                Money(offer.Total, offer.Currency, language),
                Money(offer.Nights[0].Price, offer.Currency, language));
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

    private async Task ConfirmAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var draft = turn.Draft;
        if (draft is not { CheckIn: { } checkIn, CheckOut: { } checkOut, Adults: { } adults, RoomType: { } roomType, GuestName: { } name, Email: { } email, IdempotencyKey: { } key })
        {
            await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var request = new CreateReservationRequest
        {
            Stay = new StayRequest { CheckIn = checkIn, CheckOut = checkOut, Adults = adults, Children = draft.Children ?? 0, ChildAges = AgesOf(draft), RoomType = roomType },
            Guest = new GuestDetails(name, email, draft.Phone),
            ConversationId = context.Session.ConversationId,
        };
        var result = await turn.Services.TimePmsAsync("create_reservation", () => turn.Services.Pms.CreateReservationAsync(request, key, cancellationToken)).ConfigureAwait(false);
        if (result.Succeeded)
        {
            var reservation = result.Reservation!;
            turn.Services.Metrics.BookingsCreated.Add(1, new KeyValuePair<string, object?>(HotelAgentTags.Channel, context.Message.ChannelName));
            Log.BookingConfirmed(turn.Services.Logger, reservation.Code, context.Session.ConversationId);
            turn.ReservationCode = reservation.Code;
            turn.Verified = [.. turn.Verified, reservation.Code];
            turn.Draft = null;
            turn.State = DialogueStates.Booked;
            turn.Say(ReplyKeys.Booked, reservation.Code, FormatDay(reservation.CheckIn, context.Language));
            return;
        }

        Log.BookingRefused(turn.Services.Logger, context.Session.ConversationId, result.Error.ToString());
        switch (result.Error)
        {
            case ReservationError.NoAvailability or ReservationError.CapacityExceeded or ReservationError.UnknownRoomType:
                // The quote went stale: offer what is still free.
                await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            case ReservationError.InvalidDates:
                turn.Draft = draft with { CheckIn = null, CheckOut = null, Nights = null, IdempotencyKey = null };
                turn.Say(ReplyKeys.PastDates);
                turn.State = DialogueStates.CollectingBooking;
                return;
            case ReservationError.MissingGuestDetails:
                // The PMS now needs a detail the summary lacked (its settings changed): asked for, then summarised again
                // under a new key, so the retry reaches the PMS instead of replaying this refusal.
                if (!AskRequirement(turn, draft, await turn.Services.Pms.GetBookingRequirementsAsync(cancellationToken).ConfigureAwait(false)))
                {
                    turn.Say(ReplyKeys.BookingFailed, Contact(context.Hotel));
                    turn.State = DialogueStates.AwaitingConfirmation;
                }

                return;
            default:
                turn.Say(ReplyKeys.BookingFailed, Contact(context.Hotel));
                turn.State = DialogueStates.AwaitingConfirmation;
                return;
        }
    }

    /// <summary>Asks the tasks, in their order, whether one handles the message at this step.</summary>
    private async Task<bool> RouteAsync(DialogueTurn turn, DialogueStep step, CancellationToken cancellationToken)
    {
        foreach (var task in _tasks)
        {
            if (await task.TryHandleAsync(turn, step, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Answers a message that is not a booking step.</summary>
    private Task AnswerAsync(DialogueTurn turn, CancellationToken cancellationToken) => AnswerAsync(turn, turn.Context.Intent, cancellationToken);

    /// <summary>Answers one intent of the message, by the task it belongs to.</summary>
    internal async Task AnswerAsync(DialogueTurn turn, string intent, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        if (context.Session.State is DialogueStates.Booked or DialogueStates.OfferingHandoff)
        {
            turn.State = DialogueStates.Idle;
        }

        switch (intent)
        {
            case Intents.PricingInfo when turn.Draft is { CheckIn: not null, CheckOut: not null, Adults: { } adults, RoomType: { } quoted, QuotedTotal: not null } draft
                && context.Nlu.Entities is { CheckIn: null, CheckOut: null } && (context.Nlu.Entities.RoomType is null || context.Nlu.Entities.RoomType == quoted)
                && (context.Nlu.Entities.Adults is null || context.Nlu.Entities.Adults == adults) && (context.Nlu.Entities.Children is null || context.Nlu.Entities.Children == (draft.Children ?? 0)):
                // "how much is that gonna be" once the stay is quoted: its total, not the list of nightly rates.
                await QuoteAsync(turn, draft, [quoted], cancellationToken).ConfigureAwait(false);
                return;

            case Intents.PricingInfo:
                SayRates(turn, context.Nlu.Entities.RoomType);
                return;
        }

        foreach (var task in _tasks)
        {
            if (await task.TryAnswerAsync(turn, intent, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }
}
