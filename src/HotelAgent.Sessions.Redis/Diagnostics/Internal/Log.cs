using Microsoft.Extensions.Logging;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// The log messages of the Redis backing (event ids 1500-1599). Only message ids, counts and endpoints are logged: never the
/// configuration string (it may hold a password), guest content or conversation ids (they hold phone numbers).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Redis connection opened to {Endpoints} (connected: {Connected})")]
    public static partial void Connected(ILogger logger, string endpoints, bool connected);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "Redis connection to {Endpoints} failed")]
    public static partial void ConnectionFailed(ILogger logger, string endpoints, Exception exception);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Debug, Message = "A session was saved by another host first (stored version {Version})")]
    public static partial void SessionConflict(ILogger logger, long version);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Inbox consumer group {ConsumerGroup} ready on stream {Stream}; this host reads as {Consumer}")]
    public static partial void InboxReady(ILogger logger, string consumerGroup, string stream, string consumer);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "Inbox claimed {Count} message(s) left unanswered for over {IdleTime} by another consumer")]
    public static partial void InboxClaimed(ILogger logger, int count, TimeSpan idleTime);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "Inbox message {MessageId} dead-lettered after {Attempts} attempt(s)")]
    public static partial void InboxDeadLettered(ILogger logger, string messageId, int attempts);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Information, Message = "Inbox dead letter {DeadLetterId} replayed")]
    public static partial void InboxReplayed(ILogger logger, string deadLetterId);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Debug, Message = "Inbox read from Redis failed; retrying in {Delay}")]
    public static partial void InboxReadFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 1508, Level = LogLevel.Debug, Message = "Inbox message {MessageId} will be tried again at attempt {Attempt}")]
    public static partial void InboxRetryScheduled(ILogger logger, string messageId, int attempt);

    [LoggerMessage(EventId = 1509, Level = LogLevel.Warning, Message = "Inbox entry {EntryId} could not be read and was dead-lettered")]
    public static partial void InboxEntryUnreadable(ILogger logger, string entryId, Exception? exception);

    [LoggerMessage(EventId = 1510, Level = LogLevel.Warning, Message = "Redis is unavailable: sessions, deduplication and the inbox fail for now (the web chat and webhooks answer 503 with Retry-After); further failures of this outage are logged at Debug")]
    public static partial void RedisUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Debug, Message = "Redis is still unavailable ({ExceptionType})")]
    public static partial void RedisStillUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Information, Message = "Redis is available again after {Duration}")]
    public static partial void RedisAvailable(ILogger logger, TimeSpan duration);

    [LoggerMessage(EventId = 1520, Level = LogLevel.Warning, Message = "An inbox message reached {Replicated} of {Required} replicas in time; it is refused so the channel delivers it again")]
    public static partial void InboxNotReplicated(ILogger logger, long replicated, int required);
}
