using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Speech.Tests;

/// <summary>
/// Voice notes through a small host: the agent, the demo PMS, a recording channel, and the OpenAI-compatible client
/// pointed at the fake transcription server.
/// </summary>
public sealed class VoiceNoteTests(VoiceNotes notes) : IAsyncLifetime
{
    private const string Channel = "voice-test";
    private readonly RecordingChannel _channel = new(Channel);
    private FakeTranscriptionServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeTranscriptionServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<IHost> StartHostAsync(Action<VoiceNoteOptions>? configure = null, Action<HotelAgentOptions>? agent = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IMessageChannel>(_channel);
        builder.Services
            .AddHotelAgent(o =>
            {
                o.InboxRetryDelay = TimeSpan.Zero;
                agent?.Invoke(o);
            })
            .AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
            .AddSpeechToText(o =>
            {
                o.Endpoint = _server.BaseUrl;
                o.ApiKey = "sk-loopback-4f9a2c7e1b";
                o.Model = "whisper-test";
                configure?.Invoke(o);
            });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private InboundMessage VoiceNote(string id, string guest, byte[]? audio = null) => new()
    {
        MessageId = id,
        ChannelName = Channel,
        ConversationId = $"{Channel}:{guest}",
        GuestId = guest,
        Media = [new MediaAttachment { Kind = MediaKind.Audio, ContentType = "audio/ogg; codecs=opus", Content = audio ?? notes.OggOpus, MediaId = "media-1" }],
    };

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    [Fact]
    public async Task VoiceNote_RealOggOpus_TranscriptReachesTheAgentWhichAnswersInText()
    {
        notes.SkipIfMissing();
        using var host = await StartHostAsync();

        await host.Services.GetRequiredService<IInbox>().EnqueueAsync(VoiceNote("v1", "ana"));

        await WaitUntilAsync(() => _channel.Sent.Any(s => s.Message.Text.Contains("240,00", StringComparison.Ordinal)));
        var request = _server.Requests.Should().ContainSingle().Subject;
        request.File.Should().Equal(notes.OggOpus);
        request.Model.Should().Be("whisper-test");
        request.Authorization.Should().Be("Bearer sk-loopback-4f9a2c7e1b");
        request.FileName.Should().Be("voice-note.ogg");
        request.ContentType.Should().Be("audio/ogg");
        _channel.Sent.Should().OnlyContain(s => s.GuestId == "ana");
        await host.StopAsync();
    }

    [Fact]
    public async Task VoiceNote_LongerThanMaxDuration_PoliteReplyWithoutTranscription()
    {
        notes.SkipIfMissing();
        using var host = await StartHostAsync(o => o.MaxDurationSeconds = 1);

        await host.Services.GetRequiredService<IInbox>().EnqueueAsync(VoiceNote("v2", "bea"));

        await WaitUntilAsync(() => _channel.Sent.Count > 0);
        _channel.Sent.Should().ContainSingle().Which.Message.Text.Should().Be("Lo siento, su nota de voz es demasiado larga para mí. ¿Podría enviar una más corta o escribirme?");
        _server.Requests.Should().BeEmpty();
        await host.StopAsync();
    }

    [Fact]
    public async Task VoiceNote_LargerThanMaxBytes_PoliteReplyWithoutTranscription()
    {
        notes.SkipIfMissing();
        using var host = await StartHostAsync(o => o.MaxBytes = 100);

        await host.Services.GetRequiredService<IInbox>().EnqueueAsync(VoiceNote("v3", "carl"));

        await WaitUntilAsync(() => _channel.Sent.Count > 0);
        _channel.Sent.Should().ContainSingle().Which.Message.Text.Should().Be("Lo siento, su nota de voz es demasiado grande para mí. ¿Podría escribirme?");
        _server.Requests.Should().BeEmpty();
        await host.StopAsync();
    }

    [Fact]
    public async Task VoiceNote_TranscriptionFails_AsksOnceToWriteAndKeepsTheMessageAsDeadLetter()
    {
        notes.SkipIfMissing();
        _server.StatusCode = 503;
        using var host = await StartHostAsync();
        var inbox = host.Services.GetRequiredService<IInbox>();

        await inbox.EnqueueAsync(VoiceNote("v4", "dan"));

        await WaitUntilAsync(() => inbox.GetDeadLettersAsync().AsTask().Result.Count > 0);
        _channel.Sent.Should().ContainSingle().Which.Message.Text.Should().Be("Lo siento, no he podido escuchar su nota de voz. ¿Podría escribírmelo?");
        var deadLetter = (await inbox.GetDeadLettersAsync()).Should().ContainSingle().Subject;
        deadLetter.Message.MessageId.Should().Be("v4");
        deadLetter.Reason.Should().Contain(nameof(VoiceNoteTranscriptionException));
        _server.Requests.Count.Should().BeGreaterThan(1);

        // The endpoint is back: replaying the dead letter answers the voice note.
        _server.StatusCode = 200;
        (await inbox.ReplayAsync(deadLetter.Id)).Should().BeTrue();
        await WaitUntilAsync(() => _channel.Sent.Any(s => s.Message.Text.Contains("240,00", StringComparison.Ordinal)));
        await host.StopAsync();
    }

    [Fact]
    public async Task VoiceNote_ServiceRefusesTheFile_AnsweredOnceInTheGuestsLanguageAndNotRetried()
    {
        notes.SkipIfMissing();
        using var host = await StartHostAsync(agent: o => o.InboxMaxAttempts = 3);
        var inbox = host.Services.GetRequiredService<IInbox>();

        // The guest wrote in English first; then a voice note whose Ogg stream has no codec header, which the service
        // (like OpenAI) refuses with 400 "Invalid file format".
        await inbox.EnqueueAsync(new InboundMessage { MessageId = "w1", ChannelName = Channel, ConversationId = $"{Channel}:fay", GuestId = "fay", Text = "Hello, what time is check-in?" });
        await WaitUntilAsync(() => _channel.Sent.Count > 0);
        var broken = "OggS"u8.ToArray().Concat(new byte[400]).ToArray();
        await inbox.EnqueueAsync(VoiceNote("w2", "fay", broken));

        await WaitUntilAsync(() => _channel.Sent.Count > 1);
        await Task.Delay(300);
        _channel.Sent.Should().HaveCount(2);
        _channel.Sent[1].Message.Text.Should().Be("Sorry, I could not hear your voice note. Could you write it?");
        _server.Requests.Should().ContainSingle("a permanent 4xx is not retried").Which.File.Should().Equal(broken);
        (await inbox.GetDeadLettersAsync()).Should().BeEmpty();
        await host.StopAsync();
    }

    [Theory]
    [InlineData("GIF89a, a picture sent as audio")]
    [InlineData("<!DOCTYPE html><html>an error page</html>")]
    public async Task VoiceNote_NotAnAudioContainer_PoliteReplyAndNothingSent(string content)
    {
        using var host = await StartHostAsync(agent: o => o.DefaultLanguage = "pt");

        await host.Services.GetRequiredService<IInbox>().EnqueueAsync(VoiceNote("u1", "gil", System.Text.Encoding.UTF8.GetBytes(content)));

        await WaitUntilAsync(() => _channel.Sent.Count > 0);
        _channel.Sent.Should().ContainSingle().Which.Message.Text.Should().Be("Desculpe, não consigo reproduzir esse formato de áudio. Pode escrever-me ou enviar uma nota de voz?");
        _server.Requests.Should().BeEmpty();
        await host.StopAsync();
    }

    [Fact]
    public async Task VoiceNote_ServiceTimesOut_GuestToldOnceThenRetriedAndDeadLettered()
    {
        notes.SkipIfMissing();
        _server.Delay = TimeSpan.FromSeconds(5);
        using var host = await StartHostAsync(o => o.Timeout = TimeSpan.FromSeconds(1), o => o.InboxMaxAttempts = 2);
        var inbox = host.Services.GetRequiredService<IInbox>();

        await inbox.EnqueueAsync(VoiceNote("s1", "hal"));

        await WaitUntilAsync(() => inbox.GetDeadLettersAsync().AsTask().Result.Count > 0);
        _channel.Sent.Should().ContainSingle().Which.Message.Text.Should().Be("Lo siento, no he podido escuchar su nota de voz. ¿Podría escribírmelo?");
        // The timeout covers the whole transcription (the audio's conversion too), so on a loaded machine an attempt
        // can time out before its request reaches the service: at most one request per attempt, never a retry within it.
        _server.Requests.Count.Should().BeLessThanOrEqualTo(2, "each attempt asks at most once and times out");
        (await inbox.GetDeadLettersAsync()).Should().ContainSingle().Which.Attempts.Should().Be(2);
        await host.StopAsync();
    }

    [Fact]
    public async Task VoiceNote_ReplyReplacedUnderHotelAgentReplies_ReplacementSent()
    {
        using var host = await StartHostAsync(agent: o => o.Replies["voice_note_unsupported"] = new() { ["es"] = "Ese audio no lo puedo abrir, escríbanos." });

        await host.Services.GetRequiredService<IInbox>().EnqueueAsync(VoiceNote("r1", "ivo", "not audio at all"u8.ToArray()));

        await WaitUntilAsync(() => _channel.Sent.Count > 0);
        _channel.Sent.Should().ContainSingle().Which.Message.Text.Should().Be("Ese audio no lo puedo abrir, escríbanos.");
        await host.StopAsync();
    }

    [Fact]
    public async Task TextMessage_NoAudio_ReachesTheAgentUntouched()
    {
        using var host = await StartHostAsync();

        await host.Services.GetRequiredService<IInbox>().EnqueueAsync(new InboundMessage
        {
            MessageId = "t1", ChannelName = Channel, ConversationId = $"{Channel}:eva", GuestId = "eva", Text = "¿A qué hora es el check-in?",
        });

        await WaitUntilAsync(() => _channel.Sent.Count > 0);
        _server.Requests.Should().BeEmpty();
        await host.StopAsync();
    }

    [Fact]
    public void AddSpeechToText_BeforeAddHotelAgent_ThrowsNamingTheFix()
    {
        var builder = new Builder(new ServiceCollection());

        var act = () => builder.AddSpeechToText(o => { });

        act.Should().Throw<InvalidOperationException>().WithMessage("*AddHotelAgent()*");
    }

    [Fact]
    public void AddSpeechToText_CalledTwice_WrapsTheAgentOnce()
    {
        var services = new ServiceCollection();
        services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
            .AddSpeechToText(o => o.Endpoint = new Uri("http://127.0.0.1:1/v1/")).AddSpeechToText(o => o.Model = "m");

        services.Where(d => d.ServiceType == typeof(IHotelAgent)).Should().ContainSingle();
        using var provider = services.AddLogging().BuildServiceProvider();
        provider.GetRequiredService<IHotelAgent>().GetType().Name.Should().Be("VoiceNoteHotelAgent");
    }

    private sealed class Builder(IServiceCollection services) : IHotelAgentBuilder
    {
        public IServiceCollection Services => services;
    }
}
