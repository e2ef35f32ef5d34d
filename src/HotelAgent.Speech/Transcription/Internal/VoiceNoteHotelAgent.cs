using System.Collections.Concurrent;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent.Speech;

/// <summary>
/// Wraps the agent so every channel's voice notes are transcribed before the agent reads them: the transcript goes
/// through the normal pipeline and the agent answers in text. A voice note that cannot be read for good (over the
/// limits, not audio, refused by the service, gone from the channel) is answered with the polite reply, without the
/// agent. When a later try may succeed (the service is down or slow, the channel could not fetch the note), the guest
/// is told once and a <see cref="VoiceNoteTranscriptionException"/> (transient) leaves the message in the inbox, which
/// retries it and finally dead-letters it, visibly, for replay. With <see cref="SpokenReplyOptions.Enabled"/>, the
/// answer to a transcribed voice note also carries the replies spoken (<see cref="ITextToSpeech"/>) as an audio
/// attachment of the last reply; when the audio cannot be made, the text goes alone.
/// </summary>
internal sealed class VoiceNoteHotelAgent(
    IHotelAgent inner,
    IVoiceNoteTranscriber transcriber,
    IEnumerable<IMessageChannel> channels,
    ILogger<VoiceNoteHotelAgent> logger,
    ITextToSpeech? speech = null,
    IOptionsMonitor<VoiceNoteOptions>? options = null) : IHotelAgent
{
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, byte> _told = new(StringComparer.Ordinal);

    public async Task<AgentResponse> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = await transcriber.TranscribeAsync(message, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case VoiceNoteOutcome.Transcribed:
                return await SpokenAsync(await inner.HandleAsync(result.Message, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            case VoiceNoteOutcome.NoAudio:
                return await inner.HandleAsync(result.Message, cancellationToken).ConfigureAwait(false);
            case VoiceNoteOutcome.Failed or VoiceNoteOutcome.Unavailable when result.IsTransient:
                await TellOnceAsync(message, result.Reply!, cancellationToken).ConfigureAwait(false);
                Log.VoiceNoteKept(logger, message.MessageId, result.Outcome);
                throw new VoiceNoteTranscriptionException($"The voice note of message {message.MessageId} could not be {(result.Outcome == VoiceNoteOutcome.Unavailable ? "fetched" : "transcribed")} now; it is kept for another attempt.")
                {
                    IsTransient = true,
                };
            default:
                return new AgentResponse
                {
                    Replies = [result.Reply!],
                    Intent = Intents.OutOfScope,
                    State = DialogueStates.Idle,
                    Language = result.ReplyLanguage ?? message.Language ?? string.Empty,
                };
        }
    }

    /// <summary>Adds the spoken replies to the answer to a voice note, when they are enabled.</summary>
    private async Task<AgentResponse> SpokenAsync(AgentResponse response, CancellationToken cancellationToken)
    {
        var settings = options?.CurrentValue.SpokenReplies;
        if (speech is null || settings is not { Enabled: true } || response.IsDuplicate || response.Replies.Count == 0)
        {
            return response;
        }

        var text = string.Join("\n", response.Replies.Select(r => r.Text.Trim()).Where(t => t.Length > 0));
        if (text.Length == 0 || text.Length > settings.MaxCharacters)
        {
            return response;
        }

        var language = string.IsNullOrEmpty(response.Language) ? "es" : response.Language;
        SpokenAudio audio;
        try
        {
            audio = await speech.SynthesizeAsync(text, language, cancellationToken).ConfigureAwait(false);
        }
        catch (SpeechSynthesisException ex)
        {
            Log.SpokenReplyFailed(logger, ex);
            return response;
        }

        var replies = response.Replies.ToArray();
        var last = replies[^1];
        replies[^1] = last with
        {
            Media =
            [
                .. last.Media,
                new OutboundMedia
                {
                    Kind = MediaKind.Audio,
                    Content = audio.Content,
                    ContentType = audio.ContentType,
                    FileName = audio.ContentType == "audio/ogg" ? "reply.ogg" : "reply.wav",
                },
            ],
        };
        Log.SpokenReplyAdded(logger, audio.Content.Length, audio.ContentType);
        return response with { Replies = replies };
    }

    /// <summary>Sends the reply once per message, however many times the inbox retries it.</summary>
    private async Task TellOnceAsync(InboundMessage message, OutboundMessage reply, CancellationToken cancellationToken)
    {
        var key = message.ChannelName + "\n" + message.MessageId;
        if (_told.Count >= MaxRemembered)
        {
            _told.Clear();
        }

        if (!_told.TryAdd(key, 0))
        {
            return;
        }

        var channel = channels.LastOrDefault(c => string.Equals(c.Name, message.ChannelName, StringComparison.OrdinalIgnoreCase));
        if (channel is null)
        {
            return;
        }

        try
        {
            await channel.SendAsync(message.GuestId, reply, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AskToWriteFailed(logger, message.MessageId, ex);
        }
    }
}
