using HotelAgent.Abstractions;
using HotelAgent.Testing;

namespace HotelAgent.Pms.QloApps.LiveTests;

/// <summary>
/// The PMS conformance suite against the real QloApps 1.6.1 (issue 15: it passed 5 of 15 before the ARI encoding and
/// currency fixes). Each adapter starts from the baseline database.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class LiveQloAppsConformanceTests(LiveQloAppsConformanceTests.LiveFactory factory)
    : PmsAdapterConformanceTests<LiveQloAppsConformanceTests.LiveFactory>(factory)
{
    public sealed class LiveFactory(LiveQloApps live) : IPmsAdapterFactory, IAsyncDisposable
    {
        private readonly List<LiveHost> _hosts = [];

        public PmsConformanceSettings Settings { get; } = new()
        {
            RoomTypeCode = "double",
            Today = LiveQloApps.Today,
        };

        public async Task<IPmsAdapter> CreateAdapterAsync(CancellationToken cancellationToken = default)
        {
            await live.ResetAsync();
            var host = live.Host();
            lock (_hosts)
            {
                _hosts.Add(host);
            }

            return host.Pms;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var host in _hosts)
            {
                await host.DisposeAsync();
            }
        }
    }
}
