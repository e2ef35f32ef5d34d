using HotelAgent.Abstractions;
using HotelAgent.Pms.QloApps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Pms.QloApps.Tests;

/// <summary>
/// The QloApps adapter wired through <c>AddQloAppsPms</c> against a fake server, with a fake clock at 2026-11-25 09:00 UTC
/// (the day after the recordings were made) and fake logging.
/// </summary>
internal sealed class QloAppsTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public QloAppsTestHost(string baseUrl, Action<QloAppsOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace));
        collection.AddFakeLogging();
        collection.AddSingleton<TimeProvider>(Clock);
        new TestBuilder(collection).AddQloAppsPms(o =>
        {
            o.BaseUrl = baseUrl;
            o.ApiKey = FakeQloAppsServer.ApiKey;
            o.RetryDelay = TimeSpan.Zero; // Polly waits on the DI TimeProvider, which is the fake clock here.
            o.RequestTimeout = TimeSpan.FromSeconds(5);
            o.RoomTypeMappings["1"] = Mapping("single", "individual");
            o.RoomTypeMappings["2"] = Mapping("double", "doble", "matrimonial");
            o.RoomTypeMappings["3"] = Mapping("twin");
            o.RoomTypeMappings["4"] = Mapping("suite", "luxury");
            configure?.Invoke(o);
        });
        Provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Metrics = new MetricCollector<double>(Provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "HotelAgent.Pms.QloApps", "hotel_agent.pms.request.duration");
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    public ServiceProvider Provider { get; }

    public MetricCollector<double> Metrics { get; }

    public IPmsAdapter Pms => Provider.GetRequiredService<IPmsAdapter>();

    public FakeLogCollector Logs => Provider.GetFakeLogCollector();

    public static QloAppsRoomTypeMapping Mapping(string code, params string[] synonyms)
    {
        var mapping = new QloAppsRoomTypeMapping { Code = code };
        foreach (var synonym in synonyms)
        {
            mapping.Synonyms.Add(synonym);
        }

        return mapping;
    }

    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        await Provider.DisposeAsync();
    }

    internal sealed class TestBuilder(IServiceCollection services) : IHotelAgentBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
