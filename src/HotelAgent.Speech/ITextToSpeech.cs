namespace HotelAgent.Speech;

/// <summary>
/// Speaks a reply: turns text into audio the channels can send (a spoken answer to a guest who sent a voice note).
/// The counterpart of the speech-to-text client the voice notes are transcribed with.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface ITextToSpeech
{
    /// <summary>Speaks <paramref name="text"/> in <paramref name="language"/>.</summary>
    /// <param name="text">The text to speak.</param>
    /// <param name="language">The language of the text: <c>es</c>, <c>en</c> or <c>pt</c>.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The audio.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> or <paramref name="language"/> is empty.</exception>
    /// <exception cref="SpeechSynthesisException">The audio could not be made.</exception>
    Task<SpokenAudio> SynthesizeAsync(string text, string language, CancellationToken cancellationToken = default);
}

/// <summary>
/// Audio made by <see cref="ITextToSpeech"/>.
/// </summary>
/// <param name="Content">The bytes of the audio file.</param>
/// <param name="ContentType">The MIME type: <c>audio/ogg</c> (Ogg/Opus, the format of WhatsApp voice notes) or <c>audio/wav</c>.</param>
public sealed record SpokenAudio(ReadOnlyMemory<byte> Content, string ContentType);

/// <summary>
/// The exception thrown when <see cref="ITextToSpeech"/> cannot make the audio (the program is missing, fails or is too slow).
/// </summary>
public class SpeechSynthesisException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="SpeechSynthesisException"/> class.</summary>
    public SpeechSynthesisException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SpeechSynthesisException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public SpeechSynthesisException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SpeechSynthesisException"/> class with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SpeechSynthesisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
