using HotelAgent.Abstractions;

namespace HotelAgent.Speech;

/// <summary>
/// A voice note could not be transcribed; the inbox keeps the message and retries it.
/// </summary>
public class VoiceNoteTranscriptionException : HotelAgentException
{
    /// <summary>Initializes a new instance of the <see cref="VoiceNoteTranscriptionException"/> class.</summary>
    public VoiceNoteTranscriptionException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="VoiceNoteTranscriptionException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public VoiceNoteTranscriptionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="VoiceNoteTranscriptionException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public VoiceNoteTranscriptionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
