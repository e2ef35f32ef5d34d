using System.Buffers.Binary;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Speech.Tests;

/// <summary>Spoken replies to voice notes, made with the real espeak-ng and opusenc.</summary>
public sealed class SpokenReplyTests(VoiceNotes notes) : IAsyncLifetime
{
    private const string Channel = "spoken-test";
    private readonly RecordingChannel _channel = new(Channel);
    private FakeTranscriptionServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeTranscriptionServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<IHost> StartHostAsync(Action<SpokenReplyOptions>? spoken = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IMessageChannel>(_channel);
        builder.Services
            .AddHotelAgent(o => o.InboxRetryDelay = TimeSpan.Zero)
            .AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
            .AddSpeechToText(o =>
            {
                o.Endpoint = _server.BaseUrl;
                spoken?.Invoke(o.SpokenReplies);
            });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private InboundMessage Message(string id, string guest, bool voice) => new()
    {
        MessageId = id,
        ChannelName = Channel,
        ConversationId = $"{Channel}:{guest}",
        GuestId = guest,
        Text = voice ? null : "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas",
        Media = voice ? [new MediaAttachment { Kind = MediaKind.Audio, ContentType = "audio/ogg; codecs=opus", Content = notes.OggOpus, MediaId = "m" }] : [],
    };

    private async Task<IReadOnlyList<OutboundMessage>> TurnAsync(IHost host, InboundMessage message)
    {
        await host.Services.GetRequiredService<IInbox>().EnqueueAsync(message);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!_channel.Sent.Any(s => s.GuestId == message.GuestId && s.Message.Text.Contains("240,00", StringComparison.Ordinal)))
        {
            await Task.Delay(20, timeout.Token);
        }

        return [.. _channel.Sent.Where(s => s.GuestId == message.GuestId).Select(s => s.Message)];
    }

    [Fact]
    public async Task VoiceNote_SpokenRepliesOn_LastReplyCarriesTheRepliesSpokenAsOggOpus()
    {
        notes.SkipIfMissing();
        using var host = await StartHostAsync(o => o.Enabled = true);

        var replies = await TurnAsync(host, Message("s1", "ana", voice: true));

        var audio = replies[^1].Media.Should().ContainSingle().Subject;
        audio.Kind.Should().Be(MediaKind.Audio);
        audio.ContentType.Should().Be("audio/ogg");
        audio.FileName.Should().Be("reply.ogg");
        audio.Content.Span[..4].ToArray().Should().Equal("OggS"u8.ToArray());
        // espeak-ng speaks about 13 characters a second: the quote takes several seconds, not a blip.
        var spoken = string.Join("\n", replies.Select(r => r.Text));
        AudioDuration.Of(audio.Content.Span).Should().BeGreaterThan(TimeSpan.FromSeconds(spoken.Length / 40.0));
        replies.Take(replies.Count - 1).Should().OnlyContain(r => r.Media.Count == 0);
    }

    [Fact]
    public async Task TextMessage_SpokenRepliesOn_ReplyIsTextOnly()
    {
        notes.SkipIfMissing();
        using var host = await StartHostAsync(o => o.Enabled = true);

        var replies = await TurnAsync(host, Message("s2", "bea", voice: false));

        replies.Should().OnlyContain(r => r.Media.Count == 0);
    }

    [Fact]
    public async Task VoiceNote_SpokenRepliesOff_ReplyIsTextOnly()
    {
        notes.SkipIfMissing();
        using var host = await StartHostAsync();

        var replies = await TurnAsync(host, Message("s3", "carla", voice: true));

        replies.Should().OnlyContain(r => r.Media.Count == 0);
    }

    [Fact]
    public async Task VoiceNote_SpeechProgramMissing_ReplyGoesAsTextOnly()
    {
        notes.SkipIfMissing();
        using var host = await StartHostAsync(o =>
        {
            o.Enabled = true;
            o.EspeakPath = "/nonexistent/espeak-ng";
        });

        var replies = await TurnAsync(host, Message("s4", "dora", voice: true));

        replies.Should().OnlyContain(r => r.Media.Count == 0);
    }

    [Theory]
    [InlineData("es", "Su reserva está confirmada.")]
    [InlineData("en", "Your booking is confirmed.")]
    [InlineData("pt", "A sua reserva está confirmada.")]
    public async Task SynthesizeAsync_WithoutEncoder_IsAWavWithItsSizesSet(string language, string text)
    {
        notes.SkipIfMissing();
        var options = new VoiceNoteOptions();
        options.SpokenReplies.OpusEncoderPath = string.Empty;
        var speech = new EspeakTextToSpeech(new StaticOptions(options), new FakeTimeProvider());

        var audio = await speech.SynthesizeAsync(text, language, TestContext.Current.CancellationToken);

        audio.ContentType.Should().Be("audio/wav");
        var wav = audio.Content.Span;
        wav[..4].ToArray().Should().Equal("RIFF"u8.ToArray());
        BinaryPrimitives.ReadUInt32LittleEndian(wav[4..8]).Should().Be((uint)(wav.Length - 8));
        AudioDuration.Of(wav).Should().BeGreaterThan(TimeSpan.FromSeconds(0.8)).And.BeLessThan(TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task SynthesizeAsync_TakesLongerThanTheTimeout_ThrowsSpeechSynthesisException()
    {
        notes.SkipIfMissing();
        var options = new VoiceNoteOptions();
        options.SpokenReplies.Timeout = TimeSpan.FromMilliseconds(100);
        var clock = new FakeTimeProvider();
        var speech = new EspeakTextToSpeech(new StaticOptions(options), clock);

        // A text long enough to keep espeak-ng busy while the fake clock passes the timeout.
        var speaking = speech.SynthesizeAsync(string.Concat(Enumerable.Repeat("Una frase bastante larga para hablar. ", 400)), "es", TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(1));

        await FluentActions.Awaiting(() => speaking).Should().ThrowAsync<SpeechSynthesisException>().WithMessage("*longer than*");
    }

    private sealed class StaticOptions(VoiceNoteOptions value) : IOptionsMonitor<VoiceNoteOptions>
    {
        public VoiceNoteOptions CurrentValue => value;

        public VoiceNoteOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<VoiceNoteOptions, string?> listener) => null;
    }
}
