namespace HotelAgent.Speech;

/// <summary>
/// Recognises an audio container from its first bytes, so that bytes no transcription service can read are answered
/// politely instead of being sent: Ogg (<c>OggS</c>), MP3 (an <c>ID3</c> tag or an MPEG audio frame sync), WAV
/// (<c>RIFF....WAVE</c>), FLAC (<c>fLaC</c>), WebM/Matroska (EBML <c>1A 45 DF A3</c>), MP4/M4A (<c>ftyp</c> at byte 4)
/// and AMR (<c>#!AMR</c>).
/// </summary>
internal static class AudioFormat
{
    /// <summary>The container of <paramref name="audio"/>, or <see langword="null"/> when it is none of the known ones.</summary>
    public static AudioContainer? Detect(ReadOnlySpan<byte> audio)
    {
        if (audio.StartsWith("OggS"u8))
        {
            return new AudioContainer("ogg", "audio/ogg");
        }

        if (audio.StartsWith("ID3"u8) || IsMpegAudioFrame(audio))
        {
            return new AudioContainer("mp3", "audio/mpeg");
        }

        if (audio.Length >= 12 && audio.StartsWith("RIFF"u8) && audio[8..12].SequenceEqual("WAVE"u8))
        {
            return new AudioContainer("wav", "audio/wav");
        }

        if (audio.StartsWith("fLaC"u8))
        {
            return new AudioContainer("flac", "audio/flac");
        }

        if (audio.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return new AudioContainer("webm", "audio/webm");
        }

        if (audio.Length >= 12 && audio[4..8].SequenceEqual("ftyp"u8))
        {
            return new AudioContainer("m4a", "audio/mp4");
        }

        if (audio.StartsWith("#!AMR"u8))
        {
            return new AudioContainer("amr", "audio/amr");
        }

        return null;
    }

    /// <summary>An MPEG audio frame header: 11 sync bits, a version other than reserved, a layer other than reserved (ADTS AAC has layer 0).</summary>
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> audio) =>
        audio.Length >= 4
        && audio[0] == 0xFF
        && (audio[1] & 0xE0) == 0xE0
        && (audio[1] & 0x18) != 0x08
        && (audio[1] & 0x06) != 0
        && (audio[2] & 0xF0) != 0xF0;
}

/// <summary>An audio container: the file extension and MIME type sent to the transcription service.</summary>
/// <param name="Extension">The file extension, without the dot.</param>
/// <param name="ContentType">The MIME type.</param>
internal sealed record AudioContainer(string Extension, string ContentType);
