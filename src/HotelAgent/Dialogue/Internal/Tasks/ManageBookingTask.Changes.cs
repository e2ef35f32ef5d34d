using HotelAgent.Abstractions;
using static HotelAgent.DialogueFormat;
using static HotelAgent.DialogueSlots;
using static HotelAgent.DialogueText;
using static HotelAgent.RequirementAnswers;
using static HotelAgent.StayDates;

namespace HotelAgent;

/// <summary>Managing a reservation: the change requoted and confirmed, the children's ages it needs, the cancellation confirmed.</summary>
internal sealed partial class ManageBookingTask
{
    /// <summary>Turns "one day later", "one more night", "one more person" into the new stay, from the reservation as it is now.</summary>
    private static ReservationChange ApplyRelative(ReservationChange change, Reservation reservation)
    {
        if (change.ShiftDays is null && change.ExtraNights is null && change.ExtraAdults is null && change.ExtraChildren is null)
        {
            return change;
        }

        var checkIn = change.CheckIn ?? reservation.CheckIn;
        var checkOut = change.CheckOut ?? (change.CheckIn is not null ? checkIn.AddDays(reservation.CheckOut.DayNumber - reservation.CheckIn.DayNumber) : reservation.CheckOut);
        if (change.ShiftDays is { } shift && change.CheckIn is null && change.CheckOut is null)
        {
            checkIn = checkIn.AddDays(shift);
            checkOut = checkOut.AddDays(shift);
        }

        if (change.ExtraNights is { } extra && change.CheckOut is null)
        {
            checkOut = checkOut.AddDays(extra);
        }

        return change with
        {
            CheckIn = checkIn,
            CheckOut = checkOut,
            Adults = (change.Adults ?? reservation.Adults) + (change.ExtraAdults ?? 0),
            Children = (change.Children ?? reservation.Children) + (change.ExtraChildren ?? 0),
            ShiftDays = null,
            ExtraNights = null,
            ExtraAdults = null,
            ExtraChildren = null,
        };
    }

