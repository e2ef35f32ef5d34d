using HotelAgent.Abstractions;
using HotelAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Tests.Pms;

/// <summary>
/// Runs the PMS conformance suite against the demo PMS on the sample catalogue (2 suites), with the clock at 2026-11-25.
/// </summary>
public sealed class DemoPmsConformanceTests(DemoPmsConformanceTests.DemoPmsFactory factory)
    : PmsAdapterConformanceTests<DemoPmsConformanceTests.DemoPmsFactory>(factory)
{
    public sealed class DemoPmsFactory : IPmsAdapterFactory
    {
        private readonly DemoCatalog _catalog = DemoCatalog.Load("hotel.json");

        public PmsConformanceSettings Settings { get; } = new()
        {
            RoomTypeCode = "suite",
            Today = DateOnly.FromDateTime(TestHost.Now.UtcDateTime),
        };

        public Task<IPmsAdapter> CreateAdapterAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IPmsAdapter>(new DemoPmsAdapter(_catalog, new FakeTimeProvider(TestHost.Now), NullLogger<DemoPmsAdapter>.Instance));
    }
}
