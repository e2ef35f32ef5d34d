using HotelAgent.Abstractions;

namespace HotelAgent.Speech;

/// <summary>
/// Turns the voice note of an inbound message into text, within the limits of <see cref="VoiceNoteOptions"/>. Call it
/// before the agent reads a message (<c>AddVoiceNotes()</c> does so for every channel).
/// </summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface IVoiceNoteTranscriber
{
    /// <summary>Transcribes the first audio attachment of <paramref name="message"/>, if it has one.</summary>
    /// <param name="message">The guest's message.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The outcome: the message with its transcript, or the reply to send instead.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    ValueTask<VoiceNoteTranscription> TranscribeAsync(InboundMessage message, CancellationToken cancellationToken = default);
}

/// <summary>
/// The outcome of <see cref="IVoiceNoteTranscriber.TranscribeAsync"/>.
/// </summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Message">The message: with <see cref="InboundMessage.Text"/> set to the transcript (after any caption or text) when <see cref="VoiceNoteOutcome.Transcribed"/>, else unchanged.</param>
/// <param name="Reply">The polite reply to send instead of answering, in the guest's language, for every outcome but <see cref="VoiceNoteOutcome.NoAudio"/> and <see cref="VoiceNoteOutcome.Transcribed"/>.</param>
/// <param name="Duration">The duration of the voice note, when its headers tell it.</param>
public sealed record VoiceNoteTranscription(VoiceNoteOutcome Outcome, InboundMessage Message, OutboundMessage? Reply = null, TimeSpan? Duration = null)
{
    /// <summary>
    /// Gets a value indicating whether trying again later may succeed (<see cref="VoiceNoteOutcome.Unavailable"/>, or a
    /// <see cref="VoiceNoteOutcome.Failed"/> transcription that timed out or met a server error): the message should be
    /// kept and retried. A permanent failure (the service refused the file) is answered once and not retried.
    /// </summary>
    public bool IsTransient { get; init; }

    /// <summary>Gets the language of <see cref="Reply"/>, when there is one.</summary>
    public string? ReplyLanguage { get; init; }
}

/// <summary>
/// What <see cref="IVoiceNoteTranscriber"/> did with a message.
/// </summary>
public enum VoiceNoteOutcome
{
    /// <summary>The message has no audio with bytes: it goes to the agent as it is.</summary>
    NoAudio = 0,

    /// <summary>The voice note was transcribed.</summary>
    Transcribed = 1,

    /// <summary>The voice note is longer than <see cref="VoiceNoteOptions.MaxDurationSeconds"/>.</summary>
    TooLong = 2,

    /// <summary>The voice note is larger than <see cref="VoiceNoteOptions.MaxBytes"/>.</summary>
    TooLarge = 3,

    /// <summary>Transcription failed or returned no text; see <see cref="VoiceNoteTranscription.IsTransient"/>.</summary>
    Failed = 4,

    /// <summary>The bytes are not in an audio container speech-to-text reads (Ogg, MP3, WAV, FLAC, WebM, MP4, AMR); nothing was sent.</summary>
    Unsupported = 5,

    /// <summary>The channel could not fetch the voice note now (a Graph API error, an expired link, a slow download); a later try may.</summary>
    Unavailable = 6,
}
