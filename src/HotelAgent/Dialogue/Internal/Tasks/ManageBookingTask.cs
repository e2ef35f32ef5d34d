using HotelAgent.Abstractions;
using static HotelAgent.DialogueSlots;
using static HotelAgent.DialogueText;
using static HotelAgent.RequirementAnswers;

namespace HotelAgent;

/// <summary>
/// Managing an existing reservation: look-up, modification (requoted first) and cancellation (policy quoted first), each
/// on a reservation the guest proved is theirs (<see cref="VerifyOwnershipAsync"/>), and each write only after an
/// explicit yes in its confirmation state.
/// </summary>
internal sealed partial class ManageBookingTask : IDialogueTask
{
    public async ValueTask<bool> TryHandleAsync(DialogueTurn turn, DialogueStep step, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        switch (step)
        {
            case DialogueStep.DetailAsked when context.Session.State == DialogueStates.AwaitingModificationChildAges
                && turn.Change?.Children is > 0 and var changed && GivesAges(context, changed):
                // "seis y nueve": the answer to the question asked, whatever else the words could mean.
                await HandleModificationChildAgesAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;

            case DialogueStep.Pending:
                return await HandleChangeStateAsync(turn, cancellationToken).ConfigureAwait(false);

            case DialogueStep.FollowUp:
                return await FollowUpAsync(turn, cancellationToken).ConfigureAwait(false);

            case DialogueStep.NewRequest when ChangeAskedWithQuestion(context) is { } action:
                await turn.AnswerAsync(cancellationToken).ConfigureAwait(false);
                await turn.AnswerOtherQuestionsAsync(cancellationToken).ConfigureAwait(false);
                await StartChangeAsync(turn, action, cancellationToken).ConfigureAwait(false);
                return true;

            default:
                return false;
        }
    }

