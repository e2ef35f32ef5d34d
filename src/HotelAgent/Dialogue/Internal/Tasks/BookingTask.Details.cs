using HotelAgent.Abstractions;
using static HotelAgent.DialogueFormat;
using static HotelAgent.DialogueSlots;
using static HotelAgent.DialogueText;
using static HotelAgent.RequirementAnswers;

namespace HotelAgent;

/// <summary>Making a booking: the details the PMS requires (children's ages, a phone) and the reservation on the guest's yes.</summary>
internal sealed partial class BookingTask
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
    private static async Task HandleChildAgesAsync(DialogueTurn turn, CancellationToken cancellationToken)
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
            await turn.AnswerAsync(cancellationToken).ConfigureAwait(false);
            await turn.AnswerOtherQuestionsAsync(cancellationToken).ConfigureAwait(false);
        }

        turn.Say(ReplyKeys.ChildAgesMismatch, children);
        turn.State = DialogueStates.AwaitingChildAges;
    }

    /// <summary>The guest's answer to "what is your phone number?".</summary>
    private static async Task HandlePhoneAsync(DialogueTurn turn, CancellationToken cancellationToken)
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

        await turn.AnswerAsync(cancellationToken).ConfigureAwait(false);
        await turn.AnswerOtherQuestionsAsync(cancellationToken).ConfigureAwait(false);
        turn.Say(ReplyKeys.AskPhone);
        turn.State = DialogueStates.AwaitingGuestPhone;
    }

    private static async Task ConfirmAsync(DialogueTurn turn, CancellationToken cancellationToken)
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
}
