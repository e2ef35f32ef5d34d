using HotelAgent.Abstractions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent.Speech;

/// <summary>
/// Fetches a voice note the channel took in without its bytes, checks it against the limits and its container, then
/// transcribes it with the registered <see cref="ISpeechToTextClient"/>. Every reply comes from the
/// <see cref="IReplyCatalog"/> in the guest's language, unless the options replace it.
/// </summary>
internal sealed class VoiceNoteTranscriber(
    ISpeechToTextClient speechToText,
    IReplyCatalog replies,
    IEnumerable<IMessageChannel> channels,
    IOptions<VoiceNoteOptions> options,
    TimeProvider timeProvider,
    ILogger<VoiceNoteTranscriber> logger) : IVoiceNoteTranscriber
{
    private readonly VoiceNoteOptions _options = options.Value;
    private readonly IMessageChannel[] _channels = [.. channels];

    public async ValueTask<VoiceNoteTranscription> TranscribeAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var audio = message.Media.FirstOrDefault(m => m.Kind == MediaKind.Audio && !m.Content.IsEmpty)
            ?? message.Media.FirstOrDefault(m => m.Kind == MediaKind.Audio && m.MediaId is not null);
        if (audio is null)
        {
            return new VoiceNoteTranscription(VoiceNoteOutcome.NoAudio, message);
        }

        if (audio.Content.IsEmpty)
        {
            var (fetched, failure) = await FetchAsync(message, audio, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }

            if (fetched is null)
            {
                // No channel can fetch it: the agent answers it as an audio it cannot listen to.
                return new VoiceNoteTranscription(VoiceNoteOutcome.NoAudio, message);
            }

            audio = fetched;
        }

        if (audio.Content.Length > _options.MaxBytes)
        {
            Log.VoiceNoteRejected(logger, message.MessageId, "too large", audio.Content.Length, null);
            return await ReplyAsync(VoiceNoteOutcome.TooLarge, message, GuestReplyKeys.VoiceNoteTooLarge, _options.TooLargeReply, null, false, cancellationToken).ConfigureAwait(false);
        }

        if (AudioFormat.Detect(audio.Content.Span) is not { } container)
        {
            Log.VoiceNoteRejected(logger, message.MessageId, "not an audio container", audio.Content.Length, null);
            return await ReplyAsync(VoiceNoteOutcome.Unsupported, message, GuestReplyKeys.VoiceNoteUnsupported, null, null, false, cancellationToken).ConfigureAwait(false);
        }

        var duration = AudioDuration.Of(audio.Content.Span);
        if (duration is { } d && d.TotalSeconds > _options.MaxDurationSeconds)
        {
            Log.VoiceNoteRejected(logger, message.MessageId, "too long", audio.Content.Length, d.TotalSeconds);
            return await ReplyAsync(VoiceNoteOutcome.TooLong, message, GuestReplyKeys.VoiceNoteTooLong, _options.TooLongReply, d, false, cancellationToken).ConfigureAwait(false);
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
                    ["content_type"] = container.ContentType,
                    ["file_name"] = "voice-note." + container.Extension,
                },
            };
            var response = await speechToText.GetTextAsync(stream, request, linked.Token).ConfigureAwait(false);
            transcript = response.Text.Trim();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var transient = IsTransient(ex);
            Log.TranscriptionFailed(logger, message.MessageId, transient, Describe(ex), ex);
            return await ReplyAsync(VoiceNoteOutcome.Failed, message, GuestReplyKeys.VoiceNoteNotHeard, _options.FailedReply, duration, transient, cancellationToken).ConfigureAwait(false);
        }

        if (transcript.Length == 0)
        {
            // Silence or noise: the same audio would give the same nothing again.
            Log.TranscriptionFailed(logger, message.MessageId, false, "empty transcript", null);
            return await ReplyAsync(VoiceNoteOutcome.Failed, message, GuestReplyKeys.VoiceNoteNotHeard, _options.FailedReply, duration, false, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Whether a failed transcription may succeed later: time-outs, network failures, 408, 429 and 5xx may; a 4xx that
    /// judges the request itself (400 "Invalid file format", 413, 415, 422) will not. 401, 403 and 404 are set-up
    /// problems (a wrong key or address): retried, so a fixed set-up gets the message through, and dead-lettered
    /// visibly if it is not fixed in time.
    /// </summary>
    internal static bool IsTransient(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: { } status } => (int)status is 408 or 429 or >= 500 or 401 or 403 or 404,
        HttpRequestException or TimeoutException or OperationCanceledException or IOException => true,
        HotelAgentException hotelAgent => hotelAgent.IsTransient,
        ArgumentException or InvalidDataException or NotSupportedException => false,
        _ => true,
    };

    private static string Describe(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        OperationCanceledException => "timed out",
        _ => exception.GetType().Name,
    };

    /// <summary>Fetches the bytes of <paramref name="audio"/> from its channel; the failure reply when that is not possible.</summary>
    private async Task<(MediaAttachment? Fetched, VoiceNoteTranscription? Failure)> FetchAsync(InboundMessage message, MediaAttachment audio, CancellationToken cancellationToken)
    {
        if (Array.FindLast(_channels, c => string.Equals(c.Name, message.ChannelName, StringComparison.OrdinalIgnoreCase)) is not IMediaChannel channel)
        {
            return (null, null);
        }

        MediaDownload download;
        try
        {
            using var timeout = new CancellationTokenSource(_options.Timeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            download = await channel.DownloadMediaAsync(audio, _options.MaxBytes, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.VoiceNoteNotFetched(logger, message.MessageId, ex is OperationCanceledException ? "timed out" : ex.Message);
            return (null, await ReplyAsync(VoiceNoteOutcome.Unavailable, message, GuestReplyKeys.VoiceNoteUnavailable, null, null, true, cancellationToken).ConfigureAwait(false));
        }

        switch (download.Status)
        {
            case MediaDownloadStatus.Downloaded:
                return (audio with { Content = download.Content }, null);
            case MediaDownloadStatus.TooLarge:
                Log.VoiceNoteRejected(logger, message.MessageId, "too large", (int)Math.Min(download.Size ?? 0, int.MaxValue), null);
                return (null, await ReplyAsync(VoiceNoteOutcome.TooLarge, message, GuestReplyKeys.VoiceNoteTooLarge, _options.TooLargeReply, null, false, cancellationToken).ConfigureAwait(false));
            default:
                Log.VoiceNoteNotFetched(logger, message.MessageId, "the channel no longer has it");
                return (null, await ReplyAsync(VoiceNoteOutcome.Failed, message, GuestReplyKeys.VoiceNoteNotHeard, _options.FailedReply, null, false, cancellationToken).ConfigureAwait(false));
        }
    }

    private async Task<VoiceNoteTranscription> ReplyAsync(
        VoiceNoteOutcome outcome, InboundMessage message, string key, string? replacement, TimeSpan? duration, bool transient, CancellationToken cancellationToken)
    {
        var language = await replies.GetLanguageAsync(message, cancellationToken).ConfigureAwait(false);
        var reply = replacement is { Length: > 0 } ? new OutboundMessage { Text = replacement } : replies.Compose(language, key);
        return new VoiceNoteTranscription(outcome, message, reply, duration) { IsTransient = transient, ReplyLanguage = language };
    }
}
