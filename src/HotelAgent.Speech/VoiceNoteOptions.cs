using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HotelAgent.Speech;

/// <summary>
/// Options of voice-note transcription: the limits, the OpenAI-compatible endpoint and the replies sent when a voice
/// note cannot be read.
/// </summary>
/// <remarks><see cref="ApiKey"/> is a secret: it is never logged.</remarks>
public class VoiceNoteOptions
{
    /// <summary>Gets or sets the longest voice note transcribed, in seconds (measured from the Ogg/Opus or WAV headers).</summary>
    /// <value>The default value is 120.</value>
    [Range(1, 3600)]
    public int MaxDurationSeconds { get; set; } = VoiceNoteDefaults.MaxDurationSeconds;

    /// <summary>Gets or sets the largest voice note transcribed, in bytes.</summary>
    /// <value>The default value is 10 MiB.</value>
    [Range(1, 104_857_600)]
    public int MaxBytes { get; set; } = VoiceNoteDefaults.MaxBytes;

    /// <summary>Gets or sets the base address of the OpenAI-compatible API, for example <c>https://api.openai.com/v1/</c>; requests go to <c>audio/transcriptions</c> under it.</summary>
    /// <value>The default value is <see langword="null"/>: register your own <c>ISpeechToTextClient</c>.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the API key sent as a bearer token. A secret.</summary>
    /// <value>The default value is <see langword="null"/> (no <c>Authorization</c> header).</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the transcription model.</summary>
    /// <value>The default value is <c>whisper-1</c>.</value>
    [Required]
    public string Model { get; set; } = VoiceNoteDefaults.Model;

    /// <summary>
    /// Gets or sets how long opening a connection to <see cref="Endpoint"/> (TCP connect and TLS handshake) may take
    /// before the transcription fails.
    /// </summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = VoiceNoteDefaults.ConnectTimeout;

    /// <summary>Gets or sets the timeout of one transcription request.</summary>
    /// <value>The default value is 60 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = VoiceNoteDefaults.Timeout;

    /// <summary>
    /// Gets or sets a text that replaces, in every language, the reply to a voice note longer than <see cref="MaxDurationSeconds"/>. Prefer the reply catalogue:
    /// <c>HotelAgent:Replies:{key}:{language}</c> (keys in <see cref="HotelAgent.Abstractions.GuestReplyKeys"/>).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the catalogue's reply in the guest's language.</value>
    public string? TooLongReply { get; set; }

    /// <summary>
    /// Gets or sets a text that replaces, in every language, the reply to a voice note larger than <see cref="MaxBytes"/>. Prefer the reply catalogue:
    /// <c>HotelAgent:Replies:{key}:{language}</c> (keys in <see cref="HotelAgent.Abstractions.GuestReplyKeys"/>).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the catalogue's reply in the guest's language.</value>
    public string? TooLargeReply { get; set; }

    /// <summary>
    /// Gets or sets a text that replaces, in every language, the reply to a voice note that could not be heard ("could you write it?"). Prefer the reply catalogue:
    /// <c>HotelAgent:Replies:{key}:{language}</c> (keys in <see cref="HotelAgent.Abstractions.GuestReplyKeys"/>).
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the catalogue's reply in the guest's language.</value>
    public string? FailedReply { get; set; }

    /// <summary>Gets the options of spoken replies to voice notes (off unless <see cref="SpokenReplyOptions.Enabled"/>).</summary>
    [ValidateObjectMembers]
    public SpokenReplyOptions SpokenReplies { get; } = new();
}

/// <summary>
/// The default values of <see cref="VoiceNoteOptions"/>.
/// </summary>
internal static class VoiceNoteDefaults
{
    public const int MaxDurationSeconds = 120;
    public const int MaxBytes = 10 * 1024 * 1024;
    public const string Model = "whisper-1";
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
}
