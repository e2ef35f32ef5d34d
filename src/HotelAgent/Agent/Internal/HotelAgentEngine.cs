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
    RecentConversations recent,
    TimeProvider timeProvider,
    IOptionsMonitor<HotelAgentOptions> options,
    ILogger<HotelAgentEngine> logger) : IHotelAgent
{
    private static readonly HashSet<string> Languages = new(StringComparer.OrdinalIgnoreCase) { "es", "en", "pt" };

    private readonly ConversationLocks _locks = new();

    public async Task<AgentResponse> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.ConversationId, nameof(message));
        var settings = options.CurrentValue;
        var text = (message.Interactive?.Id ?? message.Text ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            throw new ArgumentException("The message has no text to answer.", nameof(message));
        }

        if (text.Length > settings.MaxMessageLength)
        {
            throw new ArgumentException($"The message is {text.Length} characters long; at most {settings.MaxMessageLength} are accepted.", nameof(message));
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
            if (session.HandledMessageIds.Contains(message.MessageId, StringComparer.Ordinal))
            {
                Log.DuplicateMessage(logger, message.MessageId, message.ConversationId);
                return new AgentResponse
                {
                    Replies = [],
                    Intent = Intents.OutOfScope,
                    State = session.State,
                    Language = session.Language ?? settings.DefaultLanguage,
                    IsDuplicate = true,
                };
            }

            var (outcome, understood) = await RunTurnAsync(session, message, text, settings, cancellationToken).ConfigureAwait(false);
            var saved = outcome.Session with
            {
                Version = session.Version,
                TurnCount = session.TurnCount + 1,
                HandledMessageIds = [.. session.HandledMessageIds.TakeLast(ConversationSession.MaxHandledMessageIds - 1), message.MessageId],
                UpdatedAt = timeProvider.GetUtcNow(),
            };
            var result = await sessions.SaveAsync(saved, settings.SessionTimeToLive, cancellationToken).ConfigureAwait(false);
            if (result.Saved)
            {
                recent.Record(saved with { Version = result.Version });
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
                    $"Conversation '{message.ConversationId}' kept changing under this turn ({attempt} attempts); try again.") { IsTransient = true };
            }
        }
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
            },
            cancellationToken).ConfigureAwait(false);

        var intent = understood.Confidence < settings.NluConfidenceThreshold ? Intents.OutOfScope : understood.Intent;
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
        var outcome = await dialogue.HandleAsync(context, cancellationToken).ConfigureAwait(false);
        return (outcome, understood with { Intent = intent });
    }

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
            && knowledge.ReceptionOpens is null && knowledge.CheckInTime is null && knowledge.CheckOutTime is null)
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
}
