using System.Buffers;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotelAgent.Nlu;

/// <summary>
/// The default <see cref="INluEngine"/>: normalisation, language detection, weighted keyword scoring of intents and
/// span-based entity extraction. It is pure (the reference date comes in the request) and safe for concurrent use.
/// </summary>
internal sealed partial class RuleBasedNluEngine : INluEngine
{
    private const int MaxTokens = 96;
    private const int StackBuffer = 512;
    private const float TaskBar = 1.5f;

    private readonly string _defaultLanguage;
    private readonly double _threshold;
    private readonly ILogger _logger;
    private readonly int _adultAge;
    private readonly IRuleIntentCombiner? _model;

    public RuleBasedNluEngine(RuleBasedNluOptions options, ILogger<RuleBasedNluEngine> logger)
        : this(options, logger, LearnedIntents(options))
    {
    }

    internal RuleBasedNluEngine(RuleBasedNluOptions options, ILogger<RuleBasedNluEngine> logger, IRuleIntentCombiner? combiner)
    {
        ArgumentNullException.ThrowIfNull(options);
        _defaultLanguage = LanguageCode(options.DefaultLanguage) ?? "es";
        _threshold = options.ConfidenceThreshold;
        _adultAge = options.AdultAge;
        _model = combiner;
        _logger = logger ?? NullLogger<RuleBasedNluEngine>.Instance;
    }

    public RuleBasedNluEngine()
        : this(new RuleBasedNluOptions(), NullLogger<RuleBasedNluEngine>.Instance)
    {
    }

