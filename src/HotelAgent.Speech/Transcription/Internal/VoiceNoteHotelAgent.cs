using System.Collections.Concurrent;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Speech;

/// <summary>
/// Wraps the agent so every channel's voice notes are transcribed before the agent reads them: the transcript goes
/// through the normal pipeline and the agent answers in text. A voice note over the limits is answered with the
/// polite reply, without the agent. When transcription fails the guest is asked once to write instead, and a
/// <see cref="VoiceNoteTranscriptionException"/> (transient) leaves the message in the inbox, which retries it and
/// finally dead-letters it for replay.
/// </summary>
internal sealed class VoiceNoteHotelAgent(
    IHotelAgent inner,
    IVoiceNoteTranscriber transcriber,
    IEnumerable<IMessageChannel> channels,
    ILogger<VoiceNoteHotelAgent> logger) : IHotelAgent
{
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, byte> _asked = new(StringComparer.Ordinal);

    public async Task<AgentResponse> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = await transcriber.TranscribeAsync(message, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case VoiceNoteOutcome.Transcribed:
            case VoiceNoteOutcome.NoAudio:
                return await inner.HandleAsync(result.Message, cancellationToken).ConfigureAwait(false);
            case VoiceNoteOutcome.TooLong:
            case VoiceNoteOutcome.TooLarge:
                return new AgentResponse { Replies = [result.Reply!], Intent = Intents.OutOfScope, State = DialogueStates.Idle, Language = message.Language ?? "es" };
            default:
                await AskToWriteOnceAsync(message, result.Reply!, cancellationToken).ConfigureAwait(false);
                throw new VoiceNoteTranscriptionException($"The voice note of message {message.MessageId} could not be transcribed.") { IsTransient = true };
        }
    }

    private async Task AskToWriteOnceAsync(InboundMessage message, OutboundMessage reply, CancellationToken cancellationToken)
    {
        var key = message.ChannelName + "\n" + message.MessageId;
        if (_asked.Count >= MaxRemembered)
        {
            _asked.Clear();
        }

        if (!_asked.TryAdd(key, 0))
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
