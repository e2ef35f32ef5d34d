using HotelAgent.Abstractions;
using static HotelAgent.DialogueFormat;
using static HotelAgent.DialogueSlots;
using static HotelAgent.DialogueText;
using static HotelAgent.RequirementAnswers;
using static HotelAgent.StayDates;

namespace HotelAgent;

/// <summary>
/// Existing reservations: look-up, modification (requoted first) and cancellation (policy quoted first), each on a
/// reservation the guest proved is theirs, and each write only after an explicit yes in its confirmation state.
/// </summary>
internal sealed partial class DialogueManager
{
    private static readonly HashSet<string> ChangeStates =
    [
        DialogueStates.AwaitingBookingCode,
        DialogueStates.AwaitingVerificationEmail,
        DialogueStates.CollectingModification,
        DialogueStates.AwaitingModificationChildAges,
        DialogueStates.AwaitingModificationConfirmation,
        DialogueStates.AwaitingCancellationConfirmation,
    ];

    /// <summary>Handles a message in one of the reservation-change states; returns <see langword="false"/> to let the general dispatch answer it.</summary>
    private async Task<bool> HandleChangeStateAsync(DialogueTurn turn, CancellationToken cancellationToken)
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
                await AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
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
                await AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Starts a look-up, modification or cancellation.</summary>
    private async Task StartChangeAsync(DialogueTurn turn, string action, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var code = context.Nlu.Entities.BookingCode?.ToUpperInvariant() ?? context.Session.LastReservationCode;
        var email = context.Nlu.Entities.Email is { } given && IsEmail(given) ? given : null;
        turn.Change = new ReservationChange { Action = action, Code = code, Email = email };
        MergeChange(turn, context.Nlu.Entities);
        await ContinueChangeAsync(turn, cancellationToken).ConfigureAwait(false);
    }

    private static void MergeChange(DialogueTurn turn, NluEntities e)
    {
        var change = turn.Change!;
        if (e.CheckIn is not null)
        {
            change = change with { CheckIn = e.CheckIn, CheckOut = e.CheckOut ?? (e.Nights is { } n ? e.CheckIn.Value.AddDays(n) : null) };
        }
        else if (e.CheckOut is not null)
        {
            change = change with { CheckOut = e.CheckOut };
        }

        if (change.Adults is null && change.Children is null && BringsAlong(turn.Context, e, 2))
        {
            // "al final vamos con el nene, se puede agregar?" before the booking is looked up: the child is added to the
            // booking's party, whatever it is.
            change = change with { ExtraChildren = e.Children };
        }
        else if (BringsAlong(turn.Context, e, change.Adults))
        {
            // The same once the new party is known: the child joins its adults.
            var children = Math.Max(change.Children ?? 0, e.Children ?? 0);
            change = change with { Children = children, ChildAges = e.ChildAges is { } told && told.Count == children ? told : null };
        }
        else if (e.Adults is not null || e.Children is not null)
        {
            var children = e.Children ?? (e.Adults is not null ? 0 : change.Children);
            change = change with
            {
                Adults = e.Adults ?? change.Adults,
                Children = children,
                ChildAges = e.ChildAges is { } told && told.Count == children ? told : children == change.Children ? change.ChildAges : null,
            };
        }

        if (e.RoomType is not null)
        {
            change = change with { RoomType = e.RoomType, RoomProposed = false };
        }
        else if (change.RoomProposed && (e.Adults is not null || e.Children is not null))
        {
            // "no, then 2 adults and 1 child" after the family room was proposed for 5: the booked room again, if it fits.
            change = change with { RoomType = null, RoomProposed = false };
        }

        if (HasRelativeChange(e))
        {
            change = change with
            {
                ShiftDays = e.ShiftDays ?? change.ShiftDays,
                ExtraNights = e.ExtraNights ?? change.ExtraNights,
                ExtraAdults = e.ExtraAdults ?? change.ExtraAdults,
                ExtraChildren = e.ExtraChildren ?? change.ExtraChildren,
            };
        }

        turn.Change = change;
    }

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