    public ValueTask<NluResult> ParseAsync(NluRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var result = Parse(request);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.MessageParsed(result.Intent, result.Confidence, result.Language, CountEntities(result.Entities));
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                _logger.MessageTextParsed(result.Intent, request.Text);
            }
        }

        return new ValueTask<NluResult>(result);
    }

    public NluResult Parse(NluRequest request)
    {
        var result = ParseWhole(request);
        return AsksInSeveralSentences(request.Text) ? WithEachQuestion(request, result) : result;
    }

    // A long message is read sentence by sentence up to this many sentences, so that its cost stays bounded.
    private const int MaxSentencesRead = 8;

    /// <summary>
    /// "¿Qué formas de pago aceptan? ¿Hay que pagar señal? ¿Y si tengo que cancelar?": each question of a message that asks
    /// several is also read on its own, and the hotel questions it asks are added to the request's others, so that none is
    /// drowned by the words of the rest.
    /// </summary>
    private NluResult WithEachQuestion(NluRequest request, NluResult whole)
    {
        List<string>? also = null;
        var text = request.Text.AsSpan();
        var start = 0;
        var read = 0;
        while (start < text.Length && read < MaxSentencesRead)
        {
            var end = SentenceEnd(text, start);
            var clause = text[start..end].Trim();
            start = end;
            if (clause.Length < 8)
            {
                continue;
            }

            read++;
            var part = ParseWhole(request with { Text = clause.ToString(), Expecting = ExpectedAnswer.None });
            if (IsQuestion(IntentIds.Of(part.Intent)) && part.Intent != whole.Intent && !whole.AdditionalIntents.Contains(part.Intent) && !(also?.Contains(part.Intent) ?? false))
            {
                (also ??= []).Add(part.Intent);
            }
        }

        return also is null ? whole : whole with { AdditionalIntents = [.. whole.AdditionalIntents, .. also] };
    }

    private static readonly string[] QuestionStarts =
    [
        "y a qué ", "y a que ", "y hasta qué ", "y hasta que ", "y qué ", "y cuál ", "y cuándo ", "y dónde ", "y donde ", "y cómo ", "y cuánto ", "y cuanto ", "y hay ", "y tienen ", "y tenéis ", "y se puede ",
        "and what ", "and when ", "and where ", "and how ", "and is ", "and are ", "and do ", "and does ", "and can ", "and could ",
        "e a que ", "e até que ", "e ate que ", "e qual ", "e quando ", "e onde ", "e como ", "e quanto ", "e há ", "e tem ", "e têm ", "e dá ",
    ];

    private static bool StartsAnotherQuestion(ReadOnlySpan<char> rest)
    {
        // Only "y …", "e …" and "and …" can start one: most words are passed over on their first letter.
        if (rest.Length < 4 || !((rest[1] == ' ' && rest[0] is 'y' or 'Y' or 'e' or 'E') || (rest[0] is 'a' or 'A' && rest[3] == ' ')))
        {
            return false;
        }

        foreach (var start in QuestionStarts)
        {
            if (rest.StartsWith(start, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the message asks something ('?') in a text of two sentences or more.</summary>
    private static bool AsksInSeveralSentences(string? text)
    {
        if (text is null || text.IndexOf('?') < 0)
        {
            return false;
        }

        var end = SentenceEnd(text, 0);
        return end < text.Length && !text.AsSpan(end).Trim().IsEmpty;
    }

    /// <summary>
    /// The index just past the sentence that starts at <paramref name="start"/>: after its '?', '!' or '.' and a space,
    /// or before an "and" that starts another question ("¿a qué hora es la entrada y hasta qué hora hay que dejar la
    /// habitación?", "what time is check-in and where do we park?").
    /// </summary>
    private static int SentenceEnd(ReadOnlySpan<char> text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == ' ' && i > start && StartsAnotherQuestion(text[(i + 1)..]))
            {
                return i + 1;
            }

            if (text[i] is '?' or '!' || (text[i] == '.' && i + 1 < text.Length && text[i + 1] == ' ' && i > start && char.IsLetter(text[i - 1])))
            {
                var end = i + 1;
                while (end < text.Length && text[end] is '?' or '!')
                {
                    end++;
                }

                return end;
            }
        }

        return text.Length;
    }

    private NluResult ParseWhole(NluRequest request)
    {
        var text = request.Text ?? string.Empty;
        char[]? rented = null;
        var buffer = text.Length < StackBuffer - 8
            ? stackalloc char[StackBuffer]
            : (rented = ArrayPool<char>.Shared.Rent(text.Length + 8));
        try
        {
            return Parse(request, text, buffer);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private NluResult Parse(NluRequest request, string text, Span<char> buffer)
    {
        var rooms = RoomIndex.For(request.RoomTypes);

        // 1. Entities read from the raw text, masked out of the rest.
        Span<Range> masks = stackalloc Range[4];
        var maskCount = 0;
        var email = SpecialEntities.FindEmail(text, masks, ref maskCount);
        var bookingCode = SpecialEntities.FindHaCode(text, masks, ref maskCount);
        var phone = SpecialEntities.FindPhone(text, masks, ref maskCount);

        // 2. Tokens.
        Span<Token> tokens = stackalloc Token[MaxTokens];
        var signals = default(LanguageSignals);
        var count = TextNormalizer.Tokenize(text, masks[..maskCount], buffer, tokens, ref signals);
        tokens = tokens[..count];

        // 3. Room types, then vocabulary: intent scores, language votes, tags.
        Span<float> scores = stackalloc float[IntentIds.Count];
        Span<float> langs = stackalloc float[3];
        MatchRooms(rooms, text, buffer, tokens);
        MatchVocabulary(buffer, tokens, scores, langs);
        DiscountTalkWithCompanion(buffer, tokens, scores);
        Disambiguate(buffer, tokens);

        // 4. Language.
        var language = LanguageCode(request.Language) ?? DetectLanguage(langs, signals);

        // 5. Entities.
        var between = false;
        foreach (ref readonly var t in tokens)
        {
            between |= (t.Tags & WordTag.Between) != 0;
        }

        ReadCountChanges(buffer, tokens, out var changedNights, out var changedAdults, out var changedChildren, out var changedPeople);
        ExtractRelativeChanges(buffer, tokens, out var shiftDays, out var extraNights, out var extraAdults, out var extraChildren);
        var party = PartyGrammar.TryRead(buffer, tokens, out var partyAdults, out var partyChildren, out var stated, language, _adultAge);
        ExtractPeople(buffer, tokens, out var adults, out var children, out var nights, out var people, out var headThenAnd);
        if (party && stated != 0 && (extraAdults is not null || extraChildren is not null) && people is null && adults is null && children is null)
        {
            // "se viene también mi madre. Seríamos 3 adultos y el bebé", "viene también mi sobrino de 6. ¿Entramos los
            // tres?": the head count said is the new party; who joins is in it.
            if (stated == 2 && partyChildren is null && extraChildren is > 0 && partyAdults > extraChildren)
            {
                partyAdults -= extraChildren;
            }
        }
        else if (party && people is null && adults is null && children is null && (extraAdults is not null || extraChildren is not null))
        {
            // "one more person is coming, my sister", "somos uno más, viene mi nene": the people named are the ones who join.
            if (partyChildren is > 0 && extraChildren is null)
            {
                extraChildren = partyChildren;
                extraAdults = extraAdults - partyChildren is > 0 and var rest ? rest : null;
            }

            party = false;
        }

        if (party)
        {
            if (partyChildren is not null)
            {
                children = (children ?? 0) + partyChildren;
            }

            if (people is null)
            {
                adults ??= partyAdults;
            }
        }

        if (PlusParty(text, tokens) is ({ } grown, { } young))
        {
            // "somos 2+2", "we're 2+1", "pra 2+1 (bebê de 1 ano)": adults plus children, whatever else counted them.
            (adults, children, people) = (grown, young, null);
        }

        if ((people is not null || adults is not null) && (extraAdults is not null || extraChildren is not null))
        {
            // "no, mejor para 3, que se apunta mi hija": the new head count already includes who joins; so do the children
            // it names ("seríamos 3 adultos y el bebé").
            children ??= extraChildren;
            (extraAdults, extraChildren) = (null, null);
        }

        if (changedNights is not null || changedAdults is not null || changedChildren is not null || changedPeople is not null)
        {
            if (changedAdults is not null || changedPeople is not null)
            {
                // "vai mais uma pessoa, minha sogra. Antes eram 2 adultos, agora 3": the new count includes who joins.
                children ??= extraChildren;
                (extraAdults, extraChildren) = (null, null);
            }

            // "from 2 nights to 3", "en vez de 2 adultos somos 3": the new count said is the count.
            nights = changedNights ?? nights;
            (adults, people) = changedPeople is not null ? (null, changedPeople) : (changedAdults ?? adults, people);
            children = changedChildren ?? children;
        }

        if (adults is null && people is not null)
        {
            // "4 personas, 2 niños": the head count includes the children (not in "somos dos y nuestro hijo").
            adults = children is not null && people > children && !headThenAnd ? people - children : people;
        }

        if (request.Expecting == ExpectedAnswer.PartySize && adults is null && children is null)
        {
            adults = BareCount(tokens);
        }

        ExtractPhrasedDates(buffer, tokens, request.ReferenceDate, ref nights, out var phrasedIn, out var phrasedOut, out var holidayNear);
        var anchor = holidayNear ?? request.StayAnchor;
        var moved = phrasedIn is null ? MovedStayPivot(buffer, tokens) : -1;
        DateOnly? checkIn, checkOut;
        int? nightsNamed;
        if (moved > 0)
        {
            // "la tengo para el 3 y necesito que sea para el 5", "we're booked 5th-7th, want to stay till the 9th": the
            // booking's dates are where it stands, the ones after are the stay asked for; a new departure alone keeps the
            // arrival (with nights told, the new part already counted the arrival back from the departure).
            ExtractDates(buffer, tokens[..moved], request.ReferenceDate, anchor, language, between, null, out var bookedIn, out var bookedOut, out _);
            ExtractDates(buffer, tokens[moved..], request.ReferenceDate, bookedIn ?? anchor, language, between, nights, out checkIn, out checkOut, out nightsNamed);
            (checkIn, checkOut) = checkIn is null && checkOut is null ? (bookedIn, bookedOut) : (checkIn ?? bookedIn, checkOut);
        }
        else if ((phrasedIn is null ? CorrectedDates(buffer, tokens) : -1) is var corrected and > 0)
        {
            // "del 10 al 13 de diciembre, no perdón, del 11 al 13", "Feb 12 through 15, wait no, Feb 13 to 15": the dates
            // after the guest's own correction; a new arrival alone keeps the departure said first when it still follows.
            ExtractDates(buffer, tokens[..corrected], request.ReferenceDate, anchor, language, between, null, out var firstIn, out var firstOut, out _);
            ExtractDates(buffer, tokens[corrected..], request.ReferenceDate, firstIn ?? anchor, language, between, nights, out checkIn, out checkOut, out nightsNamed);
            if (checkIn is { } lone && checkOut is null && nights is null && firstIn is { } saidIn && firstOut is not null && lone > saidIn && !ArrivalSaid(buffer, tokens[corrected..]))
            {
                // "llegamos el 2 y nos vamos el 9, no, perdón, el 10", "leaving the 8th - sorry, the 9th": a lone day puts
                // right the last one said, the departure.
                (checkIn, checkOut) = (saidIn, lone);
            }

            checkOut ??= checkIn is null || firstOut > checkIn ? firstOut : null;
            checkIn ??= firstIn;
        }
        else
        {
            var original = phrasedIn is null ? OriginalDates(buffer, tokens) : -1;
            ExtractDates(buffer, original > 0 ? tokens[..original] : tokens, request.ReferenceDate, anchor, language, between, nights, out checkIn, out checkOut, out nightsNamed);
        }

        if (phrasedIn is not null)
        {
            // Weekends, next week or month, nights named by weekday and holidays say more than the bare words read alone.
            checkIn = phrasedIn;
            checkOut = phrasedOut;
        }
        else if (nights is null && nightsNamed is not null && checkIn is not null && checkOut is not null)
        {
            nights = nightsNamed; // "tonight and tomorrow night": the nights said one by one are a count too.
        }

        if (nights is > 1 and var listed && checkIn is { } last && NightsListedUpTo(buffer, tokens, last.Day, listed))
        {
            // "2 noites, 4 e 5 de dezembro", "two nights, the 4th and 5th": the nights named one by one, the arrival the first.
            checkIn = last.AddDays(1 - listed);
            checkOut = checkIn.Value.AddDays(listed);
        }

        if (checkIn is { } arrival && checkOut is null && nights is null && extraNights is null && shiftDays is null && DepartureWeekday(tokens) is { } leaving)
        {
            // "arriving Friday the 19th of February and leaving on the Sunday": the first such weekday after the arrival.
            var ahead = (leaving - (int)arrival.DayOfWeek + 7) % 7;
            checkOut = arrival.AddDays(ahead == 0 ? 7 : ahead);
        }

        if ((checkIn is not null || checkOut is not null) && moved < 0 && SameDates(text))
        {
            // "cambiarla a la suite, mismas fechas. Es por San Valentín": the dates stay; a day named is a reason, not a date.
            (checkIn, checkOut) = (null, null);
        }

        if (extraNights is not null && checkIn is not null && checkOut is not null && moved < 0 && !SaysArrival(buffer, tokens))
        {
            // "tem de trabalhar na terça, por isso queremos tirar uma noite e sair na segunda, dia 18": with nights added or
            // taken away, the day said is the new departure; the other day is a reason.
            checkIn = null;
        }

        if (checkIn is not null)
        {
            if (extraNights is not null && checkOut is null)
            {
                // "one more night, we leave on Monday 1 March": the date is the new departure.
                (checkIn, checkOut) = (null, checkIn);
            }
        }
        string? roomType = null;
        for (var r = 0; r < tokens.Length; r++)
        {
            ref readonly var t = ref tokens[r];
            if (t.Room >= 0 && Replaced(buffer, tokens, r))
            {
                continue; // "a double bed instead of the two singles": the room given up is not the one asked for.
            }

            if (t.Room >= 0)
            {
                // The first room named, unless the message changes rooms: "si no cabemos en la doble, cámbiela a la familiar".
                roomType = rooms.Codes[t.Room];
                if (DescribedAs(buffer, tokens, r) is { } described)
                {
                    // "quarto duplo com camas separadas", "a double with two single beds": the beds say which room it is.
                    roomType = rooms.Codes[described];
                }

                if (scores[IntentIds.ModifyReservation] <= 0)
                {
                    break;
                }
            }
        }

        var sideBySide = roomType is not null && RoomsSideBySide(buffer, tokens);
        if (sideBySide)
        {
            // "¿qué diferencia hay entre la twin y la doble?", "twin o doble me da igual", "one double and one twin": two
            // rooms compared, left open or both booked name no one room.
            roomType = null;
        }

        if (roomType is null && (checkIn is not null || nights is not null || adults is not null))
        {
            // "reservame el cuarto más caro para el 14", "your most expensive room for this Saturday": with a stay, the
            // room named by its price is the one asked for ("what's your most expensive room?" alone only asks).
            roomType = PricedRoom(request.RoomTypes, buffer, tokens);
        }

        var guestName = ExtractName(text, tokens) ?? OwnerOrSignatureName(text, buffer, tokens);
        if (guestName is not null && !guestName.Contains(' ', StringComparison.Ordinal) && NameByShape(text, masks[..maskCount], tokens, buffer) is { } fuller
            && fuller.StartsWith(guestName + " ", StringComparison.OrdinalIgnoreCase) && (CapitalisedWords(fuller) >= 2 || !text.AsSpan().ContainsAnyInRange('A', 'Z')))
        {
            // Not "Hello, I'm Sarah again": the words after a capitalised first name are the name only when capitalised too.
            guestName = fuller; // "Me llamo Jorge, Jorge Villalba Ruiz": the full name that follows.
        }
        var nameCue = false;
        foreach (ref readonly var t in tokens)
        {
            nameCue |= (t.Tags & WordTag.NameCue) != 0;
        }

        if (guestName is null && (roomType is null || email is not null || phone is not null)
            && (request.Expecting == ExpectedAnswer.GuestDetails || email is not null || phone is not null || nameCue || (request.Expecting == ExpectedAnswer.Email && text.IndexOf('@') < 0)))
        {
            guestName = NameByShape(text, masks[..maskCount], tokens, buffer);
        }

        bool? ownSlip = null; // read only where it decides something, once
        if (guestName is null && SpeaksOfAName(buffer, tokens) && (ownSlip ??= SelfCorrection(buffer, tokens)))
        {
            // "O apelido está mal escrito, é com um L: Rui Manuel Teixeira de Vasconcelos": the name written again, in
            // full (not "é Magalhães com lh", a spelling).
            guestName = NameByShape(text, masks[..maskCount], tokens, buffer) is { } again && CapitalisedWords(again) >= 2 ? again : null;
        }

        if (guestName is not null && (guestName.EndsWith(" Jr", StringComparison.Ordinal) || guestName.EndsWith(" Sr", StringComparison.Ordinal))
            && text.Contains(guestName + ".", StringComparison.Ordinal))
        {
            guestName += "."; // "Marcus Whitfield Jr.": the abbreviation keeps its point.
        }

        bookingCode ??= FindFormattedCode(text, tokens, request.BookingCodeFormat, request.Expecting == ExpectedAnswer.BookingCode);
        bookingCode ??= ExtractCode(text, tokens);

        var entities = checkIn is null && checkOut is null && nights is null && adults is null && children is null &&
                       roomType is null && guestName is null && email is null && phone is null && bookingCode is null &&
                       shiftDays is null && extraNights is null && extraAdults is null && extraChildren is null
            ? NluEntities.Empty
            : new NluEntities
            {
                CheckIn = checkIn,
                CheckOut = checkOut,
                Nights = nights,
                Adults = adults,
                Children = children,
                RoomType = roomType,
                GuestName = guestName,
                Email = email,
                Phone = phone,
                BookingCode = bookingCode,
                ShiftDays = shiftDays,
                ExtraNights = extraNights,
                ExtraAdults = extraAdults,
                ExtraChildren = extraChildren,
            };

        // 6. Intent, read first against what the dialogue asked.
        var hasEntities = !ReferenceEquals(entities, NluEntities.Empty);
        var (intent, confidence) = Expected(request.Expecting, scores, entities) ?? Decide(scores, hasEntities, count);
        if (_model is not null)
        {
            var ruleIntent = intent;
            (intent, confidence) = _model.Combine(text, request.Expecting, intent, confidence, scores, hasEntities);
            if (intent is IntentIds.Affirm or IntentIds.Deny && ruleIntent is not (IntentIds.Affirm or IntentIds.Deny)
                && request.Expecting == ExpectedAnswer.None && !hasEntities && MaxScore(scores) <= 0)
            {
                // "blorp fnord" out of the blue: no word known and nothing asked, so it answers no question of the agent.
                (intent, confidence) = (ruleIntent, Math.Min(confidence, 0.2));
            }

            if (ruleIntent == IntentIds.HumanHandoff && scores[IntentIds.HumanHandoff] >= TaskBar && intent is not (IntentIds.HumanHandoff or IntentIds.Complaint)
                && checkIn is null && checkOut is null && adults is null && children is null)
            {
                // "tengo la reserva HA-…; necesito hablar con una persona de recepción, es por la factura": a person asked
                // for outright is given one, whatever else the message is about (not "una habitación para una persona
                // del 3 al 6", a stay).
                (intent, confidence) = (IntentIds.HumanHandoff, Math.Max(confidence, 0.7));
            }

            if (request.Expecting == ExpectedAnswer.Confirmation && scores[IntentIds.Affirm] >= TaskBar && scores[IntentIds.Deny] <= 0
                && ruleIntent is IntentIds.Affirm or IntentIds.CancelReservation or IntentIds.MakeReservation or IntentIds.ModifyReservation
                && intent is IntentIds.CancellationPolicy or IntentIds.PricingInfo or IntentIds.RoomOptions or IntentIds.HotelAmenities or IntentIds.PaymentInfo or IntentIds.OutOfScope
                && !text.Contains('?', StringComparison.Ordinal))
            {
                // "Sí, cancélala" to "¿confirma la cancelación?": a yes that names what it confirms, not a question about it.
                (intent, confidence) = (IntentIds.Affirm, Math.Max(confidence, 0.7));
            }
        }

        if ((shiftDays is not null || ((extraNights is not null || ((extraAdults is not null || extraChildren is not null) && (bookingCode is not null || scores[IntentIds.ModifyReservation] > 0 || adults is null))) && request.Expecting == ExpectedAnswer.None))
            && intent is not IntentIds.CancelReservation and not IntentIds.Affirm and not IntentIds.Deny)
        {
            // "move it one day later", "¿se puede correr la reserva dos días?": a change of an existing stay.
            intent = IntentIds.ModifyReservation;
            confidence = Math.Max(confidence, 0.7);
        }

        if (intent == IntentIds.CancelReservation && (changedNights ?? changedAdults ?? changedChildren ?? changedPeople) is not null && request.Expecting == ExpectedAnswer.None)
        {
            // "cambio de planes, ya no vamos 4 sino 3 adultos": a count put right changes the booking, it does not cancel it.
            intent = IntentIds.ModifyReservation;
            confidence = Math.Max(confidence, 0.7);
            scores[IntentIds.CancelReservation] = 0;
        }

        if (intent == IntentIds.Inform && entities is { Adults: null, Children: null, RoomType: null, GuestName: null, Email: null, BookingCode: null, Phone: null, Nights: null }
            && (entities.CheckIn is null || entities.CheckOut is null) && (scores[IntentIds.Goodbye] >= TaskBar || scores[IntentIds.Thanks] >= TaskBar)
            && request.Expecting != ExpectedAnswer.Dates)
        {
            // "Obrigado, até segunda!": a goodbye that names a day is still a goodbye.
            intent = scores[IntentIds.Goodbye] >= scores[IntentIds.Thanks] ? IntentIds.Goodbye : IntentIds.Thanks;
        }

        if (intent is IntentIds.Complaint or IntentIds.OutOfScope && (email is not null || guestName is not null) && scores[IntentIds.HumanHandoff] < TaskBar
            && (ownSlip ??= SelfCorrection(buffer, tokens)))
        {
            // "Perdona, el correo lo he puesto mal, es …", "I typed my email wrong, it's …": the guest's own details put
            // right, not a complaint about the hotel.
            intent = IntentIds.Inform;
            confidence = Math.Max(confidence, 0.6);
        }

        if ((intent == IntentIds.OutOfScope || (intent == IntentIds.Complaint && scores[IntentIds.Complaint] < TaskBar))
            && checkIn is not null && checkOut is not null && (adults is not null || roomType is not null))
        {
            // "me n my bf wanna come jan 8-10 lol, do u have smth w a big bed?": a stay described is never out of scope,
            // nor a complaint without a word of one ("um yeah so it's a couple with a toddler … a double would be grand").
            intent = IntentIds.Inform;
            confidence = Math.Max(confidence, 0.6);
        }

        if (intent == IntentIds.LateCheckout && checkIn is not null && (adults is not null || children is not null) && bookingCode is null)
        {
            // "da véspera de Natal até dia 27, somos nós os dois": a stay described, not a later departure from one.
            intent = IntentIds.Inform;
            confidence = Math.Max(confidence, 0.6);
        }

        if (intent == IntentIds.ModifyReservation && bookingCode is null && request.Expecting == ExpectedAnswer.None && checkIn is not null && checkOut is not null
            && (adults is not null || children is not null) && !MentionsABooking(text))
        {
            // "queria ficar de sábado 6 a quarta 10 de fevereiro, 2 adultos e 2 crianças: dá pra ficar todo mundo numa suíte?":
            // a whole stay described with no booking of theirs named is a new one, not a change.
            intent = IntentIds.MakeReservation;
            confidence = Math.Max(confidence, 0.6);
        }

        if (moved > 0 && (tokens[moved].Tags & WordTag.Until) == 0 && request.Expecting == ExpectedAnswer.None && (checkIn is not null || checkOut is not null)
            && intent is IntentIds.Inform or IntentIds.OutOfScope or IntentIds.Greeting)
        {
            // "era para el 10, ahora necesito el 12": a booking's dates moved, a change of it.
            intent = IntentIds.ModifyReservation;
            confidence = Math.Max(confidence, 0.7);
        }

        if (bookingCode is not null && request.Expecting == ExpectedAnswer.None && checkIn is not null && scores[IntentIds.ModifyReservation] >= TaskBar
            && intent is IntentIds.ReservationStatus or IntentIds.MakeReservation or IntentIds.CheckAvailability or IntentIds.Inform or IntentIds.Greeting)
        {
            // "I have a reservation, code HA-…; could we push it back a week, to Feb 26 - Feb 28?": the booking and its change.
            intent = IntentIds.ModifyReservation;
            confidence = Math.Max(confidence, 0.7);
        }

        if (bookingCode is not null && intent is IntentIds.ModifyReservation or IntentIds.CancelReservation or IntentIds.ReservationStatus)
        {
            // "tengo una reserva, el código es HA-…, necesito moverla": a request about the booking it names.
            confidence = Math.Max(confidence, 0.7);
        }

        if (bookingCode is not null && request.Expecting == ExpectedAnswer.None
            && intent is IntentIds.MakeReservation or IntentIds.CheckAvailability or IntentIds.Inform or IntentIds.OutOfScope or IntentIds.Greeting)
        {
            // "tengo la reserva HA-FYQRR9", "I've got a booking with you, ref BK-20931": about that booking.
            intent = IntentIds.ReservationStatus;
            confidence = Math.Max(confidence, 0.7);
        }

        if (confidence < _threshold && intent != IntentIds.Inform && intent != IntentIds.OutOfScope)
        {
            // "quero um duplo do dia 26 ao 28, pra mim e minha namorada": no request word known, but a stay described.
            var stay = checkIn is not null && checkOut is not null;
            intent = stay ? IntentIds.Inform : IntentIds.OutOfScope;
            confidence = stay ? Math.Max(confidence, 0.6) : confidence;
        }

        var additional = Additional(scores, intent, entities);
        if (request.Expecting == ExpectedAnswer.None && hasEntities)
        {
            entities = WithinTheTask(intent, confidence, scores, count, additional, entities);
        }

        return new NluResult
        {
            Intent = Intents.All[intent],
            Confidence = Math.Round(confidence, 3),
            Language = language,
            Entities = entities,
            AdditionalIntents = additional,
            LanguageConfidence = request.Language is not null ? 1 : LanguageEvidence(langs, WithoutName(signals, guestName), tokens, count),
            RoomTypesMentioned = roomType is null && !sideBySide ? [] : RoomsMentioned(rooms, tokens),
        };
    }

    /// <summary>
    /// The slots of a message that asks for no stay, read for what it asks: "¿puedo salir más tarde el domingo?",
    /// "the room hasn't been cleaned today", "até amanhã!", "Happy Wednesday" name a day, not an arrival; "if I cancel a
    /// week before" counts no nights; "passe-me a um colega", "minha mãe ficou doente", "booking for my parents" bring no
    /// party. A stay described in full (both dates) is kept, and so is everything when the message also asks for a room.
    /// </summary>
    private static NluEntities WithinTheTask(int intent, double confidence, ReadOnlySpan<float> scores, int words, IReadOnlyList<string> additional, NluEntities e)
    {
        // Only when the message's own words say what it asks, or when a long message asks nothing the hotel does: a short
        // answer ("just me this time", "el sábado") read as anything else keeps what it gives.
        var outOfScope = intent == IntentIds.OutOfScope && words >= 5 && confidence >= 0.7;
        var smallTalk = intent is IntentIds.Greeting or IntentIds.Goodbye or IntentIds.Thanks or IntentIds.Complaint && (scores[intent] > 0 || (confidence >= 0.85 && words >= 3));
        if (intent == IntentIds.LateCheckout && e is { Nights: null, Adults: null, Children: null } && (e.CheckIn is null) != (e.CheckOut is null)
            && !AlsoAsksForAStay(additional))
        {
            // "Is a 2pm checkout possible on the 6th?", "podemos sair às 14h no dia 8?": however the request was told
            // apart, the one day a late check-out is asked for is the departure.
            return e with { CheckIn = null, CheckOut = e.CheckOut ?? e.CheckIn };
        }

        if (!NamesNoStay(intent) || (scores[intent] < TaskBar && !outOfScope && !smallTalk)
            || AlsoAsksForAStay(additional))
        {
            return e;
        }

        // "chau, buen finde!", "will it be sunny this weekend?": a weekend wished or asked about, with no party or room.
        var wished = (smallTalk || outOfScope) && e is { Adults: null, Children: null, RoomType: null, Nights: null };
        var loneDay = (e.Nights is null && (e.CheckIn is null) != (e.CheckOut is null) && intent != IntentIds.CancelReservation) || (wished && e.CheckIn is not null);
        var loneNights = e.Nights is not null && e.CheckIn is null && e.CheckOut is null && intent != IntentIds.CancelReservation;
        var dated = !loneDay && !loneNights && (e.CheckIn is not null || e.CheckOut is not null || e.Nights is not null);
        var noParty = !dated && !outOfScope && (intent != IntentIds.CancelReservation || e.BookingCode is not null) && BringsNoParty(intent) && e.ExtraAdults is null && e.ExtraChildren is null;
        if (!loneDay && !loneNights && !(noParty && (e.Adults is not null || e.Children is not null)))
        {
            return e;
        }

        // "¿se puede salir más tarde el día 3?", "a 2pm checkout on the 6th": the day a late check-out is asked for is the
        // departure.
        var scoped = e with
        {
            CheckIn = loneDay ? null : e.CheckIn,
            CheckOut = loneDay ? (intent == IntentIds.LateCheckout ? e.CheckOut ?? e.CheckIn : intent == IntentIds.CheckOutInfo ? e.CheckOut : null) : e.CheckOut,
            Nights = loneNights ? null : e.Nights,
            Adults = noParty ? null : e.Adults,
            Children = noParty ? null : e.Children,
        };
        return scoped is { CheckIn: null, CheckOut: null, Nights: null, Adults: null, Children: null, RoomType: null, GuestName: null, Email: null, Phone: null, BookingCode: null, ShiftDays: null, ExtraNights: null, ExtraAdults: null, ExtraChildren: null }
            ? NluEntities.Empty
            : scoped;
    }

    private static bool AlsoAsksForAStay(IReadOnlyList<string> additional)
    {
        for (var i = 0; i < additional.Count; i++)
        {
            if (additional[i] is Intents.CheckAvailability or Intents.MakeReservation or Intents.PricingInfo or Intents.ModifyReservation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Requests about anything but a stay: small talk, hotel questions, a person, a complaint, a cancellation.</summary>
    private static bool NamesNoStay(int intent) => intent is IntentIds.Greeting or IntentIds.Goodbye or IntentIds.Thanks or IntentIds.Complaint
        or IntentIds.OutOfScope or IntentIds.HumanHandoff or IntentIds.LateCheckout or IntentIds.CheckInInfo or IntentIds.CheckOutInfo
        or IntentIds.HotelLocation or IntentIds.CancellationPolicy or IntentIds.PaymentInfo or IntentIds.HotelAmenities or IntentIds.CancelReservation;

    /// <summary>Requests in which people named are never the party of a stay (a hotel question may size one: "a cot for our baby?").</summary>
    private static bool BringsNoParty(int intent) => intent is not IntentIds.HotelAmenities;

    /// <summary>
    /// Whether two words are "instead of", "rather than", "en vez de/del", "en lugar de", "em vez da/do", "ao invés de";
    /// with the word before them known, "lugar" only after "en"/"em"/"no" ("¿hay lugar del 30 al 2?" asks for room).
    /// </summary>
    internal static bool SaysInsteadOf(ReadOnlySpan<char> w, ReadOnlySpan<char> before, ReadOnlySpan<char> beforeThat = default) =>
        (w is "of" && before is "instead") || (w is "than" && before is "rather") || (w is "de" or "del" or "da" or "do" && before is "vez" or "inves")
        || (w is "de" or "del" or "da" or "do" && before is "lugar" && (beforeThat.IsEmpty || beforeThat is "en" or "em" or "no"));

    // The room right after "instead of", "en vez de", "em vez de", "en lugar de", "ao invés de", "rather than".
    private static bool Replaced(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int room)
    {
        for (var k = room - 1; k >= 0 && k >= room - 6 && !tokens[k + 1].AfterPunctuation; k--)
        {
            var said = Word(buffer, tokens, k);
            if ((said is "temos" or "tenemos" or "tengo" or "tenho" or "currently" || (said is "era" or "was" && k >= room - 2)) && (RoomAfter(tokens, room) || RoomBefore(tokens, room)))
            {
                return true; // "pode mudar pra quarto single? era duplo", "upgrade para a suite? Temos reserva de quarto de casal": the room booked.
            }
        }

        for (var k = room - 1; k >= 0 && k >= room - 4; k--)
        {
            if (tokens[k].Room >= 0 || tokens[k + 1].AfterPunctuation)
            {
                return false; // "en vez de dos camas, una doble": the cue belongs to the room before.
            }

            var w = Word(buffer, tokens, k);
            var before = k > 0 ? Word(buffer, tokens, k - 1) : default;
            if (SaysInsteadOf(w, before, k > 1 ? Word(buffer, tokens, k - 2) : default) || (w is "dos" or "das" && before is "vez" or "lugar" or "inves"))
            {
                return true;
            }

            if (w is "not" or "no" or "nao" && (k == room - 1 || (k == room - 2 && Word(buffer, tokens, room - 1) is "the" or "la" or "el" or "o" or "a" or "de")) && (RoomAfter(tokens, room) || RoomBefore(tokens, room)))
            {
                // "no, not the double, we need the family room", "no la doble, la familiar", "não o duplo, o familiar",
                // "duas camas de solteiro separadas, não de casal".
                return true;
            }

            if (k == room - 1 && w is "de" or "from" && room + Math.Max(1, tokens[room].Span) + 1 < tokens.Length
                && Word(buffer, tokens, room + Math.Max(1, tokens[room].Span)) is "a" or "para" or "pra" or "to" && RoomAfter(tokens, room))
            {
                return true; // "cambiar la habitación de doble a familiar": from one room to the other.
            }

            if (w is "de" or "del" or "from" or "do" or "da" && before is "pasar" or "pasarla" or "pasarnos" or "cambiar" or "cambiarla" or "cambiarnos" or "change" or "switch" or "move" or "upgrade"
                or "passar" or "mudar" or "trocar" or "go" or "going" && RoomAfter(tokens, room))
            {
                return true; // "pasar de la familiar a la suite", "switch from the double to the suite": the room left behind.
            }
        }

        return false;
    }

    private static bool RoomBefore(ReadOnlySpan<Token> tokens, int room)
    {
        for (var k = 0; k < room; k++)
        {
            if (tokens[k].Room >= 0 && tokens[k].Room != tokens[room].Room)
            {
                return true;
            }
        }

        return false;
    }

    private static bool RoomAfter(ReadOnlySpan<Token> tokens, int room)
    {
        for (var k = room + Math.Max(1, tokens[room].Span); k < tokens.Length; k++)
        {
            if (tokens[k].Room >= 0 && tokens[k].Room != tokens[room].Room)
            {
                return true;
            }
        }

        return false;
    }

    private static bool MentionsABooking(string text) =>
        text.Contains("reserv", StringComparison.OrdinalIgnoreCase) || text.Contains("book", StringComparison.OrdinalIgnoreCase)
        || text.Contains("stay", StringComparison.OrdinalIgnoreCase) || text.Contains("estadia", StringComparison.OrdinalIgnoreCase)
        || text.Contains("estadía", StringComparison.OrdinalIgnoreCase) || text.Contains("estancia", StringComparison.OrdinalIgnoreCase);

    private static bool SameDates(string text) =>
        text.Contains("mismas fechas", StringComparison.OrdinalIgnoreCase) || text.Contains("same dates", StringComparison.OrdinalIgnoreCase)
        || text.Contains("mesmas datas", StringComparison.OrdinalIgnoreCase) || text.Contains("mismos días", StringComparison.OrdinalIgnoreCase)
        || text.Contains("mismos dias", StringComparison.OrdinalIgnoreCase) || text.Contains("same days", StringComparison.OrdinalIgnoreCase)
        || text.Contains("mesmos dias", StringComparison.OrdinalIgnoreCase) || text.Contains("same nights", StringComparison.OrdinalIgnoreCase);

    private static float MaxScore(ReadOnlySpan<float> scores)
    {
        var max = 0f;
        foreach (var score in scores)
        {
            max = Math.Max(max, score);
        }

        return max;
    }

    private static string[] RoomsMentioned(RoomIndex rooms, ReadOnlySpan<Token> tokens)
    {
        var codes = new List<string>(2);
        foreach (ref readonly var t in tokens)
        {
            if (t.Room >= 0 && !codes.Contains(rooms.Codes[t.Room]))
            {
                codes.Add(rooms.Codes[t.Room]);
            }
        }

        return [.. codes];
    }

    private static bool IsArticle(ReadOnlySpan<char> w) => w is "a" or "an" or "the" or "la" or "el" or "una" or "un" or "uma" or "um" or "o";

    /// <summary>Whether the word is joined by a hyphen to a verb after it: "double-check", "double-booked", "double-charged".</summary>
    private static bool JoinedToAVerb(string text, ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        if (i + 1 >= tokens.Length || tokens[i].OrigEnd >= text.Length || text[tokens[i].OrigEnd] != '-' || tokens[i + 1].OrigStart != tokens[i].OrigEnd + 1)
        {
            return false;
        }

        var next = Word(buffer, tokens, i + 1);
        return next.StartsWith("check") || next.StartsWith("book") || next.StartsWith("charg") || next.StartsWith("click") || next.StartsWith("confirm");
    }

    /// <summary>
    /// "Family" as the reason for a change: "por un tema familiar", "motivos familiares", "a family emergency", "family
    /// reasons", "um problema familiar", "assuntos de família".
    /// </summary>
    private static bool FamilyMatter(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        var w = Word(buffer, tokens, i);
        if (w is not ("familiar" or "familiares" or "family" or "familia"))
        {
            return false;
        }

        var before = i > 0 ? Word(buffer, tokens, i - 1) : default;
        var before2 = i > 1 ? Word(buffer, tokens, i - 2) : default;
        var next = i + 1 < tokens.Length ? Word(buffer, tokens, i + 1) : default;
        return before is "tema" or "temas" or "asunto" or "asuntos" or "problema" or "problemas" or "motivo" or "motivos" or "emergencia" or "emergencias"
                or "urgencia" or "razones" or "razon" or "cuestion" or "questao" or "assunto" or "assuntos" or "situacion" or "situacao" or "compromiso" or "compromisso"
            || (before is "de" && before2 is "asuntos" or "assuntos" or "motivos" or "problemas" or "questoes" or "cuestiones" or "temas")
            || next is "emergency" or "emergencies" or "reasons" or "matters" or "matter" or "issue" or "issues" or "problem" or "problems" or "thing" or "event" or "bereavement" or "crisis";
    }

    private static void MatchRooms(RoomIndex rooms, string text, ReadOnlySpan<char> buffer, Span<Token> tokens)
    {
        if (rooms.IsEmpty)
        {
            return;
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            var max = Math.Min(rooms.MaxWords, tokens.Length - i);
            for (var n = max; n >= 1; n--)
            {
                if (rooms.Lookup.TryGetValue(Slice(buffer, tokens, i, n), out var id))
                {
                    if (n == 1 && JoinedToAVerb(text, buffer, tokens, i))
                    {
                        goto next; // "double-check", "double-booked": a verb, not the room.
                    }

                    if (n == 1 && FamilyMatter(buffer, tokens, i))
                    {
                        goto next; // "por un tema familiar", "a family emergency": a reason, not the family room.
                    }

                    tokens[i].Room = id;
                    i += n - 1;
                    goto next;
                }
            }

            ref var t = ref tokens[i];
            // A word of four letters is read as a misspelt room only after an article ("la suit", "uma sute"): alone it is
            // more likely a word of its own ("pelo site", "em casa").
            if (t.Kind == TokenKind.Word && (t.Length >= 5 || (t.Length == 4 && i > 0 && IsArticle(Word(buffer, tokens, i - 1)))) && !(t.Capitalized && i > 0) && !Lexicon.Lookup.ContainsKey(buffer.Slice(t.Start, t.Length))
                && !PartyGrammar.IsPartyWord(buffer.Slice(t.Start, t.Length)) // "our twins" are children, not a misspelt "twin".
                && buffer.Slice(t.Start, t.Length) is not ("quite" or "quiet" or "casa") // "leaving quite early", "a casa de banho": words one letter from a room.
                && !(buffer.Slice(t.Start, t.Length) is "familia" && (i == 0 || !IsAnyWord(buffer, tokens[i - 1], "quarto", "habitacion", "cuarto")))) // "el grupo de la familia" is the family, "quarto família" the room.

            {
                var id = Lexicon.Fuzzy(buffer.Slice(t.Start, t.Length), rooms.Lookup, rooms.Deletes, minSubstitutionLength: 5);
                if (id >= 0)
                {
                    t.Room = id;
                }
            }

        next:;
        }
    }

    private static void MatchVocabulary(ReadOnlySpan<char> buffer, Span<Token> tokens, Span<float> scores, Span<float> langs)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            ref var t = ref tokens[i];
            if (t.Kind == TokenKind.Number && t.Number >= 0)
            {
                t.Tags |= WordTag.Number;
                t.Value = t.Number;
                continue;
            }

            if (t.Kind != TokenKind.Word)
            {
                continue;
            }

            var tagged = t.Covered;
            var max = Math.Min(Lexicon.MaxPhraseWords, tokens.Length - i);
            var unigram = false;
            for (var n = max; n >= 1; n--)
            {
                if (!Lexicon.Lookup.TryGetValue(Slice(buffer, tokens, i, n), out var id))
                {
                    continue;
                }

                unigram |= n == 1;
                var entry = Lexicon.Entry(id);
                Apply(entry, i, scores, langs);
                if (!tagged && (n == 1 || entry.HasPhraseTags))
                {
                    Tag(tokens, i, n, id, entry);
                    tagged = true;
                }
            }

            // Letters drawn out for emphasis: "hiii", "oii", "holaaa", "yesss".
            if (!unigram && t.Room < 0 && t.Length >= 3 && Collapsed(buffer.Slice(t.Start, t.Length)) is { } shortId)
            {
                var entry = Lexicon.Entry(shortId);
                Apply(entry, i, scores, langs);
                if (!tagged)
                {
                    Tag(tokens, i, 1, shortId, entry);
                }

                continue;
            }

            // Capitalised words inside a sentence are names more often than typos ("Soy Lucía", "Carla Dias").
            if (!unigram && t.Room < 0 && t.Length >= 3 && !(t.Capitalized && i > 0))
            {
                var id = Lexicon.Fuzzy(buffer.Slice(t.Start, t.Length), Lexicon.Lookup, Lexicon.Deletes, minSubstitutionLength: 6);
                if (id >= 0)
                {
                    var entry = Lexicon.Entry(id);
                    if (entry.Tags != WordTag.Stop)
                    {
                        Apply(entry, i, scores, default);
                        if (!tagged)
                        {
                            Tag(tokens, i, 1, id, entry);
                            t.Fuzzy = true;
                        }
                    }
                }
            }
        }
    }

    private static int? Collapsed(ReadOnlySpan<char> word)
    {
        if (word.Length > 24 || word[^1] != word[^2])
        {
            return null;
        }

        Span<char> shortened = stackalloc char[word.Length];
        var n = 0;
        foreach (var c in word)
        {
            if (n == 0 || shortened[n - 1] != c || char.IsAsciiDigit(c))
            {
                shortened[n++] = c;
            }
        }

        return n < word.Length && Lexicon.Lookup.TryGetValue(shortened[..n], out var id) && Lexicon.Entry(id).Weights.Length > 0 ? id : null;
    }

    private static void Apply(LexEntry entry, int position, Span<float> scores, Span<float> langs)
    {
        foreach (var (intent, weight) in entry.Weights)
        {
            // Small talk said first ("sí, gracias") is what the message is about.
            scores[intent] += position == 0 && IntentIds.IsSmallTalk(intent) ? weight + 0.5f : weight;
        }

        if (langs.IsEmpty || entry.Langs is Lang.Any or Lang.None)
        {
            return;
        }

        var vote = entry.WordCount > 1 ? 1.5f : 1f;
        if ((entry.Langs & Lang.Es) != 0)
        {
            langs[0] += vote;
        }

        if ((entry.Langs & Lang.En) != 0)
        {
            langs[1] += vote;
        }

        if ((entry.Langs & Lang.Pt) != 0)
        {
            langs[2] += vote;
        }
    }

    private static void Tag(Span<Token> tokens, int i, int n, int id, LexEntry entry)
    {
        ref var t = ref tokens[i];
        t.Entry = id;
        t.Tags |= entry.Tags;
        t.Span = n;
        if ((entry.Tags & WordTag.Valued) != 0)
        {
            t.Value = entry.Value;
        }

        if ((entry.Tags & WordTag.Ordinal) != 0)
        {
            t.Ordinal = true;
        }

        for (var k = 1; k < n; k++)
        {
            tokens[i + k].Covered = true;
        }
    }

    private static ReadOnlySpan<char> Slice(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i, int n)
    {
        var start = tokens[i].Start;
        ref readonly var last = ref tokens[i + n - 1];
        return buffer.Slice(start, last.Start + last.Length - start);
    }

    private string DetectLanguage(ReadOnlySpan<float> langs, LanguageSignals signals)
    {
        var es = langs[0] + signals.Es;
        var en = langs[1];
        var pt = langs[2] + signals.Pt;
        var best = Math.Max(es, Math.Max(en, pt));
        if (best <= 0)
        {
            return _defaultLanguage;
        }

        var ties = (es == best ? 1 : 0) + (en == best ? 1 : 0) + (pt == best ? 1 : 0);
        if (ties > 1)
        {
            if ((_defaultLanguage == "es" && es == best) || (_defaultLanguage == "en" && en == best) || (_defaultLanguage == "pt" && pt == best))
            {
                return _defaultLanguage;
            }
        }

        return es == best ? "es" : pt == best ? "pt" : "en";
    }

    private static string? LanguageCode(string? language)
    {
        if (string.IsNullOrEmpty(language) || language.Length < 2)
        {
            return null;
        }

        var span = language.AsSpan(0, 2);
        return span.Equals("es", StringComparison.OrdinalIgnoreCase) ? "es"
            : span.Equals("en", StringComparison.OrdinalIgnoreCase) ? "en"
            : span.Equals("pt", StringComparison.OrdinalIgnoreCase) ? "pt"
            : null;
    }

    private static int NumberAt(ReadOnlySpan<Token> tokens, int i)
    {
        ref readonly var t = ref tokens[i];
        if (t.Covered || t.Used)
        {
            return -1;
        }

        if ((t.Tags & WordTag.Number) != 0)
        {
            return t.Value;
        }

        if ((t.Tags & WordTag.NumberA) != 0 && i + 1 < tokens.Length && (tokens[i + 1].Tags & (WordTag.Adults | WordTag.Children | WordTag.People | WordTag.Nights)) != 0)
        {
            return 1;
        }

        return -1;
    }

    private const WordTag Units = WordTag.Adults | WordTag.Children | WordTag.People | WordTag.Nights;

    /// <summary>"somos 4 y 2 son niños": the words after say who of the count are children.</summary>
    private static bool SaysAreAfter(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int from)
    {
        for (var k = from; k < tokens.Length && k <= from + 2; k++)
        {
            if (Word(buffer, tokens, k) is "son" or "are" or "sao" or "is" or "es" or "e")
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsRoomNoun(ReadOnlySpan<char> w) => w is "habitacion" or "habitaciones" or "room" or "rooms" or "quarto" or "quartos" or "cuarto" or "cuartos" or "camas" or "beds";

    internal static bool IsTimeUnit(ReadOnlySpan<char> w) => w is "dia" or "dias" or "day" or "days" or "semana" or "semanas" or "week" or "weeks" or "mes" or "meses" or "month" or "months";

    private static void ExtractPeople(ReadOnlySpan<char> buffer, Span<Token> tokens, out int? adults, out int? children, out int? nights, out int? people, out bool headThenAnd)
    {
        headThenAnd = false;
        adults = null;
        children = null;
        nights = null;
        people = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            var value = NumberAt(tokens, i);
            if (value <= 0 || value > 99)
            {
                if ((tokens[i].Tags & WordTag.We) != 0 && !tokens[i].Covered)
                {
                    var j = i + Math.Max(1, tokens[i].Span);
                    if (j + 1 < tokens.Length && tokens[j].Kind == TokenKind.Word && Word(buffer, tokens, j) is "so" or "solo" or "just" or "only" or "apenas" or "nomas" or "somente")
                    {
                        j++; // "vamos ser só dois", "we'll be just two", "somos solo 3".
                    }

                    // "somos una familia de 5", "somos un grupo": an article, not a head count of one; "somos dos familias, 4
                    // adultos y 4 nenes": families counted, not people.
                    // "somos dos parejas de amigos": the couples count (the party grammar used the number), not the number alone.
                    if (j < tokens.Length && NumberAt(tokens, j) is > 0 and <= 30 and var n && !tokens[j].Used && (j + 1 >= tokens.Length || (tokens[j + 1].Tags & Units) == 0)
                        && !(n == 1 && tokens[j].Kind == TokenKind.Word && j + 1 < tokens.Length && tokens[j + 1].Kind == TokenKind.Word && !tokens[j + 1].AfterPunctuation)
                        && !(j + 1 < tokens.Length && IsRoomNoun(Word(buffer, tokens, j + 1)))
                        && !(j + 1 < tokens.Length && Word(buffer, tokens, j + 1) is "familias" or "families" or "grupos" or "groups"))
                    {
                        // Not "son dos habitaciones, no una": rooms counted, not people.
                        people ??= n;
                        tokens[j].Used = true;

                        // "somos dos y nuestro hijo", "we're 2 plus a baby": the children come on top of the head count.
                        headThenAnd = people == n && j + 1 < tokens.Length && !tokens[j + 1].AfterPunctuation
                            && Word(buffer, tokens, j + 1) is "y" or "and" or "e" or "plus" or "mas" or "mais" && !SaysAreAfter(buffer, tokens, j + 2);
                    }
                }
                else if ((tokens[i].Tags & WordTag.For) != 0 && i + 1 < tokens.Length && NumberAt(tokens, i + 1) is > 0 and <= 10 and var n
                         && (n > 1 || (i > 0 && (IsRoomNoun(Word(buffer, tokens, i - 1)) || tokens[i - 1].Room >= 0) && OneEndsThePhrase(buffer, tokens, i + 2))))
                {
                    var k = i + 1 + Math.Max(1, tokens[i + 1].Span);
                    if ((k >= tokens.Length || IsPlainFollower(buffer, tokens, k)) && !(k < tokens.Length && IsTimeUnit(Word(buffer, tokens, k))))
                    {
                        // Not "para diez días", "for two weeks": a length of stay; one only after the room ("habitación para 1").
                        people ??= n;
                        tokens[i + 1].Used = true;
                    }
                }

                continue;
            }

            if (tokens[i].Ordinal)
            {
                continue; // "the second night" is not two nights.
            }

            var unit = i + Math.Max(1, tokens[i].Span);
            if (unit < tokens.Length && (tokens[unit].Tags & Units) == 0 && tokens[unit].Kind == TokenKind.Word &&
                (tokens[unit].Tags & ~WordTag.Stop) == 0 && unit + 1 < tokens.Length && (tokens[unit + 1].Tags & Units) != 0
                && !tokens[unit].AfterPunctuation && Word(buffer, tokens, unit) is not ("mismas" or "mismos" or "mesmas" or "mesmos" or "same"))
            {
                unit++; // "2 small kids", "dos niños pequeños" reads the unit after one unknown word; not "al 11, mismas noches".
            }

            if (unit >= tokens.Length || tokens[unit].Covered)
            {
                continue;
            }

            if (unit + 2 < tokens.Length && Word(buffer, tokens, unit) is "y" or "and" or "e" && !tokens[unit].AfterPunctuation && (tokens[unit + 1].Kind == TokenKind.Number || (tokens[unit + 1].Tags & WordTag.Number) != 0)
                && (tokens[unit + 2].Tags & WordTag.Children) != 0 && (i == 0 || tokens[i].AfterPunctuation || (tokens[i - 1].Tags & (WordTag.We | WordTag.For)) != 0)
                && tokens[i].Kind == TokenKind.Number)
            {
                // "2 y 2 niños de 3 y 7", "somos 2 e 1 criança": the grown-ups, then the children.
                adults = (adults ?? 0) + value;
                tokens[i].Used = true;
                continue;
            }

            var tags = tokens[unit].Tags;
            if ((tags & WordTag.Nights) != 0)
            {
                nights = value;
            }
            else if ((tags & WordTag.Children) != 0)
            {
                children = (children ?? 0) + value;
            }
            else if ((tags & WordTag.Adults) != 0)
            {
                adults = (adults ?? 0) + value;
            }
            else if ((tags & WordTag.People) != 0)
            {
                // "hablar con una persona" is not a head count; "para una persona" is.
                if (value == 1 && tokens[i].Kind == TokenKind.Word && (i == 0 || (tokens[i - 1].Tags & WordTag.For) == 0)
                    && !(tokens[i].AfterPunctuation && (unit + 1 >= tokens.Length || tokens[unit + 1].AfterPunctuation)))
                {
                    continue; // but "hay lugar para hoy? una persona, me voy mañana": the head count said on its own.
                }

                people ??= value;
            }
            else
            {
                continue;
            }

            tokens[i].Used = true;
            tokens[unit].Used = true;
        }

    }

    // "habitación para 1 del 9 al 11", "a room for 1, Dec 3": one person; not "trocar o quarto para um de casal".
    private static bool OneEndsThePhrase(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int k) =>
        k >= tokens.Length || tokens[k].AfterPunctuation
        || ((tokens[k].Tags & WordTag.DatePrep) != 0 && k + 1 < tokens.Length && IsDayNumber(tokens[k + 1]))
        || Word(buffer, tokens, k) is "persona" or "pessoa" or "person" or "por" or "please" or "pls";

    // "para dos" / "for 2": a count of people unless what follows makes it a date or another unit.
    private static bool IsPlainFollower(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int k)
    {
        var tags = tokens[k].Tags;
        if (IsRoomNoun(Word(buffer, tokens, k)) && Word(buffer, tokens, k)[^1] == 's' || (tokens[k].Room >= 0 && Word(buffer, tokens, k) is "doubles" or "dobles" or "suites" or "twins" or "duplos" or "singles"))
        {
            return false; // "a deposit for 2 rooms", "para 2 dobles": rooms counted, not people.
        }

        if (tokens[k].Kind != TokenKind.Word)
        {
            return false;
        }

        if (tokens[k].AfterPunctuation && (tags & (Units | WordTag.TimeSuffix)) == 0
            && ((tags & WordTag.Month) == 0 || (k + 1 < tokens.Length && IsDayNumber(tokens[k + 1]))))
        {
            return true; // "a room for two, Dec 19 thru 22": the date starts after the comma.
        }

        if ((tags & (WordTag.Month | Units | WordTag.TimeSuffix | WordTag.RangeSep)) != 0)
        {
            return false;
        }

        if ((tags & WordTag.DatePrep) != 0 && k + 1 < tokens.Length && (tokens[k + 1].Tags & WordTag.Month) != 0)
        {
            return false;
        }

        // "a double for two please", "para dos por favor": a function word after the count still leaves it a head count.
        return tokens[k].AfterPunctuation || (tags & (WordTag.DatePrep | WordTag.For | WordTag.And | WordTag.RelDay | WordTag.Weekday | WordTag.Stop)) != 0 || tokens[k].Room >= 0;
    }

    private struct DatePart
    {
        public int Day;
        public int Month;
        public int Year;
        public int Weekday;
        public int Offset;
        public byte Kind; // 0 day/month, 1 weekday, 2 offset from the reference date
        public bool AfterSeparator;
        public bool AfterUntil;
        public bool Bare;
        public bool AfterAnd;
        public bool AfterDatePrep;
        public bool NamesNight; // "tonight", "tomorrow night": the night itself, so as a departure it means the morning after.
        public int Weeks; // "Saturday week": a week after the next such weekday.
        public int WeekdayHint; // 1 + the weekday said beside a bare day ("el lunes 15"), 0 when none.
    }

    private static void ExtractDates(
        ReadOnlySpan<char> buffer,
        Span<Token> tokens,
        DateOnly reference,
        DateOnly? anchor,
        string language,
        bool between,
        int? nights,
        out DateOnly? checkIn,
        out DateOnly? checkOut,
        out int? nightsNamed)
    {
        checkIn = null;
        checkOut = null;
        nightsNamed = null;
        Span<DatePart> parts = stackalloc DatePart[6];
        var n = 0;
        var separators = WordTag.RangeSep | (between ? WordTag.And : WordTag.None);
        string? order = null;
        for (var i = 0; i < tokens.Length && n < parts.Length - 1; i++)
        {
            ref var t = ref tokens[i];
            if (t.Covered || t.Used)
            {
                continue;
            }

            // "December 1 - 3", "del 4 – 7": a dash with spaces between two day numbers joins them as a range.
            var afterSep = AfterSeparator(tokens, i, separators) || (t.AfterDash && i > 0 && IsDayNumber(tokens[i - 1]) && tokens[i - 1].Value is >= 1 and <= 31 && IsDayNumber(t));
            var afterUntil = AfterUntil(buffer, tokens, i);
            var afterAnd = !between && AfterSeparator(tokens, i, WordTag.And) && !AfterSeparator(tokens, i, WordTag.RangeSep);
            if ((t.Tags & WordTag.NotDate) != 0 && t.Span > 1)
            {
                i += t.Span - 1;
                continue;
            }

            if (IsNegatedDate(buffer, tokens, i))
            {
                t.Used |= (t.Tags & WordTag.Month) != 0; // "January, not December": the month corrected away.
                continue; // "we arrive on the 12th, not the 11th": the day corrected away.
            }

            if ((t.Tags & WordTag.RelDay) != 0)
            {
                var word = buffer.Slice(t.Start, t.Length);
                var night = word is "tonight" || (t.Span > 1 && t.Value == 0)
                    || (i + Math.Max(1, t.Span) < tokens.Length && IsAnyWord(buffer, tokens[i + Math.Max(1, t.Span)], "night", "noche", "noite"))
                    || (i + Math.Max(1, t.Span) + 1 < tokens.Length && IsAnyWord(buffer, tokens[i + Math.Max(1, t.Span)], "a", "por", "la")
                        && IsAnyWord(buffer, tokens[i + Math.Max(1, t.Span) + 1], "night", "noche", "noite")); // "amanhã à noite", "mañana por la noche"
                parts[n++] = new DatePart { Kind = 2, Offset = t.Value, AfterSeparator = afterSep, AfterUntil = afterUntil, AfterAnd = afterAnd, NamesNight = night };
            }
            else if ((t.Tags & WordTag.Weekday) != 0 && i + 1 < tokens.Length && (IsWord(buffer, tokens[i + 1], "vez") || IsWord(buffer, tokens[i + 1], "vezes")))
            {
                // "é a segunda vez que peço": the second time, not Monday.
            }
            else if ((t.Tags & WordTag.Weekday) != 0)
            {
                // "Saturday week" (British): not this Saturday but the one after.
                var weeks = (i + 1 < tokens.Length && IsWord(buffer, tokens[i + 1], "week") && (i + 2 >= tokens.Length || !IsAnyWord(buffer, tokens[i + 2], "to", "and", "or")))
                    || (i >= 2 && WeekOnAWeekday(buffer, tokens, i - 2)) ? 1 : 0; // "a week on Friday" too
                parts[n++] = new DatePart { Kind = 1, Weekday = t.Value, AfterSeparator = afterSep, AfterUntil = afterUntil, AfterAnd = afterAnd, Weeks = weeks };
            }
            else if (t.Kind == TokenKind.Compound)
            {
                var prevMonth = i > 0 && (tokens[i - 1].Tags & WordTag.Month) != 0 ? tokens[i - 1].Value : 0;
                var nextMonth = MonthAfter(buffer, tokens, i + 1);
                order ??= CompoundOrder(buffer, tokens, language);
                ParseCompound(buffer.Slice(t.Start, t.Length), order, prevMonth != 0 ? prevMonth : nextMonth, afterSep, afterUntil, parts, ref n);
            }
            else if ((t.Tags & WordTag.Month) != 0)
            {
                var j = i + Math.Max(1, t.Span);
                if (j < tokens.Length && IsWord(buffer, tokens[j], "the"))
                {
                    j++;
                }

                if (j < tokens.Length && IsDayNumber(tokens[j]) && tokens[j].Value is >= 1 and <= 31 && !tokens[j].Used &&
                    (j + 1 >= tokens.Length || (tokens[j + 1].Tags & (Units | WordTag.TimeSuffix)) == 0))
                {
                    var year = YearAt(tokens, j + 1);
                    parts[n++] = new DatePart { Day = tokens[j].Value, Month = t.Value, Year = year, AfterSeparator = afterSep, AfterUntil = afterUntil };
                    tokens[j].Used = true;
                    i = year > 0 ? j + 1 : j;
                }
            }
            else if (IsDayNumber(t) && t.Value is >= 1 and <= 31)
            {
                // A number said in several words ("vinte e três", "twenty three") ends at its last word.
                var last = i + Math.Max(1, t.Span) - 1;
                var spoken = t.Kind == TokenKind.Word;
                var next = last + 1 < tokens.Length ? tokens[last + 1].Tags : WordTag.None;
                if ((next & (Units | WordTag.TimeSuffix)) != 0 || (i > 0 && (tokens[i - 1].Tags & WordTag.TimePrep) != 0 && (tokens[i - 1].Tags & WordTag.DatePrep) == 0)
                    || IsClockTime(buffer, tokens, i, last)
                    || (last + 1 < tokens.Length && CountsSomethingElse(buffer, tokens[last + 1]))
                    || (i > 1 && IsWord(buffer, tokens[i - 1], "de") && (IsAnyWord(buffer, tokens[i - 2], "el", "la", "o") || IsWord(buffer, tokens[i - 2], "a")))
                    || (language == "en" && !t.Ordinal && i > 0 && IsWord(buffer, tokens[i - 1], "a")))
                {
                    // "there's a 2 after delahaye": in English "a" is the article, never "to" as in "del 1 a 5".
                    // "a de 6 fica com a avó", "el de 10": a child called by their age.
                    continue; // "our 10th anniversary", "mi 40 cumpleaños", "the 3rd floor": not a day of the month.
                }

                var month = MonthAfter(buffer, tokens, last + 1);
                if (month != 0)
                {
                    var monthAt = (next & WordTag.Month) != 0 ? last + 1 : last + 2;
                    var year = YearAt(tokens, monthAt + 1);
                    parts[n++] = new DatePart { Day = t.Value, Month = month, Year = year, AfterSeparator = afterSep, AfterUntil = afterUntil, AfterAnd = afterAnd };
                    i = year > 0 ? monthAt + 1 : monthAt;
                    continue;
                }

                var head = i - 1;
                while (head > 0 && tokens[head].Covered)
                {
                    head--; // "para el 8": the tags of the phrase "para el" sit on its first word.
                }

                var prev = head >= 0 ? tokens[head].Tags : WordTag.None;
                // "pra 8 a 11/01": the second day may carry its month.
                var rangeNext = ((next & separators) != 0 && last + 2 < tokens.Length
                        && (IsDayNumber(tokens[last + 2]) || tokens[last + 2].Kind == TokenKind.Compound || (tokens[last + 2].Tags & (WordTag.DatePrep | WordTag.Weekday)) != 0))
                    || (last + 1 < tokens.Length && tokens[last + 1].AfterDash && IsDayNumber(tokens[last + 1]) && tokens[last + 1].Value is >= 1 and <= 31);

                // "até dia 3", "hasta el 3", "until the 3": a day, not a time of day.
                // "sair a 10", "só saímos a 18": after a departure verb, Portuguese "a" names a day ("às 10" is the hour).
                var datePrep = ((prev & WordTag.DatePrep) != 0 && !IsWord(buffer, tokens[i - 1], "a")) || (i > 0 && (IsWord(buffer, tokens[i - 1], "dia") || IsWord(buffer, tokens[i - 1], "day"))) || (prev & WordTag.Weekday) != 0
                    || (afterUntil && i > 0 && IsWord(buffer, tokens[i - 1], "a") && language == "pt")
                    || (afterUntil && i > 0 && IsAnyWord(buffer, tokens[i - 1], "el", "the", "o")); // "hasta el 14", "until the 14th": a day.
                if (spoken
                    ? rangeNext || (afterSep && n > 0) || (t.Ordinal && (prev & WordTag.DatePrep) != 0)
                    : t.Ordinal || rangeNext || (prev & (WordTag.DatePrep | WordTag.RangeSep | WordTag.Between | WordTag.Weekday)) != 0 || afterSep)
                {
                    // "el lunes 15", "na quinta dia 7", "Friday the 19th": the weekday said with the day.
                    var hint = 0;
                    for (var k = i - 1; k >= 0 && k >= i - 3; k--)
                    {
                        if ((tokens[k].Tags & WordTag.Weekday) != 0)
                        {
                            hint = tokens[k].Value + 1;
                            break;
                        }

                        if (Word(buffer, tokens, k) is not ("dia" or "el" or "the" or "o" or "day"))
                        {
                            break;
                        }
                    }

                    parts[n++] = new DatePart { Day = t.Value, AfterSeparator = afterSep, AfterUntil = afterUntil, Bare = true, AfterAnd = afterAnd, AfterDatePrep = datePrep, WeekdayHint = hint };
                }

                i = last;
            }
        }

        if (n == 0)
        {
            return;
        }

        // "hasta el 16 no puede, ponlo mejor del 16 al 19", "(12, 9 y 5 años) … del 2 al 16": a range said in full after
        // lone days is the stay; the days before it were something else or are corrected by it.
        var from = 0;
        for (var k = 1; k + 1 < n; k++)
        {
            if (parts[k + 1].AfterSeparator && !parts[k].AfterSeparator && !parts[k].AfterUntil)
            {
                var pairBefore = false;
                for (var j = 1; j <= k; j++)
                {
                    pairBefore |= parts[j].AfterSeparator;
                }

                from = pairBefore ? 0 : k;
                break;
            }
        }

        if (from > 0)
        {
            parts[from..n].CopyTo(parts);
            n -= from;
        }

        // "en enero, del 4 al 19": a month named apart from bare days is theirs when no day has its own.
        var loneMonth = 0;
        var anyMonth = false;
        for (var k = 0; k < n; k++)
        {
            anyMonth |= parts[k].Kind == 0 && parts[k].Month != 0;
        }

        if (!anyMonth)
        {
            foreach (ref readonly var t in tokens)
            {
                if ((t.Tags & WordTag.Month) != 0 && !t.Used && !t.Covered && t.Kind == TokenKind.Word && t.Length > 3)
                {
                    loneMonth = t.Value;
                    break;
                }
            }
        }

        if (loneMonth != 0)
        {
            for (var k = 0; k < n; k++)
            {
                if (parts[k].Kind == 0 && parts[k].Month == 0)
                {
                    parts[k].Month = k > 0 && parts[k - 1].Kind == 0 && parts[k].Day < parts[k - 1].Day ? (loneMonth == 12 ? 1 : loneMonth + 1) : loneMonth;
                }
            }
        }

        // Months: a bare day takes the month of the next part ("del 10 al 12 de diciembre"), else of the previous one.
        for (var k = 0; k < n; k++)
        {
            ref var p = ref parts[k];
            if (p.Kind != 0 || p.Month != 0)
            {
                continue;
            }

            if (k + 1 < n && parts[k + 1].Kind == 0 && parts[k + 1].Month != 0)
            {
                p.Month = p.Day > parts[k + 1].Day ? (parts[k + 1].Month == 1 ? 12 : parts[k + 1].Month - 1) : parts[k + 1].Month;
                p.Year = parts[k + 1].Year > 0 && p.Month <= parts[k + 1].Month ? parts[k + 1].Year : 0;
            }
            else if (k > 0 && parts[k - 1].Kind == 0 && parts[k - 1].Month != 0)
            {
                p.Month = p.Day < parts[k - 1].Day ? (parts[k - 1].Month == 12 ? 1 : parts[k - 1].Month + 1) : parts[k - 1].Month;
            }
        }

        DateOnly? first = null;
        DateOnly? second = null;
        var secondNamesNight = false;
        var firstAfterSep = false;
        var firstBareUntil = false;
        var firstPart = default(DatePart);
        for (var k = 0; k < n && second is null; k++)
        {
            if (first is not null && parts[k].Kind == 0 && parts[k].Bare && firstPart.Kind == 0 && parts[k].Day == firstPart.Day
                && (parts[k].Month == 0 || parts[k].Month == firstPart.Month || firstPart.Month == 0))
            {
                continue; // "hasta el 8, el 8 por la mañana nos vamos": the same day said twice.
            }

            var date = first is null && anchor is { } near && near > reference && parts[k].Kind == 0 && parts[k].Month == 0
                ? NearestDay(parts[k].Day, near, reference)
                : first is null && anchor is { } stay && stay > reference && parts[k].Kind == 1
                    ? Resolve(parts[k], reference, stay.AddDays(-1), false) // "we'll head home on the Tuesday" of the stay being booked.
                    : Resolve(parts[k], reference, first ?? reference, first is not null);
            if (date is null)
            {
                continue;
            }

            if (first is null)
            {
                first = date;
                firstPart = parts[k];
                firstAfterSep = parts[k].AfterUntil;
                firstBareUntil = parts[k].Bare && parts[k].AfterUntil && n == 1 && !parts[k].AfterDatePrep;
            }
            else if (date > first && firstAfterSep && parts[k].AfterUntil)
            {
                // "la salida al 14, me quedo hasta el lunes": the same departure said twice.
                continue;
            }
            else if (date > first)
            {
                second = date;
                // "el 22 y 23 de enero", "tonight and tomorrow night": the nights of the 22nd and the 23rd.
                // "esta noche y mañana", "hoje e amanhã à noite" after a night named: both nights.
                // "mañana jueves y el viernes, dos noches": the nights of Thursday and Friday.
                secondNamesNight = parts[k].AfterAnd && (parts[k].Kind == 0 || (parts[k].Kind == 2 && (parts[k].NamesNight || firstPart.NamesNight))
                    || (parts[k].Kind == 1 && !parts[k].AfterUntil && firstPart.Kind is 1 or 2));
            }
        }

        // "until 3" with nothing else is a time of day, not a date.
        if (first is null || (second is null && firstBareUntil))
        {
            return;
        }

        if (second is not null && firstPart.Kind == 0 && firstPart.Bare && firstPart.Month == 0 && second.Value.Day > first.Value.Day
            && second.Value.DayNumber - first.Value.DayNumber > 31 && second.Value.Day <= 31)
        {
            // "entrar el 15 y salir el lunes 18": the Monday the 18th is in January, so the 15th before it is too.
            first = new DateOnly(second.Value.Year, second.Value.Month, first.Value.Day);
        }

        if (second is not null)
        {
            checkIn = first;
            var namedNights = second.Value.DayNumber - first.Value.DayNumber + 1;
            checkOut = secondNamesNight && (nights is null || nights == namedNights) ? second.Value.AddDays(1) : second;
            nightsNamed = secondNamesNight && nights is null && firstPart.Kind == 2 ? namedNights : null; // "tonight and tomorrow night": 2 nights
        }
        else if (firstAfterSep)
        {
            checkOut = first; // "leaving Monday the 30th, so 3 nights": the arrival follows from the nights.
        }
        else
        {
            checkIn = first;
            if (firstPart is { Kind: 2, NamesNight: true } && nights is null && !SaysArrival(buffer, tokens) && AsksForARoom(buffer, tokens))
            {
                // "a single room tomorrow night", "para esta noche, una doble": that night (not "we arrive tomorrow night",
                // nor "tonight" alone, the day of arrival).
                checkOut = first.Value.AddDays(1);
                nightsNamed = 1;
            }
        }

        if (nights is > 0 and < 366)
        {
            if (checkIn is not null && checkOut is null)
            {
                checkOut = checkIn.Value.AddDays(nights.Value);
            }
            else if (checkOut is not null && checkIn is null)
            {
                checkIn = checkOut.Value.AddDays(-nights.Value);
            }
        }
    }

    private static bool AsksForARoom(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Room >= 0 || IsRoomNoun(Word(buffer, tokens, i)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the message speaks of arriving ("we arrive tomorrow night", "llegamos esta noche", "chegamos hoje à noite").</summary>
    private static bool SaysArrival(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var w = Word(buffer, tokens, i);
            if (IsArrivalWord(w) || w is "from" or "desde" or "starting"
                || (w is "get" or "getting" && i + 1 < tokens.Length && Word(buffer, tokens, i + 1) is "in" or "there" or "here"))
            {
                return true; // not "can I get a room tonight?", a one-night stay
            }
        }

        return false;
    }

    // "10th anniversary", "40 cumpleaños", "3rd floor", "2nd time", "a 25 lb beagle", "20 euros": a number counting something else than days.
    private static bool CountsSomethingElse(ReadOnlySpan<char> buffer, in Token next) =>
        next.Kind == TokenKind.Word && buffer.Slice(next.Start, next.Length) is "anniversary" or "aniversario" or "birthday" or "bday" or "cumpleanos" or "cumple"
            or "aniver" or "floor" or "piso" or "andar" or "planta" or "time" or "vez" or "visit" or "visita" or "wedding"
            or "lb" or "lbs" or "pound" or "pounds" or "kg" or "kgs" or "kilo" or "kilos" or "quilo" or "quilos" or "libras" or "km" or "kms" or "metros" or "meters" or "metres"
            or "euros" or "euro" or "eur" or "dollars" or "bucks" or "reais" or "pesos" or "minutos" or "minutes" or "mins" or "min";

    // A day of the month written in digits ("10", "10th") or, as speech-to-text writes it, in words ("diez", "tenth").
    private static bool IsDayNumber(in Token t) =>
        t.Kind == TokenKind.Number || (t.Kind == TokenKind.Word && (t.Tags & WordTag.Number) != 0 && (t.Tags & WordTag.NumberA) == 0 && !t.Covered);

    /// <summary>
    /// Whether the day numbers before <paramref name="day"/> list it as the last of <paramref name="count"/> nights, one
    /// day after the other: "4 e 5", "the 4th and 5th", "4, 5 y 6", "el 4 y el 5".
    /// </summary>
    private static bool NightsListedUpTo(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int day, int count)
    {
        for (var i = tokens.Length - 1; i > 0; i--)
        {
            if (tokens[i].Kind != TokenKind.Number || tokens[i].Number != day)
            {
                continue;
            }

            var listed = 1;
            for (var k = i; listed < count;)
            {
                // Back over the joiner: "y"/"e"/"and", a comma, an article ("el 4 y el 5").
                var j = k - 1;
                j -= j >= 0 && Word(buffer, tokens, j) is "el" or "the" or "o" or "dia" ? 1 : 0;
                var joined = tokens[k].AfterPunctuation || (j >= 0 && (tokens[j].Tags & WordTag.And) != 0);
                j -= j >= 0 && (tokens[j].Tags & WordTag.And) != 0 ? 1 : 0;
                j -= j >= 0 && Word(buffer, tokens, j) is "el" or "the" or "o" or "dia" ? 1 : 0;
                if (!joined || j < 0 || tokens[j].Kind != TokenKind.Number || tokens[j].Number != day - listed)
                {
                    break;
                }

                listed++;
                k = j;
            }

            return listed == count;
        }

        return false;
    }

    /// <summary>
    /// Whether the number at <paramref name="i"/> is an hour: "a las 2 o 3 de la tarde", "às 10 da manhã", "at 2 or 3".
    /// </summary>
    private static bool IsClockTime(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i, int last)
    {
        var k = last + 1;
        if (k + 1 < tokens.Length && Word(buffer, tokens, k) is "de" or "da" or "in")
        {
            k += k + 2 < tokens.Length && Word(buffer, tokens, k + 1) is "la" or "the" ? 2 : 1;
            if (Word(buffer, tokens, k) is "tarde" or "manana" or "noche" or "madrugada" or "manha" or "noite" or "afternoon" or "morning" or "evening")
            {
                return true;
            }
        }

        // "hang onto the room till 1 on Sunday 6th December": "till" and a bare number, when the day is dated, is an hour.
        if (i > 0 && Word(buffer, tokens, i - 1) is "till" or "til" or "until" && !tokens[i].Ordinal && tokens[i].Value <= 12
            && (k >= tokens.Length || (tokens[k].Tags & WordTag.Month) == 0) && HasDatedDay(tokens))
        {
            return true;
        }

        return i >= 3 && Word(buffer, tokens, i - 1) is "o" or "or" or "ou" or "y" && tokens[i - 2].Kind == TokenKind.Number
            && (tokens[i - 3].Tags & WordTag.TimePrep) != 0 && (tokens[i - 3].Tags & WordTag.DatePrep) == 0;
    }

    private static bool ArrivalSaid(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (IsArrivalWord(Word(buffer, tokens, i)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsArrivalWord(ReadOnlySpan<char> w) =>
        w is "arrive" or "arriving" or "arrival" or "arrives" or "land" or "landing" or "llegamos" or "llego" or "llegada" or "llegar"
            or "llegaremos" or "llegaria" or "llegariamos" or "chegamos" or "chego" or "chegada" or "chegar" or "chegaremos" or "chegando" or "entramos" or "entrada";

    /// <summary>
    /// Whether the day at <paramref name="i"/> is denied and put right after "sino" ("no es el 4 sino el 5"), or after
    /// "but"/"mas" with a negation shortly before it ("not the 4th but the 5th", "não é dia 4 mas dia 5").
    /// </summary>
    private static bool CorrectedByBut(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        var k = i + 1;
        if (k + 1 < tokens.Length && (IsWord(buffer, tokens[k], "de") || IsWord(buffer, tokens[k], "of")) && (tokens[k + 1].Tags & WordTag.Month) != 0)
        {
            k += 2; // "no el 4 de diciembre sino el 5"
        }

        if (k + 1 >= tokens.Length || !HasDate(tokens, k + 1))
        {
            return false;
        }

        if (IsWord(buffer, tokens[k], "sino"))
        {
            return true;
        }

        if (!IsWord(buffer, tokens[k], "but") && !IsWord(buffer, tokens[k], "mas"))
        {
            return false;
        }

        for (var j = i - 1; j >= 0 && j >= i - 5; j--)
        {
            if (IsWord(buffer, tokens[j], "not") || IsWord(buffer, tokens[j], "nao")) // not the Portuguese "no" of "no sábado 19"
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNegatedDate(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        if (tokens[i].Kind is not (TokenKind.Number or TokenKind.Compound) && (tokens[i].Tags & (WordTag.Weekday | WordTag.Month)) == 0)
        {
            return false; // a day, a weekday, a month, or a date in digits ("12/9 instead of 12/10").
        }

        if (i > 1 && (tokens[i - 1].Tags & WordTag.RangeSep) != 0 && tokens[i - 2].Kind == TokenKind.Number && IsNegatedDate(buffer, tokens, i - 2))
        {
            return true; // "en vez del 18 al 20, del 19 al 21": both ends of the range corrected away.
        }

        if ((tokens[i].Tags & WordTag.Month) != 0 && !tokens[i].Covered && MonthRuledOut(buffer, tokens, i))
        {
            return true; // "en diciembre no podemos, mejor en enero", "we can't make December": the month given up.
        }

        if (tokens[i].Kind == TokenKind.Number && CorrectedByBut(buffer, tokens, i))
        {
            return true; // "no es para el 4 sino para el 5", "não é dia 4 mas sim dia 5", "not on the 4th but the 5th".
        }

        if (i > 1 && tokens[i].Kind == TokenKind.Number && IsAnyWord(buffer, tokens[i - 1], "no", "nao", "not") && (tokens[i - 2].Tags & WordTag.Nights) != 0)
        {
            return true; // "son 4 noches, no 3": the count of nights corrected away, not a day.
        }

        // Over a weekday said with the day: "en vez de llegar el sábado 12".
        var reach = i > 0 && (tokens[i - 1].Tags & WordTag.Weekday) != 0 ? 5 : 4;
        for (var k = i - 1; k >= 0 && k >= i - reach; k--)
        {
            var w = tokens[k].Kind == TokenKind.Word ? buffer.Slice(tokens[k].Start, tokens[k].Length) : default;
            if (k == i - reach && (tokens[i - 2].Tags & WordTag.Until) == 0 && (tokens[i - 3].Tags & WordTag.Until) == 0
                && !IsArrivalWord(Word(buffer, tokens, i - 2)) && !IsArrivalWord(Word(buffer, tokens, i - 3)))
            {
                break; // four words back only over a departure or arrival verb: "en vez de irme el 6", "en vez de llegar el 20".
            }

            if ((w is "no" or "nao" or "not" && k + 1 < i && Word(buffer, tokens, k + 1) is "es" or "e" or "is" or "era" or "was"))
            {
                return true; // "no es el 22, llegamos el 23", "afinal não é de 8 a 10, é de 9 a 11".
            }

            if (w is "es" or "e" or "is" or "era" or "was" && k > 0 && Word(buffer, tokens, k - 1) is "no" or "nao" or "not")
            {
                continue;
            }

            if (w is "not" or "nao" || (w is "instead" && k + 1 < tokens.Length && IsWord(buffer, tokens[k + 1], "of"))
                || (w is "than" && k > 0 && IsWord(buffer, tokens[k - 1], "rather")) || (w is "no" && k + 1 < tokens.Length && IsWord(buffer, tokens[k + 1], "el")) || (w is "vez" or "lugar" && k > 0 && (IsWord(buffer, tokens[k - 1], "en") || IsWord(buffer, tokens[k - 1], "em") || IsWord(buffer, tokens[k - 1], "no")))
                || (w is "inves" && k > 0 && IsWord(buffer, tokens[k - 1], "ao")))
            {
                return true;
            }

            if ((tokens[k].Tags & (WordTag.DatePrep | WordTag.Weekday | WordTag.Until)) == 0 && w is not ("of" or "del" or "de" or "do" or "da" or "na" or "la" or "a" or "el")
                && !IsArrivalWord(w))
            {
                return false; // "não na sexta", "no la semana que viene"
            }
        }

        return false;
    }

    /// <summary>A weekday without a day number said after a departure word or "to" ("leaving on the Sunday"), or <see langword="null"/>.</summary>
    private static int? DepartureWeekday(ReadOnlySpan<Token> tokens)
    {
        var dated = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            if ((tokens[i].Tags & WordTag.Weekday) == 0 || tokens[i].Covered
                || (i + 1 < tokens.Length && IsDayNumber(tokens[i + 1])) || (i + 2 < tokens.Length && IsDayNumber(tokens[i + 2])))
            {
                dated |= IsDayNumber(tokens[i]) && tokens[i].Value is >= 1 and <= 31; // the arrival said with its day, before
                continue;
            }

            if (dated && UntilBefore(tokens, i, WordTag.Until | WordTag.RangeSep))
            {
                return tokens[i].Value; // "leaving on the Sunday", "to Sunday", "y nos vamos el domingo"
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the month at <paramref name="i"/> is the one the guest cannot come in: "en diciembre no podemos", "em
    /// dezembro não dá", "we can't make December".
    /// </summary>
    private static bool MonthRuledOut(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        if (i + 2 < tokens.Length && IsAnyWord(buffer, tokens[i + 1], "no", "nao", "not")
            && Word(buffer, tokens, i + 2) is "podemos" or "puedo" or "podremos" or "podre" or "podria" or "podriamos" or "posso" or "poderemos" or "da" or "vamos" or "vou" or "va" or "vai" or "dara" or "rola")
        {
            return true;
        }

        for (var k = i - 1; k >= 0 && k >= i - 3; k--)
        {
            if (Word(buffer, tokens, k) is "cant" or "cannot" or "wont" || (Word(buffer, tokens, k) is "t" && k > 0 && Word(buffer, tokens, k - 1) is "can" or "won"))
            {
                return true;
            }
        }

        return false;
    }

    // "hasta el 14", "la salida al 14", "a saída é dia 14", "só saímos a 18", "leaving on the 14th": a departure day.
    private static bool AfterUntil(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int i)
    {
        // Over the words of a day: "hasta el sábado día 8", "a gente volta na terça, dia 9".
        for (var k = i - 1; k >= 0 && k >= i - 5; k--)
        {
            if ((tokens[k].Tags & WordTag.Until) != 0)
            {
                return true;
            }

            var w = tokens[k].Kind == TokenKind.Word ? buffer.Slice(tokens[k].Start, tokens[k].Length) : default;
            if ((tokens[k].Tags & (WordTag.DatePrep | WordTag.Weekday)) == 0 && !tokens[k].Covered
                && w is not ("e" or "es" or "is" or "sera" or "will" or "be" or "al" or "el" or "la" or "a" or "o" or "dia" or "na" or "sea" or "seja" or "fique" or "quede"))
            {
                return false;
            }
        }

        return false;
    }

    private static bool AfterSeparator(ReadOnlySpan<Token> tokens, int i, WordTag separators)
    {
        // Over the weekday and "dia"/"el" words of a day: "a terça dia 8", "hasta el sábado día 8".
        for (var k = i - 1; k >= 0 && k >= i - 4; k--)
        {
            if ((tokens[k].Tags & separators) != 0 && !tokens[k].Covered)
            {
                return true;
            }

            if ((tokens[k].Tags & (WordTag.DatePrep | WordTag.Weekday)) == 0 && !tokens[k].Covered)
            {
                return false;
            }
        }

        return false;
    }

    private static int MonthAfter(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int j)
    {
        if (j >= tokens.Length)
        {
            return 0;
        }

        if ((tokens[j].Tags & WordTag.Month) != 0)
        {
            // Not "kids under 10, Dec 26 to 29": after a comma, a month followed by its own day belongs to that day.
            var ownDay = tokens[j].AfterPunctuation && j + 1 < tokens.Length && !tokens[j + 1].AfterPunctuation && tokens[j + 1].Kind == TokenKind.Number
                && tokens[j + 1].Value is >= 1 and <= 31 && (j + 2 >= tokens.Length || (tokens[j + 2].Tags & WordTag.Month) == 0);
            return ownDay ? 0 : tokens[j].Value;
        }

        if (j + 1 < tokens.Length && (tokens[j + 1].Tags & WordTag.Month) != 0 &&
            (IsWord(buffer, tokens[j], "de") || IsWord(buffer, tokens[j], "of") || IsWord(buffer, tokens[j], "del")))
        {
            return tokens[j + 1].Value;
        }

        return 0;
    }

    private static int YearAt(ReadOnlySpan<Token> tokens, int j)
    {
        if (j < tokens.Length && tokens[j].Kind == TokenKind.Number && tokens[j].Value is >= 2000 and <= 2100)
        {
            return tokens[j].Value;
        }

        return 0;
    }

    internal static bool IsAnyWord(ReadOnlySpan<char> buffer, in Token token, string a, string b, string c) =>
        IsWord(buffer, token, a) || IsWord(buffer, token, b) || IsWord(buffer, token, c);

    internal static bool IsWord(ReadOnlySpan<char> buffer, in Token token, string word) =>
        token.Kind == TokenKind.Word && buffer.Slice(token.Start, token.Length).SequenceEqual(word);

    /// <summary>
    /// How the message's d/m compounds read: "en" month first unless one of them can only be day first ("10/12 to
    /// 13/12" is December in any language), the others day first unless one can only be month first.
    /// </summary>
    private static string CompoundOrder(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, string language)
    {
        foreach (ref readonly var t in tokens)
        {
            if (t.Kind != TokenKind.Compound)
            {
                continue;
            }

            var s = buffer.Slice(t.Start, t.Length);
            var cut = s.IndexOfAny('/', '-', '.');
            if (cut <= 0 || cut > 2 || s.Contains(':'))
            {
                continue;
            }

            var rest = s[(cut + 1)..];
            var cut2 = rest.IndexOfAny('/', '-', '.');
            var first = TextNormalizer.ParseInt(s[..cut]);
            var second = TextNormalizer.ParseInt(cut2 < 0 ? rest : rest[..cut2]);
            if (first > 12 && second is >= 1 and <= 12)
            {
                return "es";
            }

            if (second > 12 && first is >= 1 and <= 12)
            {
                return "en";
            }
        }

        // Both readings possible ("5/3 to 8/3"): the one that makes a stay of days rather than months wins.
        Span<int> pairs = stackalloc int[4];
        var found = 0;
        foreach (ref readonly var t in tokens)
        {
            if (t.Kind != TokenKind.Compound || found == 4)
            {
                continue;
            }

            var s = buffer.Slice(t.Start, t.Length);
            var cut = s.IndexOfAny('/', '.');
            if (cut is <= 0 or > 2 || s.Contains(':') || s[(cut + 1)..].IndexOfAny('/', '.', '-') >= 0)
            {
                continue;
            }

            pairs[found++] = TextNormalizer.ParseInt(s[..cut]);
            pairs[found++] = TextNormalizer.ParseInt(s[(cut + 1)..]);
        }

        if (found == 4 && pairs[0] is >= 1 and <= 12 && pairs[1] is >= 1 and <= 12 && pairs[2] is >= 1 and <= 12 && pairs[3] is >= 1 and <= 12)
        {
            var dayFirstSpan = Math.Abs(((pairs[3] - pairs[1]) * 30) + pairs[2] - pairs[0]);
            var monthFirstSpan = Math.Abs(((pairs[2] - pairs[0]) * 30) + pairs[3] - pairs[1]);
            if (language == "en" && monthFirstSpan > 31 && dayFirstSpan <= 31)
            {
                return "es";
            }

            if (language != "en" && dayFirstSpan > 31 && monthFirstSpan <= 31)
            {
                return "en";
            }
        }

        return language;
    }

    private static void ParseCompound(ReadOnlySpan<char> s, string language, int neighbourMonth, bool afterSep, bool afterUntil, Span<DatePart> parts, ref int n)
    {
        if (s.Contains(':') || s.SequenceEqual("24/7"))
        {
            return; // a time, or "open 24/7".
        }

        var dash = s.IndexOf('-');
        if (dash > 0 && s[..dash].IndexOfAny('/', '.') > 0 && s[(dash + 1)..].IndexOfAny('/', '.') > 0)
        {
            // "1/15-1/17", "15/01-17/01": a range of two dates written in digits.
            ParseCompound(s[..dash], language, neighbourMonth, afterSep, afterUntil, parts, ref n);
            if (n < parts.Length)
            {
                ParseCompound(s[(dash + 1)..], language, neighbourMonth, afterSep: true, afterUntil: false, parts, ref n);
            }

            return;
        }

        Span<int> values = stackalloc int[3];
        Span<int> lengths = stackalloc int[3];
        var count = 0;
        var separator = '\0';
        var start = 0;
        for (var i = 0; i <= s.Length; i++)
        {
            if (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                continue;
            }

            if (count == 3 || i == start)
            {
                return;
            }

            if (i < s.Length)
            {
                separator = separator == '\0' ? s[i] : separator;
            }

            values[count] = TextNormalizer.ParseInt(s[start..i]);
            lengths[count++] = i - start;
            start = i + 1;
        }

        if (count == 3 && lengths[0] == 4)
        {
            parts[n++] = new DatePart { Year = values[0], Month = values[1], Day = values[2], AfterSeparator = afterSep, AfterUntil = afterUntil };
            return;
        }

        if (count == 2 && separator == '-' && values[0] < values[1] && values[1] <= 31 && (neighbourMonth != 0 || values[1] > 12))
        {
            // "Jan 10-12", "10-12 de diciembre": days of the month beside them; "pasarla al 11-13 del mismo mes": days of a
            // month said elsewhere, not the 13th month.
            var bare = neighbourMonth == 0;
            parts[n++] = new DatePart { Day = values[0], Month = neighbourMonth, Bare = bare, AfterSeparator = afterSep, AfterUntil = afterUntil };
            parts[n++] = new DatePart { Day = values[1], Month = neighbourMonth, Bare = bare, AfterSeparator = true };
            return;
        }

        var monthFirst = language == "en";
        if (values[0] > 12)
        {
            monthFirst = false;
        }
        else if (values[1] > 12)
        {
            monthFirst = true;
        }

        var year = count == 3 ? (lengths[2] == 2 ? 2000 + values[2] : lengths[2] == 4 ? values[2] : -1) : 0;
        if (year < 0)
        {
            return;
        }

        parts[n++] = new DatePart
        {
            Day = monthFirst ? values[1] : values[0],
            Month = monthFirst ? values[0] : values[1],
            Year = year,
            AfterSeparator = afterSep,
            AfterUntil = afterUntil, // "nos vamos el 23/01": a departure written in digits.
        };
    }

    /// <summary>The day of the month nearest the stay being discussed, not before today.</summary>
    private static DateOnly? NearestDay(int day, DateOnly near, DateOnly reference)
    {
        DateOnly? best = null;
        var month = new DateOnly(near.Year, near.Month, 1).AddMonths(-1);
        for (var k = 0; k < 3; k++, month = month.AddMonths(1))
        {
            if (day is >= 1 && day <= DateTime.DaysInMonth(month.Year, month.Month) && new DateOnly(month.Year, month.Month, day) is var candidate && candidate >= reference
                && (best is null || Math.Abs(candidate.DayNumber - near.DayNumber) < Math.Abs(best.Value.DayNumber - near.DayNumber)))
            {
                best = candidate;
            }
        }

        return best;
    }

    private static DateOnly? Resolve(in DatePart part, DateOnly reference, DateOnly baseDate, bool isSecond)
    {
        switch (part.Kind)
        {
            case 2:
                return reference.AddDays(part.Offset);
            case 1:
                var delta = ((part.Weekday - (int)baseDate.DayOfWeek) + 7) % 7;
                return baseDate.AddDays((delta == 0 ? 7 : delta) + (7 * part.Weeks));
        }

        if (part.Day is < 1 or > 31)
        {
            return null;
        }

        if (part.Month == 0)
        {
            // A bare day: the next such day of a month, on or after the base date.
            var candidate = new DateOnly(baseDate.Year, baseDate.Month, 1);
            if (part.Day < baseDate.Day || (isSecond && part.Day == baseDate.Day))
            {
                candidate = candidate.AddMonths(1);
            }

            if (part.WeekdayHint > 0)
            {
                // "el lunes 15": the next 15th that is a Monday.
                for (var k = 0; k < 12; k++, candidate = candidate.AddMonths(1))
                {
                    if (part.Day <= DateTime.DaysInMonth(candidate.Year, candidate.Month) && (int)new DateOnly(candidate.Year, candidate.Month, part.Day).DayOfWeek == part.WeekdayHint - 1)
                    {
                        return new DateOnly(candidate.Year, candidate.Month, part.Day);
                    }
                }

                candidate = new DateOnly(baseDate.Year, baseDate.Month, 1).AddMonths(part.Day < baseDate.Day || (isSecond && part.Day == baseDate.Day) ? 1 : 0);
            }

            for (var k = 0; k < 3; k++, candidate = candidate.AddMonths(1))
            {
                if (part.Day <= DateTime.DaysInMonth(candidate.Year, candidate.Month))
                {
                    return new DateOnly(candidate.Year, candidate.Month, part.Day);
                }
            }

            return null;
        }

        if (part.Month is < 1 or > 12)
        {
            return null;
        }

        if (part.Year > 0)
        {
            return part.Year is >= 2000 and <= 2100 && part.Day <= DateTime.DaysInMonth(part.Year, part.Month)
                ? new DateOnly(part.Year, part.Month, part.Day)
                : null;
        }

        for (var year = baseDate.Year; year <= baseDate.Year + 4; year++)
        {
            if (part.Day <= DateTime.DaysInMonth(year, part.Month))
            {
                var date = new DateOnly(year, part.Month, part.Day);
                if (date >= baseDate)
                {
                    return date;
                }
            }
        }

        return null;
    }

    private static string? ExtractName(string text, ReadOnlySpan<Token> tokens)
    {
        string? fallback = null;
        for (var i = 0; i < tokens.Length; i++)
        {
            ref readonly var cue = ref tokens[i];
            if (cue.Covered || (cue.Tags & (WordTag.NameCue | WordTag.NameCueWeak)) == 0)
            {
                continue;
            }

            var strong = (cue.Tags & WordTag.NameCue) != 0;
            var start = i + Math.Max(1, cue.Span);
            var end = start;
            // Up to eight words with the particles: "María del Carmen Gómez de la Fuente".
            while (end < tokens.Length && end - start < 8)
            {
                ref readonly var t = ref tokens[end];
                if (t.Kind != TokenKind.Word || t.Room >= 0 || (end > start && t.AfterPunctuation && !HyphenJoined(text, tokens[end - 1], t) && !SaintJoined(text, tokens[end - 1], t) && !InitialJoined(text, tokens[end - 1], t))
                    || t.Length < 2 && end == start || IsFieldLabel(text, t))
                {
                    break;
                }

                var known = (t.Entry >= 0 && !t.Fuzzy) || t.Covered;
                var first = end == start;
                var accept = strong && first
                    ? (t.Tags & (WordTag.Stop | WordTag.Number | WordTag.CodeFiller | WordTag.NameCue | WordTag.NameCueWeak)) == 0 && (t.Entry < 0 || Lexicon.Entry(t.Entry).Weights.Length == 0 || t.Capitalized)
                    : t.Capitalized ? !known || (t.Length > 3 && (t.Tags & (WordTag.RelDay | WordTag.Weekday | WordTag.Month)) == 0 && Lexicon.Entry(t.Entry).Weights.Length == 0)
                        || (!first && HyphenJoined(text, tokens[end - 1], t)) // "Nguyen-Park": a known word joined to a name is part of it.
                    : strong ? !known
                    : !known && t.Entry < 0 && LowerCaseName(text, tokens, start); // "soy daniela flores"
                // "Maria das Graças", "Fernández de la Vega": one or two particles before the next capitalised part.
                var after = end + 1 < tokens.Length && IsParticle(text, tokens[end + 1]) && !tokens[end + 1].AfterPunctuation ? end + 2 : end + 1;
                if (!accept && end > start && IsParticle(text, t) && after < tokens.Length && tokens[after].Capitalized && !tokens[after].AfterPunctuation)
                {
                    end++;
                    continue;
                }

                if (!accept)
                {
                    break;
                }

                end++;
            }

            if (end == start || (end == start + 1 && !strong && (AllCapitals(text.AsSpan(tokens[start].OrigStart, tokens[start].OrigEnd - tokens[start].OrigStart))
                || text.AsSpan(cue.OrigStart, cue.OrigEnd - cue.OrigStart) is var said && (said.StartsWith("it", StringComparison.OrdinalIgnoreCase) || said.Equals("under", StringComparison.OrdinalIgnoreCase)))))
            {
                // "its NESQDTATR" is a code; "it's Smyth with a y", "under Thompson" only a surname: "it's" and "under" name
                // a guest by a full name.
                continue;
            }

            var from = tokens[start].OrigStart;
            var to = tokens[end - 1].OrigEnd;
            var raw = text.AsSpan(from, to - from);
            var lower = true;
            foreach (var c in raw)
            {
                lower &= !char.IsUpper(c);
            }

            if (lower && text.AsSpan(to).ContainsAnyInRange('A', 'Z'))
            {
                // "preciso de nota no nome da empresa. reserva … em nome de Eduardo Tavares Lins": a word in lower case
                // after a cue, when capitals follow, is kept only if no capitalised name comes after it.
                fallback ??= TitleCase(raw);
                continue;
            }

            return lower ? TitleCase(raw) : raw.ToString();
        }

        return fallback;
    }

    /// <summary>
    /// Whether two different rooms are named side by side, joined by "y"/"o"/"and"/"or"/"vs" with at most an article or
    /// a room word between them: "the double and the twin", "twin o doble", "a suite ou o quarto familiar".
    /// </summary>
    private static bool RoomsSideBySide(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        for (var r = 0; r < tokens.Length; r++)
        {
            if (tokens[r].Room < 0 || NamesBeds(buffer, tokens, r))
            {
                continue; // "os quartos duplos têm cama de casal ou duas camas?": beds compared, in the room asked about.
            }

            var joined = false;
            for (var k = r + Math.Max(1, tokens[r].Span); k < tokens.Length && k <= r + Math.Max(1, tokens[r].Span) + 3; k++)
            {
                if (tokens[k].AfterPunctuation)
                {
                    break; // "cuánto sale la familiar? y la suite?": two questions, each about its room.
                }

                if (tokens[k].Room >= 0)
                {
                    if (joined && tokens[k].Room != tokens[r].Room)
                    {
                        return true;
                    }

                    break;
                }

                var w = Word(buffer, tokens, k);
                if (w is "y" or "e" or "and" or "o" or "ou" or "or" or "vs" or "versus")
                {
                    joined = true;
                }
                else if (w is not ("el" or "la" or "the" or "a" or "um" or "uma" or "un" or "una" or "one" or "an" or "room" or "quarto" or "cuarto" or "habitacion"))
                {
                    break;
                }
            }
        }

        return false;
    }

    private static bool NamesBeds(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int r)
    {
        // "cama de casal", "duas camas", "a king bed": the bed words around the room word.
        for (var k = Math.Max(0, r - 2); k < tokens.Length && k < r + Math.Max(1, tokens[r].Span) + 1; k++)
        {
            if (Word(buffer, tokens, k) is "cama" or "camas" or "bed" or "beds")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The room a room word is described as right after it with "com"/"con"/"with": "duplo com duas camas".</summary>
    private static int? DescribedAs(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens, int room)
    {
        for (var k = room + 1; k < tokens.Length && k <= room + 3; k++)
        {
            if (Word(buffer, tokens, k) is "com" or "con" or "with")
            {
                for (var m = k + 1; m < tokens.Length && m <= k + 2; m++)
                {
                    if (tokens[m].Room >= 0 && tokens[m].Room != tokens[room].Room)
                    {
                        return tokens[m].Room;
                    }
                }

                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The room named by its price: "the most expensive room", "your priciest room", "el cuarto más caro", "o quarto mais
    /// caro" is the catalogue's dearest. "The cheapest room" names none: which one it is depends on who comes, and the
    /// offers the guest is shown say it. "¿es más cara la doble?" compares and names no room by price (the superlative
    /// needs an article or a room word before "más").
    /// </summary>
    private static string? PricedRoom(IReadOnlyList<RoomType> catalogue, ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        if (catalogue.Count < 2)
        {
            return null;
        }

        var dearest = false;
        for (var i = 0; i < tokens.Length && !dearest; i++)
        {
            var w = Word(buffer, tokens, i);
            dearest = w is "priciest" || (w is "expensive" && i > 0 && Word(buffer, tokens, i - 1) is "most")
                || (w is "caro" or "cara" && i >= 2 && Word(buffer, tokens, i - 1) is "mas" or "mais"
                    && (Word(buffer, tokens, i - 2) is "el" or "la" or "o" or "a" or "cuarto" or "habitacion" or "quarto" or "pieza" || tokens[i - 2].Room >= 0));
        }

        if (!dearest)
        {
            return null;
        }

        var pick = catalogue[0];
        for (var i = 1; i < catalogue.Count; i++)
        {
            if (catalogue[i].NightlyRate > pick.NightlyRate)
            {
                pick = catalogue[i];
            }
        }

        return pick.Code;
    }

    // "un bebe", "a toddler", "uma criança": one child after the plus.
    private static bool PlusOneChild(ReadOnlySpan<char> rest)
    {
        var space = rest.IndexOf(' ');
        if (space < 0)
        {
            return false;
        }

        var article = rest[..space];
        if (!(article.Equals("un", StringComparison.OrdinalIgnoreCase) || article.Equals("una", StringComparison.OrdinalIgnoreCase) || article.Equals("um", StringComparison.OrdinalIgnoreCase)
            || article.Equals("uma", StringComparison.OrdinalIgnoreCase) || article.Equals("a", StringComparison.OrdinalIgnoreCase) || article.Equals("one", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var word = rest[(space + 1)..];
        var end = word.IndexOfAny(" ,.!?");
        word = end < 0 ? word : word[..end];
        Span<char> folded = stackalloc char[Math.Min(word.Length, 32)];
        var n = 0;
        foreach (var c in word[..folded.Length])
        {
            folded[n++] = TextNormalizer.Fold(c) is var f && f is not (TextNormalizer.Separator or TextNormalizer.Skip) ? f : ' ';
        }

        return PartyGrammar.Companion(folded[..n], default) == 2;
    }

    /// <summary>
    /// A party written as adults plus children, "2+2", "2 + 1" (single digits, not a phone's "+34"); the two numbers are
    /// marked used so that no date or count reads them again.
    /// </summary>
    private static (int? Adults, int? Children) PlusParty(string text, Span<Token> tokens)
    {
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        while (plus > 0)
        {
            var before = plus - 1;
            before -= before > 0 && text[before] == ' ' ? 1 : 0;
            var after = plus + 1;
            after += after < text.Length - 1 && text[after] == ' ' ? 1 : 0;
            if (after < text.Length && char.IsAsciiDigit(text[before]) && char.IsAsciiDigit(text[after]) && text[before] != '0' && text[after] != '0'
                && (before == 0 || !char.IsAsciiLetterOrDigit(text[before - 1])) && (after + 1 == text.Length || !char.IsAsciiLetterOrDigit(text[after + 1])))
            {
                for (var i = 0; i < tokens.Length; i++)
                {
                    tokens[i].Used |= tokens[i].OrigStart == before || tokens[i].OrigStart == after;
                }

                return (text[before] - '0', text[after] - '0');
            }

            if (after < text.Length && char.IsAsciiDigit(text[before]) && text[before] != '0' && (before == 0 || !char.IsAsciiLetterOrDigit(text[before - 1]))
                && char.IsLetter(text[after]) && PlusOneChild(text.AsSpan(after)))
            {
                // "seriamos 2 + un bebe", "we're 2 + a toddler": the adults, then one child.
                for (var i = 0; i < tokens.Length; i++)
                {
                    tokens[i].Used |= tokens[i].OrigStart == before;
                }

                return (text[before] - '0', 1);
            }

            plus = text.IndexOf('+', plus + 1);
        }

        return (null, null);
    }

    /// <summary>
    /// A full name with no cue word: the booking's owner ("anular la reserva de Roberto Alonso", "booking for Tom
    /// Baker") or a signature closing the message ("thanks, Priya Patel", "gracias!\nAna Gil", "obrigado, Rui Sá").
    /// Two to four capitalised words the lexicon does not know, so "la reserva de Navidad" or "thanks, See You" are not
    /// names.
    /// </summary>
    private static string? OwnerOrSignatureName(string text, ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        for (var i = 0; i + 2 < tokens.Length; i++)
        {
            if (Word(buffer, tokens, i) is "reserva" or "reservacion" or "reservation" or "booking"
                && Word(buffer, tokens, i + 1) is "de" or "da" or "do" or "del" or "for" or "para" or "pra"
                && CapitalisedRun(text, tokens, i + 2) is var end and > 0 && end - (i + 2) >= 2)
            {
                return text[tokens[i + 2].OrigStart..tokens[end - 1].OrigEnd];
            }
        }

        for (var i = 0; i + 2 < tokens.Length && i <= 4; i++)
        {
            // "Oi, Beatriz Nogueira aqui.", "Hi, Tom Baker here": the name said before "aquí"/"here", at the start.
            if ((i == 0 || tokens[i].AfterPunctuation) && CapitalisedRun(text, tokens, i) is var end and > 0 && end - i is >= 2 and <= 4 && end < tokens.Length
                && !tokens[end].AfterPunctuation && Word(buffer, tokens, end) is "aqui" or "aca" or "here" or "speaking")
            {
                return text[tokens[i].OrigStart..tokens[end - 1].OrigEnd];
            }
        }

        if (tokens.Length >= 3 && TrailingName(text, tokens) is { } trailing)
        {
            return trailing;
        }

        for (var i = tokens.Length - 3; i >= 0 && i >= tokens.Length - 7; i--)
        {
            if (Word(buffer, tokens, i) is "thanks" or "thank" or "thx" or "gracias" or "obrigado" or "obrigada" or "regards" or "saludos" or "cheers"
                or "abrazo" or "abraco" or "abracos" or "atentamente" or "cumprimentos" or "cordialmente" or "saludo" or "firmado" or "firma" or "besos" or "beijos"
                or "abrazos" or "att" or "atte" or "bjs")
            {
                var from = i + 1 < tokens.Length && Word(buffer, tokens, i + 1) is "you" ? i + 2 : i + 1;
                if (from < tokens.Length && tokens[from].AfterPunctuation && CapitalisedRun(text, tokens, from) == tokens.Length && tokens.Length - from is >= 2 and <= 4)
                {
                    return text[tokens[from].OrigStart..tokens[^1].OrigEnd];
                }

                break;
            }
        }

        return null;
    }

    /// <summary>
    /// A full name closing the message after a booking code or on a line of its own: "Booking HA-Q9W2ER, Jennifer
    /// Alvarez", "reserva BK-55120 - Priscila Antunes", "Is a crib available?\n- Rebecca Goldstein". Two to four
    /// capitalised words the lexicon does not know, and nothing after them.
    /// </summary>
    private static string? TrailingName(string text, ReadOnlySpan<Token> tokens)
    {
        for (var from = tokens.Length - 2; from >= 1 && from >= tokens.Length - 4; from--)
        {
            if (!tokens[from].AfterPunctuation)
            {
                continue;
            }

            if (CapitalisedRun(text, tokens, from) != tokens.Length)
            {
                return null;
            }

            // The code may be masked out of the tokens: it is the last word before the comma or dash.
            var gap = text.AsSpan(0, tokens[from].OrigStart);
            var before = gap.TrimEnd(" ,-–—:\t");
            var code = before[(before.LastIndexOfAny(' ', '\n') + 1)..];
            var between = gap[tokens[from - 1].OrigEnd..];
            var ownLine = between.Contains('\n') || between.TrimEnd() is [.., ' ', '-' or '–' or '—']; // "sorry for the hassle. - Greg Kowalski"
            // After a code, a phone or an email: "Booking HA-Q9W2ER, Jennifer Alvarez", "Mi cel es +54 9 11 4567-8901, Lucrecia Paz".
            var afterCode = before.Length < gap.Length && gap[before.Length..].IndexOfAny(',', '-', '–') >= 0
                && ((code.Length >= 5 && code.ContainsAnyInRange('0', '9') && code.ContainsAnyInRange('A', 'Z')) || code.Contains('@') || DigitsIn(code) >= 4);
            var name = text[tokens[from].OrigStart..tokens[^1].OrigEnd];
            return (ownLine || afterCode) && LooksLikeName(name, out _, out var capitalised) && capitalised >= 2 ? name : null;
        }

        return null;
    }

    private static int DigitsIn(ReadOnlySpan<char> word)
    {
        var digits = 0;
        foreach (var c in word)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits;
    }

    /// <summary>The end of a run of capitalised words the lexicon does not know, with name particles inside ("Maria das Graças").</summary>
    private static int CapitalisedRun(string text, ReadOnlySpan<Token> tokens, int start)
    {
        var end = start;
        while (end < tokens.Length && end - start < 6)
        {
            ref readonly var t = ref tokens[end];
            var unknown = t.Kind == TokenKind.Word && t.Capitalized && (t.Entry < 0 || t.Fuzzy) && !t.Covered && t.Room < 0;
            if (end > start && t.AfterPunctuation && !HyphenJoined(text, tokens[end - 1], t))
            {
                break;
            }

            if (unknown || (end > start && HyphenJoined(text, tokens[end - 1], t)))
            {
                end++;
            }
            else if (end > start && IsParticle(text, t) && end + 1 < tokens.Length && tokens[end + 1].Capitalized && !tokens[end + 1].AfterPunctuation)
            {
                end++;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    /// <summary>
    /// A name written in lower case after a weak cue ("soy daniela flores", "im tom baker"): two or three words the
    /// lexicon does not know, and nothing after them but the end of the message or a new sentence, so "soy celíaco" or
    /// "im bringing my dog" are not names.
    /// </summary>
    private static bool LowerCaseName(string text, ReadOnlySpan<Token> tokens, int start)
    {
        var end = start;
        while (end < tokens.Length && end - start < 4 && tokens[end].Kind == TokenKind.Word && !tokens[end].Capitalized && tokens[end].Entry < 0 && !tokens[end].Covered
            && (end == start || !tokens[end].AfterPunctuation))
        {
            end++;
        }

        for (var k = start; k < end; k++)
        {
            if (PartyGrammar.IsPartyWord(text.AsSpan(tokens[k].OrigStart, tokens[k].OrigEnd - tokens[k].OrigStart)))
            {
                return false; // "soy yo solo": the guest, not a name.
            }
        }

        var words = end - start;
        return words is >= 2 and <= 3 && (end == tokens.Length || tokens[end].AfterPunctuation) && !text.AsSpan(tokens[start].OrigStart, tokens[end - 1].OrigEnd - tokens[start].OrigStart).ContainsAny('@', '.');
    }

    private static bool AllCapitals(ReadOnlySpan<char> word) => word.Length >= 4 && !word.ContainsAnyExceptInRange('A', 'Z');

    // "Rachel Green-Moore", "Jean-Luc": a hyphen inside a name joins its parts, it does not end it.
    private static bool HyphenJoined(string text, in Token previous, in Token t) =>
        t.OrigStart == previous.OrigEnd + 1 && text[previous.OrigEnd] is '-' or '‐' && previous.Capitalized && t.Capitalized;

    /// <summary>
    /// Words of a guest putting right what they wrote: "lo he puesto mal", "I typed it wrong", "typo", "está mal escrito",
    /// "errei", "me enganei", "me equivoqué".
    /// </summary>
    private static bool SelfCorrection(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        var wrong = false;
        var written = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            var w = Word(buffer, tokens, i);
            if (w is "typo" or "misspelt" or "misspelled" or "misspelling" or "errei" or "equivoque" or "equivoquei" or "enganei" or "corrijo" or "correction" or "corrected")
            {
                return true;
            }

            // "mal" and "wrong" only about what was written: not "el wifi va mal", "something's wrong with the shower".
            wrong |= w is "mal" or "wrong" or "errado" or "errada" or "erro" or "error" or "incorrecto" or "incorrect" or "incorreto";
            written |= w is "puesto" or "puse" or "escrito" or "escribi" or "escrevi" or "escrita" or "digitei" or "pus" or "typed" or "wrote" or "written"
                or "spelt" or "spelled" or "spelling" or "gave" or "dado" or "di" or "dei" or "put";
        }

        return wrong && written;
    }

    private static int CapitalisedWords(string name)
    {
        var count = 0;
        for (var i = 0; i < name.Length; i++)
        {
            count += char.IsUpper(name[i]) && (i == 0 || name[i - 1] is ' ' or '-') ? 1 : 0;
        }

        return count;
    }

    /// <summary>A message that speaks of a name or a surname: "el apellido", "my surname", "o nome", "last name".</summary>
    private static bool SpeaksOfAName(ReadOnlySpan<char> buffer, ReadOnlySpan<Token> tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (Word(buffer, tokens, i) is "apellido" or "apellidos" or "apelido" or "apelidos" or "sobrenome" or "surname" or "nombre" or "nome" or "name" or "lastname")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"St" and "Ste", the abbreviated "Saint" of a surname ("Keisha St. John", "Marie Ste. Croix"), as written.</summary>
    private static bool IsSaint(ReadOnlySpan<char> word) => word is "St" or "Ste";

    // "Christopher J. Whitfield": a middle initial's point does not end the name.
    private static bool InitialJoined(string text, in Token previous, in Token t) =>
        previous.Capitalized && t.Capitalized && previous.OrigEnd - previous.OrigStart == 1 && previous.OrigEnd < text.Length && text[previous.OrigEnd] == '.'
        && t.OrigStart == previous.OrigEnd + 2;

    // "Keisha St. John", "Marie Ste. Croix": the abbreviated "Saint" of a surname does not end the name.
    private static bool SaintJoined(string text, in Token previous, in Token t) =>
        previous.Capitalized && t.Capitalized && IsSaint(text.AsSpan(previous.OrigStart, previous.OrigEnd - previous.OrigStart))
        && previous.OrigEnd < text.Length && text[previous.OrigEnd] == '.' && t.OrigStart == previous.OrigEnd + 2;

    // "Nome: André Sousa Email: ...": a form label ends the name.
    private static bool IsFieldLabel(string text, in Token t)
    {
        var s = text.AsSpan(t.OrigStart, t.OrigEnd - t.OrigStart);
        return s.Equals("email", StringComparison.OrdinalIgnoreCase) || s.Equals("e-mail", StringComparison.OrdinalIgnoreCase) || s.Equals("mail", StringComparison.OrdinalIgnoreCase)
            || s.Equals("correo", StringComparison.OrdinalIgnoreCase) || s.Equals("phone", StringComparison.OrdinalIgnoreCase) || s.Equals("telefone", StringComparison.OrdinalIgnoreCase)
            || s.Equals("teléfono", StringComparison.OrdinalIgnoreCase) || s.Equals("telefono", StringComparison.OrdinalIgnoreCase) || s.Equals("tel", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsParticle(string text, in Token t) => IsNameParticle(text.AsSpan(t.OrigStart, t.OrigEnd - t.OrigStart));

    // The small words inside names: "Maria das Graças", "Jordi Puig i Ferrer", "van der Berg".
    // Capitalised too inside a name ("Juan Ignacio Del Valle", "Ana De La Cruz"), when a capitalised part follows.
    private static bool IsNameParticle(ReadOnlySpan<char> word) =>
        word is "de" or "da" or "do" or "dos" or "das" or "del" or "la" or "van" or "von" or "y" or "e" or "i" or "der" or "den" or "di" or "du" or "le" or "bin" or "al"
            or "De" or "Da" or "Do" or "Dos" or "Das" or "Del" or "La" or "Van" or "Von" or "Der" or "Den" or "Di" or "Du" or "Le";

    private static string TitleCase(ReadOnlySpan<char> raw) =>
        string.Create(raw.Length, raw.ToString(), static (span, s) =>
        {
            var upper = true;
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = upper ? char.ToUpperInvariant(s[i]) : s[i];
                upper = s[i] is ' ' or '-';
            }
        });

    private static string? ExtractCode(string text, ReadOnlySpan<Token> tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if ((tokens[i].Tags & WordTag.CodeCue) == 0)
            {
                continue;
            }

            var j = i + Math.Max(1, tokens[i].Span);
            for (var skipped = 0; j < tokens.Length && skipped < 3 && (tokens[j].Tags & WordTag.CodeFiller) != 0 && tokens[j].Kind == TokenKind.Word; skipped++)
            {
                j++;
            }

            if (j < tokens.Length && LooksLikeCode(tokens[j]))
            {
                return text.AsSpan(tokens[j].OrigStart, tokens[j].OrigEnd - tokens[j].OrigStart).ToString().ToUpperInvariant();
            }
        }

        foreach (ref readonly var t in tokens)
        {
            if (t.Kind == TokenKind.Mixed && t.Length is >= 6 and <= 12)
            {
                var raw = text.AsSpan(t.OrigStart, t.OrigEnd - t.OrigStart);
                var digits = 0;
                var upper = 0;
                foreach (var c in raw)
                {
                    digits += char.IsAsciiDigit(c) ? 1 : 0;
                    upper += char.IsAsciiLetterUpper(c) ? 1 : 0;
                }

                if (digits >= 2 && upper >= 2 && digits + upper == raw.Length)
                {
                    return raw.ToString();
                }
            }
        }

        return null;
    }

    private static bool LooksLikeCode(in Token t) =>
        (t.Kind == TokenKind.Mixed && t.Length is >= 5 and <= 14) || (t.Kind == TokenKind.Number && t.Length is >= 5 and <= 12);

    private static (int Intent, double Confidence) Decide(ReadOnlySpan<float> scores, bool hasEntities, int tokenCount)
    {
        var bestTask = IntentIds.CheckAvailability;
        for (var i = IntentIds.CheckAvailability + 1; i < IntentIds.Count; i++)
        {
            if (scores[i] > scores[bestTask])
            {
                bestTask = i;
            }
        }

        var bestSmall = IntentIds.Greeting;
        for (var i = 1; i <= IntentIds.Deny; i++)
        {
            if (scores[i] > scores[bestSmall])
            {
                bestSmall = i;
            }
        }

        var task = scores[bestTask];
        var small = scores[bestSmall];
        if (task >= TaskBar)
        {
            var second = 0f;
            for (var i = IntentIds.CheckAvailability; i < IntentIds.Count; i++)
            {
                if (i != bestTask && scores[i] > second)
                {
                    second = scores[i];
                }
            }

            return (bestTask, Confidence(task, second));
        }

        if (hasEntities)
        {
            return (IntentIds.Inform, 0.8 + Math.Min(0.15, 0.05 * Math.Max(0, 4 - tokenCount)));
        }

        if (small >= TaskBar)
        {
            var second = 0f;
            for (var i = 0; i <= IntentIds.Deny; i++)
            {
                if (i != bestSmall && scores[i] > second)
                {
                    second = scores[i];
                }
            }

            return (bestSmall, Confidence(small, second));
        }

        if (task > 0 && task >= small)
        {
            return (bestTask, Confidence(task, 0) * 0.6);
        }

        if (small > 0)
        {
            return (bestSmall, Confidence(small, 0) * 0.6);
        }

        return (IntentIds.OutOfScope, tokenCount == 0 ? 0.2 : 0.5);
    }

    private static double Confidence(float best, float second)
    {
        var margin = (best - second) / best;
        return best / (best + 1.0) * (0.55 + (0.45 * margin));
    }

    private static int CountEntities(NluEntities e) =>
        (e.CheckIn is null ? 0 : 1) + (e.CheckOut is null ? 0 : 1) + (e.Nights is null ? 0 : 1) + (e.Adults is null ? 0 : 1) +
        (e.Children is null ? 0 : 1) + (e.RoomType is null ? 0 : 1) + (e.GuestName is null ? 0 : 1) + (e.Email is null ? 0 : 1) +
        (e.Phone is null ? 0 : 1) + (e.BookingCode is null ? 0 : 1);
}
