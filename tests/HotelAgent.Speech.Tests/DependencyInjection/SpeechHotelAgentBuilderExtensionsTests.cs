using System.Diagnostics;
using HotelAgent.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent.Speech.Tests.DependencyInjection;

/// <summary>
/// The HTTP client <c>AddSpeechToText</c> registers for the OpenAI-compatible endpoint: its connect timeout, and how a
/// connect that never completes fails.
/// </summary>
public sealed class SpeechHotelAgentBuilderExtensionsTests
{
    private static ServiceProvider Provider(Action<VoiceNoteOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHotelAgent()
            .AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
            .AddSpeechToText(o =>
            {
                o.Endpoint = new Uri("http://127.0.0.1:1/v1/");
                configure(o);
            });
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Options_Defaults_MatchTheDocumentation()
    {
        var options = new VoiceNoteOptions();

        options.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.Timeout.Should().Be(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void AddSpeechToText_Defaults_ClientConnectsThroughSocketsHttpHandlerWithFiveSecondConnectTimeout()
    {
        using var provider = Provider(_ => { });

        var handler = PrimaryHandler.Of(provider, OpenAICompatibleSpeechToTextClient.HttpClientName).Should().BeOfType<SocketsHttpHandler>().Subject;
        handler.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(5));
        handler.PooledConnectionLifetime.Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void AddSpeechToText_ConfiguredConnectTimeout_ReachesThePrimaryHandler()
    {
        using var provider = Provider(o => o.ConnectTimeout = TimeSpan.FromSeconds(2));

        PrimaryHandler.Of(provider, OpenAICompatibleSpeechToTextClient.HttpClientName).Should().BeOfType<SocketsHttpHandler>()
            .Which.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Client_ConnectStalls_FailsAfterConnectTimeout()
    {
        using var stalled = await StalledLoopbackPort.StartAsync();
        using var provider = Provider(o => o.ConnectTimeout = TimeSpan.FromMilliseconds(200));
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(OpenAICompatibleSpeechToTextClient.HttpClientName);
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(10));
        var watch = Stopwatch.StartNew();

        var act = () => client.GetAsync(new Uri(stalled.BaseUrl, "v1/audio/transcriptions"), guard.Token);

        // SocketsHttpHandler reports its connect timeout as a TaskCanceledException around a TimeoutException; the
        // client has no timeout of its own (the transcriber's Timeout bounds the request), so without the connect
        // timeout only the guard would end the wait, without a TimeoutException.
        await act.Should().ThrowAsync<TaskCanceledException>().WithInnerException(typeof(TimeoutException));
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task StartAsync_ZeroConnectTimeout_FailsWithOptionsValidationException()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Services.AddHotelAgent()
            .AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
            .AddSpeechToText(o => o.ConnectTimeout = TimeSpan.Zero);
        using var host = builder.Build();

        var act = () => host.StartAsync(TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<OptionsValidationException>().WithMessage("*VoiceNoteOptions.ConnectTimeout must be between*");
    }
}
