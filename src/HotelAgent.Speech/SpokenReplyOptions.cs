using System.ComponentModel.DataAnnotations;

namespace HotelAgent.Speech;

/// <summary>
/// Options of spoken replies (<see cref="VoiceNoteOptions.SpokenReplies"/>, configuration key
/// <c>HotelAgent:Speech:SpokenReplies</c>): a guest who sends a voice note gets the reply as audio too, besides the text.
/// </summary>
public class SpokenReplyOptions
{
    /// <summary>Gets or sets a value indicating whether the replies to a transcribed voice note carry a spoken copy.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the espeak-ng program the built-in <see cref="ITextToSpeech"/> runs (a path, or a name on the <c>PATH</c>).</summary>
    /// <value>The default value is <c>espeak-ng</c>.</value>
    [Required]
    public string EspeakPath { get; set; } = SpokenReplyDefaults.EspeakPath;

    /// <summary>
    /// Gets or sets the opusenc program that encodes the speech as Ogg/Opus (what WhatsApp plays as a voice message);
    /// empty sends WAV (which WhatsApp does not take as audio, but email and other channels do).
    /// </summary>
    /// <value>The default value is <c>opusenc</c>.</value>
    public string? OpusEncoderPath { get; set; } = SpokenReplyDefaults.OpusEncoderPath;

    /// <summary>Gets the espeak-ng voice per language; a language without one uses its code.</summary>
    /// <value>The default value maps <c>es</c> to <c>es</c>, <c>en</c> to <c>en-gb</c> and <c>pt</c> to <c>pt</c>.</value>
    public IDictionary<string, string> Voices { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["es"] = "es",
        ["en"] = "en-gb",
        ["pt"] = "pt",
    };

    /// <summary>Gets or sets the longest text spoken, in characters; a longer reply is sent as text only.</summary>
    /// <value>The default value is 1500.</value>
    [Range(1, 20_000)]
    public int MaxCharacters { get; set; } = SpokenReplyDefaults.MaxCharacters;

    /// <summary>Gets or sets how long making the audio may take before the reply goes as text only.</summary>
    /// <value>The default value is 15 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = SpokenReplyDefaults.Timeout;
}

/// <summary>
/// The default values of <see cref="SpokenReplyOptions"/>.
/// </summary>
internal static class SpokenReplyDefaults
{
    public const string EspeakPath = "espeak-ng";
    public const string OpusEncoderPath = "opusenc";
    public const int MaxCharacters = 1500;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
}
