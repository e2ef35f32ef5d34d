using System.Diagnostics;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// Runs one turn: load the session, understand the message, let the dialogue decide, save with optimistic
/// concurrency (retrying the turn when another handler saved first).
/// </summary>
internal sealed class HotelAgentEngine(
    ISessionStore sessions,
    INluEngine nlu,
    ResilientPms pms,
    DialogueManager dialogue,
    HotelAgentMetrics metrics,
    ConversationStatistics statistics,
    ConversationHistory history,
    TimeProvider timeProvider,
    IOptionsMonitor<HotelAgentOptions> options,
    ILogger<HotelAgentEngine> logger) : IHotelAgent
{
    private static readonly HashSet<string> Languages = new(StringComparer.OrdinalIgnoreCase) { "es", "en", "pt" };

    private readonly ConversationLocks _locks = CreateLocks(options.CurrentValue.IdentifierKey);

    public async Task<AgentResponse> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.ConversationId, nameof(message));
        var settings = options.CurrentValue;
        var text = (message.Interactive?.Id ?? message.Text ?? string.Empty).Trim();
        var nonText = NonTextReplies.Kind.None;
        if (text.Length == 0)
        {
            // A voice note no one transcribed, a photo without a caption, a location, a sticker: answered, not dropped.
            nonText = NonTextReplies.KindOf(message);
            if (nonText == NonTextReplies.Kind.None)
            {
                throw new ArgumentException("The message has no text, media or location to answer.", nameof(message));
            }
        }

        if (text.Length > settings.MaxMessageLength)
        {
            // Understanding reads the first MaxMessageLength characters; the guest still gets an answer.
            text = text[..settings.MaxMessageLength];
        }

        if (message.Language is { } requested && !Languages.Contains(requested))
        {
            throw new ArgumentException($"Language '{requested}' is not supported; use es, en or pt.", nameof(message));
        }

        var channelTag = new KeyValuePair<string, object?>(HotelAgentTags.Channel, message.ChannelName);
        metrics.MessagesReceived.Add(1, channelTag);
        Log.MessageReceived(logger, message.MessageId, message.ChannelName, message.ConversationId);
        if (logger.IsEnabled(LogLevel.Trace))
        {
            Log.MessageText(logger, message.MessageId, text);
        }

        using var activity = HotelAgentMetrics.ActivitySource.StartActivity("hotel_agent.turn", ActivityKind.Internal);
        activity?.SetTag(HotelAgentTags.Channel, message.ChannelName);
        var started = timeProvider.GetTimestamp();

        using var held = await _locks.AcquireAsync(message.ConversationId, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var session = await sessions.GetAsync(message.ConversationId, cancellationToken).ConfigureAwait(false)
                ?? NewSession(message);
            var outbox = ReplyOutbox.Current;
            if (session.HandledMessageIds.Contains(message.MessageId, StringComparer.Ordinal))
            {
                Log.DuplicateMessage(logger, message.MessageId, message.ConversationId);

                // Handled, but its replies may not have gone out (the host that handled it died): send those.
                var unsent = outbox is null ? null : session.Outbox.FirstOrDefault(e => e.MessageId == message.MessageId);
                if (unsent is not null)
                {
                    outbox!.Saved = session;
                    Log.UnsentRepliesFound(logger, message.MessageId, unsent.Replies.Count);
                }

                return new AgentResponse
                {
                    Replies = unsent?.Replies ?? [],
                    Intent = Intents.OutOfScope,
                    State = session.State,
                    Language = session.Language ?? settings.DefaultLanguage,
                    IsDuplicate = true,
                };
            }

            var (outcome, understood) = nonText != NonTextReplies.Kind.None && session.HandoffTicketId is null
                ? AnswerNonText(session, message, nonText, settings)
                : await RunTurnAsync(session, message, text.Length > 0 ? text : NonTextReplies.Placeholder(nonText, message), settings, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string> handled = [.. session.HandledMessageIds.TakeLast(ConversationSession.MaxHandledMessageIds - 1), message.MessageId];
            var saved = outcome.Session with
            {
                Version = session.Version,
                TurnCount = session.TurnCount + 1,
                HandledMessageIds = handled,
                Outbox = outbox is not null ? ReplyOutbox.WithEntry(session, handled, message.MessageId, outcome.Replies)
                    : session.Outbox.Count == 0 ? session.Outbox
                    : session.Outbox.Where(e => handled.Contains(e.MessageId, StringComparer.Ordinal)).ToArray(),
                UpdatedAt = timeProvider.GetUtcNow(),
            };
            var result = await sessions.SaveAsync(saved, settings.SessionTimeToLive, cancellationToken).ConfigureAwait(false);
            if (result.Saved)
            {
                statistics.RecordActivity(saved with { Version = result.Version });
                history.RecordTurn(saved, HistoryText(message, text, nonText), message.ReceivedAt == default ? saved.UpdatedAt : message.ReceivedAt, outcome.Replies, saved.UpdatedAt);
                if (outbox is not null)
                {
                    outbox.Saved = saved with { Version = result.Version };
                }

                var intentTag = new KeyValuePair<string, object?>(HotelAgentTags.Intent, understood.Intent);
                metrics.Intents.Add(1, intentTag, channelTag);
                metrics.RepliesSent.Add(outcome.Replies.Count, channelTag);
                metrics.TurnDuration.Record(timeProvider.GetElapsedTime(started).TotalSeconds, channelTag, intentTag);
                metrics.Turns.Add(1, channelTag, new KeyValuePair<string, object?>(HotelAgentTags.Automated, saved.HandoffTicketId is null));
                activity?.SetTag(HotelAgentTags.Intent, understood.Intent);
                Log.TurnHandled(logger, message.ConversationId, understood.Intent, understood.Confidence, saved.Language ?? settings.DefaultLanguage, session.State, saved.State);
                return new AgentResponse
                {
                    Replies = outcome.Replies,
                    Intent = understood.Intent,
                    State = saved.State,
                    Language = saved.Language ?? settings.DefaultLanguage,
                    ReservationCode = outcome.ReservationCode,
                };
            }

            metrics.SessionConflicts.Add(1, channelTag);
            Log.SessionConflict(logger, message.ConversationId, attempt);
            if (attempt > settings.MaxConcurrencyRetries)
            {
                throw new HotelAgentException(
                    $"Conversation {LogIds.Of(message.ConversationId)} kept changing under this turn ({attempt} attempts); try again.") { IsTransient = true };
            }
        }
    }

    /// <summary>What the conversation history shows of the guest's message: the button's title for a tapped button, the text, or what was sent instead.</summary>
    private static string HistoryText(InboundMessage message, string text, NonTextReplies.Kind nonText) =>
        message.Interactive is { Title.Length: > 0 } tapped ? tapped.Title
        : text.Length > 0 ? text
        : nonText == NonTextReplies.Kind.Location ? "[location]"
        : NonTextReplies.Placeholder(nonText, message);

    /// <summary>Answers a message without text outside a handoff: no understanding, no dialogue, one reply in the conversation's language.</summary>
    private static (TurnOutcome Outcome, NluResult Understood) AnswerNonText(
        ConversationSession session, InboundMessage message, NonTextReplies.Kind kind, HotelAgentOptions settings)
    {
        var language = message.Language?.ToLowerInvariant() ?? session.Language ?? settings.DefaultLanguage;
        var outcome = new TurnOutcome(
            session with { Language = language },
            [new OutboundMessage { Text = NonTextReplies.Text(kind, language) }]);
        return (outcome, new NluResult { Intent = Intents.OutOfScope, Confidence = 0, Language = language });
    }

    private async Task<(TurnOutcome Outcome, NluResult Understood)> RunTurnAsync(
        ConversationSession session, InboundMessage message, string text, HotelAgentOptions settings, CancellationToken cancellationToken)
    {
        HotelInfo hotel;
        IReadOnlyList<RoomType> roomTypes;
        try
        {
            hotel = WithKnowledge(await pms.GetHotelInfoAsync(cancellationToken).ConfigureAwait(false), settings.Knowledge);
            roomTypes = await pms.GetRoomTypesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PmsUnavailableException ex)
        {
            Log.PmsUnavailable(logger, message.ConversationId, ex);
            var language = message.Language ?? session.Language ?? settings.DefaultLanguage;
            var degraded = new TurnOutcome(
                session with { Language = language },
                [new OutboundMessage { Text = ReplyTexts.Format(language, ReplyKeys.PmsUnavailable) }]);
            return (degraded, new NluResult { Intent = Intents.OutOfScope, Confidence = 0, Language = language });
        }

        var local = TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), FindTimeZone(hotel.TimeZone)).DateTime;
        var today = DateOnly.FromDateTime(local);
        var understood = await nlu.ParseAsync(
            new NluRequest
            {
                Text = text,
                Language = message.Language,
                ReferenceDate = today,
                RoomTypes = roomTypes,
                Expecting = DialogueManager.Expecting(session),
                BookingCodeFormat = pms.BookingCodeFormat,
                StayAnchor = session.Booking?.CheckIn ?? session.PendingChange?.CheckIn ?? session.PendingChange?.BookedCheckIn,
            },
            cancellationToken).ConfigureAwait(false);

        var intent = understood.Confidence < settings.NluConfidenceThreshold && !CarriesDetails(understood)
            ? Intents.OutOfScope
            : DialogueManager.InContext(session, understood.Intent, understood.Entities);
        intent = Escalate(intent, text, understood.Entities);
        if (intent == Intents.OutOfScope)
        {
            metrics.NluFallbacks.Add(1, new KeyValuePair<string, object?>(HotelAgentTags.Channel, message.ChannelName));
        }

        var context = new TurnContext
        {
            Session = session,
            Message = message,
            Text = text,
            Nlu = understood,
            Intent = intent,
            Language = ChooseLanguage(message, session, understood, text, settings),
            Hotel = hotel,
            RoomTypes = roomTypes,
            Today = today,
            LocalTime = TimeOnly.FromDateTime(local),
        };
        using var writes = ReservationWrites.Track();
        var outcome = await dialogue.HandleAsync(context, cancellationToken).ConfigureAwait(false);
        if (settings.RoomPhotos)
        {
            var photos = await ReplyMedia.WithRoomPhotosAsync(outcome.Replies, roomTypes, context.Language, pms.ProvidesRoomPhotos ? RoomPhotoAsync : null, cancellationToken).ConfigureAwait(false);
            outcome = outcome with { Replies = photos };
        }

        if (settings.BookingCard)
        {
            outcome = outcome with { Replies = BookingCard.WithCards(outcome.Replies, writes.Written, hotel, roomTypes, outcome.Session.Language ?? context.Language) };
        }

        return (outcome, understood with { Intent = intent });
    }

    /// <summary>A room type's photo from the PMS; a failure leaves the option without it rather than failing the turn.</summary>
    private async ValueTask<RoomPhoto?> RoomPhotoAsync(RoomType roomType, CancellationToken cancellationToken)
    {
        try
        {
            return await pms.GetRoomPhotoAsync(roomType.Code, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RoomPhotoFailed(logger, roomType.Code, ex);
            return null;
        }
    }

    /// <summary>
    /// "URGENTE", "urgent!", "es urgente, ...": a message the guest marks urgent and that asks for nothing the agent
    /// handles itself goes to staff (an urgent ticket, notified at once); a complaint stays a complaint.
    /// </summary>
    private static string Escalate(string intent, string text, NluEntities entities) =>
        intent is Intents.OutOfScope or Intents.Greeting or Intents.Thanks or Intents.Goodbye || (intent == Intents.Inform && entities.IsEmpty)
            ? UrgentMessages.IsUrgent(text) ? Intents.HumanHandoff : intent
            : intent;

    /// <summary>
    /// The guest's explicit choice wins; otherwise a short message ("sí", "ok") keeps the conversation's language and a
    /// longer one switches to the language it is written in.
    /// </summary>
    private static string ChooseLanguage(InboundMessage message, ConversationSession session, NluResult understood, string text, HotelAgentOptions settings)
    {
        if (message.Language is { } requested)
        {
            return requested.ToLowerInvariant();
        }

        // A conversation's language changes only on strong evidence from the guest's own words: a name, an email, a
        // number, a date or a short "ok" carry none.
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (session.Language is { } current && (words < 3 || understood.LanguageConfidence < settings.LanguageSwitchConfidence))
        {
            return current;
        }

        if (session.Language is null && understood.LanguageConfidence <= 0)
        {
            return settings.DefaultLanguage;
        }

        return Languages.Contains(understood.Language) ? understood.Language : session.Language ?? settings.DefaultLanguage;
    }

    /// <summary>Lays the configured knowledge over the PMS's hotel details; configured values win.</summary>
    internal static HotelInfo WithKnowledge(HotelInfo hotel, HotelKnowledgeOptions knowledge)
    {
        if (knowledge.Amenities.Count == 0 && knowledge.Policies.Count == 0 && knowledge.Directions.Count == 0
            && knowledge.ReceptionOpens is null && knowledge.CheckInTime is null && knowledge.CheckOutTime is null && knowledge.TimeZone is null)
        {
            return hotel;
        }

        return hotel with
        {
            Amenities = Merge(hotel.Amenities, knowledge.Amenities),
            Policies = Merge(hotel.Policies, knowledge.Policies),
            Directions = knowledge.Directions.Count > 0 ? new LocalizedText(knowledge.Directions) : hotel.Directions,
            ReceptionHours = knowledge is { ReceptionOpens: { } opens, ReceptionCloses: { } closes } ? new ReceptionHours(opens, closes) : hotel.ReceptionHours,
            CheckInTime = knowledge.CheckInTime ?? hotel.CheckInTime,
            CheckOutTime = knowledge.CheckOutTime ?? hotel.CheckOutTime,
            TimeZone = knowledge.TimeZone ?? hotel.TimeZone,
        };

        static Dictionary<string, LocalizedText> Merge(IReadOnlyDictionary<string, LocalizedText> fromPms, Dictionary<string, Dictionary<string, string>> configured)
        {
            var merged = new Dictionary<string, LocalizedText>(StringComparer.OrdinalIgnoreCase);
            foreach (var (code, text) in fromPms)
            {
                merged[code] = text;
            }

            foreach (var (code, texts) in configured)
            {
                merged[code] = new LocalizedText(texts);
            }

            return merged;
        }
    }

    /// <summary>Creates the conversation locks, once the key of the ids in logs is set (the log methods are static).</summary>
    private static ConversationLocks CreateLocks(string? identifierKey)
    {
        LogIds.UseKey(identifierKey);
        return new ConversationLocks();
    }

    private static TimeZoneInfo FindTimeZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private ConversationSession NewSession(InboundMessage message)
    {
        var now = timeProvider.GetUtcNow();
        return new ConversationSession
        {
            ConversationId = message.ConversationId,
            ChannelName = message.ChannelName,
            GuestId = message.GuestId,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// Whether a message read as details, however unsure the intent, gives a stay's dates, an email or a booking code:
    /// those are kept rather than dropped as out of scope ("oi tudo bem … do dia quinze ao dia vinte de janeiro somos eu …").
    /// </summary>
    private static bool CarriesDetails(NluResult understood) =>
        understood.Intent == Intents.Inform
        && (understood.Entities.CheckIn is not null || understood.Entities.Email is not null || understood.Entities.BookingCode is not null);
}
