using System.Globalization;
using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// What the PMS needs in a booking beyond the name and email (<see cref="IPmsBookingRequirementsProvider"/>): the age of
/// each child and a phone number, asked after the email and before the summary, only when the PMS requires them and the
/// conversation does not have them yet. A PMS that declares nothing gets no extra questions.
/// </summary>
internal sealed partial class DialogueManager
{
    /// <summary>The age from which a guest counts as an adult when the PMS does not say.</summary>
    private const int DefaultAdultAge = 18;

    private static readonly Dictionary<string, int> AgeWords = new(StringComparer.Ordinal)
    {
        ["cero"] = 0, ["zero"] = 0,
        ["dos"] = 2, ["two"] = 2, ["dois"] = 2, ["duas"] = 2,
        ["tres"] = 3, ["three"] = 3,
        ["cuatro"] = 4, ["four"] = 4, ["quatro"] = 4,
        ["cinco"] = 5, ["five"] = 5,
        ["seis"] = 6, ["six"] = 6,
        ["siete"] = 7, ["seven"] = 7, ["sete"] = 7,
        ["ocho"] = 8, ["eight"] = 8, ["oito"] = 8,
        ["nueve"] = 9, ["nine"] = 9, ["nove"] = 9,
        ["diez"] = 10, ["ten"] = 10, ["dez"] = 10,
        ["once"] = 11, ["eleven"] = 11, ["onze"] = 11,
        ["doce"] = 12, ["twelve"] = 12, ["doze"] = 12,
        ["trece"] = 13, ["thirteen"] = 13, ["treze"] = 13,
        ["catorce"] = 14, ["fourteen"] = 14, ["catorze"] = 14, ["quatorze"] = 14,
        ["quince"] = 15, ["fifteen"] = 15, ["quinze"] = 15,
        ["dieciseis"] = 16, ["sixteen"] = 16, ["dezesseis"] = 16, ["dezasseis"] = 16,
        ["diecisiete"] = 17, ["seventeen"] = 17, ["dezessete"] = 17, ["dezassete"] = 17,
    };

    // "one", "un", "uma" are ages only before a unit ("un año", "one year old"): otherwise they count children ("one is 4").
    private static readonly HashSet<string> OneWords = ["un", "uno", "una", "one", "um", "uma", "a", "an"];

    private static readonly HashSet<string> YearWords = ["ano", "anos", "year", "years", "yr", "yrs", "anito", "anitos", "aninho", "aninhos"];

    private static readonly HashSet<string> MonthWords = ["mes", "meses", "month", "months", "mo", "mos", "mesecitos", "mesinhos"];

    // "los dos tienen 5", "both of them are 5", "as duas têm 5": a number of children, then one age for all of them.
    private static readonly HashSet<string> BothWords = ["los", "las", "os", "as", "the", "ambos", "ambas", "both", "todos", "todas", "all"];

    private static readonly HashSet<string> ChildWords =
    [
        "ninos", "ninas", "nenes", "nenas", "hijos", "hijas", "chicos", "chicas", "peques", "kids", "children", "boys", "girls",
        "sons", "daughters", "criancas", "filhos", "filhas", "miudos", "miudas", "meninos", "meninas",
    ];

    /// <summary>The children's ages of the draft, when there is one per child; otherwise <see langword="null"/>.</summary>
    private static IReadOnlyList<int>? AgesOf(BookingDraft draft) =>
        draft.Children is > 0 and var children && draft.ChildAges is { } ages && ages.Count == children ? ages : null;

