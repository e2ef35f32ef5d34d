using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Channels.Email;

/// <summary>
/// The log messages of the email channel (event ids 1200-1299). Addresses, subjects and text are logged only at
/// Trace; passwords never. Messages about a mailbox name it (<c>default</c> for the default mailbox), never its user
/// name or password.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Email {MessageId} (UID {Uid}) of mailbox {Mailbox} taken in")]
    public static partial void MessageTakenIn(ILogger logger, string messageId, uint uid, string mailbox);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Trace, Message = "Email {MessageId} from {GuestId}, subject {Subject}: {Text}")]
    public static partial void MessageContent(ILogger logger, string messageId, [GuestData] string guestId, [GuestData] string? subject, [GuestData] string? text);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Email {MessageId} (UID {Uid}) was taken in before; marking it processed")]
    public static partial void DuplicateMessage(ILogger logger, string messageId, uint uid);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Email UID {Uid} of mailbox {Mailbox} skipped: {Reason}")]
    public static partial void MessageSkipped(ILogger logger, uint uid, string mailbox, string reason);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "IMAP poll of mailbox {Mailbox} ({Host}:{Port}) failed (attempt {Attempt}); reconnecting in {Delay}")]
    public static partial void PollFailed(ILogger logger, string mailbox, string host, int port, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Information, Message = "IMAP mailbox {Mailbox} connected to {Host}:{Port}, folder {Folder}")]
    public static partial void ImapConnected(ILogger logger, string mailbox, string host, int port, string folder);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Debug, Message = "IMAP poll of mailbox {Mailbox} found {Count} unprocessed mails")]
    public static partial void PollFound(ILogger logger, string mailbox, int count);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Information, Message = "IMAP folder {Folder} of mailbox {Mailbox} does not accept custom keywords; processed mails are marked seen only")]
    public static partial void KeywordsUnsupported(ILogger logger, string mailbox, string folder);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Warning, Message = "Attachment of {Bytes} bytes of email {MessageId} dropped: larger than MaxAttachmentBytes")]
    public static partial void AttachmentTooLarge(ILogger logger, string messageId, long bytes);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "The turn of email {MessageId} of mailbox {Mailbox} failed (attempt {Attempt}); the mail stays unprocessed")]
    public static partial void TurnFailed(ILogger logger, string messageId, string mailbox, int attempt, Exception exception);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Information, Message = "Email {MessageId} was handled by an earlier turn whose reply never left; its turn runs again")]
    public static partial void TurnRunAgain(ILogger logger, string messageId);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning, Message = "Email UID {Uid} of mailbox {Mailbox} not answered: its sender already got {MaxReplies} replies within {Window}")]
    public static partial void RateLimited(ILogger logger, uint uid, string mailbox, int maxReplies, TimeSpan window);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Warning, Message = "Email {MessageId} cannot be answered: {Reason}")]
    public static partial void MailUnanswerable(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 1214, Level = LogLevel.Warning, Message = "Email UID {Uid} of mailbox {Mailbox} was answered but could not be marked processed; the next poll marks it")]
    public static partial void MarkFailed(ILogger logger, uint uid, string mailbox, Exception exception);

    [LoggerMessage(EventId = 1215, Level = LogLevel.Warning, Message = "Email {MessageId} was answered but the answer could not be recorded in the deduplicator")]
    public static partial void AnsweredNotRecorded(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 1216, Level = LogLevel.Information, Message = "Email polling of mailbox {Mailbox} stopped; finishing the turns in progress ({InWork} mails in work)")]
    public static partial void ShuttingDown(ILogger logger, string mailbox, int inWork);

    [LoggerMessage(EventId = 1220, Level = LogLevel.Debug, Message = "Email reply {ChannelMessageId} sent from mailbox {Mailbox} (in reply to {InReplyTo})")]
    public static partial void MessageSent(ILogger logger, string channelMessageId, string mailbox, string? inReplyTo);

    [LoggerMessage(EventId = 1221, Level = LogLevel.Warning, Message = "SMTP send of mailbox {Mailbox} to {Host}:{Port} failed (attempt {Attempt} of {MaxAttempts}, transient {IsTransient})")]
    public static partial void SendAttemptFailed(ILogger logger, string mailbox, string host, int port, int attempt, int maxAttempts, bool isTransient, Exception exception);

    [LoggerMessage(EventId = 1222, Level = LogLevel.Warning, Message = "Email reply {DeadLetterId} of mailbox {Mailbox} dead-lettered after {Attempts} round(s) of attempts (transient {IsTransient}); its guest mail stays unprocessed")]
    public static partial void ReplyDeadLettered(ILogger logger, string deadLetterId, string mailbox, int attempts, bool isTransient);

    [LoggerMessage(EventId = 1223, Level = LogLevel.Information, Message = "Email dead letter {DeadLetterId} of mailbox {Mailbox} sent (round {Attempts})")]
    public static partial void DeadLetterReplayed(ILogger logger, string mailbox, string deadLetterId, int attempts);

    [LoggerMessage(EventId = 1224, Level = LogLevel.Information, Message = "Email dead letter {DeadLetterId} of mailbox {Mailbox} discarded")]
    public static partial void DeadLetterDiscarded(ILogger logger, string mailbox, string deadLetterId);

    [LoggerMessage(EventId = 1225, Level = LogLevel.Warning, Message = "Retrying the email dead letters of mailbox {Mailbox} failed")]
    public static partial void DeadLetterRetryFailed(ILogger logger, string mailbox, Exception exception);

    [LoggerMessage(EventId = 1226, Level = LogLevel.Warning, Message = "The host stopped with {Count} email reply(ies) of mailbox {Mailbox} still leaving after {Grace}; their guest mails may be answered again by the next host")]
    public static partial void RepliesStillLeaving(ILogger logger, int count, string mailbox, TimeSpan grace);

    [LoggerMessage(EventId = 1240, Level = LogLevel.Warning, Message = "The thread of email {MessageId} could not be recorded; the next reply to that guest starts a new thread")]
    public static partial void ThreadNotRecorded(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 1241, Level = LogLevel.Warning, Message = "The guest's email thread could not be read; the reply starts a new thread")]
    public static partial void ThreadNotRead(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1250, Level = LogLevel.Debug, Message = "Staff notification {NotificationId} mailed to {Recipients} address(es) in {Attempts} attempt(s)")]
    public static partial void StaffNotificationMailed(ILogger logger, string notificationId, int recipients, int attempts);

    [LoggerMessage(EventId = 1251, Level = LogLevel.Warning, Message = "Staff notification {NotificationId} could not be mailed after {Attempts} attempt(s) (transient: {Transient})")]
    public static partial void StaffNotificationNotMailed(ILogger logger, string notificationId, int attempts, bool transient, Exception exception);
}
