using System.Diagnostics;
using HotelAgent.Abstractions;
using HotelAgent.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent.Pms.QloApps.Tests.DependencyInjection;

/// <summary>
/// The HTTP client <c>AddQloAppsPms</c> registers: its connect timeout, and how a connect that never completes fails.
/// </summary>
public sealed class QloAppsHotelAgentBuilderExtensionsTests
{
    private static ServiceProvider Provider(Action<QloAppsOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace));
        services.AddFakeLogging();
        new QloAppsTestHost.TestBuilder(services).AddQloAppsPms(o =>
        {
            o.BaseUrl = "http://127.0.0.1:1";
            o.ApiKey = "key";
            configure(o);
        });
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Options_Defaults_MatchTheDocumentation()
    {
        var options = new QloAppsOptions();

        options.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.RequestTimeout.Should().Be(TimeSpan.FromSeconds(15));
        options.TotalTimeout.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void AddQloAppsPms_Defaults_ClientConnectsThroughSocketsHttpHandlerWithFiveSecondConnectTimeout()
    {
        using var provider = Provider(_ => { });

        var handler = PrimaryHandler.Of(provider, QloAppsDefaults.HttpClientName).Should().BeOfType<SocketsHttpHandler>().Subject;
        handler.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(5));
        handler.PooledConnectionLifetime.Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void AddQloAppsPms_ConfiguredConnectTimeout_ReachesThePrimaryHandler()
    {
        using var provider = Provider(o => o.ConnectTimeout = TimeSpan.FromSeconds(2));

        PrimaryHandler.Of(provider, QloAppsDefaults.HttpClientName).Should().BeOfType<SocketsHttpHandler>()
            .Which.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task GetRoomTypesAsync_ConnectStalls_RetriedAfterEachConnectTimeoutThenTransientPmsUnavailable()
    {
        using var stalled = await StalledLoopbackPort.StartAsync();
        using var provider = Provider(o =>
        {
            o.BaseUrl = stalled.BaseUrl.ToString();
            o.ConnectTimeout = TimeSpan.FromMilliseconds(200);
            o.RequestTimeout = TimeSpan.FromSeconds(10);
            o.MaxRetryAttempts = 2;
            o.RetryDelay = TimeSpan.Zero;
        });
        var watch = Stopwatch.StartNew();

        var act = () => provider.GetRequiredService<IPmsAdapter>().GetRoomTypesAsync(TestContext.Current.CancellationToken);

        var thrown = await act.Should().ThrowAsync<PmsUnavailableException>();
        thrown.Which.IsTransient.Should().BeTrue();
        thrown.Which.InnerException.Should().BeOfType<TaskCanceledException>().Which.InnerException.Should().BeOfType<TimeoutException>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the connect timeout, not the 10 s attempt timeout, ends each attempt");
        provider.GetFakeLogCollector().GetSnapshot().Count(r => r.Message.Contains("OnRetry", StringComparison.Ordinal)).Should().Be(2);
    }

    [Fact]
    public async Task StartAsync_ZeroConnectTimeout_FailsWithOptionsValidationException()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        new QloAppsTestHost.TestBuilder(builder.Services).AddQloAppsPms(o =>
        {
            o.BaseUrl = "http://127.0.0.1:1";
            o.ApiKey = "key";
            o.ConnectTimeout = TimeSpan.Zero;
        });
        using var host = builder.Build();

        var act = () => host.StartAsync(TestContext.Current.CancellationToken);

        // Start-up validation reports the options themselves and the resilience options built from them.
        await act.Should().ThrowAsync<OptionsValidationException>().WithMessage("*QloAppsOptions.ConnectTimeout must be between*");
    }
}
