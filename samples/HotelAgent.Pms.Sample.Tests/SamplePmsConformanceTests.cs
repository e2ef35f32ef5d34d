using HotelAgent.Abstractions;
using HotelAgent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Pms.Sample.Tests;

/// <summary>The conformance suite of HotelAgent.Testing (15 tests) against the sample adapter.</summary>
public sealed class SamplePmsConformanceTests(SamplePmsFactory factory) : PmsAdapterConformanceTests<SamplePmsFactory>(factory);

/// <summary>
/// Gives the suite a fresh adapter over a fresh backend for each test, built the way a host builds it
/// (<c>AddSamplePms</c>), with a fake clock so "today" does not move.
/// </summary>
public sealed class SamplePmsFactory : IPmsAdapterFactory, IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly List<ServiceProvider> _providers = [];

    public PmsConformanceSettings Settings { get; } = new()
    {
        RoomTypeCode = "double",                 // the suite books every room of this type: keep it to a few
        Today = DateOnly.FromDateTime(Now.UtcDateTime),
        MaxRooms = 3,
    };

    public Task<IPmsAdapter> CreateAdapterAsync(CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddHotelAgent().AddSamplePms(o => o.RoomsPerType = 3);
        var provider = services.BuildServiceProvider();
        lock (_providers)
        {
            _providers.Add(provider);
        }

        return Task.FromResult(provider.GetRequiredService<IPmsAdapter>());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}
