using System.Buffers.Binary;

namespace HotelAgent.Speech;

/// <summary>
/// Reads the duration of an audio file from its headers, without decoding: Ogg/Opus (the granule position of the
/// last page, at 48 kHz, less the pre-skip of the <c>OpusHead</c> header) and WAV (data size over byte rate).
/// </summary>
internal static class AudioDuration
{
    private const int OpusRate = 48_000;

    public static TimeSpan? Of(ReadOnlySpan<byte> audio) =>
        audio.StartsWith("OggS"u8) ? OfOggOpus(audio) : audio.StartsWith("RIFF"u8) ? OfWav(audio) : null;

    /// <summary>The duration of an Ogg/Opus stream, or <see langword="null"/> when it is not one or is truncated.</summary>
    public static TimeSpan? OfOggOpus(ReadOnlySpan<byte> ogg)
    {
        long lastGranule = -1;
        int? preSkip = null;
        var offset = 0;
        while (offset + 27 <= ogg.Length && ogg[offset..].StartsWith("OggS"u8))
        {
            var granule = BinaryPrimitives.ReadInt64LittleEndian(ogg.Slice(offset + 6, 8));
            int segments = ogg[offset + 26];
            if (offset + 27 + segments > ogg.Length)
            {
                break;
            }

            var bodyLength = 0;
            foreach (var lacing in ogg.Slice(offset + 27, segments))
            {
                bodyLength += lacing;
            }

            var bodyStart = offset + 27 + segments;
            if (bodyStart + bodyLength > ogg.Length)
            {
                break;
            }

            var body = ogg.Slice(bodyStart, bodyLength);
            if (preSkip is null && body.Length >= 19 && body.StartsWith("OpusHead"u8))
            {
                preSkip = BinaryPrimitives.ReadUInt16LittleEndian(body.Slice(10, 2));
            }

            if (granule >= 0)
            {
                lastGranule = granule;
            }

            offset = bodyStart + bodyLength;
        }

        if (preSkip is null || lastGranule < 0)
        {
            return null;
        }

        var samples = Math.Max(0, lastGranule - preSkip.Value);
        return TimeSpan.FromSeconds((double)samples / OpusRate);
    }

    private static TimeSpan? OfWav(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            return null;
        }

        int? byteRate = null;
        var offset = 12;
        while (offset + 8 <= wav.Length)
        {
            var id = wav.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(offset + 4, 4));
            if (id.SequenceEqual("fmt "u8) && offset + 20 <= wav.Length)
            {
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(wav.Slice(offset + 16, 4));
            }
            else if (id.SequenceEqual("data"u8) && byteRate is > 0)
            {
                // espeak-ng writes 0x7FFFFFFF when it streams: fall back to the bytes actually present.
                var dataBytes = Math.Min(size, (uint)(wav.Length - offset - 8));
                return TimeSpan.FromSeconds((double)dataBytes / byteRate.Value);
            }

            offset += 8 + (int)Math.Min(size + (size & 1), int.MaxValue - offset - 8);
        }

        return null;
    }
}
