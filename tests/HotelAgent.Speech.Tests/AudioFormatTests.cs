namespace HotelAgent.Speech.Tests;

public sealed class AudioFormatTests
{
    public static TheoryData<byte[], string> Containers => new()
    {
        { [.. "OggS"u8, 0, 2, 0, 0], "ogg" },
        { [.. "ID3"u8, 4, 0, 0, 0, 0], "mp3" },
        { [0xFF, 0xFB, 0x90, 0x64], "mp3" },
        { [.. "RIFF"u8, 36, 0, 0, 0, .. "WAVE"u8, .. "fmt "u8], "wav" },
        { [.. "fLaC"u8, 0, 0, 0, 34], "flac" },
        { [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81], "webm" },
        { [0, 0, 0, 0x20, .. "ftypM4A "u8, 0, 0, 0, 0], "m4a" },
        { [.. "#!AMR\n"u8, 0x3C], "amr" },
    };

    [Theory]
    [MemberData(nameof(Containers))]
    public void Detect_KnownHeader_NamesTheContainer(byte[] header, string extension) =>
        AudioFormat.Detect(header).Should().NotBeNull().And.Subject.As<AudioContainer>().Extension.Should().Be(extension);

    [Theory]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 })] // GIF89a
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D })] // %PDF-
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50, 0x80 })] // ADTS AAC: frame sync, layer 0
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x41, 0x56, 0x49, 0x20 })] // RIFF....AVI
    [InlineData(new byte[] { 0x4F, 0x67 })] // truncated
    [InlineData(new byte[0])]
    public void Detect_OtherBytes_Null(byte[] header) => AudioFormat.Detect(header).Should().BeNull();

    [Theory]
    [InlineData(400, false)]
    [InlineData(413, false)]
    [InlineData(415, false)]
    [InlineData(422, false)]
    [InlineData(401, true)]
    [InlineData(404, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    public void IsTransient_HttpStatus_PermanentOnlyForRequestErrors(int status, bool transient) =>
        VoiceNoteTranscriber.IsTransient(new HttpRequestException("x", null, (System.Net.HttpStatusCode)status)).Should().Be(transient);

    [Fact]
    public void IsTransient_TimeoutOrNetwork_True()
    {
        VoiceNoteTranscriber.IsTransient(new TaskCanceledException()).Should().BeTrue();
        VoiceNoteTranscriber.IsTransient(new HttpRequestException("connection refused")).Should().BeTrue();
    }
}