    public async ValueTask<bool> TryAnswerAsync(DialogueTurn turn, string intent, CancellationToken cancellationToken)
    {
        if (intent is not (Intents.ReservationStatus or Intents.ModifyReservation or Intents.CancelReservation))
        {
            return false;
        }

        await StartChangeAsync(turn, intent, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A message about the booking of this chat, just made or looked up; returns <see langword="false"/> when it is not one.</summary>
    private static async Task<bool> FollowUpAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var entities = context.Nlu.Entities;
        switch (context.Session.State)
        {
            case DialogueStates.Booked or DialogueStates.Idle when context.Session.LastReservationCode is not null
                && (HasRelativeChange(entities) || (HasStaySlots(entities) && (context.Intent == Intents.ModifyReservation || context.Nlu.AdditionalIntents.Contains(Intents.ModifyReservation)
                    || InsteadWords.Any(w => Mentions(context.Words, w)))))
                && context.Intent is not (Intents.CancelReservation or Intents.ReservationStatus):
                // "can we upgrade to the suite?", "one more night" right after booking: a change of that booking.
                await StartChangeAsync(turn, Intents.ModifyReservation, cancellationToken).ConfigureAwait(false);
                return true;

            case DialogueStates.Booked or DialogueStates.Idle when entities is { Email: not null, BookingCode: null } && !HasStaySlots(entities) && SpeaksOfTheirBooking(context)
                && context.Intent is not (Intents.HumanHandoff or Intents.Complaint) && !BookingIntents.Contains(context.Intent):
                // "Hello, I booked under imogen@…": the booking is theirs to look up, change or cancel; the code is asked next
                // and the email kept to check it. A hotel question asked with it ("… what's your cancellation policy? will
                // I get charged if I cancel now?") is answered first, and the change it speaks of is the one looked up for.
                if (QuestionIntents.Contains(context.Intent))
                {
                    await turn.AnswerAsync(cancellationToken).ConfigureAwait(false);
                    await turn.AnswerOtherQuestionsAsync(cancellationToken).ConfigureAwait(false);
                }

                await StartChangeAsync(
                    turn,
                    context.Intent is Intents.CancelReservation or Intents.ModifyReservation ? context.Intent
                        : context.Nlu.AdditionalIntents.FirstOrDefault(i => i is Intents.CancelReservation or Intents.ModifyReservation) ?? Intents.ReservationStatus,
                    cancellationToken).ConfigureAwait(false);
                return true;

            default:
                return false;
        }
    }

    /// <summary>
    /// The look-up, change or cancellation a hotel question asks for besides ("I need to cancel booking HA-…, what's your
    /// cancellation policy?"), or <see langword="null"/>.
    /// </summary>
    private static string? ChangeAskedWithQuestion(TurnContext context)
    {
        var entities = context.Nlu.Entities;
        if (QuestionIntents.Contains(context.Intent) && entities.BookingCode is not null
            && (context.Nlu.AdditionalIntents.FirstOrDefault(i => i is Intents.CancelReservation or Intents.ModifyReservation or Intents.ReservationStatus)
                ?? (entities.Email is not null ? Intents.ReservationStatus : null)) is { } wanted)
        {
            // "I need to cancel booking HA-…, what's your cancellation policy?": the policy, then the cancellation;
            // "can I still cancel HA-… for free?" only asks, so the booking is looked up, not put to cancellation.
            // "tenho a reserva HA-…, email …: pode confirmar-me as datas? e até que horas é o check-out?": the guest
            // names their booking and proves it is theirs, so it is looked up after the answer.
            return wanted == Intents.CancelReservation && context.Intent == Intents.CancellationPolicy && !WantsToCancel(context.Words)
                ? Intents.ReservationStatus
                : wanted;
        }

        if (QuestionIntents.Contains(context.Intent)
            && context.Nlu.AdditionalIntents.FirstOrDefault(i => i is Intents.CancelReservation or Intents.ModifyReservation) is { } change
            && (change != Intents.CancelReservation || context.Intent != Intents.CancellationPolicy || WantsToCancel(context.Words)))
        {
            // Not "what's the latest I can cancel without being charged?": a question about cancelling is answered,
            // and nothing is cancelled unless the guest says they want it.
            // "vou ter q cancelar… tem multa?", "quiero cancelar una reserva… ¿hasta cuándo se puede cancelar
            // gratis?": the question is answered, then the cancellation asked for goes on: put to the guest for the
            // booking of this chat (just made or looked up), or its code asked for.
            return change;
        }

        return null;
    }

    private static readonly HashSet<string> ChangeStates =
    [
        DialogueStates.AwaitingBookingCode,
        DialogueStates.AwaitingVerificationEmail,
        DialogueStates.CollectingModification,
        DialogueStates.AwaitingModificationChildAges,
        DialogueStates.AwaitingModificationConfirmation,
        DialogueStates.AwaitingCancellationConfirmation,
    ];

    /// <summary>Handles a message in one of the reservation-change states; returns <see langword="false"/> to leave it to the later steps.</summary>
    private static async Task<bool> HandleChangeStateAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var state = context.Session.State;
        if (!ChangeStates.Contains(state) || turn.Change is not { } change)
        {
            return false;
        }

        var entities = context.Nlu.Entities;
        var intent = context.Intent;
        switch (state)
        {
            case DialogueStates.AwaitingModificationConfirmation when intent == Intents.Affirm
                && ((!HasStaySlots(entities) && !HasRelativeChange(entities)) || RestatesChange(change, entities)):
                await ConfirmModificationAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;

            case DialogueStates.AwaitingCancellationConfirmation when intent == Intents.Affirm && SignsOff(context.Words):
                // "ok cheers, that's all" to "do you confirm you want to cancel it?": the guest is done, nothing is cancelled.
                EndChange(turn, ReplyKeys.CancellationDeclined, change.Code);
                return true;

            case DialogueStates.AwaitingCancellationConfirmation when intent == Intents.Affirm:
                await ConfirmCancellationAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;

            case DialogueStates.AwaitingModificationConfirmation or DialogueStates.CollectingModification or DialogueStates.AwaitingModificationChildAges
                when intent == Intents.Deny && !HasStaySlots(entities) && !HasRelativeChange(entities):
                EndChange(turn, ReplyKeys.ModificationDeclined, change.Code);
                return true;

            case DialogueStates.AwaitingCancellationConfirmation when intent == Intents.Deny:
                EndChange(turn, ReplyKeys.CancellationDeclined, change.Code);
                return true;

            case DialogueStates.AwaitingBookingCode or DialogueStates.AwaitingVerificationEmail when intent == Intents.Deny:
                EndChange(turn, ReplyKeys.AnythingElse);
                return true;

            case DialogueStates.AwaitingBookingCode when entities.BookingCode is { } code:
                turn.Change = WithActionAsked(change, intent, entities) with { Code = code.ToUpperInvariant() };
                MergeChange(turn, entities);
                await ContinueChangeAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;

            case DialogueStates.AwaitingBookingCode when entities.Email is { } given && IsEmail(given):
                // "el correo es fer@…" before the code: kept to check the booking once the code comes.
                turn.Change = change with { Email = given };
                MergeChange(turn, entities);
                turn.Say(ReplyKeys.AskBookingCode, turn.Services.Pms.BookingCodeFormat.Example);
                turn.State = DialogueStates.AwaitingBookingCode;
                return true;

            case DialogueStates.AwaitingBookingCode or DialogueStates.AwaitingVerificationEmail
                when entities.IsEmpty && intent is Intents.Affirm or Intents.CancelReservation or Intents.ModifyReservation or Intents.ReservationStatus:
                // "sí, cancélala" while the code or the email is still missing: the request stands, and what is missing is
                // asked again.
                if (state == DialogueStates.AwaitingBookingCode || change.Code is null)
                {
                    turn.Say(ReplyKeys.AskBookingCode, turn.Services.Pms.BookingCodeFormat.Example);
                    turn.State = DialogueStates.AwaitingBookingCode;
                }
                else
                {
                    turn.Say(ReplyKeys.AskVerificationEmail, change.Code);
                    turn.State = DialogueStates.AwaitingVerificationEmail;
                }

                return true;

            case DialogueStates.AwaitingVerificationEmail when entities.Email is not null:
                turn.Change = WithActionAsked(change, intent, entities);
                if (turn.Change.Action == Intents.ModifyReservation)
                {
                    MergeChange(turn, entities);
                }

                await ContinueChangeAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;

            case DialogueStates.AwaitingVerificationEmail when context.Text.Contains('@', StringComparison.Ordinal):
                turn.Say(ReplyKeys.InvalidEmail);
                return true;

            case DialogueStates.CollectingModification or DialogueStates.AwaitingModificationConfirmation when HasStaySlots(entities) || HasRelativeChange(entities):
                MergeChange(turn, entities);
                await ContinueChangeAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;

            case DialogueStates.AwaitingModificationChildAges:
                await HandleModificationChildAgesAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;

            case DialogueStates.AwaitingModificationConfirmation:
                await turn.AnswerAsync(cancellationToken).ConfigureAwait(false);
                turn.SayWithYesNo(ReplyKeys.ConfirmModificationPrompt);
                turn.State = state;
                return true;

            case DialogueStates.AwaitingCancellationConfirmation when (intent != Intents.CancelReservation || SaysInstead(context))
                && (intent == Intents.ModifyReservation || HasStaySlots(entities) || HasRelativeChange(entities)):
                // "Instead of canceling, could I just move it to February 11 through 14?", "en vez de cancelarla, ¿me la
                // podéis pasar al 11?": the booking is changed and the change put to the guest; nothing is cancelled.
                turn.Change = change with { Action = Intents.ModifyReservation };
                MergeChange(turn, entities);
                await ContinueChangeAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;

            case DialogueStates.AwaitingCancellationConfirmation:
                await turn.AnswerAsync(cancellationToken).ConfigureAwait(false);
                turn.SayWithYesNo(ReplyKeys.ConfirmCancellationPrompt);
                turn.State = state;
                return true;

            default:
                return false;
        }
    }

    /// <summary>
    /// The request said with the code or the email that was asked for: "callum@… We fancy staying till Monday the 25th
    /// instead" or "Reference is HA-…. Could we swap to the suite?" turns a look-up into a change; "… and please cancel
    /// it" into a cancellation.
    /// </summary>
    private static ReservationChange WithActionAsked(ReservationChange change, string intent, NluEntities entities) =>
        intent == Intents.CancelReservation ? change with { Action = Intents.CancelReservation }
        : change.Action != Intents.CancelReservation && (intent == Intents.ModifyReservation || HasStaySlots(entities) || HasRelativeChange(entities))
            ? change with { Action = Intents.ModifyReservation }
            : change;
}
