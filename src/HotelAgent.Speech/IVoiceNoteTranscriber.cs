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
/// <param name="Reply">The polite reply to send instead of answering, for <see cref="VoiceNoteOutcome.TooLong"/>, <see cref="VoiceNoteOutcome.TooLarge"/> and <see cref="VoiceNoteOutcome.Failed"/>.</param>
/// <param name="Duration">The duration of the voice note, when its headers tell it.</param>
public sealed record VoiceNoteTranscription(VoiceNoteOutcome Outcome, InboundMessage Message, OutboundMessage? Reply = null, TimeSpan? Duration = null);

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

    /// <summary>Transcription failed or returned no text.</summary>
    Failed = 4,
}
