using System.Net;
using System.Net.Sockets;
using HotelAgent.Abstractions;
using HotelAgent.Pms.QloApps.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HotelAgent.Pms.QloApps.Tests;

/// <summary>
/// The adapter over the stateful fake: lost answers on create, unavailability, retries, caching, metrics and logs.
/// </summary>
public sealed class QloAppsPmsAdapterTests : IAsyncLifetime
{
    private FakeQloAppsServer _server = null!;
    private QloAppsTestHost _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private FakeQloAppsBackend Backend => _server.Backend!;

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

    [Fact]
    public async Task CreateReservationAsync_ServerErrorButBooked_ReturnsTheBookingItMade()
    {
        Backend.NextCreateFault = CreateFault.ServerErrorAfterBooking;

        var result = await _host.Pms.CreateReservationAsync(Booking(), "lost-answer", Token);
        var replay = await _host.Pms.CreateReservationAsync(Booking(), "lost-answer", Token);

        result.Succeeded.Should().BeTrue(result.Detail);
        result.Reservation!.Status.Should().Be(ReservationStatus.Confirmed);
        replay.Reservation!.Code.Should().Be(result.Reservation.Code);
        Backend.OrderCount.Should().Be(1);
        _server.Count("POST", "/api/bookings").Should().Be(1, "a booking write is never retried blindly");
        _host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 1404 && r.Message.Contains(result.Reservation.Code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateReservationAsync_ServerErrorNotBooked_ThrowsThenRetryBooksOnce()
    {
        Backend.NextCreateFault = CreateFault.ServerErrorWithoutBooking;

        var first = () => _host.Pms.CreateReservationAsync(Booking(), "retry-me", Token);
        (await first.Should().ThrowAsync<PmsUnavailableException>()).Which.IsTransient.Should().BeTrue();
        var second = await _host.Pms.CreateReservationAsync(Booking(), "retry-me", Token);
        var third = await _host.Pms.CreateReservationAsync(Booking(), "retry-me", Token);

        second.Succeeded.Should().BeTrue(second.Detail);
        third.Reservation!.Code.Should().Be(second.Reservation!.Code);
        Backend.OrderCount.Should().Be(1);
        _server.Count("POST", "/api/bookings").Should().Be(2);
        _host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 1405);
    }

    [Fact]
    public async Task CreateReservationAsync_BookedByAnotherAdapterInstance_IsFoundByItsMarkerAfterALostAnswer()
    {
        // A restarted agent (new adapter, empty memory) that retries with the same key after a lost answer.
        Backend.NextCreateFault = CreateFault.ServerErrorAfterBooking;
        await using var other = new QloAppsTestHost(_server.BaseUrl);

        var result = await other.Pms.CreateReservationAsync(Booking(), "shared-key", Token);

        result.Succeeded.Should().BeTrue();
        Backend.OrderCount.Should().Be(1);
        var read = await _host.Pms.GetReservationAsync(result.Reservation!.Code, Token);
        read!.Notes.Should().Contain("Booked through the hotel agent").And.NotContain("[ha:");
    }

    [Fact]
    public async Task GetAvailabilityAsync_QloAppsDown_ThrowsTransientPmsUnavailable()
    {
        await using var down = new QloAppsTestHost(ClosedPortUrl());

        var act = () => down.Pms.GetAvailabilityAsync(Stay(), Token);

        (await act.Should().ThrowAsync<PmsUnavailableException>()).Which.IsTransient.Should().BeTrue();
        down.Metrics.GetMeasurementSnapshot().Should().Contain(m =>
            (string?)m.Tags["pms.operation"] == "get_availability" && (string?)m.Tags["pms.outcome"] == "unavailable");
    }

    [Fact]
    public async Task CreateReservationAsync_QloAppsDown_ThrowsTransientPmsUnavailable()
    {
        await using var down = new QloAppsTestHost(ClosedPortUrl());

        var act = () => down.Pms.CreateReservationAsync(Booking(), "down", Token);

        (await act.Should().ThrowAsync<PmsUnavailableException>()).Which.IsTransient.Should().BeTrue();
    }

    [Fact]
    public async Task GetRoomTypesAsync_TransientServerError_IsRetried()
    {
        var failures = 2;
        _server.Intercept = async (context, _) =>
        {
            if (context.Request.Path == "/api/room_types" && Interlocked.Decrement(ref failures) >= 0)
            {
                await FakeQloAppsServer.WriteAsync(context, 503, null, []);
                return true;
            }

            return false;
        };

        var roomTypes = await _host.Pms.GetRoomTypesAsync(Token);

        roomTypes.Should().HaveCount(4);
        _server.Count("GET", "/api/room_types").Should().Be(3);
    }

    [Fact]
    public async Task GetAvailabilityAsync_SameStayTwice_IsCachedUntilABookingIsMade()
    {
        await _host.Pms.GetAvailabilityAsync(Stay(), Token);
        var cached = await _host.Pms.GetAvailabilityAsync(Stay(), Token);
        _server.Count("POST", "/api/hotel_ari").Should().Be(1);

        await _host.Pms.CreateReservationAsync(Booking(), "invalidate", Token);
        var fresh = await _host.Pms.GetAvailabilityAsync(Stay(), Token);

        _server.Count("POST", "/api/hotel_ari").Should().Be(2);
        fresh.Offers.Single(o => o.RoomType.Code == "double").RoomsLeft.Should().Be(cached.Offers.Single(o => o.RoomType.Code == "double").RoomsLeft - 1);
    }

    [Fact]
    public async Task GetRoomTypesAsync_CalledTwice_ReadsQloAppsOnce()
    {
        await _host.Pms.GetRoomTypesAsync(Token);
        await _host.Pms.GetHotelInfoAsync(Token);
        await _host.Pms.GetRoomTypesAsync(Token);
        await _host.Pms.GetHotelInfoAsync(Token);

        _server.Count("GET", "/api/room_types").Should().Be(1);
        _server.Count("GET", "/api/hotels/1").Should().Be(1);
    }

    [Fact]
    public async Task CreateReservationAsync_Succeeded_RecordsMetricAndLogsWithoutGuestData()
    {
        var result = await _host.Pms.CreateReservationAsync(Booking(), "metrics", Token);

        result.Succeeded.Should().BeTrue();
        _host.Metrics.GetMeasurementSnapshot().Should().Contain(m =>
            (string?)m.Tags["pms.operation"] == "create" && (string?)m.Tags["pms.outcome"] == "success" && m.Value >= 0);
        var created = _host.Logs.GetSnapshot().Single(r => r.Id.Id == 1400);
        created.Level.Should().Be(Microsoft.Extensions.Logging.LogLevel.Information);
        created.Message.Should().Contain(result.Reservation!.Code).And.Contain("double");
        _host.Logs.GetSnapshot().Should().NotContain(r => r.Message.Contains("grace@example.com", StringComparison.Ordinal) || r.Message.Contains("Hopper", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateReservationAsync_Refused_RecordsRefusedOutcome()
    {
        var result = await _host.Pms.CreateReservationAsync(Booking() with { Stay = Stay() with { RoomType = "castle" } }, "refused", Token);

        result.Error.Should().Be(ReservationError.UnknownRoomType);
        _host.Metrics.GetMeasurementSnapshot().Should().Contain(m => (string?)m.Tags["pms.operation"] == "create" && (string?)m.Tags["pms.outcome"] == "refused");
    }

    [Fact]
    public async Task ModifyReservationAsync_NewRoomType_ReplacesTheBookingAndCancelsTheOld()
    {
        var created = await _host.Pms.CreateReservationAsync(Booking(), "to-change", Token);

        var changed = await _host.Pms.ModifyReservationAsync(new ModifyReservationRequest { Code = created.Reservation!.Code, RoomType = "suite" }, "change", Token);
        var again = await _host.Pms.ModifyReservationAsync(new ModifyReservationRequest { Code = created.Reservation.Code, RoomType = "suite" }, "change", Token);

        changed.Succeeded.Should().BeTrue(changed.Detail);
        changed.Reservation!.RoomType.Should().Be("suite");
        changed.Reservation.Code.Should().NotBe(created.Reservation.Code);
        changed.Reservation.Notes.Should().Contain(created.Reservation.Code);
        again.Reservation!.Code.Should().Be(changed.Reservation.Code);
        (await _host.Pms.GetReservationAsync(created.Reservation.Code, Token))!.Status.Should().Be(ReservationStatus.Cancelled);
        Backend.OrderCount.Should().Be(2);
    }

    [Fact]
    public async Task ModifyReservationAsync_NoRoomForTheChange_KeepsTheOriginal()
    {
        var created = await _host.Pms.CreateReservationAsync(Booking(), "keep-me", Token);
        for (var i = 0; i < 5; i++)
        {
            (await _host.Pms.CreateReservationAsync(Booking() with { Stay = Stay() with { RoomType = "suite" } }, $"fill-{i}", Token)).Succeeded.Should().BeTrue();
        }

        var changed = await _host.Pms.ModifyReservationAsync(new ModifyReservationRequest { Code = created.Reservation!.Code, RoomType = "suite" }, "no-room", Token);

        changed.Error.Should().Be(ReservationError.NoAvailability);
        (await _host.Pms.GetReservationAsync(created.Reservation.Code, Token))!.Status.Should().Be(ReservationStatus.Confirmed);
    }

    [Fact]
    public async Task ListReservationsAsync_ByEmail_ReturnsOnlyThatGuestsNewestFirst()
    {
        var first = await _host.Pms.CreateReservationAsync(Booking(), "list-1", Token);
        await _host.Pms.CreateReservationAsync(Booking() with { Guest = new GuestDetails("Alan Turing", "alan@example.com") }, "list-2", Token);
        var third = await _host.Pms.CreateReservationAsync(Booking() with { Stay = Stay() with { RoomType = "suite" } }, "list-3", Token);

        var list = await _host.Pms.ListReservationsAsync(new ReservationQuery { Email = "GRACE@example.com" }, Token);

        list.Select(r => r.Code).Should().Equal(third.Reservation!.Code, first.Reservation!.Code);
    }

    [Fact]
    public void Options_MissingBaseUrlAndKey_FailValidation()
    {
        using var provider = Provider(o => { });

        var act = () => provider.GetRequiredService<IOptions<QloAppsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should()
            .Contain(f => f.Contains("BaseUrl", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("ApiKey", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_DuplicateCodesAndBadIds_FailValidation()
    {
        using var provider = Provider(o =>
        {
            o.BaseUrl = "http://127.0.0.1:1";
            o.ApiKey = "key";
            o.RoomTypeMappings["1"] = QloAppsTestHost.Mapping("double");
            o.RoomTypeMappings["2"] = QloAppsTestHost.Mapping("double");
            o.RoomTypeMappings["x"] = QloAppsTestHost.Mapping("Not A Code");
            o.TimeZone = "Mars/Olympus";
        });

        var act = () => provider.GetRequiredService<IOptions<QloAppsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should()
            .Contain(f => f.Contains("Code 'double' is used by room types 1 and 2", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("'x' is not a QloApps room type id", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("Mars/Olympus", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("Code", StringComparison.Ordinal) && f.Contains("RoomTypeMappings[x]", StringComparison.Ordinal));
    }

    [Fact]
    public void ToString_Options_NeverShowsTheApiKey()
    {
        var options = new QloAppsOptions { BaseUrl = "https://hotel.example.com", ApiKey = "SECRETSECRETSECRETSECRETSECRET12" };

        options.ToString().Should().Contain("https://hotel.example.com").And.NotContain("SECRET");
    }

    [Fact]
    public void AddQloAppsPms_CalledTwice_RegistersOneAdapterAndReplacesThePms()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IPmsAdapter, NullPms>();
        var builder = new QloAppsTestHost.TestBuilder(services);

        builder.AddQloAppsPms(o => o.HotelId = 1).AddQloAppsPms(o => o.HotelId = 2).Should().BeSameAs(builder);

        services.Count(d => d.ServiceType == typeof(IPmsAdapter)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(QloAppsPmsAdapter)).Should().Be(1);
        services.Single(d => d.ServiceType == typeof(IPmsAdapter)).ImplementationType.Should().BeNull("the PMS is the QloApps adapter now");
    }

    [Fact]
    public void AddQloAppsPms_NullArguments_Throw()
    {
        var builder = new QloAppsTestHost.TestBuilder(new ServiceCollection());

        ((Action)(() => QloAppsHotelAgentBuilderExtensions.AddQloAppsPms(null!, o => { }))).Should().Throw<ArgumentNullException>();
        ((Action)(() => builder.AddQloAppsPms((Action<QloAppsOptions>)null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => builder.AddQloAppsPms((Microsoft.Extensions.Configuration.IConfiguration)null!))).Should().Throw<ArgumentNullException>();
    }

    private static ServiceProvider Provider(Action<QloAppsOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        new QloAppsTestHost.TestBuilder(services).AddQloAppsPms(configure);
        return services.BuildServiceProvider();
    }

    private static string ClosedPortUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    private static StayRequest Stay() => new()
    {
        CheckIn = new DateOnly(2026, 12, 10),
        CheckOut = new DateOnly(2026, 12, 12),
        Adults = 2,
        RoomType = "double",
    };

    private static CreateReservationRequest Booking() => new()
    {
        Stay = Stay(),
        Guest = new GuestDetails("Grace Hopper", "grace@example.com", "+15551230002"),
        ConversationId = "conv-1",
    };

    private sealed class NullPms : IPmsAdapter
    {
        public Task<HotelInfo> GetHotelInfoAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<RoomType>> GetRoomTypesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AvailabilityResult> GetAvailabilityAsync(StayRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ReservationResult> CreateReservationAsync(CreateReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Reservation?> GetReservationAsync(string code, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<Reservation>> ListReservationsAsync(ReservationQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ReservationResult> ModifyReservationAsync(ModifyReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ReservationResult> CancelReservationAsync(string code, string idempotencyKey, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
