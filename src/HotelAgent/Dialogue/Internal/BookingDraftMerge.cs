using HotelAgent.Abstractions;
using static HotelAgent.DialogueSlots;
using static HotelAgent.DialogueText;
using static HotelAgent.StayDates;

namespace HotelAgent;

/// <summary>Puts what the guest said into the booking draft of the turn.</summary>
internal static class BookingDraftMerge
{
    /// <summary>Puts the slots the guest gave into the draft; a new date range replaces the old one.</summary>
    internal static void Merge(this DialogueTurn turn, NluEntities e)
    {
        var draft = turn.Draft ?? new BookingDraft();
        if (e.CheckIn is not null && e.CheckIn == draft.CheckIn && e.CheckOut is null && e.Nights is null)
        {
            // "¿a qué hora es el check-in el viernes?" about the Friday already booked: the stay stays as it is.
        }
        else if (e is { CheckIn: { } inside, Nights: { } count } && draft is { CheckIn: { } from, CheckOut: { } to } && inside > from && inside <= to
            && (e.CheckOut is null || e.CheckOut == inside.AddDays(count)) && !SaysArrival(turn.Context.Text))
        {
            // "meu marido conseguiu folga na segunda. Volta pra 3 noites" about a stay from Saturday: the Monday is a reason,
            // the nights are the change.
            draft = draft with { CheckOut = from.AddDays(count), Nights = count };
        }
        else if (IsDayOfTheStay(draft, e) && IsQuestion(turn.Context.Text)
            && (QuestionIntents.Contains(turn.Context.Intent) || turn.Context.Intent == Intents.LateCheckout || turn.Context.Nlu.AdditionalIntents.Any(QuestionIntents.Contains)))
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
                departure = Reanchor(said, arrival, turn.Context.Text); // "make it the 3rd" about a stay from the 30th of December.
            }

            draft = draft with
            {
                CheckOut = departure ?? (draft.CheckIn is { } start && e.Nights is { } n ? start.AddDays(n) : null),
                Nights = e.Nights,
            };
        }

        if (e.Adults is not null && e.Children is null && draft.Adults is { } adults && draft.Children is > 0 and var young && e.Adults == adults + young
            && !turn.Context.Words.Any(w => w.StartsWith("adult", StringComparison.Ordinal)))
        {
            // "would a room fit the four of us?" about 2 adults and 2 children: the same party.
        }
        else if (e.Adults is null && e.Children is not null && draft.Children is > 0 and var already && e.Children <= already && IsQuestion(turn.Context.Text))
        {
            // "¿y la criança paga?" about a party of three children: a question about them, not a new head count;
            // "son dos niños, de 6 y 11 … ¿cuál nos conviene?" about a party of one child is a correction.
        }
        else if (e.Adults is not null && e.Adults < draft.Adults && e.ExtraAdults is null && QuestionIntents.Contains(turn.Context.Intent) && IsQuestion(turn.Context.Text)
            && !turn.Context.Words.Any(w => w.Length > 0 && char.IsAsciiDigit(w[0])) && !turn.Context.Words.Any(IsCountWord))
        {
            // "Mis papás desayunan temprano, ¿a qué hora abren?" about a party of five: people named in a question, not a
            // new head count.
        }
        else if (BringsAlong(turn.Context, e, draft.Adults))
        {
            // "al final vamos con el nene" about a booking for two adults: the child comes with them.
            draft = draft with { Children = Math.Max(draft.Children ?? 0, e.Children ?? 0) };
        }
        else if (e.Adults is not null && e.Adults == draft.Adults && e.Children is null && draft.Children > 0
            && !turn.Context.Words.Any(w => w.StartsWith("adult", StringComparison.Ordinal) || w is "solo" or "only" or "apenas" or "sin" or "without" or "sem"))
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

        turn.Draft = draft;
    }
}
