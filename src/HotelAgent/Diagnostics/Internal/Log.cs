using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;

namespace HotelAgent;

/// <summary>
/// The log messages of the core package (event ids 1000-1099). Guest content is logged only at Trace;
/// conversation ids (which hold phone numbers and email addresses) only in their <see cref="LogIds"/> form.
/// </summary>
internal static partial class Log
{
    public static void MessageReceived(ILogger logger, string messageId, string channelName, string conversationId)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            MessageReceivedCore(logger, messageId, channelName, LogIds.Of(conversationId));
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Message {MessageId} received on channel {ChannelName} for conversation {ConversationId}")]
    private static partial void MessageReceivedCore(ILogger logger, string messageId, string channelName, string conversationId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Trace, Message = "Message {MessageId} text: {Text}")]
    public static partial void MessageText(ILogger logger, string messageId, [GuestData] string? text);

    public static void TurnHandled(ILogger logger, string conversationId, string intent, double confidence, string language, string fromState, string toState)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            TurnHandledCore(logger, LogIds.Of(conversationId), intent, confidence, language, fromState, toState);
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Conversation {ConversationId} understood {Intent} ({Confidence:0.00}, {Language}); state {FromState} -> {ToState}")]
    private static partial void TurnHandledCore(ILogger logger, string conversationId, string intent, double confidence, string language, string fromState, string toState);

    public static void SessionConflict(ILogger logger, string conversationId, int attempt)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            SessionConflictCore(logger, LogIds.Of(conversationId), attempt);
        }
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Conversation {ConversationId} was saved by another handler first; retrying the turn (attempt {Attempt})")]
    private static partial void SessionConflictCore(ILogger logger, string conversationId, int attempt);

    public static void DuplicateMessage(ILogger logger, string messageId, string conversationId)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            DuplicateMessageCore(logger, messageId, LogIds.Of(conversationId));
        }
    }

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Message {MessageId} of conversation {ConversationId} was already handled; its turn is not run again")]
    private static partial void DuplicateMessageCore(ILogger logger, string messageId, string conversationId);

    public static void PmsUnavailable(ILogger logger, string conversationId, Exception exception)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            PmsUnavailableCore(logger, LogIds.Of(conversationId), exception);
        }
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "The PMS is unavailable while handling conversation {ConversationId}; the guest got a degraded reply")]
    private static partial void PmsUnavailableCore(ILogger logger, string conversationId, Exception exception);

    public static void BookingConfirmed(ILogger logger, string reservationCode, string conversationId)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            BookingConfirmedCore(logger, reservationCode, LogIds.Of(conversationId));
        }
    }

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Reservation {ReservationCode} created for conversation {ConversationId}")]
    private static partial void BookingConfirmedCore(ILogger logger, string reservationCode, string conversationId);

    public static void BookingRefused(ILogger logger, string conversationId, string error)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            BookingRefusedCore(logger, LogIds.Of(conversationId), error);
        }
    }

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Reservation refused for conversation {ConversationId}: {Error}")]
    private static partial void BookingRefusedCore(ILogger logger, string conversationId, string error);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Demo PMS created reservation {ReservationCode} ({RoomType}, {Nights} nights)")]
    public static partial void ReservationCreated(ILogger logger, string reservationCode, string roomType, int nights);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Demo PMS cancelled reservation {ReservationCode}")]
    public static partial void ReservationCancelled(ILogger logger, string reservationCode);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Debug, Message = "Demo PMS returned the recorded outcome for idempotency key {IdempotencyKey}")]
    public static partial void IdempotentReplay(ILogger logger, string idempotencyKey);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Inbox message {MessageId} on channel {ChannelName} cannot be answered and was dropped: {Reason}")]
    public static partial void InboxMessageUnreadable(ILogger logger, string messageId, string channelName, string reason);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "Inbox message {MessageId} failed on attempt {Attempt}")]
    public static partial void InboxMessageFailed(ILogger logger, string messageId, int attempt, Exception exception);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Error, Message = "No channel named {ChannelName} is registered to send the replies to message {MessageId}")]
    public static partial void NoChannelForReplies(ILogger logger, string channelName, string messageId);

    public static void ReplyNotDelivered(ILogger logger, string channelName, string conversationId, Exception exception)
    {
        if (logger.IsEnabled(LogLevel.Error))
        {
            ReplyNotDeliveredCore(logger, channelName, LogIds.Of(conversationId), exception);
        }
    }

    [LoggerMessage(EventId = 1033, Level = LogLevel.Error, Message = "A reply on channel {ChannelName} for conversation {ConversationId} was not delivered")]
    private static partial void ReplyNotDeliveredCore(ILogger logger, string channelName, string conversationId, Exception exception);

    [LoggerMessage(EventId = 1034, Level = LogLevel.Debug, Message = "The read receipt for message {MessageId} on channel {ChannelName} failed")]
    public static partial void ReadReceiptFailed(ILogger logger, string channelName, string messageId, Exception exception);

    public static void HandoffOpened(ILogger logger, string ticketId, string reason, string conversationId)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            HandoffOpenedCore(logger, ticketId, reason, LogIds.Of(conversationId));
        }
    }

    [LoggerMessage(EventId = 1040, Level = LogLevel.Information, Message = "Handoff ticket {TicketId} ({Reason}) opened for conversation {ConversationId}")]
    private static partial void HandoffOpenedCore(ILogger logger, string ticketId, string reason, string conversationId);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Information, Message = "Handoff ticket {TicketId} taken")]
    public static partial void HandoffTaken(ILogger logger, string ticketId);

    [LoggerMessage(EventId = 1042, Level = LogLevel.Information, Message = "Handoff ticket {TicketId} released; the agent answers again")]
    public static partial void HandoffReleased(ILogger logger, string ticketId);

    [LoggerMessage(EventId = 1043, Level = LogLevel.Information, Message = "Handoff ticket {TicketId} timed out without staff action; the agent answers again")]
    public static partial void HandoffTimedOut(ILogger logger, string ticketId);

    public static void ReservationChanged(ILogger logger, string reservationCode, string action, string conversationId)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            ReservationChangedCore(logger, reservationCode, action, LogIds.Of(conversationId));
        }
    }

    [LoggerMessage(EventId = 1044, Level = LogLevel.Information, Message = "Reservation {ReservationCode} {Action} for conversation {ConversationId}")]
    private static partial void ReservationChangedCore(ILogger logger, string reservationCode, string action, string conversationId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Message {MessageId} was handled but {Count} of its replies were not confirmed sent; sending them now")]
    public static partial void UnsentRepliesFound(ILogger logger, string messageId, int count);

    [LoggerMessage(EventId = 1037, Level = LogLevel.Debug, Message = "Inbox message {MessageId} failed on attempt {Attempt} for a transient reason: {Reason}")]
    public static partial void InboxMessageFailedTransiently(ILogger logger, string messageId, int attempt, string reason);

    [LoggerMessage(EventId = 1038, Level = LogLevel.Information, Message = "Inbox processing is off on this host (HotelAgent:ProcessInbox); it takes messages in and answers none")]
    public static partial void InboxProcessingOff(ILogger logger);

    [LoggerMessage(EventId = 1036, Level = LogLevel.Debug, Message = "The outcome of inbox message {MessageId} could not be recorded; it will be delivered again")]
    public static partial void InboxOutcomeNotRecorded(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 1035, Level = LogLevel.Warning, Message = "The sent replies of message {MessageId} could not be removed from the outbox; a redelivery would send them again")]
    public static partial void OutboxNotCleared(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "No admin API key is configured (HotelAgent:AdminApiKey): the admin endpoints refuse every request")]
    public static partial void AdminKeyMissing(ILogger logger);

    [LoggerMessage(EventId = 1060, Level = LogLevel.Debug, Message = "A statistics update was not stored ({ExceptionType}); the console's counts miss it")]
    public static partial void StatisticsNotRecorded(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 1061, Level = LogLevel.Warning, Message = "Booking look-ups of one code are locked for {CoolDown} after {Failures} failed ownership checks")]
    public static partial void VerificationLocked(ILogger logger, int failures, TimeSpan coolDown);

    [LoggerMessage(EventId = 1090, Level = LogLevel.Debug, Message = "The conversation's language could not be read ({Reason}); the reply is in the default language")]
    public static partial void ReplyLanguageUnknown(ILogger logger, string reason);

    [LoggerMessage(EventId = 1062, Level = LogLevel.Debug, Message = "Messages of a conversation were not kept in its history ({ExceptionType}); the console's conversation view misses them")]
    public static partial void HistoryNotRecorded(ILogger logger, string exceptionType);
    [LoggerMessage(EventId = 1070, Level = LogLevel.Information, Message = "Staff notified of ticket {TicketId} ({Event}) through {Notifier} in {ElapsedMs:F0} ms")]
    public static partial void StaffNotificationSent(ILogger logger, string ticketId, string @event, string notifier, double elapsedMs);

    [LoggerMessage(EventId = 1071, Level = LogLevel.Warning, Message = "Staff could not be notified of ticket {TicketId} ({Event}) through {Notifier}; the next scan tries again")]
    public static partial void StaffNotificationFailed(ILogger logger, string ticketId, string @event, string notifier, Exception exception);

    [LoggerMessage(EventId = 1072, Level = LogLevel.Debug, Message = "The notification of ticket {TicketId} ({Event}) through {Notifier} was already sent or is being sent")]
    public static partial void StaffNotificationAlreadySent(ILogger logger, string ticketId, string @event, string notifier);

    [LoggerMessage(EventId = 1073, Level = LogLevel.Warning, Message = "A pass of the staff notifications failed; the next one tries again")]
    public static partial void StaffNotificationScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1074, Level = LogLevel.Debug, Message = "Staff webhook answered HTTP {StatusCode} for notification {NotificationId}")]
    public static partial void StaffWebhookAnswered(ILogger logger, int statusCode, string notificationId);

    [LoggerMessage(EventId = 1091, Level = LogLevel.Warning, Message = "The PMS did not give the photo of room type {RoomType}; the option is offered without it")]
    public static partial void RoomPhotoFailed(ILogger logger, string roomType, Exception exception);
}
