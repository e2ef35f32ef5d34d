using HotelAgent.Abstractions;
using HotelAgent.Pms.QloApps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotelAgent.Pms.QloApps.Tests.Issues;

/// <summary>
/// Issue 15 over the stateful fake (the live tests in HotelAgent.Pms.QloApps.LiveTests cover the same points against
/// the real QloApps): the log events and refusals the adapter promises.
/// </summary>
public sealed class IssuesTests_QloAppsAdapter_15 : IAsyncLifetime
{
    private FakeQloAppsServer _server = null!;
    private QloAppsTestHost _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeQloAppsServer.StartStatefulAsync();
        _host = new QloAppsTestHost(_server.BaseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("Ana 3rd, María [VIP] (O'Neil)", "Ana María VIP O'Neil")]
    [InlineData("  José-Luis   d'Alba. ", "José-Luis d'Alba")]
    [InlineData("Zoë Ørsted", "Zoë Ørsted")]
    [InlineData("12345, [6]", "")]
    [InlineData("!!!", "")]
    public void CleanName_Variants_KeepsWhatQloAppsStores(string name, string expected) =>
        QloAppsPmsAdapter.CleanName(name).Should().Be(expected);

    [Fact]
    public async Task CreateReservationAsync_RoomAlreadyHeld_IsCancelledAgainAndRefusedWithALog()
    {
        var first = await _host.Pms.CreateReservationAsync(Booking("first@example.com"), "first", Token);
        _server.Backend!.NextCreateFault = CreateFault.DoubleBook;

        var second = await _host.Pms.CreateReservationAsync(Booking("second@example.com"), "second", Token);
        var readBack = await _host.Pms.ListReservationsAsync(new ReservationQuery { Email = "second@example.com" }, Token);

        first.Succeeded.Should().BeTrue(first.Detail);
        second.Error.Should().Be(ReservationError.NoAvailability);
        second.Detail.Should().Contain("holds it");
        readBack.Should().ContainSingle().Which.Status.Should().Be(ReservationStatus.Cancelled);
        _host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 1411 && r.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task CreateReservationAsync_LockNotFree_BooksAnywayAndLogs()
    {
        await using var host = new QloAppsTestHost(_server.BaseUrl, services: s => s.AddSingleton<IDistributedLock>(new BusyLock()));

        var result = await host.Pms.CreateReservationAsync(Booking("busy@example.com"), "busy", Token);

        result.Succeeded.Should().BeTrue(result.Detail);
        host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 1412 && r.Message.Contains("qloapps:1:room-type:2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateReservationAsync_NoPhoneThenPhone_RefusalIsNotReplayedForTheChangedRequest()
    {
        var requirements = await ((IPmsBookingRequirementsProvider)_host.Pms).GetBookingRequirementsAsync(Token);
        var withoutPhone = Booking("phone@example.com") with { Guest = new GuestDetails("Ada Lovelace", "phone@example.com") };

        var refused = await _host.Pms.CreateReservationAsync(withoutPhone, "phone", Token);
        var again = await _host.Pms.CreateReservationAsync(withoutPhone, "phone", Token);
        var booked = await _host.Pms.CreateReservationAsync(withoutPhone with { Guest = withoutPhone.Guest with { Phone = "+44 20 7946 0000" } }, "phone", Token);

        requirements.Should().Be(new PmsBookingRequirements { PhoneRequired = true, ChildAgesRequired = true, AdultAge = 15 });
        refused.Error.Should().Be(ReservationError.MissingGuestDetails);
        again.Should().BeSameAs(refused, "the same request replays its refusal");
        booked.Succeeded.Should().BeTrue(booked.Detail);
        _server.Count("POST", "/api/bookings").Should().Be(1);
    }

    [Fact]
    public async Task ReadinessCheck_QloAppsStopped_IsUnhealthyAtOnceThoughTheHotelIsCached()
    {
        var server = await FakeQloAppsServer.StartStatefulAsync();
        await using var host = new QloAppsTestHost(server.BaseUrl, services: s => s.AddHealthChecks());
        var health = host.Provider.GetRequiredService<HealthCheckService>();
        await host.Pms.GetHotelInfoAsync(Token);

        var up = await health.CheckHealthAsync(Token);
        await server.DisposeAsync();
        var hotel = await host.Pms.GetHotelInfoAsync(Token);
        var down = await health.CheckHealthAsync(Token);

        up.Entries["qloapps"].Status.Should().Be(HealthStatus.Healthy);
        hotel.Name.Should().Be("The Hotel Prime", "the adapter still answers from its cache");
        down.Entries["qloapps"].Status.Should().Be(HealthStatus.Unhealthy);
        server.Count("GET", "/api/hotels/1").Should().Be(2, "the check is not retried");
    }

    private static CreateReservationRequest Booking(string email) => new()
    {
        Stay = new StayRequest { CheckIn = new(2026, 12, 10), CheckOut = new(2026, 12, 12), Adults = 2, RoomType = "double" },
        Guest = new GuestDetails("Ada Lovelace", email, "+15551230001"),
    };

    private sealed class BusyLock : IDistributedLock
    {
        public ValueTask<IAsyncDisposable?> TryAcquireAsync(string resource, TimeSpan lease, TimeSpan wait, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IAsyncDisposable?>(null);
    }
}