    private static bool SameAges(IReadOnlyList<int>? a, IReadOnlyList<int>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));

    /// <summary>
    /// Asks for the first detail the PMS requires that the draft lacks: each child's age, then a phone. Returns whether
    /// it asked.
    /// </summary>
    private static bool AskRequirement(Turn turn, BookingDraft draft, PmsBookingRequirements requirements)
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
    private static bool AnswersRequirement(Turn turn)
    {
        var context = turn.Context;
        return context.Session.State switch
        {
            // "the oldest is 9": an age, if not all of them, answers the question (and is asked again), whatever else the words could mean.
            DialogueStates.AwaitingChildAges => turn.Draft?.Children is > 0 and var children && GivesAges(context, children),
            DialogueStates.AwaitingModificationChildAges => turn.Change?.Children is > 0 and var changed && GivesAges(context, changed),
            DialogueStates.AwaitingGuestPhone => (context.Nlu.Entities.Phone ?? ReadPhone(context.Text)) is not null,
            _ => false,
        };
    }

    private static bool GivesAges(TurnContext context, int children)
    {
        var ages = ReadAges(context.Text, children).Count;
        return ages == children || (ages > 0 && context.Intent != Intents.HumanHandoff);
    }

    /// <summary>The guest's answer to "how old are the children?".</summary>
    private async Task HandleChildAgesAsync(Turn turn, CancellationToken cancellationToken)
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

    /// <summary>
    /// Asks for each child's age when a change of a reservation brings a new number of children and the PMS needs their
    /// ages. Returns whether it asked.
    /// </summary>
    private async Task<bool> AskModificationAgesAsync(Turn turn, ReservationChange change, Reservation reservation, StayRequest stay, CancellationToken cancellationToken)
    {
        if (stay.Children <= 0 || stay.Children == reservation.Children || change.ChildAges?.Count == stay.Children)
        {
            return false;
        }

        var requirements = await pms.GetBookingRequirementsAsync(cancellationToken).ConfigureAwait(false);
        if (!requirements.ChildAgesRequired)
        {
            return false;
        }

        AskModificationAges(turn, change with { Adults = stay.Adults, Children = stay.Children });
        return true;
    }

    private static void AskModificationAges(Turn turn, ReservationChange change)
    {
        turn.Change = change with { ChildAges = null, IdempotencyKey = null };
        SayAskAges(turn, change.Children ?? 0);
        turn.State = DialogueStates.AwaitingModificationChildAges;
    }

    private static void SayAskAges(Turn turn, int children)
    {
        if (children == 1)
        {
            turn.Say(ReplyKeys.AskChildAge);
        }
        else
        {
            turn.Say(ReplyKeys.AskChildAges, children);
        }
    }

    /// <summary>
    /// Reads an answer to "how old are the children?": an age for each of the <paramref name="children"/> expected, or,
    /// when the guest <paramref name="told"/> another count with an age for each ("perdón, son 3 niños: 4, 6 y 9"),
    /// that count and its ages.
    /// </summary>
    private static (int Children, IReadOnlyList<int> Ages) ReadAgesAnswer(string text, int children, int? told) =>
        told is > 0 and var count && count != children && ReadAges(text, count) is { } recounted && recounted.Count == count
            ? (count, recounted)
            : (children, ReadAges(text, children));

    /// <summary>
    /// The ages under the PMS's adult age. A "child" of the adult age is an adult at this hotel: the guest is told, and
    /// the party (and maybe the price) changes.
    /// </summary>
    private async Task<int[]> YoungerThanAdultAsync(Turn turn, IReadOnlyList<int> ages, CancellationToken cancellationToken)
    {
        var requirements = await pms.GetBookingRequirementsAsync(cancellationToken).ConfigureAwait(false);
        var adultAge = requirements.AdultAge ?? DefaultAdultAge;
        var young = ages.Where(a => a < adultAge).ToArray();
        if (young.Length < ages.Count)
        {
            turn.Say(ReplyKeys.ChildCountsAsAdult, adultAge);
        }

        return young;
    }

    /// <summary>The guest's answer to "how old are the children?" asked for a change of a reservation.</summary>
    private async Task HandleModificationChildAgesAsync(Turn turn, CancellationToken cancellationToken)
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
            await AnswerAsync(turn, cancellationToken).ConfigureAwait(false);
            await AnswerOtherQuestionsAsync(turn, cancellationToken).ConfigureAwait(false);
        }

        turn.Say(ReplyKeys.ChildAgesMismatch, children);
        turn.State = DialogueStates.AwaitingModificationChildAges;
    }

    /// <summary>The guest's answer to "what is your phone number?".</summary>
    private async Task HandlePhoneAsync(Turn turn, CancellationToken cancellationToken)
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

    /// <summary>
    /// Reads children's ages from an answer to "how old are they?": "6 y 9", "4 and 9 years old", "o bebé tem 1 ano",
    /// "seis y nueve", "8 meses" (0), "los dos tienen 5" (5 and 5 when two children are expected). Ages are whole years
    /// from 0 to 17; anything else in the message is ignored.
    /// </summary>
    internal static IReadOnlyList<int> ReadAges(string text, int expected)
    {
        var words = Words(text).SelectMany(w => w.Split('-', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var ages = new List<int>();
        var sharedBy = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var next = i + 1 < words.Length ? words[i + 1] : null;
            int value;
            if (word.All(char.IsAsciiDigit) && word.Length <= 2)
            {
                value = int.Parse(word, CultureInfo.InvariantCulture);
            }
            else if (AgeWords.TryGetValue(word, out var spelled))
            {
                if (i > 0 && BothWords.Contains(words[i - 1]) && spelled == expected && next is not null && !YearWords.Contains(next) && !MonthWords.Contains(next))
                {
                    sharedBy = spelled; // "los dos tienen 5": how many share the age that follows.
                    continue;
                }

                value = spelled;
            }
            else if (OneWords.Contains(word) && next is not null && (YearWords.Contains(next) || MonthWords.Contains(next)))
            {
                value = 1;
            }
            else
            {
                if (word is "both" or "ambos" or "ambas" && expected == 2)
                {
                    sharedBy = 2;
                }

                continue;
            }

            if (next is not null && ChildWords.Contains(next))
            {
                continue; // "2 niños de 4 y 9": a count of children, not an age.
            }

            if (next is not null && MonthWords.Contains(next))
            {
                value = 0; // "8 meses": under a year.
            }

            if (value is >= 0 and <= 17)
            {
                ages.Add(value);
            }
        }

        if (sharedBy > 1 && ages.Count == 1)
        {
            return Enumerable.Repeat(ages[0], sharedBy).ToArray();
        }

        return ages;
    }

    /// <summary>Reads a count of children given with their ages ("son 3 niños: 4, 6 y 9"), or <see langword="null"/>.</summary>
    internal static int? ReadChildCount(string text)
    {
        var words = Words(text);
        for (var i = 0; i + 1 < words.Length; i++)
        {
            if (ChildWords.Contains(words[i + 1]))
            {
                if (words[i].Length <= 2 && words[i].All(char.IsAsciiDigit))
                {
                    return int.Parse(words[i], CultureInfo.InvariantCulture);
                }

                if (AgeWords.TryGetValue(words[i], out var spelled))
                {
                    return spelled;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Reads a phone number the NLU did not take as one (a short local number, "2345 6789"): 6 to 15 digits with the
    /// usual separators, and little else. Returns the digits, with a leading + when given.
    /// </summary>
    internal static string? ReadPhone(string text)
    {
        var trimmed = text.Trim().TrimEnd('.', '!');
        var start = trimmed.IndexOfAny(['+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '(']);
        if (start < 0)
        {
            return null;
        }

        var number = trimmed[start..];
        var digits = number.Count(char.IsAsciiDigit);
        if (digits is < 6 or > 15 || number.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '.' or '(' or ')' or '+' or '/')) || number.LastIndexOf('+') > 0)
        {
            return null;
        }

        return (number.StartsWith('+') ? "+" : string.Empty) + new string([.. number.Where(char.IsAsciiDigit)]);
    }

    /// <summary>The party as the summary shows it: "2 adultos y 2 niños de 6 y 9 años" once the ages are known.</summary>
    private static string PeopleWithAges(StayRequest stay, string language)
    {
        var people = People(stay, language);
        if (stay.ChildAges is not { Count: > 0 } ages || ages.Count != stay.Children)
        {
            return people;
        }

        if (ages is [1])
        {
            return ReplyTexts.Format(language, ReplyKeys.ChildAgedOne, people);
        }

        var and = ReplyTexts.Format(language, ReplyKeys.And);
        var list = ages.Count == 1
            ? ages[0].ToString(CultureInfo.InvariantCulture)
            : string.Join(", ", ages.Take(ages.Count - 1).Select(a => a.ToString(CultureInfo.InvariantCulture))) + and + ages[^1].ToString(CultureInfo.InvariantCulture);
        return ReplyTexts.Format(language, ReplyKeys.ChildrenAged, people, list);
    }
}
