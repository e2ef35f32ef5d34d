using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Speech;

/// <summary>
/// The log messages of voice-note transcription (event ids 1300-1399). Transcripts are logged only at Trace; the API
/// key never.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Debug, Message = "Voice note of message {MessageId} transcribed ({DurationSeconds} s of audio in {ElapsedSeconds} s)")]
    public static partial void Transcribed(ILogger logger, string messageId, double? durationSeconds, double elapsedSeconds);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Trace, Message = "Transcript of message {MessageId}: {Transcript}")]
    public static partial void Transcript(ILogger logger, string messageId, [GuestData] string transcript);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Voice note of message {MessageId} not transcribed: {Reason} ({Bytes} bytes, {DurationSeconds} s)")]
    public static partial void VoiceNoteRejected(ILogger logger, string messageId, string reason, int bytes, double? durationSeconds);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Voice note of message {MessageId} could not be transcribed ({Reason}; transient: {IsTransient})")]
    public static partial void TranscriptionFailed(ILogger logger, string messageId, bool isTransient, string reason, Exception? exception);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "The request to write instead of a voice note (message {MessageId}) could not be sent")]
    public static partial void AskToWriteFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Voice note of message {MessageId} could not be fetched from its channel: {Reason}")]
    public static partial void VoiceNoteNotFetched(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Information, Message = "Voice note of message {MessageId} kept for another attempt ({Outcome})")]
    public static partial void VoiceNoteKept(ILogger logger, string messageId, VoiceNoteOutcome outcome);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Debug, Message = "Spoken reply added: {Bytes} bytes of {ContentType}")]
    public static partial void SpokenReplyAdded(ILogger logger, int bytes, string contentType);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "The reply to a voice note could not be spoken; it is sent as text")]
    public static partial void SpokenReplyFailed(ILogger logger, Exception exception);
}
