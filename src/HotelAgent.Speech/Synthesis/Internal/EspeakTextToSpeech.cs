using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;

namespace HotelAgent.Speech;

/// <summary>
/// The built-in <see cref="ITextToSpeech"/>: espeak-ng speaks the text (given on its standard input, so no text is ever
/// read as an option) to WAV, and opusenc encodes it as Ogg/Opus when <see cref="SpokenReplyOptions.OpusEncoderPath"/> is
/// set. Both run as child processes, killed when the timeout or the caller's token ends them.
/// </summary>
internal sealed class EspeakTextToSpeech(IOptionsMonitor<VoiceNoteOptions> options, TimeProvider timeProvider) : ITextToSpeech
{
    public async Task<SpokenAudio> SynthesizeAsync(string text, string language, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        var settings = options.CurrentValue.SpokenReplies;
        var voice = settings.Voices.TryGetValue(language, out var configured) && !string.IsNullOrWhiteSpace(configured) ? configured : language;
        using var timeout = new CancellationTokenSource(settings.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            var wav = await RunAsync(settings.EspeakPath, ["--stdout", "-v", voice], Encoding.UTF8.GetBytes(text), linked.Token).ConfigureAwait(false);
            if (wav.Length <= 44 || !wav.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !wav.AsSpan(8, 4).SequenceEqual("WAVE"u8))
            {
                throw new SpeechSynthesisException($"{settings.EspeakPath} gave no WAV audio for voice '{voice}'.");
            }

            if (string.IsNullOrWhiteSpace(settings.OpusEncoderPath))
            {
                return new SpokenAudio(WithSizes(wav), "audio/wav");
            }

            var ogg = await RunAsync(settings.OpusEncoderPath, ["--quiet", "-", "-"], wav, linked.Token).ConfigureAwait(false);
            return ogg.Length > 4 && ogg.AsSpan(0, 4).SequenceEqual("OggS"u8)
                ? new SpokenAudio(ogg, "audio/ogg")
                : throw new SpeechSynthesisException($"{settings.OpusEncoderPath} gave no Ogg audio.");
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new SpeechSynthesisException($"Speaking the reply took longer than {settings.Timeout}.", ex);
        }
    }

    private static async Task<byte[]> RunAsync(string program, string[] arguments, byte[] input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new SpeechSynthesisException($"{program} could not be started: {ex.Message}", ex);
        }

        try
        {
            using var output = new MemoryStream();
            var reading = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardInput.BaseStream.WriteAsync(input, cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
            await reading.ConfigureAwait(false);
            var error = await errors.ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode == 0
                ? output.ToArray()
                : throw new SpeechSynthesisException($"{program} exited with {process.ExitCode}: {error.Trim()}");
        }
        catch (Exception) when (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>Sets the RIFF and data sizes espeak-ng leaves open when it writes to a pipe.</summary>
    private static byte[] WithSizes(byte[] wav)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4, 4), (uint)(wav.Length - 8));
        for (var at = 12; at + 8 <= wav.Length;)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(at + 4, 4));
            if (wav.AsSpan(at, 4).SequenceEqual("data"u8))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(at + 4, 4), (uint)(wav.Length - at - 8));
                break;
            }

            at += 8 + (int)Math.Min(size, (uint)wav.Length);
        }

        return wav;
    }
}
