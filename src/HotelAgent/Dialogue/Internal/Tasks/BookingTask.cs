using HotelAgent.Abstractions;
using static HotelAgent.DialogueSlots;
using static HotelAgent.DialogueText;

namespace HotelAgent;

/// <summary>
/// Making a booking: collecting the stay (dates, people, room) in any order, quoting it from the PMS, the guest's
/// name, email and what the PMS requires (children's ages, a phone), the summary, and the reservation on an explicit
/// yes. Questions asked on the way are answered in passing, by the task they belong to, before the booking goes on.
/// </summary>
internal sealed partial class BookingTask : IDialogueTask
{
    public async ValueTask<bool> TryHandleAsync(DialogueTurn turn, DialogueStep step, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        switch (step)
        {
            case DialogueStep.DetailAsked when context.Session.State is DialogueStates.AwaitingChildAges or DialogueStates.AwaitingGuestPhone && AnswersRequirement(turn):
                // "seis y nueve", "600123456": the answer to the question asked, whatever else the words could mean.
                await (context.Session.State == DialogueStates.AwaitingChildAges ? HandleChildAgesAsync(turn, cancellationToken) : HandlePhoneAsync(turn, cancellationToken)).ConfigureAwait(false);
                return true;

            case DialogueStep.Pending:
                return await GoOnAsync(turn, cancellationToken).ConfigureAwait(false);

            case DialogueStep.NewRequest when AsksForNewBooking(context):
                await StartAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;

            default:
                return false;
        }
    }

