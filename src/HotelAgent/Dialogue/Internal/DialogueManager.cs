using System.Globalization;
using System.Net.Mail;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
    ILogger<DialogueManager> logger)
{
    private static readonly HashSet<string> BookingIntents = [Intents.MakeReservation, Intents.CheckAvailability, Intents.PricingInfo];

    // Questions about the hotel that can be answered in passing, before the task in progress goes on.
    private static readonly HashSet<string> QuestionIntents =
    [
        Intents.HotelAmenities, Intents.CheckInInfo, Intents.CheckOutInfo, Intents.HotelLocation, Intents.CancellationPolicy,
        Intents.PaymentInfo, Intents.RoomOptions,
    ];

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

    /// <summary>Answers the hotel questions the message asks besides its main request, first, so that nothing asked is dropped.</summary>
    private async Task AnswerOtherQuestionsAsync(Turn turn, CancellationToken cancellationToken)
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
    private async Task<bool> AnswerInPassingAsync(Turn turn, CancellationToken cancellationToken)
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

    /// <summary>"Is the family room cheaper? If so we'll have that instead": the room asked about is also chosen.</summary>
    private static bool SaysInstead(TurnContext context) => InsteadWords.Any(w => Mentions(context.Words, w));

    private static bool IsQuestion(string text) => text.Contains('?', StringComparison.Ordinal) || text.Contains('¿', StringComparison.Ordinal);

    /// <summary>The slots of a price question: asking the price of a room is not choosing it.</summary>
    private static NluEntities WithoutRoomChoice(Turn turn, NluEntities entities) =>
        turn.Draft?.RoomType is null && turn.Context.Nlu.RoomTypesMentioned.Count <= 1 ? entities : entities with { RoomType = null };

    private static bool HasStayChange(BookingDraft? draft, NluEntities e) =>
        (e.CheckIn is not null && e.CheckIn != draft?.CheckIn) || (e.CheckOut is not null && e.CheckOut != draft?.CheckOut)
        || (e.Adults is not null && e.Adults != draft?.Adults) || (e.Children is not null && e.Children != (draft?.Children ?? 0)) || HasRelativeChange(e);

    /// <summary>Quotes the given room types for the stay of the draft, without choosing one.</summary>
    private async Task QuoteAsync(Turn turn, BookingDraft draft, IReadOnlyList<string> codes, CancellationToken cancellationToken)
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

        var availability = await TimePmsAsync("availability", () => pms.GetAvailabilityAsync(stay, cancellationToken)).ConfigureAwait(false);
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

    // A message that names an existing booking's code ("tenho a reserva HA-…: pode confirmar-me o valor?") is about that
    // booking, not a new one, unless it describes a stay.
    private static bool AsksForBooking(TurnContext context) =>
        (context.Nlu.Entities.BookingCode is null && context.Nlu.AdditionalIntents.Any(BookingIntents.Contains)) || HasStaySlots(context.Nlu.Entities);

    public async Task<TurnOutcome> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var turn = new Turn(context, replies);
        try
        {
            await DispatchAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        catch (PmsUnavailableException ex)
        {
            Log.PmsUnavailable(logger, context.Session.ConversationId, ex);
            turn.Replies.Clear();
            if (context.Intent == Intents.Affirm && context.Session.State is DialogueStates.AwaitingConfirmation
                or DialogueStates.AwaitingModificationConfirmation or DialogueStates.AwaitingCancellationConfirmation)
            {
                // A confirmed request must not be dropped: staff follow it up, and a later "yes" repeats it with the same key.
                await AddTicketAsync(turn, HandoffReason.PmsUnavailable, pausesAgent: false, cancellationToken).ConfigureAwait(false);
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
    private static BookingDraft? KeptDraft(Turn turn) =>
        turn.Draft is not null && turn.Context.Session.State == DialogueStates.Idle
            && ReferenceEquals(turn.Draft, turn.Context.Session.Booking) && !QuestionIntents.Contains(turn.Context.Intent)
            && turn.Context.Intent != Intents.Affirm
            ? null
            : turn.Draft;

    private static string ResumableState(string state) =>
        state == DialogueStates.Idle || state == DialogueStates.Booked ? DialogueStates.CollectingBooking : state;

    private async Task DispatchAsync(Turn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var entities = context.Nlu.Entities;
        if (await HandlePausedAsync(turn, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (AnswersRequirement(turn))
        {
            // "seis y nueve", "600123456": the answer to the question asked, whatever else the words could mean.
            await (context.Session.State switch
            {
                DialogueStates.AwaitingChildAges => HandleChildAgesAsync(turn, cancellationToken),
                DialogueStates.AwaitingModificationChildAges => HandleModificationChildAgesAsync(turn, cancellationToken),
                _ => HandlePhoneAsync(turn, cancellationToken),
            }).ConfigureAwait(false);
            return;
        }

        if (context.Intent is Intents.HumanHandoff or Intents.Complaint)
        {
            await OpenHandoffAsync(turn, context.Intent == Intents.Complaint ? HandoffReason.Complaint : HandoffReason.GuestRequest, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await HandleChangeStateAsync(turn, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        switch (context.Session.State)
        {
            case DialogueStates.OfferingHandoff when context.Intent == Intents.Affirm:
                await OpenHandoffAsync(turn, HandoffReason.NotUnderstood, cancellationToken).ConfigureAwait(false);
                return;

            case DialogueStates.OfferingHandoff when context.Intent == Intents.Deny:
                turn.State = DialogueStates.Idle;
                turn.Say(ReplyKeys.HandoffDeclined);
                return;

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

            case DialogueStates.Booked or DialogueStates.Idle when context.Session.LastReservationCode is not null
                && (HasRelativeChange(entities) || (HasStaySlots(entities) && (context.Intent == Intents.ModifyReservation || context.Nlu.AdditionalIntents.Contains(Intents.ModifyReservation)
                    || InsteadWords.Any(w => Mentions(context.Words, w)))))
                && context.Intent is not (Intents.CancelReservation or Intents.ReservationStatus):
                // "can we upgrade to the suite?", "one more night" right after booking: a change of that booking.
                await StartChangeAsync(turn, Intents.ModifyReservation, cancellationToken).ConfigureAwait(false);
                return;

            case DialogueStates.Booked or DialogueStates.Idle when entities is { Email: not null, BookingCode: null } && !HasStaySlots(entities) && SpeaksOfTheirBooking(context)
                && context.Intent is not (Intents.HumanHandoff or Intents.Complaint) && !BookingIntents.Contains(context.Intent):
                // "Hello, I booked under imogen@…": the booking is theirs to look up, change or cancel; the code is asked next
                // and the email kept to check it. A hotel question asked with it ("… what's your cancellation policy? will
                // I get charged if I cancel now?") is answered first, and the change it speaks of is the one looked up for.
                if (QuestionIntents.Contains(context.Intent))
                {
                    await AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
                    await AnswerOtherQuestionsAsync(turn, cancellationToken).ConfigureAwait(false);
                }

                await StartChangeAsync(
                    turn,
                    context.Intent is Intents.CancelReservation or Intents.ModifyReservation ? context.Intent
                        : context.Nlu.AdditionalIntents.FirstOrDefault(i => i is Intents.CancelReservation or Intents.ModifyReservation) ?? Intents.ReservationStatus,
                    cancellationToken).ConfigureAwait(false);
                return;

            default:
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

                await AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
                await AnswerOtherQuestionsAsync(turn, cancellationToken).ConfigureAwait(false);
                if (QuestionIntents.Contains(context.Intent) && entities.BookingCode is not null
                    && (context.Nlu.AdditionalIntents.FirstOrDefault(i => i is Intents.CancelReservation or Intents.ModifyReservation or Intents.ReservationStatus)
                        ?? (entities.Email is not null ? Intents.ReservationStatus : null)) is { } wanted)
                {
                    var action = wanted == Intents.CancelReservation && context.Intent == Intents.CancellationPolicy && !WantsToCancel(context.Words)
                        ? Intents.ReservationStatus
                        : wanted;
                    // "I need to cancel booking HA-…, what's your cancellation policy?": the policy, then the cancellation;
                    // "can I still cancel HA-… for free?" only asks, so the booking is looked up, not put to cancellation.
                    // "tenho a reserva HA-…, email …: pode confirmar-me as datas? e até que horas é o check-out?": the guest
                    // names their booking and proves it is theirs, so it is looked up after the answer.
                    await StartChangeAsync(turn, action, cancellationToken).ConfigureAwait(false);
                }
                else if (QuestionIntents.Contains(context.Intent)
                    && context.Nlu.AdditionalIntents.FirstOrDefault(i => i is Intents.CancelReservation or Intents.ModifyReservation) is { } change
                    && (change != Intents.CancelReservation || context.Intent != Intents.CancellationPolicy || WantsToCancel(context.Words)))
                {
                    // Not "what's the latest I can cancel without being charged?": a question about cancelling is answered,
                    // and nothing is cancelled unless the guest says they want it.
                    // "vou ter q cancelar… tem multa?", "quiero cancelar una reserva… ¿hasta cuándo se puede cancelar
                    // gratis?": the question is answered, then the cancellation asked for goes on: put to the guest for the
                    // booking of this chat (just made or looked up), or its code asked for.
                    await StartChangeAsync(turn, change, cancellationToken).ConfigureAwait(false);
                }

                return;
        }
    }

    /// <summary>The nightly rate of one room type, or of every room type.</summary>
    private void SayRates(Turn turn, string? roomType)
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

    private static bool AsksPrice(TurnContext context) =>
        context.Intent == Intents.PricingInfo || context.Nlu.AdditionalIntents.Contains(Intents.PricingInfo);

    /// <summary>The total of each room named (or of every room) for the dates, before the party is known: one guest's availability.</summary>
    private async Task SayDatePricesAsync(Turn turn, DateOnly checkIn, DateOnly checkOut, string? roomType, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var language = context.Language;
        var stay = new StayRequest { CheckIn = checkIn, CheckOut = checkOut, Adults = 1 };
        var availability = await TimePmsAsync("availability", () => pms.GetAvailabilityAsync(stay, cancellationToken)).ConfigureAwait(false);
        var named = context.Nlu.RoomTypesMentioned.Count > 0 ? context.Nlu.RoomTypesMentioned : roomType is null ? [] : [roomType];
        var offers = availability.Offers.Where(o => named.Count == 0 || named.Contains(o.RoomType.Code, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (offers.Length == 0)
        {
            return; // Nothing free to price: the availability answer follows once the party is known.
        }

        turn.Say(ReplyKeys.DatePrices, Capitalize(FormatRange(checkIn, checkOut, language)), Nights(stay.Nights, language), OfferList(offers, language));
    }

    /// <summary>"habitación doble: 120,00 € por noche, 360,00 € en total, suite: …": each offer with its nightly price and total.</summary>
    private string OfferList(IEnumerable<RoomOffer> offers, string language) =>
        string.Join(", ", offers.Select(o =>
            replies.Format(language, ReplyKeys.RoomOffer, RoomName(o.RoomType, language), Money(o.Nights[0].Price, o.Currency, language), Money(o.Total, o.Currency, language))));

    /// <summary>Asks for the next missing slot, quotes, or summarises for confirmation.</summary>
    private async Task ContinueBookingAsync(Turn turn, CancellationToken cancellationToken)
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
        var availability = await TimePmsAsync("availability", () => pms.GetAvailabilityAsync(stay, cancellationToken)).ConfigureAwait(false);
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

            var list = OfferList(availability.Offers, language);
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
        var requirements = await pms.GetBookingRequirementsAsync(cancellationToken).ConfigureAwait(false);
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
            requirements.PhoneRequired && draft.Phone is { } phone ? replies.Format(language, ReplyKeys.ContactWithPhone, draft.Email, phone) : draft.Email,
            Money(offer.Total, offer.Currency, language));
        turn.State = DialogueStates.AwaitingConfirmation;
    }

    private async Task ConfirmAsync(Turn turn, CancellationToken cancellationToken)
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
        var result = await TimePmsAsync("create_reservation", () => pms.CreateReservationAsync(request, key, cancellationToken)).ConfigureAwait(false);
        if (result.Succeeded)
        {
            var reservation = result.Reservation!;
            metrics.BookingsCreated.Add(1, new KeyValuePair<string, object?>(HotelAgentTags.Channel, context.Message.ChannelName));
            Log.BookingConfirmed(logger, reservation.Code, context.Session.ConversationId);
            turn.ReservationCode = reservation.Code;
            turn.Verified = [.. turn.Verified, reservation.Code];
            turn.Draft = null;
            turn.State = DialogueStates.Booked;
            turn.Say(ReplyKeys.Booked, reservation.Code, FormatDay(reservation.CheckIn, context.Language));
            return;
        }

        Log.BookingRefused(logger, context.Session.ConversationId, result.Error.ToString());
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
                if (!AskRequirement(turn, draft, await pms.GetBookingRequirementsAsync(cancellationToken).ConfigureAwait(false)))
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

    /// <summary>Answers a message that is not a booking step.</summary>
    private Task AnswerAsync(Turn turn, CancellationToken cancellationToken) => AnswerAsync(turn, turn.Context.Intent, cancellationToken);

    private async Task AnswerAsync(Turn turn, string intent, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var hotel = context.Hotel;
        var language = context.Language;
        if (context.Session.State is DialogueStates.Booked or DialogueStates.OfferingHandoff)
        {
            turn.State = DialogueStates.Idle;
        }

        switch (intent)
        {
            case Intents.Greeting:
                turn.Say(ReplyKeys.Greeting, hotel.Name);
                break;
            case Intents.Thanks:
                turn.Say(ReplyKeys.Thanks);
                break;
            case Intents.Goodbye:
                turn.Say(ReplyKeys.Goodbye);
                break;
            case Intents.CheckInInfo:
                turn.Topic = intent;
                turn.Say(ReplyKeys.CheckInInfo, Time(hotel.CheckInTime));
                SayReceptionHoursIfAsked(turn);
                break;
            case Intents.CheckOutInfo:
                turn.Topic = intent;
                turn.Say(ReplyKeys.CheckOutInfo, Time(hotel.CheckOutTime));
                break;
            case Intents.LateCheckout:
                await RequestLateCheckoutAsync(turn, cancellationToken).ConfigureAwait(false);
                break;
            case Intents.HotelLocation when ContactWords.Any(w => Mentions(context.Words, w)):
                // "what's your phone number?": the hotel's contact details.
                turn.Say(ReplyKeys.ContactDetails, Contact(hotel));
                break;
            case Intents.HotelLocation:
                turn.Topic = intent;
                turn.Replies.Add(new OutboundMessage
                {
                    Text = replies.Format(language, ReplyKeys.Location, hotel.Address ?? hotel.Name)
                        + (hotel.Directions is { } directions ? " " + directions.Get(language) : string.Empty),
                    Location = hotel.Location is { } at ? at with { Name = at.Name ?? hotel.Name, Address = at.Address ?? hotel.Address } : null,
                });
                break;
            case Intents.HotelAmenities:
                AnswerAmenities(turn);
                break;
            case Intents.CancellationPolicy or Intents.PaymentInfo:
                {
                    turn.Topic = intent;
                    var keys = intent == Intents.CancellationPolicy ? new[] { "cancellation" } : PaymentPolicyKeys(context.Text);
                    var texts = keys.Select(k => hotel.Policies.GetValueOrDefault(k)?.Get(language)).OfType<string>().ToArray();
                    turn.Say(texts.Length > 0 ? ReplyKeys.Policy : ReplyKeys.ContactReception, texts.Length > 0 ? string.Join(" ", texts) : Contact(hotel));
                    break;
                }

            case Intents.RoomOptions:
                turn.Say(
                    ReplyKeys.RoomOptions,
                    [.. context.RoomTypes.Select(t => new QuickReply(Capitalize(RoomName(t, language)), t.Code))],
                    string.Join(", ", context.RoomTypes.Select(t => $"{RoomName(t, language)} ({Money(t.NightlyRate, hotel.Currency, language)})")));
                break;
            case Intents.ReservationStatus or Intents.ModifyReservation or Intents.CancelReservation:
                await StartChangeAsync(turn, intent, cancellationToken).ConfigureAwait(false);
                break;
            case Intents.PricingInfo when turn.Draft is { CheckIn: not null, CheckOut: not null, Adults: { } adults, RoomType: { } quoted, QuotedTotal: not null } draft
                && context.Nlu.Entities is { CheckIn: null, CheckOut: null } && (context.Nlu.Entities.RoomType is null || context.Nlu.Entities.RoomType == quoted)
                && (context.Nlu.Entities.Adults is null || context.Nlu.Entities.Adults == adults) && (context.Nlu.Entities.Children is null || context.Nlu.Entities.Children == (draft.Children ?? 0)):
                // "how much is that gonna be" once the stay is quoted: its total, not the list of nightly rates.
                await QuoteAsync(turn, draft, [quoted], cancellationToken).ConfigureAwait(false);
                break;

            case Intents.PricingInfo:
                SayRates(turn, context.Nlu.Entities.RoomType);
                break;
            case Intents.Affirm or Intents.Deny or Intents.Inform:
                turn.Say(ReplyKeys.AnythingElse);
                break;
            default:
                if (intent == Intents.OutOfScope && await AnswerFollowUpAsync(turn, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                turn.NotUnderstood = true;
                if (context.Session.ConsecutiveFallbacks + 1 >= options.CurrentValue.FallbacksBeforeHandoffOffer)
                {
                    turn.SayWithYesNo(ReplyKeys.OfferHandoff);
                    turn.State = DialogueStates.OfferingHandoff;
                }
                else
                {
                    turn.Say(ReplyKeys.Fallback);
                }

                break;
        }
    }

    private async Task<T> TimePmsAsync<T>(string operation, Func<Task<T>> call)
    {
        var started = timeProvider.GetTimestamp();
        var outcome = "success";
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception)
        {
            outcome = "error";
            throw;
        }
        finally
        {
            metrics.PmsDuration.Record(
                timeProvider.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>(HotelAgentTags.Operation, operation),
                new KeyValuePair<string, object?>(HotelAgentTags.Outcome, outcome));
        }
    }

    private static void SayCapacityExceeded(Turn turn, RoomType roomType, StayRequest stay)
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

    /// <summary>Returns whether the message gives a slot value that differs from the draft ("sí, pero mejor del 11 al 13").</summary>
    private static bool ChangesDraft(BookingDraft? draft, NluEntities e) =>
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

    /// <summary>"I booked under …", "tengo una reserva", "minha reserva": the guest speaks of a booking they have.</summary>
    private static bool SpeaksOfTheirBooking(TurnContext context) =>
        context.Words.Any(w => w.StartsWith("reserv", StringComparison.Ordinal) || w is "booked" or "booking" or "bookings" or "reservation" or "reservations");

    private static bool IsCountWord(string w) => w is "uno" or "una" or "dos" or "tres" or "cuatro" or "cinco" or "one" or "two" or "three" or "four" or "five"
        or "um" or "uma" or "dois" or "duas" or "quatro" or "somos" or "seremos" or "seriamos" or "sao" or "solo" or "only" or "so" or "apenas";

    /// <summary>Whether the message names one day only (no range, no nights), and it falls within the stay of the draft.</summary>
    private static bool IsDayOfTheStay(BookingDraft draft, NluEntities e) =>
        e.Nights is null && (e.CheckIn is null) != (e.CheckOut is null) && draft is { CheckIn: { } from, CheckOut: { } to }
        && (e.CheckIn ?? e.CheckOut) is { } day && day >= from && day <= to;

    private static bool HasStaySlots(NluEntities e) =>
        e.CheckIn is not null || e.CheckOut is not null || e.Nights is not null || e.Adults is not null || e.Children is not null || e.RoomType is not null;

    private static bool HasBookingSlots(NluEntities e) => HasStaySlots(e) || e.GuestName is not null || e.Email is not null || e.Phone is not null || HasRelativeChange(e);

    private static bool IsPlainAnswer(string intent) => intent is Intents.Inform or Intents.OutOfScope;

    /// <summary>Takes a bare answer to "what is your name?" as a name: one to five words of letters.</summary>
    internal static string? AsName(string text)
    {
        var trimmed = text.Trim().TrimEnd('.', '!');
        if (trimmed.Length is < 2 or > 80)
        {
            return null;
        }

        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1 && !char.IsUpper(words[0][0]))
        {
            return null; // "blz", "cool": a reply, not a full name.
        }

        if (words.Length > 5)
        {
            return null;
        }

        foreach (var word in words)
        {
            foreach (var c in word)
            {
                if (!char.IsLetter(c) && c is not '\'' and not '-' and not '.' and not '’')
                {
                    return null;
                }
            }
        }

        return string.Join(' ', words);
    }

    internal static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    private static string RoomName(RoomType roomType, string language) => roomType.Name.Get(language);

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Capitalize(string text) =>
        text.Length == 0 || char.IsUpper(text[0]) ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];

    private static string FormatDay(DateOnly day, string language) =>
        day.ToString(language == "en" ? "MMMM d" : "d 'de' MMMM", ReplyTexts.Culture(language));

    /// <summary>Formats a stay as "del 10 al 12 de diciembre" / "from December 10 to 12", naming a shared month once.</summary>
    private static string FormatRange(DateOnly from, DateOnly to, string language)
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

    private static string Nights(int nights, string language) =>
        ReplyTexts.Format(language, nights == 1 ? ReplyKeys.Night : ReplyKeys.Nights, nights);

    private static string People(StayRequest stay, string language) => stay.Children > 0
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

    private static string Contact(HotelInfo hotel) =>
        string.Join(" · ", new[] { hotel.Phone, hotel.Email }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } contact ? contact : hotel.Name;

    /// <summary>The mutable state of one turn while the dialogue runs.</summary>
    private sealed class Turn(TurnContext context, ReplyCatalog replies)
    {
        public TurnContext Context { get; } = context;

        public ReservationChange? Change { get; set; } = context.Session.PendingChange;

        public IReadOnlyList<string> Verified { get; set; } = context.Session.VerifiedReservationCodes;

        public string? HandoffTicketId { get; set; } = context.Session.HandoffTicketId;

        public string? Topic { get; set; } = context.Session.LastTopic;

        public List<OutboundMessage> Replies { get; } = [];

        public BookingDraft? Draft { get; set; } = context.Session.Booking;

        public string State { get; set; } = context.Session.State;

        public string? ReservationCode { get; set; }

        public bool NotUnderstood { get; set; }

        public void Say(string key, params object?[] args) =>
            Replies.Add(new OutboundMessage { Text = replies.Format(Context.Language, key, args) });

        public void Say(string key, IReadOnlyList<QuickReply> quickReplies, params object?[] args) =>
            Replies.Add(new OutboundMessage { Text = replies.Format(Context.Language, key, args), QuickReplies = quickReplies });

        public void SayWithYesNo(string key, params object?[] args) => Say(
            key,
            [new QuickReply(replies.Format(Context.Language, ReplyKeys.Yes)), new QuickReply(replies.Format(Context.Language, ReplyKeys.No))],
            args);

        /// <summary>Puts the slots the guest gave into the draft; a new date range replaces the old one.</summary>
        public void Merge(NluEntities e)
        {
            var draft = Draft ?? new BookingDraft();
            if (e.CheckIn is not null && e.CheckIn == draft.CheckIn && e.CheckOut is null && e.Nights is null)
            {
                // "¿a qué hora es el check-in el viernes?" about the Friday already booked: the stay stays as it is.
            }
            else if (e is { CheckIn: { } inside, Nights: { } count } && draft is { CheckIn: { } from, CheckOut: { } to } && inside > from && inside <= to
                && (e.CheckOut is null || e.CheckOut == inside.AddDays(count)) && !SaysArrival(Context.Text))
            {
                // "meu marido conseguiu folga na segunda. Volta pra 3 noites" about a stay from Saturday: the Monday is a reason,
                // the nights are the change.
                draft = draft with { CheckOut = from.AddDays(count), Nights = count };
            }
            else if (IsDayOfTheStay(draft, e) && IsQuestion(Context.Text)
                && (QuestionIntents.Contains(Context.Intent) || Context.Intent == Intents.LateCheckout || Context.Nlu.AdditionalIntents.Any(QuestionIntents.Contains)))
            {
                // "¿A qué hora hay que entregar el cuarto el domingo?" about a stay ending on Sunday, also asked beside the
                // guest's details: a day of the stay asked about, not a new arrival.
            }
            else if (e.CheckIn is not null)
            {
                var (arrive, leave) = (e.CheckIn, e.CheckOut);
                if (draft.CheckIn is { } current && arrive.Value.DayOfWeek == current.DayOfWeek && arrive < current && (current.DayNumber - arrive.Value.DayNumber) % 7 == 0)
                {
                    // "Saturday and Sunday" while talking of Saturday the 5th: the weekdays are those of the stay discussed.
                    var weeks = current.DayNumber - arrive.Value.DayNumber;
                    arrive = current;
                    leave = leave?.AddDays(weeks);
                }

                draft = draft with { CheckIn = arrive, CheckOut = leave, Nights = e.Nights };
            }
            else if (e.CheckOut is not null || e.Nights is not null)
            {
                var departure = e.CheckOut;
                if (departure is { } said && draft.CheckIn is { } arrival && said <= arrival)
                {
                    departure = Reanchor(said, arrival, Context.Text); // "make it the 3rd" about a stay from the 30th of December.
                }

                draft = draft with
                {
                    CheckOut = departure ?? (draft.CheckIn is { } start && e.Nights is { } n ? start.AddDays(n) : null),
                    Nights = e.Nights,
                };
            }

            if (e.Adults is not null && e.Children is null && draft.Adults is { } adults && draft.Children is > 0 and var young && e.Adults == adults + young
                && !Context.Words.Any(w => w.StartsWith("adult", StringComparison.Ordinal)))
            {
                // "would a room fit the four of us?" about 2 adults and 2 children: the same party.
            }
            else if (e.Adults is null && e.Children is not null && draft.Children is > 0 and var already && e.Children <= already && IsQuestion(Context.Text))
            {
                // "¿y la criança paga?" about a party of three children: a question about them, not a new head count;
                // "son dos niños, de 6 y 11 … ¿cuál nos conviene?" about a party of one child is a correction.
            }
            else if (e.Adults is not null && e.Adults < draft.Adults && e.ExtraAdults is null && QuestionIntents.Contains(Context.Intent) && IsQuestion(Context.Text)
                && !Context.Words.Any(w => w.Length > 0 && char.IsAsciiDigit(w[0])) && !Context.Words.Any(IsCountWord))
            {
                // "Mis papás desayunan temprano, ¿a qué hora abren?" about a party of five: people named in a question, not a
                // new head count.
            }
            else if (BringsAlong(Context, e, draft.Adults))
            {
                // "al final vamos con el nene" about a booking for two adults: the child comes with them.
                draft = draft with { Children = Math.Max(draft.Children ?? 0, e.Children ?? 0) };
            }
            else if (e.Adults is not null && e.Adults == draft.Adults && e.Children is null && draft.Children > 0
                && !Context.Words.Any(w => w.StartsWith("adult", StringComparison.Ordinal) || w is "solo" or "only" or "apenas" or "sin" or "without" or "sem"))
            {
                // "me acaba de decir mi señora … mejor del 3 al 6" about two adults and two children: the couple named in
                // passing is not a new head count that leaves the children out.
            }
            else if (e.Adults is not null || e.Children is not null)
            {
                draft = draft with { Adults = e.Adults ?? draft.Adults ?? (e.Children is not null ? 1 : null), Children = e.Children ?? 0 };
            }

            if (e.ChildAges is { Count: > 0 } ages && ages.Count == draft.Children)
            {
                // "2 niños de 6 y 9" read by an engine that reports the ages: not asked again when the PMS needs them.
                draft = draft with { ChildAges = ages };
            }

            if (e.RoomType is not null)
            {
                draft = draft with { RoomType = e.RoomType };
            }

            if (e.GuestName is not null)
            {
                draft = draft with { GuestName = e.GuestName };
            }

            if (e.Email is not null && IsEmail(e.Email))
            {
                draft = draft with { Email = e.Email };
            }

            if (e.Phone is not null)
            {
                draft = draft with { Phone = e.Phone };
            }

            // "one more night", "un día después", "one more person" before the booking is made.
            if (e.ExtraNights is { } extra && draft.CheckOut is { } leaving && e.CheckOut is null)
            {
                draft = draft with { CheckOut = leaving.AddDays(extra), Nights = null };
            }

            if (e.ShiftDays is { } shift && draft is { CheckIn: { } arriving } && e.CheckIn is null && e.CheckOut is null)
            {
                draft = draft with { CheckIn = arriving.AddDays(shift), CheckOut = draft.CheckOut?.AddDays(shift) };
            }

            if (e.ExtraAdults is { } more && e.Adults is null)
            {
                draft = draft with { Adults = (draft.Adults ?? 1) + more };
            }

            if (e.ExtraChildren is { } kids && e.Children is null)
            {
                draft = draft with { Children = (draft.Children ?? 0) + kids, Adults = draft.Adults ?? 1 };
            }

            Draft = draft;
        }
    }
}
