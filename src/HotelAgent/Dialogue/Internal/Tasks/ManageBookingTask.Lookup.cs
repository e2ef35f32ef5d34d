using HotelAgent.Abstractions;
using static HotelAgent.DialogueFormat;
using static HotelAgent.DialogueSlots;
using static HotelAgent.DialogueText;

namespace HotelAgent;

/// <summary>Managing a reservation: finding it, checking it is the guest's, and telling its status.</summary>
internal sealed partial class ManageBookingTask
{
    /// <summary>Starts a look-up, modification or cancellation.</summary>
    private static async Task StartChangeAsync(DialogueTurn turn, string action, CancellationToken cancellationToken)
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

    private static async Task ContinueChangeAsync(DialogueTurn turn, CancellationToken cancellationToken)
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
    private static async Task<Reservation?> VerifyOwnershipAsync(DialogueTurn turn, string code, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        // Only an address is checked against the booking: a malformed one an engine read is asked for again, not counted
        // as a failed attempt.
        var email = context.Nlu.Entities.Email is { } given && IsEmail(given) ? given : turn.Change?.Email;
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

    private static void EndChange(DialogueTurn turn, string key, params object?[] args)
    {
        turn.Say(key, args);
        turn.Change = null;
        turn.State = DialogueStates.Idle;
    }
}
