using HotelAgent.Abstractions;
using static HotelAgent.DialogueFormat;
using static HotelAgent.DialogueSlots;

namespace HotelAgent;

/// <summary>
/// Handoffs to staff: a conversation staff handle (the agent stays silent, the messages go to the ticket, and it resumes
/// after a release or a silence longer than <see cref="HotelAgentOptions.HandoffTimeout"/>), a guest asking for a
/// person or complaining, the offer of a person after messages not understood, and the late check-out request.
/// </summary>
internal sealed class HandoffTask : IDialogueTask
{
    public async ValueTask<bool> TryHandleAsync(DialogueTurn turn, DialogueStep step, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        switch (step)
        {
            case DialogueStep.Paused:
                return await HandlePausedAsync(turn, cancellationToken).ConfigureAwait(false);

            case DialogueStep.Escalation when context.Intent is Intents.HumanHandoff or Intents.Complaint:
                await OpenHandoffAsync(turn, context.Intent == Intents.Complaint ? HandoffReason.Complaint : HandoffReason.GuestRequest, cancellationToken).ConfigureAwait(false);
                return true;

            case DialogueStep.Pending when context.Session.State == DialogueStates.OfferingHandoff && context.Intent == Intents.Affirm:
                await OpenHandoffAsync(turn, HandoffReason.NotUnderstood, cancellationToken).ConfigureAwait(false);
                return true;

            case DialogueStep.Pending when context.Session.State == DialogueStates.OfferingHandoff && context.Intent == Intents.Deny:
                turn.State = DialogueStates.Idle;
                turn.Say(ReplyKeys.HandoffDeclined);
                return true;

            default:
                return false;
        }
    }

    public async ValueTask<bool> TryAnswerAsync(DialogueTurn turn, string intent, CancellationToken cancellationToken)
    {
        if (intent != Intents.LateCheckout)
        {
            return false;
        }

        await RequestLateCheckoutAsync(turn, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Returns <see langword="true"/> when staff handle the conversation: the message goes to the ticket and the agent stays silent.</summary>
    private static async Task<bool> HandlePausedAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        if (turn.HandoffTicketId is not { } id)
        {
            return false;
        }

        var context = turn.Context;
        var now = turn.Services.TimeProvider.GetUtcNow();
        var ticket = await turn.Services.Handoffs.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (ticket is null || ticket.Status == HandoffStatus.Closed)
        {
            Resume(turn);
            return false;
        }

        if (now - ticket.UpdatedAt >= turn.Services.Options.CurrentValue.HandoffTimeout)
        {
            await turn.Services.Handoffs.UpdateAsync(
                id,
                t => t with { Status = HandoffStatus.Closed, UpdatedAt = now, Messages = [.. t.Messages, new HandoffMessage(HandoffParty.Agent, "Timed out without staff action.", now)] },
                cancellationToken).ConfigureAwait(false);
            Log.HandoffTimedOut(turn.Services.Logger, id);
            Resume(turn);
            turn.Say(ReplyKeys.HandoffTimedOut);
            return false;
        }

        // Guest messages are kept for the staff; they do not count as staff activity, so the timeout still runs.
        await turn.Services.Handoffs.UpdateAsync(
            id,
            t => t with { Messages = [.. t.Messages, new HandoffMessage(HandoffParty.Guest, context.Text, now)] },
            cancellationToken).ConfigureAwait(false);
        turn.State = DialogueStates.HandedOff;
        if (ticket.Status == HandoffStatus.Open)
        {
            // "¿a qué hora cierra la recepción?", "what time does breakfast finish?" while no one has taken the ticket yet:
            // the hotel's own answers are given at once; anything else waits for the staff, as does everything once taken.
            if (QuestionIntents.Contains(context.Intent))
            {
                await turn.AnswerAsync(context.Intent, cancellationToken).ConfigureAwait(false);
            }

            await turn.AnswerOtherQuestionsAsync(cancellationToken).ConfigureAwait(false);
            turn.State = DialogueStates.HandedOff;
        }

        return true;
    }

    private static void Resume(DialogueTurn turn)
    {
        turn.HandoffTicketId = null;
        if (turn.State == DialogueStates.HandedOff)
        {
            turn.State = turn.Draft is null ? DialogueStates.Idle : DialogueStates.CollectingBooking;
        }
    }

    /// <summary>
    /// Opens a ticket for staff. During reception hours the agent pauses in the conversation; outside them the guest
    /// gets the after-hours answer, the ticket waits for the morning and the agent keeps answering.
    /// </summary>
    private static async Task OpenHandoffAsync(DialogueTurn turn, HandoffReason reason, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var hotel = context.Hotel;
        var afterHours = hotel.ReceptionHours is { } hours && !hours.IsOpenAt(context.LocalTime);
        if (afterHours && reason is HandoffReason.GuestRequest or HandoffReason.NotUnderstood)
        {
            reason = HandoffReason.AfterHours;
        }

        var ticket = await turn.Services.AddTicketAsync(turn, reason, pausesAgent: !afterHours, cancellationToken).ConfigureAwait(false);
        if (reason == HandoffReason.Complaint)
        {
            turn.Say(ReplyKeys.ComplaintApology);
        }

        if (afterHours)
        {
            var receptionHours = hotel.ReceptionHours!;
            turn.Say(ReplyKeys.AfterHours, Time(receptionHours.Opens), Time(receptionHours.Closes), Contact(hotel), ReceptionSchedule.AnswerDay(receptionHours, context.LocalTime, context.Language));
            turn.State = DialogueStates.Idle;
            return;
        }

        turn.HandoffTicketId = ticket.Id;
        turn.State = DialogueStates.HandedOff;
        turn.Say(ReplyKeys.HandoffOpened);
    }

    private static async Task RequestLateCheckoutAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        await turn.Services.AddTicketAsync(turn, HandoffReason.LateCheckout, pausesAgent: false, cancellationToken).ConfigureAwait(false);
        turn.Say(ReplyKeys.LateCheckoutRequested, Time(turn.Context.Hotel.CheckOutTime));
    }
}
