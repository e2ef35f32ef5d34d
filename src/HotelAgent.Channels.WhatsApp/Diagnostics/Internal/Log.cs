using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// The log messages of the WhatsApp channel (event ids 1100-1199). Guest content and phone numbers are logged only at
/// Trace; secrets never.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "WhatsApp message {MessageId} ({MessageType}) taken in on phone number {PhoneNumberId}")]
    public static partial void MessageTakenIn(ILogger logger, string messageId, string messageType, string phoneNumberId);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Trace, Message = "WhatsApp message {MessageId} from {GuestId}: {Text}")]
    public static partial void MessageContent(ILogger logger, string messageId, [GuestData] string guestId, [GuestData] string? text);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "WhatsApp message {MessageId} was already taken in; the redelivery is ignored")]
    public static partial void DuplicateMessage(ILogger logger, string messageId);

    [LoggerMessage(EventId = 1133, Level = LogLevel.Debug, Message = "WhatsApp message {MessageId} is being taken in by another delivery, or an attempt that failed left its id; this delivery is not acknowledged, so that Meta sends it again")]
    public static partial void DuplicateNotYetRecorded(ILogger logger, string messageId);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "WhatsApp webhook rejected: {Reason}")]
    public static partial void SignatureRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "WhatsApp webhook body is not valid JSON after a valid signature")]
    public static partial void MalformedPayload(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "WhatsApp message {MessageId} of type {MessageType} acknowledged without an answer")]
    public static partial void UnsupportedMessageType(ILogger logger, string messageId, string messageType);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "WhatsApp webhook for unknown phone-number id {PhoneNumberId} ignored; register it with AddWhatsAppChannel")]
    public static partial void UnknownPhoneNumber(ILogger logger, string phoneNumberId);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Debug, Message = "WhatsApp webhook change of field {Field} ignored")]
    public static partial void IgnoredChange(ILogger logger, string field);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning, Message = "WhatsApp message {MessageId} could not be queued; answering 503 so Meta redelivers it")]
    public static partial void EnqueueFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Debug, Message = "WhatsApp message {StatusMessageId} is now {Status}")]
    public static partial void StatusReceived(ILogger logger, string statusMessageId, string status);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "WhatsApp message {StatusMessageId} failed on delivery with error {ErrorCode}: {ErrorTitle}")]
    public static partial void StatusFailed(ILogger logger, string statusMessageId, int errorCode, string? errorTitle);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "WhatsApp verification request answered: {Outcome}")]
    public static partial void VerificationAnswered(ILogger logger, string outcome);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "WhatsApp message {MessageId} without a sender id ignored")]
    public static partial void MissingSender(ILogger logger, string messageId);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning, Message = "WhatsApp message at position {Index} of a webhook delivery is malformed and was skipped; the others are taken in")]
    public static partial void MalformedMessage(ILogger logger, int index, Exception exception);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Debug, Message = "WhatsApp message {MessageId} not queued while a backend is down; answering 503 so Meta redelivers it: {Reason}")]
    public static partial void EnqueueDeferred(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Debug, Message = "WhatsApp {Kind} message {ChannelMessageId} sent from phone number {PhoneNumberId}")]
    public static partial void MessageSent(ILogger logger, string kind, string? channelMessageId, string phoneNumberId);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Warning, Message = "WhatsApp reply from phone number {PhoneNumberId} failed (error {ErrorCode}, transient {IsTransient}); kept as dead letter {DeadLetterId}")]
    public static partial void MessageDeadLettered(ILogger logger, string phoneNumberId, int? errorCode, bool isTransient, string deadLetterId, Exception exception);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Information, Message = "WhatsApp reply from phone number {PhoneNumberId} is outside the 24-hour window; sending template {TemplateName}")]
    public static partial void SendingTemplate(ILogger logger, string phoneNumberId, string templateName);

    [LoggerMessage(EventId = 1123, Level = LogLevel.Debug, Message = "WhatsApp mark-as-read of message {MessageId} failed")]
    public static partial void MarkAsReadFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 1124, Level = LogLevel.Warning, Message = "The 24-hour window of a guest of phone number {PhoneNumberId} could not be read ({ExceptionType}); sending a free-form reply, which the Graph API refuses if the window is closed")]
    public static partial void WindowNotRead(ILogger logger, string phoneNumberId, string exceptionType);

    [LoggerMessage(EventId = 1130, Level = LogLevel.Warning, Message = "WhatsApp media {MediaId} not downloaded: {Reason}")]
    public static partial void MediaNotDownloaded(ILogger logger, string mediaId, string reason);

    [LoggerMessage(EventId = 1131, Level = LogLevel.Debug, Message = "WhatsApp media {MediaId} downloaded ({Bytes} bytes)")]
    public static partial void MediaDownloaded(ILogger logger, string mediaId, int bytes);

    [LoggerMessage(EventId = 1132, Level = LogLevel.Warning, Message = "Message {MessageId} is queued but its id could not be kept for the deduplication window")]
    public static partial void DeduplicationNotConfirmed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 1134, Level = LogLevel.Warning, Message = "A picture or document could not be sent from {PhoneNumberId} (error {ErrorCode}: {Reason}); its caption is sent as text")]
    public static partial void MediaNotSent(ILogger logger, string phoneNumberId, int? errorCode, string reason);
}
