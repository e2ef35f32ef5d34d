namespace HotelAgent.Speech.Tests;

public sealed class AudioDurationTests(VoiceNotes notes)
{
    [Fact]
    public void Of_RealOggOpusVoiceNote_MatchesTheDurationOfTheWavItWasEncodedFrom()
    {
        notes.SkipIfMissing();

        var wav = AudioDuration.Of(notes.Wav);
        var ogg = AudioDuration.Of(notes.OggOpus);

        wav.Should().NotBeNull();
        wav!.Value.TotalSeconds.Should().BeInRange(2, 15);
        ogg.Should().NotBeNull();
        ogg!.Value.TotalSeconds.Should().BeApproximately(wav.Value.TotalSeconds, 0.05);
    }

    [Fact]
    public void Of_TruncatedOrUnknownAudio_ReturnsNull()
    {
        AudioDuration.Of("OggS"u8).Should().BeNull();
        AudioDuration.Of([1, 2, 3, 4, 5]).Should().BeNull();
        AudioDuration.Of([]).Should().BeNull();
    }
}