    private async Task ContinueChangeAsync(DialogueTurn turn, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var language = context.Language;
        var change = turn.Change!;
        if (change.Code is not { } code)
        {
            turn.Say(ReplyKeys.AskBookingCode, turn.Services.Pms.BookingCodeFormat.Example);
            turn.State = DialogueStates.AwaitingBookingCode;
            return;
        }

        Reservation? reservation;
        if (turn.Verified.Contains(code, StringComparer.OrdinalIgnoreCase))
        {
            reservation = await turn.Services.TimePmsAsync("get_reservation", () => turn.Services.Pms.GetReservationAsync(code, cancellationToken)).ConfigureAwait(false);
            if (reservation is null)
            {
                EndChange(turn, ReplyKeys.ReservationNotFound, code);
                return;
            }
        }
        else
        {
            reservation = await VerifyOwnershipAsync(turn, code, cancellationToken).ConfigureAwait(false);
            if (reservation is null)
            {
                return;
            }
        }

        turn.ReservationCode = reservation.Code;
        change = turn.Change! with { BookedCheckIn = reservation.CheckIn };
        turn.Change = change;
        var roomType = context.RoomTypes.FirstOrDefault(t => string.Equals(t.Code, reservation.RoomType, StringComparison.OrdinalIgnoreCase));
        var roomName = roomType is null ? reservation.RoomType : RoomName(roomType, language);
        switch (change.Action)
        {
            case Intents.CancelReservation when reservation.Status != ReservationStatus.Cancelled:
                {
                    // Without a cancellation policy the quote leaves it out rather than leaving a gap in the sentence.
                    var policy = context.Hotel.Policies.GetValueOrDefault("cancellation")?.Get(language);
                    turn.Change = change with { IdempotencyKey = change.IdempotencyKey ?? NewKey() };
                    var dates = FormatRange(reservation.CheckIn, reservation.CheckOut, language);
                    if (string.IsNullOrWhiteSpace(policy))
                    {
                        turn.SayWithYesNo(ReplyKeys.CancellationQuoteWithoutPolicy, reservation.Code, Capitalize(roomName), dates);
                    }
                    else
                    {
                        turn.SayWithYesNo(ReplyKeys.CancellationQuote, reservation.Code, Capitalize(roomName), dates, policy);
                    }

                    turn.State = DialogueStates.AwaitingCancellationConfirmation;
                    return;
                }

            case Intents.CancelReservation or Intents.ModifyReservation when reservation.Status == ReservationStatus.Cancelled:
                EndChange(turn, ReplyKeys.AlreadyCancelled, reservation.Code);
                return;

            case Intents.ModifyReservation:
                await QuoteModificationAsync(turn, reservation, cancellationToken).ConfigureAwait(false);
                return;

            default:
                var status = reservation.Status switch
                {
                    ReservationStatus.Cancelled => ReplyKeys.StatusCancelled,
                    ReservationStatus.CheckedIn => ReplyKeys.StatusCheckedIn,
                    ReservationStatus.CheckedOut => ReplyKeys.StatusCheckedOut,
                    _ => ReplyKeys.StatusConfirmed,
                };
                var booked = new StayRequest { CheckIn = reservation.CheckIn, CheckOut = reservation.CheckOut, Adults = Math.Max(1, reservation.Adults), Children = reservation.Children };
                EndChange(
                    turn,
                    ReplyKeys.ReservationStatus,
                    reservation.Code,
                    roomName,
                    FormatRange(reservation.CheckIn, reservation.CheckOut, language),
                    turn.Services.Replies.Format(language, status),
                    FormatDay(reservation.CheckIn, language),
                    FormatDay(reservation.CheckOut, language),
                    Nights(booked.Nights, language),
                    People(booked, language),
                    Money(reservation.Total, reservation.Currency, language));
                return;
        }
    }

    /// <summary>
    /// Checks that the guest owns booking <paramref name="code"/> by the email it was made with. A booking code can be
    /// guessed, so the answers are the same whether or not the code exists (the email is asked for before the PMS is
    /// asked; a missing code fails like a wrong email), and failures are counted per code in the
    /// <see cref="IVerificationAttemptStore"/>, across conversations and hosts: after
    /// <see cref="BookingVerificationOptions.MaxFailedAttempts"/> the code is not checked at all until
    /// <see cref="BookingVerificationOptions.CoolDown"/> has passed since the last failure.
    /// </summary>
    /// <returns>The reservation when the guest proved it is theirs; otherwise <see langword="null"/>, with the reply said.</returns>
    private async Task<Reservation?> VerifyOwnershipAsync(DialogueTurn turn, string code, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var email = context.Nlu.Entities.Email ?? turn.Change?.Email;
        if (email is null)
        {
            turn.Say(ReplyKeys.AskVerificationEmail, code);
            turn.State = DialogueStates.AwaitingVerificationEmail;
            return null;
        }

        var limits = turn.Services.Options.CurrentValue.Verification;
        var subject = code.ToUpperInvariant();
        var now = turn.Services.TimeProvider.GetUtcNow();
        var attempts = await turn.Services.VerificationAttempts.GetAsync(subject, cancellationToken).ConfigureAwait(false);
        if (attempts.Failures >= limits.MaxFailedAttempts && attempts.LastFailureAt is { } last && now - last < limits.CoolDown)
        {
            EndChange(turn, ReplyKeys.VerificationLocked, code, Contact(context.Hotel));
            return null;
        }

        var reservation = await turn.Services.TimePmsAsync("get_reservation", () => turn.Services.Pms.GetReservationAsync(code, cancellationToken)).ConfigureAwait(false);
        if (reservation is null || !string.Equals(email, reservation.Guest.Email, StringComparison.OrdinalIgnoreCase))
        {
            var failed = await turn.Services.VerificationAttempts.AddFailureAsync(subject, now, limits.CoolDown, cancellationToken).ConfigureAwait(false);
            if (failed.Failures >= limits.MaxFailedAttempts)
            {
                Log.VerificationLocked(turn.Services.Logger, failed.Failures, limits.CoolDown);
                EndChange(turn, ReplyKeys.VerificationLocked, code, Contact(context.Hotel));
                return null;
            }

            turn.Say(ReplyKeys.VerificationFailed, code);
            turn.State = DialogueStates.AwaitingVerificationEmail;
            turn.Change = turn.Change is { Email: not null } kept ? kept with { Email = null } : turn.Change; // asked again, not tried again.
            return null;
        }

        if (attempts.Failures > 0)
        {
            await turn.Services.VerificationAttempts.ResetAsync(subject, cancellationToken).ConfigureAwait(false);
        }

        turn.Verified = [.. turn.Verified, reservation.Code];
        return reservation;
    }

    private async Task QuoteModificationAsync(DialogueTurn turn, Reservation reservation, CancellationToken cancellationToken)
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

    private async Task ConfirmModificationAsync(DialogueTurn turn, CancellationToken cancellationToken)
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

    private async Task ConfirmCancellationAsync(DialogueTurn turn, CancellationToken cancellationToken)
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

    private static void EndChange(DialogueTurn turn, string key, params object?[] args)
    {
        turn.Say(key, args);
        turn.Change = null;
        turn.State = DialogueStates.Idle;
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
}
