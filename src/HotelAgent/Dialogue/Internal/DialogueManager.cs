using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static HotelAgent.DialogueSlots;

namespace HotelAgent;

/// <summary>
/// Composes what the agent says and does for one message: builds the turn's frame (<see cref="DialogueTurn"/>), asks
/// the dialogue's tasks (<see cref="IDialogueTask"/>: handoff, booking, managing a booking, hotel questions, small talk)
/// step by step which one owns the message, has each intent no task took answered by the task it belongs to, and
/// gathers the replies and the new session. Writes to the PMS happen only in a task's confirmation state, on an
/// explicit yes.
/// </summary>
internal sealed class DialogueManager(
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

    /// <summary>
    /// The routing table: the steps in the order they are taken. At each step the tasks are asked in the order they are
    /// registered (<c>AddHotelAgent</c>): handoff, booking, managing a booking, hotel questions, small talk.
    /// </summary>
    private static readonly DialogueStep[] Steps =
    [
        DialogueStep.Paused, DialogueStep.DetailAsked, DialogueStep.Escalation, DialogueStep.Pending, DialogueStep.FollowUp, DialogueStep.NewRequest,
    ];

    // The readers the tests call by the manager's name; they live in DialogueText and RequirementAnswers.
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

    public async Task<TurnOutcome> HandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var turn = new DialogueTurn(context, _services, this);
        try
        {
            await RouteAsync(turn, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Asks the tasks, step by step, which one handles the message. A message none takes is answered intent by intent:
    /// its main intent, then the hotel questions it asks besides.
    /// </summary>
    private async Task RouteAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        foreach (var step in Steps)
        {
            foreach (var task in _tasks)
            {
                if (await task.TryHandleAsync(turn, step, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }

        await AnswerAsync(turn, turn.Intent, cancellationToken).ConfigureAwait(false);
        await AnswerOtherQuestionsAsync(turn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers one intent of the message, by the first task that owns it (small talk, last, answers any).</summary>
    internal async Task AnswerAsync(DialogueTurn turn, string intent, CancellationToken cancellationToken)
    {
        if (turn.Context.Session.State is DialogueStates.Booked or DialogueStates.OfferingHandoff)
        {
            turn.State = DialogueStates.Idle;
        }

        foreach (var task in _tasks)
        {
            if (await task.TryAnswerAsync(turn, intent, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

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
}
