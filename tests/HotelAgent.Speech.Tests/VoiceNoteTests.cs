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

    private async Task<IHost> StartHostAsync(Action<VoiceNoteOptions>? configure = null)
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
                o.ApiKey = "test-key";
                o.Model = "whisper-test";
                configure?.Invoke(o);
            });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private InboundMessage VoiceNote(string id, string guest) => new()
    {
        MessageId = id,
        ChannelName = Channel,
        ConversationId = $"{Channel}:{guest}",
        GuestId = guest,
        Media = [new MediaAttachment { Kind = MediaKind.Audio, ContentType = "audio/ogg; codecs=opus", Content = notes.OggOpus, MediaId = "media-1" }],
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
        request.Authorization.Should().Be("Bearer test-key");
        request.FileName.Should().Be("voice-note.ogg");
        request.ContentType.Should().Be("audio/ogg; codecs=opus");
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
        _channel.Sent.Should().ContainSingle().Which.Message.Text.Should().Be(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<VoiceNoteOptions>>().Value.TooLongReply);
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
        _channel.Sent.Should().ContainSingle().Which.Message.Text.Should().Contain("too large");
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
        _channel.Sent.Should().ContainSingle().Which.Message.Text.Should().Contain("Could you write it?");
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