    /// <summary>
    /// Dates in a change are about the stay being changed: "saímos só na segunda" or "nos vamos el lunes 11" is the
    /// departure after this arrival, and "adiar um dia, entrar no sábado" the Saturday after it, not the next ones from today.
    /// </summary>
    private static ReservationChange AnchorToStay(ReservationChange change, Reservation reservation, string text)
    {
        if (change.CheckIn is null && change.CheckOut is { } leaving && leaving <= reservation.CheckIn)
        {
            change = change with { CheckOut = Reanchor(leaving, reservation.CheckIn, text) };
        }
        else if (change.CheckIn is { } arriving && change.ShiftDays is > 0 && arriving < reservation.CheckIn)
        {
            var moved = Reanchor(arriving, reservation.CheckIn, text);
            var nights = change.CheckOut is { } o ? o.DayNumber - arriving.DayNumber : reservation.CheckOut.DayNumber - reservation.CheckIn.DayNumber;
            change = change with { CheckIn = moved, CheckOut = moved.AddDays(Math.Max(1, nights)) };
        }

        return change.CheckIn is not null || change.CheckOut is not null ? change with { ShiftDays = null } : change;
    }
    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static async Task QuoteModificationAsync(DialogueTurn turn, Reservation reservation, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var language = context.Language;
        var change = turn.Change = ApplyRelative(AnchorToStay(turn.Change!, reservation, turn.Context.Text), reservation);
        if (change.CheckIn is null && change.CheckOut is null && change.Adults is null && change.Children is null && change.RoomType is null)
        {
            turn.Say(ReplyKeys.AskModification, reservation.Code);
            turn.State = DialogueStates.CollectingModification;
            return;
        }

        var checkIn = change.CheckIn ?? reservation.CheckIn;
        var checkOut = change.CheckOut
            ?? (change.CheckIn is null ? reservation.CheckOut
                : checkIn < reservation.CheckOut && SaysArrival(context.Text) ? reservation.CheckOut
                : checkIn.AddDays(reservation.CheckOut.DayNumber - reservation.CheckIn.DayNumber));
        var stay = new StayRequest
        {
            CheckIn = checkIn,
            CheckOut = checkOut,
            Adults = change.Adults ?? reservation.Adults,
            Children = change.Children ?? reservation.Children,
            RoomType = change.RoomType ?? reservation.RoomType,
        };
        turn.State = DialogueStates.CollectingModification;
        if (stay.CheckIn < context.Today)
        {
            turn.Change = change with { CheckIn = null, CheckOut = null };
            turn.Say(ReplyKeys.PastDates);
            return;
        }

        if (stay.Nights is <= 0 or > StayRequest.MaxNights)
        {
            turn.Change = change with { CheckIn = null, CheckOut = null };
            turn.Say(ReplyKeys.InvalidStay, StayRequest.MaxNights);
            return;
        }

        var roomType = context.RoomTypes.FirstOrDefault(t => string.Equals(t.Code, stay.RoomType, StringComparison.OrdinalIgnoreCase));
        if (roomType is null)
        {
            EndChange(turn, ReplyKeys.ModificationUnavailable, reservation.Code);
            return;
        }

        var proposed = change.RoomProposed;
        if (!roomType.Fits(stay.Adults, stay.Children))
        {
            SayCapacityExceeded(turn, roomType, stay);
            if (change.RoomType is null && (change.Adults is not null || change.Children is not null)
                && await RoomThatFitsAsync(turn, stay, cancellationToken).ConfigureAwait(false) is { } larger)
            {
                // "dá pra trocar pra um quarto que caiba 4 adultos?": the party changed, so the cheapest room that takes it is
                // the one proposed; the guest confirms it or says no.
                roomType = larger;
                stay = stay with { RoomType = larger.Code };
                proposed = true;
            }
            else
            {
                turn.Change = change with { Adults = null, Children = null, ChildAges = null, RoomType = null };
                return;
            }
        }

        if (await AskModificationAgesAsync(turn, change, reservation, stay, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var childAges = change.ChildAges is { } ages && ages.Count == stay.Children && stay.Children > 0 ? ages : null;
        stay = stay with { ChildAges = childAges };

        var availability = await turn.Services.TimePmsAsync("availability", () => turn.Services.Pms.GetAvailabilityAsync(stay, cancellationToken)).ConfigureAwait(false);
        var offer = availability.Offers.FirstOrDefault(o => string.Equals(o.RoomType.Code, roomType.Code, StringComparison.OrdinalIgnoreCase));
        var overlapsItself = roomType.Code == reservation.RoomType && stay.CheckIn < reservation.CheckOut && reservation.CheckIn < stay.CheckOut;
        if (offer is null && !overlapsItself)
        {
            EndChange(turn, ReplyKeys.ModificationUnavailable, reservation.Code);
            return;
        }

        // When the new stay overlaps the reservation's own room, the PMS counts that room as taken: quote the rate,
        // and let the PMS decide on confirmation.
        var total = offer?.Total ?? roomType.NightlyRate * stay.Nights;
        var prior = context.Session.PendingChange;
        var updated = change with
        {
            CheckIn = stay.CheckIn,
            CheckOut = stay.CheckOut,
            Adults = stay.Adults,
            Children = stay.Children,
            ChildAges = childAges,
            RoomType = roomType.Code,
            RoomProposed = proposed,
            QuotedTotal = total,
        };
        var sameDecision = prior is not null && prior.IdempotencyKey is not null
            && prior with { IdempotencyKey = null, ChildAges = null } == updated with { IdempotencyKey = null, ChildAges = null }
            && SameAges(prior.ChildAges, updated.ChildAges);
        turn.Change = updated with { IdempotencyKey = sameDecision ? prior!.IdempotencyKey : NewKey() };
        turn.SayWithYesNo(
            ReplyKeys.ModificationSummary,
            reservation.Code,
            Capitalize(RoomName(roomType, language)),
            FormatRange(stay.CheckIn, stay.CheckOut, language),
            Nights(stay.Nights, language),
            PeopleWithAges(stay, language),
            Money(total, reservation.Currency, language),
            Money(reservation.Total, reservation.Currency, language));
        turn.State = DialogueStates.AwaitingModificationConfirmation;
    }

    /// <summary>The cheapest room type free for the stay that takes its party, or none.</summary>
    private static async Task<RoomType?> RoomThatFitsAsync(DialogueTurn turn, StayRequest stay, CancellationToken cancellationToken)
    {
        var availability = await turn.Services.TimePmsAsync("availability", () => turn.Services.Pms.GetAvailabilityAsync(stay with { RoomType = null }, cancellationToken)).ConfigureAwait(false);
        return availability.Offers.Where(o => o.RoomType.Fits(stay.Adults, stay.Children)).MinBy(o => o.Total)?.RoomType;
    }

    /// <summary>
    /// Asks for each child's age when a change of a reservation brings a new number of children and the PMS needs their
    /// ages. Returns whether it asked.
    /// </summary>
    private static async Task<bool> AskModificationAgesAsync(DialogueTurn turn, ReservationChange change, Reservation reservation, StayRequest stay, CancellationToken cancellationToken)
    {
        if (stay.Children <= 0 || stay.Children == reservation.Children || change.ChildAges?.Count == stay.Children)
        {
            return false;
        }

        var requirements = await turn.Services.Pms.GetBookingRequirementsAsync(cancellationToken).ConfigureAwait(false);
        if (!requirements.ChildAgesRequired)
        {
            return false;
        }

        AskModificationAges(turn, change with { Adults = stay.Adults, Children = stay.Children });
        return true;
    }

    private static void AskModificationAges(DialogueTurn turn, ReservationChange change)
    {
        turn.Change = change with { ChildAges = null, IdempotencyKey = null };
        SayAskAges(turn, change.Children ?? 0);
        turn.State = DialogueStates.AwaitingModificationChildAges;
    }

    /// <summary>The guest's answer to "how old are the children?" asked for a change of a reservation.</summary>
    private static async Task HandleModificationChildAgesAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var entities = context.Nlu.Entities;
        var (children, ages) = ReadAgesAnswer(context.Text, turn.Change!.Children ?? 0, ReadChildCount(context.Text));
        var change = turn.Change with { Children = children };
        if (children > 0 && ages.Count == children)
        {
            var young = await YoungerThanAdultAsync(turn, ages, cancellationToken).ConfigureAwait(false);
            if (young.Length < ages.Count)
            {
                change = change with { Adults = (change.Adults ?? 1) + (ages.Count - young.Length), Children = young.Length };
            }

            turn.Change = change with { ChildAges = young };
            await ContinueChangeAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (ages.Count == 0 && (HasStaySlots(entities) || HasRelativeChange(entities)))
        {
            // "mejor sin el niño", "mejor del 12 al 15": the change itself changes; the ages are asked again if still needed.
            MergeChange(turn, entities);
            await ContinueChangeAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (ages.Count == 0 && !IsPlainAnswer(context.Intent))
        {
            await turn.AnswerAsync(cancellationToken).ConfigureAwait(false);
            await turn.AnswerOtherQuestionsAsync(cancellationToken).ConfigureAwait(false);
        }

        turn.Say(ReplyKeys.ChildAgesMismatch, children);
        turn.State = DialogueStates.AwaitingModificationChildAges;
    }

    private static async Task ConfirmModificationAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var change = turn.Change!;
        if (change is not { Code: { } code, IdempotencyKey: { } key })
        {
            await ContinueChangeAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var request = new ModifyReservationRequest
        {
            Code = code,
            CheckIn = change.CheckIn,
            CheckOut = change.CheckOut,
            Adults = change.Adults,
            Children = change.Children,
            ChildAges = change.ChildAges,
            RoomType = change.RoomType,
        };
        var result = await turn.Services.TimePmsAsync("modify_reservation", () => turn.Services.Pms.ModifyReservationAsync(request, key, cancellationToken)).ConfigureAwait(false);
        if (result.Succeeded)
        {
            var reservation = result.Reservation!;
            turn.Services.Metrics.BookingsModified.Add(1, new KeyValuePair<string, object?>(HotelAgentTags.Channel, context.Message.ChannelName));
            Log.ReservationChanged(turn.Services.Logger, reservation.Code, "modified", context.Session.ConversationId);
            var roomType = context.RoomTypes.FirstOrDefault(t => t.Code == reservation.RoomType);
            var summary = $"{(roomType is null ? reservation.RoomType : RoomName(roomType, context.Language))} {FormatRange(reservation.CheckIn, reservation.CheckOut, context.Language)}";
            EndChange(turn, ReplyKeys.Modified, reservation.Code, summary, Money(reservation.Total, reservation.Currency, context.Language));

            // Some PMSs give the changed booking a new code: the conversation goes on with that one.
            turn.ReservationCode = reservation.Code;
            turn.Verified = [.. turn.Verified, reservation.Code];
            return;
        }

        Log.BookingRefused(turn.Services.Logger, context.Session.ConversationId, result.Error.ToString());
        switch (result.Error)
        {
            case ReservationError.NotFound:
                EndChange(turn, ReplyKeys.ReservationNotFound, code);
                return;
            case ReservationError.AlreadyCancelled:
                EndChange(turn, ReplyKeys.AlreadyCancelled, code);
                return;
            case ReservationError.NoAvailability or ReservationError.CapacityExceeded or ReservationError.InvalidDates or ReservationError.UnknownRoomType:
                EndChange(turn, ReplyKeys.ModificationUnavailable, code);
                return;
            case ReservationError.MissingGuestDetails when change.Children is > 0 && change.ChildAges?.Count != change.Children:
                // The PMS needs the children's ages (a booking made elsewhere without them, or a PMS that started to
                // require them): asked for, and the next yes goes out under a new key.
                AskModificationAges(turn, change);
                return;
            default:
                EndChange(turn, ReplyKeys.BookingFailed, Contact(context.Hotel));
                return;
        }
    }

    private static async Task ConfirmCancellationAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var change = turn.Change!;
        if (change is not { Code: { } code, IdempotencyKey: { } key })
        {
            await ContinueChangeAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await turn.Services.TimePmsAsync("cancel_reservation", () => turn.Services.Pms.CancelReservationAsync(code, key, cancellationToken)).ConfigureAwait(false);
        if (result.Succeeded)
        {
            turn.Services.Metrics.BookingsCancelled.Add(1, new KeyValuePair<string, object?>(HotelAgentTags.Channel, context.Message.ChannelName));
            Log.ReservationChanged(turn.Services.Logger, code, "cancelled", context.Session.ConversationId);
            EndChange(turn, ReplyKeys.Cancelled, code);
            return;
        }

        switch (result.Error)
        {
            case ReservationError.AlreadyCancelled:
                EndChange(turn, ReplyKeys.AlreadyCancelled, code);
                return;
            case ReservationError.NotFound:
                EndChange(turn, ReplyKeys.ReservationNotFound, code);
                return;
            default:
                EndChange(turn, ReplyKeys.BookingFailed, Contact(context.Hotel));
                return;
        }
    }
}
