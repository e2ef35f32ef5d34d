using HotelAgent.Abstractions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent.Speech;

/// <summary>
/// Checks a voice note against the limits, then transcribes it with the registered <see cref="ISpeechToTextClient"/>.
/// </summary>
internal sealed class VoiceNoteTranscriber(
    ISpeechToTextClient speechToText,
    IOptions<VoiceNoteOptions> options,
    TimeProvider timeProvider,
    ILogger<VoiceNoteTranscriber> logger) : IVoiceNoteTranscriber
{
    private readonly VoiceNoteOptions _options = options.Value;

    public async ValueTask<VoiceNoteTranscription> TranscribeAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var audio = message.Media.FirstOrDefault(m => m.Kind == MediaKind.Audio && !m.Content.IsEmpty);
        if (audio is null)
        {
            return new VoiceNoteTranscription(VoiceNoteOutcome.NoAudio, message);
        }

        if (audio.Content.Length > _options.MaxBytes)
        {
            Log.VoiceNoteRejected(logger, message.MessageId, "too large", audio.Content.Length, null);
            return new VoiceNoteTranscription(VoiceNoteOutcome.TooLarge, message, new OutboundMessage { Text = _options.TooLargeReply });
        }

        var duration = AudioDuration.Of(audio.Content.Span);
        if (duration is { } d && d.TotalSeconds > _options.MaxDurationSeconds)
        {
            Log.VoiceNoteRejected(logger, message.MessageId, "too long", audio.Content.Length, d.TotalSeconds);
            return new VoiceNoteTranscription(VoiceNoteOutcome.TooLong, message, new OutboundMessage { Text = _options.TooLongReply }, d);
        }

        string transcript;
        var started = timeProvider.GetTimestamp();
        try
        {
            using var timeout = new CancellationTokenSource(_options.Timeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            using var stream = new MemoryStream(audio.Content.ToArray(), writable: false);
            var request = new SpeechToTextOptions
            {
                SpeechLanguage = message.Language,
                AdditionalProperties = new AdditionalPropertiesDictionary
                {
                    ["content_type"] = audio.ContentType,
                    ["file_name"] = FileNameOf(audio),
                },
            };
            var response = await speechToText.GetTextAsync(stream, request, linked.Token).ConfigureAwait(false);
            transcript = response.Text.Trim();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TranscriptionFailed(logger, message.MessageId, ex);
            return new VoiceNoteTranscription(VoiceNoteOutcome.Failed, message, new OutboundMessage { Text = _options.FailedReply }, duration);
        }

        if (transcript.Length == 0)
        {
            Log.TranscriptionFailed(logger, message.MessageId, null);
            return new VoiceNoteTranscription(VoiceNoteOutcome.Failed, message, new OutboundMessage { Text = _options.FailedReply }, duration);
        }

        Log.Transcribed(logger, message.MessageId, duration?.TotalSeconds, timeProvider.GetElapsedTime(started).TotalSeconds);
        if (logger.IsEnabled(LogLevel.Trace))
        {
            Log.Transcript(logger, message.MessageId, transcript);
        }

        var written = string.Join("\n\n", new[] { message.Text, audio.Caption }.Where(t => !string.IsNullOrWhiteSpace(t)));
        var text = written.Length == 0 ? transcript : written + "\n\n" + transcript;
        return new VoiceNoteTranscription(VoiceNoteOutcome.Transcribed, message with { Text = text }, null, duration);
    }

    private static string FileNameOf(MediaAttachment audio)
    {
        if (audio.MediaId is { } id && Path.HasExtension(id) && id.IndexOfAny(Path.GetInvalidFileNameChars()) < 0)
        {
            return id;
        }

        var type = audio.ContentType.Split(';')[0].Trim().ToUpperInvariant();
        return type switch
        {
            "AUDIO/OGG" or "AUDIO/OPUS" => "voice-note.ogg",
            "AUDIO/MPEG" or "AUDIO/MP3" => "voice-note.mp3",
            "AUDIO/MP4" or "AUDIO/M4A" or "AUDIO/X-M4A" or "AUDIO/AAC" => "voice-note.m4a",
            "AUDIO/WAV" or "AUDIO/X-WAV" or "AUDIO/WAVE" => "voice-note.wav",
            "AUDIO/WEBM" => "voice-note.webm",
            _ => "voice-note.ogg",
        };
    }
}