    public async ValueTask<bool> TryAnswerAsync(DialogueTurn turn, string intent, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        switch (intent)
        {
            case Intents.PricingInfo when turn.Draft is { CheckIn: not null, CheckOut: not null, Adults: { } adults, RoomType: { } quoted, QuotedTotal: not null } draft
                && context.Nlu.Entities is { CheckIn: null, CheckOut: null } && (context.Nlu.Entities.RoomType is null || context.Nlu.Entities.RoomType == quoted)
                && (context.Nlu.Entities.Adults is null || context.Nlu.Entities.Adults == adults) && (context.Nlu.Entities.Children is null || context.Nlu.Entities.Children == (draft.Children ?? 0)):
                // "how much is that gonna be" once the stay is quoted: its total, not the list of nightly rates.
                await QuoteAsync(turn, draft, [quoted], cancellationToken).ConfigureAwait(false);
                return true;

            case Intents.PricingInfo:
                SayRates(turn, context.Nlu.Entities.RoomType);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Goes on with the booking the conversation is making; returns <see langword="false"/> when it is making none.</summary>
    private static async Task<bool> GoOnAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var entities = context.Nlu.Entities;
        switch (context.Session.State)
        {
            case DialogueStates.AwaitingConfirmation when context.Intent == Intents.Affirm && !ChangesDraft(turn.Draft, entities):
                // "Sí, oiga, ¿y tienen estacionamiento?": the booking is made and the question answered.
                await ConfirmAsync(turn, cancellationToken).ConfigureAwait(false);
                await turn.AnswerOtherQuestionsAsync(cancellationToken).ConfigureAwait(false);
                return true;

            case DialogueStates.AwaitingConfirmation or DialogueStates.CollectingBooking or DialogueStates.AwaitingGuestName or DialogueStates.AwaitingGuestEmail
                or DialogueStates.AwaitingChildAges or DialogueStates.AwaitingGuestPhone
                when context.Intent == Intents.Deny && !HasBookingSlots(entities):
                // Nothing is booked; the draft is kept for the next message only, which may put it right ("no" … "mejor del
                // 2 al 4", "the email was wrong, it's …") and is then quoted again.
                turn.State = DialogueStates.Idle;
                turn.Say(ReplyKeys.BookingDeclined);
                return true;

            case DialogueStates.Idle when turn.Draft is not null && entities.BookingCode is null && (HasBookingSlots(entities) || HasRelativeChange(entities))
                && context.Intent is not (Intents.CancelReservation or Intents.ReservationStatus or Intents.Deny or Intents.Goodbye or Intents.Thanks):
                {
                    // "no" at the summary, then "sorry, can we make it Thursday the 11th through Sunday the 14th?": the booking
                    // declined, put right and quoted again with everything else the guest gave.
                    var asked = await AnswerInPassingAsync(turn, cancellationToken).ConfigureAwait(false);
                    turn.Merge(asked && !SaysInstead(context) ? WithoutRoomChoice(turn, entities) : entities);
                    await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
                    return true;
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
                        return true;
                    }

                    await turn.AnswerAsync(cancellationToken).ConfigureAwait(false);
                    await turn.AnswerOtherQuestionsAsync(cancellationToken).ConfigureAwait(false);
                    turn.Say(ReplyKeys.AskName);
                    turn.State = DialogueStates.AwaitingGuestName;
                    return true;
                }

            case DialogueStates.AwaitingGuestEmail:
                if (HasBookingSlots(entities))
                {
                    var asked = await AnswerInPassingAsync(turn, cancellationToken).ConfigureAwait(false);
                    turn.Merge(asked && !SaysInstead(context) ? WithoutRoomChoice(turn, entities) : entities);
                    await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
                    return true;
                }

                if (IsPlainAnswer(context.Intent) || context.Text.Contains('@', StringComparison.Ordinal))
                {
                    turn.Say(ReplyKeys.InvalidEmail);
                    turn.State = DialogueStates.AwaitingGuestEmail;
                    return true;
                }

                await turn.AnswerAsync(cancellationToken).ConfigureAwait(false);
                await turn.AnswerOtherQuestionsAsync(cancellationToken).ConfigureAwait(false);
                turn.Say(ReplyKeys.AskEmail, turn.Draft?.GuestName);
                turn.State = DialogueStates.AwaitingGuestEmail;
                return true;

            case DialogueStates.AwaitingChildAges:
                await HandleChildAgesAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;

            case DialogueStates.AwaitingGuestPhone:
                await HandlePhoneAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;

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
                    return true;
                }

                await turn.AnswerAsync(cancellationToken).ConfigureAwait(false);
                await turn.AnswerOtherQuestionsAsync(cancellationToken).ConfigureAwait(false);
                if (context.Session.State == DialogueStates.AwaitingConfirmation)
                {
                    turn.SayWithYesNo(ReplyKeys.ConfirmPrompt);
                }
                else
                {
                    await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
                }

                return true;

            default:
                return false;
        }
    }

    /// <summary>Whether the message asks for a booking: a booking intent, a stay told, or a hotel question that asks for a room.</summary>
    private static bool AsksForNewBooking(TurnContext context) =>
        BookingIntents.Contains(context.Intent) || (context.Intent == Intents.Inform && HasStaySlots(context.Nlu.Entities))
        || (QuestionIntents.Contains(context.Intent) && AsksForBooking(context));

    /// <summary>Starts a booking from what the message says.</summary>
    private static async Task StartAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var entities = context.Nlu.Entities;
        // "¿Tienen lugar del 3 al 5 para dos? ¿Y el desayuno?": the question is answered first, then the booking goes on.
        // A question about rooms with dates is answered by the availability list itself.
        if (QuestionIntents.Contains(context.Intent) && !(context.Intent == Intents.RoomOptions && entities.CheckIn is not null))
        {
            await turn.AnswerAsync(context.Intent, cancellationToken).ConfigureAwait(false);
        }

        await turn.AnswerOtherQuestionsAsync(cancellationToken).ConfigureAwait(false);
        turn.Draft = null;
        turn.Merge(entities);
        if (turn.Draft is { CheckIn: null } && (context.Intent == Intents.PricingInfo || context.Nlu.AdditionalIntents.Contains(Intents.PricingInfo)))
        {
            // "¿Cuánto cuesta la familiar?" without dates: the nightly rates first, then the dates.
            SayRates(turn, entities.RoomType);
        }

        await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// During a booking, answers the questions the message asks (a hotel question, or the price of one or more room
    /// types for the stay being booked) before the booking goes on. Returns whether it quoted prices.
    /// </summary>
    private static async Task<bool> AnswerInPassingAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        if (QuestionIntents.Contains(context.Intent) && !(context.Intent == Intents.RoomOptions && context.Nlu.Entities.CheckIn is not null))
        {
            await turn.AnswerAsync(context.Intent, cancellationToken).ConfigureAwait(false);
        }

        await turn.AnswerOtherQuestionsAsync(cancellationToken).ConfigureAwait(false);
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
}
