using HotelAgent.Abstractions;
using HotelAgent.Pms.QloApps.Tests.Fakes;
using HotelAgent.Testing;

namespace HotelAgent.Pms.QloApps.Tests;

/// <summary>
/// Runs the PMS conformance suite against the QloApps adapter over the stateful fake QloApps server (a fresh server per test).
/// </summary>
public sealed class QloAppsConformanceTests(QloAppsConformanceTests.QloAppsFactory factory)
    : PmsAdapterConformanceTests<QloAppsConformanceTests.QloAppsFactory>(factory)
{
    public sealed class QloAppsFactory : IPmsAdapterFactory, IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _resources = [];

        public PmsConformanceSettings Settings { get; } = new()
        {
            RoomTypeCode = "double",
            Today = DateOnly.FromDateTime(QloAppsTestHost.Now.UtcDateTime),
        };

        public async Task<IPmsAdapter> CreateAdapterAsync(CancellationToken cancellationToken = default)
        {
            var server = await FakeQloAppsServer.StartStatefulAsync();
            var host = new QloAppsTestHost(server.BaseUrl);
            lock (_resources)
            {
                _resources.Add(host);
                _resources.Add(server);
            }

            return host.Pms;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var resource in _resources)
            {
                await resource.DisposeAsync();
            }
        }
    }
}
