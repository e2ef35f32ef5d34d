using HotelAgent.Abstractions;
using static HotelAgent.DialogueSlots;
using static HotelAgent.DialogueText;
using static HotelAgent.RequirementAnswers;

namespace HotelAgent;

/// <summary>
/// What the PMS needs in a booking beyond the name and email (<see cref="IPmsBookingRequirementsProvider"/>): the age of
/// each child and a phone number, asked after the email and before the summary, only when the PMS requires them and the
/// conversation does not have them yet. A PMS that declares nothing gets no extra questions.
/// </summary>
internal sealed partial class DialogueManager
{
    /// <summary>
    /// Asks for the first detail the PMS requires that the draft lacks: each child's age, then a phone. Returns whether
    /// it asked.
    /// </summary>
    private static bool AskRequirement(DialogueTurn turn, BookingDraft draft, PmsBookingRequirements requirements)
    {
        if (requirements.ChildAgesRequired && draft.Children is > 0 and var children && AgesOf(draft) is null)
        {
            turn.Draft = draft with { ChildAges = null, IdempotencyKey = null };
            SayAskAges(turn, children);
            turn.State = DialogueStates.AwaitingChildAges;
            return true;
        }

        if (requirements.PhoneRequired && string.IsNullOrWhiteSpace(draft.Phone))
        {
            turn.Draft = draft with { IdempotencyKey = null };
            turn.Say(ReplyKeys.AskPhone);
            turn.State = DialogueStates.AwaitingGuestPhone;
            return true;
        }

        return false;
    }

    /// <summary>Whether the message answers the requirement just asked: one age per child, or a phone number.</summary>
    private static bool AnswersRequirement(DialogueTurn turn)
    {
        var context = turn.Context;
        return context.Session.State switch
        {
            // "the oldest is 9": an age, if not all of them, answers the question (and is asked again), whatever else the words could mean.
            DialogueStates.AwaitingChildAges => turn.Draft?.Children is > 0 and var children && GivesAges(context, children),
            DialogueStates.AwaitingGuestPhone => (context.Nlu.Entities.Phone ?? ReadPhone(context.Text)) is not null,
            _ => false,
        };
    }

    /// <summary>The guest's answer to "how old are the children?".</summary>
    private async Task HandleChildAgesAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var entities = context.Nlu.Entities;
        var draft = turn.Draft ?? new BookingDraft();
        var (children, ages) = ReadAgesAnswer(context.Text, draft.Children ?? 0, ReadChildCount(context.Text) ?? entities.Children);
        if (children != (draft.Children ?? 0))
        {
            turn.Merge(NluEntities.Empty with { Adults = entities.Adults ?? draft.Adults, Children = children });
            draft = turn.Draft!;
        }

        if (children > 0 && ages.Count == children)
        {
            // "6 y 9" reads as dates too: here it is the answer, and only a phone or an email given with it is also taken.
            var young = await YoungerThanAdultAsync(turn, ages, cancellationToken).ConfigureAwait(false);
            draft = draft with { ChildAges = young };
            if (young.Length < ages.Count)
            {
                draft = draft with { Adults = (draft.Adults ?? 1) + (ages.Count - young.Length), Children = young.Length };
            }

            turn.Draft = draft;
            turn.Merge(NluEntities.Empty with { Phone = entities.Phone, Email = entities.Email });
            await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (ages.Count == 0 && HasBookingSlots(entities))
        {
            // "mejor sin los niños", "somos 3 niños": the booking changes, and the ages are asked again if still needed.
            var asked = await AnswerInPassingAsync(turn, cancellationToken).ConfigureAwait(false);
            turn.Merge(asked && !SaysInstead(context) ? WithoutRoomChoice(turn, entities) : entities);
            await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (ages.Count == 0 && !IsPlainAnswer(context.Intent))
        {
            await AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
            await AnswerOtherQuestionsAsync(turn, cancellationToken).ConfigureAwait(false);
        }

        turn.Say(ReplyKeys.ChildAgesMismatch, children);
        turn.State = DialogueStates.AwaitingChildAges;
    }

    /// <summary>The guest's answer to "what is your phone number?".</summary>
    private async Task HandlePhoneAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var entities = context.Nlu.Entities;
        if ((entities.Phone ?? ReadPhone(context.Text)) is { } phone)
        {
            turn.Merge(NluEntities.Empty with { Phone = phone, Email = entities.Email, GuestName = entities.GuestName });
            await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (HasBookingSlots(entities))
        {
            var asked = await AnswerInPassingAsync(turn, cancellationToken).ConfigureAwait(false);
            turn.Merge(asked && !SaysInstead(context) ? WithoutRoomChoice(turn, entities) : entities);
            await ContinueBookingAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (IsPlainAnswer(context.Intent) || context.Text.Any(char.IsAsciiDigit))
        {
            turn.Say(ReplyKeys.InvalidPhone);
            turn.State = DialogueStates.AwaitingGuestPhone;
            return;
        }

        await AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
        await AnswerOtherQuestionsAsync(turn, cancellationToken).ConfigureAwait(false);
        turn.Say(ReplyKeys.AskPhone);
        turn.State = DialogueStates.AwaitingGuestPhone;
    }
}
