namespace HotelAgent.Abstractions;

/// <summary>
/// The agent's reply texts in Spanish, English and Portuguese, with the integrator's replacements
/// (<c>HotelAgent:Replies:{key}:{language}</c>), for packages that answer a guest outside the dialogue (a voice note
/// that cannot be heard). <c>AddHotelAgent()</c> registers it.
/// </summary>
/// <remarks>Implementations must be safe for concurrent use.</remarks>
public interface IReplyCatalog
{
    /// <summary>
    /// Finds the guest's language: the one the message asks for, else the conversation's, else the configured default.
    /// </summary>
    /// <param name="message">The guest's message being answered.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The language code: <c>es</c>, <c>en</c> or <c>pt</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    ValueTask<string> GetLanguageAsync(InboundMessage message, CancellationToken cancellationToken = default);

    /// <summary>Composes the reply <paramref name="key"/> (see <see cref="GuestReplyKeys"/>) in <paramref name="language"/>.</summary>
    /// <param name="language">The language code: <c>es</c>, <c>en</c> or <c>pt</c>.</param>
    /// <param name="key">The reply key.</param>
    /// <returns>The reply, with the integrator's replacement when there is one.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a reply key.</exception>
    OutboundMessage Compose(string language, string key);
}

/// <summary>
/// Keys of replies other packages compose through <see cref="IReplyCatalog"/>; each can be replaced per language
/// under <c>HotelAgent:Replies</c>.
/// </summary>
public static class GuestReplyKeys
{
    /// <summary>A voice note longer than the transcription limit.</summary>
    public const string VoiceNoteTooLong = "voice_note_too_long";

    /// <summary>A voice note larger than the transcription limit.</summary>
    public const string VoiceNoteTooLarge = "voice_note_too_large";

    /// <summary>A voice note that could not be transcribed ("could you write it?").</summary>
    public const string VoiceNoteNotHeard = "voice_note_not_heard";

    /// <summary>An audio file in a format speech-to-text cannot read.</summary>
    public const string VoiceNoteUnsupported = "voice_note_unsupported";

    /// <summary>A voice note the channel could not fetch yet; it is tried again.</summary>
    public const string VoiceNoteUnavailable = "voice_note_unavailable";
}
