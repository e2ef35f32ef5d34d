using HotelAgent.Abstractions;
using HotelAgent.Pms.QloApps.Tests.Fakes;

namespace HotelAgent.Pms.QloApps.Tests;

/// <summary>
/// The adapter against recorded QloApps 1.6.1 answers, served verbatim: it must read every shape QloApps really sends.
/// </summary>
public sealed class QloAppsReplayTests : IAsyncLifetime
{
    private FakeQloAppsServer _server = null!;
    private QloAppsTestHost _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = (await FakeQloAppsServer.StartReplayAsync())
            .Replay("GET", "/api/hotels/1", "005")
            .Replay("GET", "/api/currencies", "012")
            .Replay("GET", "/api/hotel_room_types", "010")
            .Replay("GET", "/api/room_types", "007");
        _host = new QloAppsTestHost(_server.BaseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task GetHotelInfoAsync_RecordedHotel_MapsDetailsAndCurrency()
    {
        var hotel = await _host.Pms.GetHotelInfoAsync(Token);

        hotel.Id.Should().Be("1");
        hotel.Name.Should().Be("The Hotel Prime");
        hotel.Currency.Should().Be("USD");
        hotel.CheckInTime.Should().Be(new TimeOnly(12, 0));
        hotel.CheckOutTime.Should().Be(new TimeOnly(11, 0));
        hotel.Phone.Should().Be("0987654321");
        hotel.Email.Should().Be("hotelprime@htl.com");
        hotel.Address.Should().Contain("Monticello Dr").And.Contain("Demo City");
        hotel.Location.Should().BeNull("the recorded coordinates are 0,0");
        hotel.Policies["general"].Get("en").Should().Contain("valid photo identification").And.NotContain("<div>");
    }

    [Fact]
    public async Task GetRoomTypesAsync_RecordedRoomTypes_UseMappedCodesAndLimits()
    {
        var roomTypes = await _host.Pms.GetRoomTypesAsync(Token);

        roomTypes.Select(t => t.Code).Should().Equal("single", "double", "twin", "suite");
        var delux = roomTypes[1];
        delux.Name.Get("en").Should().Be("Delux Rooms");
        delux.Synonyms.Should().Equal("doble", "matrimonial");
        delux.MaxAdults.Should().Be(2);
        delux.MaxOccupancy.Should().Be(4);
        delux.NightlyRate.Should().Be(1500m);
    }

    [Fact]
    public async Task GetRoomTypesAsync_UnmappedRoomType_GetsCodeFromName()
    {
        await using var host = new QloAppsTestHost(_server.BaseUrl, o => o.RoomTypeMappings.Remove("3"));

        var roomTypes = await host.Pms.GetRoomTypesAsync(Token);

        roomTypes.Select(t => t.Code).Should().Contain("executive-rooms");
    }

    [Fact]
    public async Task GetAvailabilityAsync_RecordedDateWiseBreakdown_PricesEachNight()
    {
        _server.Replay("POST", "/api/hotel_ari", "023");

        var result = await _host.Pms.GetAvailabilityAsync(Stay(new(2026, 12, 10), new(2026, 12, 13), "single"), Token);

        var offer = result.Offers.Should().ContainSingle().Subject;
        offer.RoomType.Code.Should().Be("single");
        offer.RoomsLeft.Should().Be(5);
        offer.Currency.Should().Be("USD");
        offer.Nights.Should().Equal(
            new NightlyPrice(new(2026, 12, 10), 1300m),
            new NightlyPrice(new(2026, 12, 11), 1300m),
            new NightlyPrice(new(2026, 12, 12), 1300m));
        offer.Total.Should().Be(3900m);
        var sent = _server.Requests.Single(r => r.Method == "POST").Body;
        sent.Should().Contain("<id_room_type>1</id_room_type>").And.Contain("<date_wise_breakdown>1</date_wise_breakdown>")
            .And.Contain("<adults>2</adults>").And.Contain("<date_from>2026-12-10</date_from>").And.Contain("<date_to>2026-12-13</date_to>");
    }

    [Fact]
    public async Task GetAvailabilityAsync_RecordedWholeStayAnswer_SplitsTotalOverNightsCheapestFirst()
    {
        _server.Replay("POST", "/api/hotel_ari", "020");

        var result = await _host.Pms.GetAvailabilityAsync(Stay(new(2026, 12, 10), new(2026, 12, 12)), Token);

        result.Offers.Select(o => o.RoomType.Code).Should().Equal("single", "double", "twin", "suite");
        result.Offers.Select(o => o.Total).Should().Equal(2600m, 3640m, 4680m, 5720m);
        result.Offers[0].Nights.Select(n => n.Price).Should().Equal(1300m, 1300m);
        result.Offers.Should().OnlyContain(o => o.RoomsLeft == 5 && o.Currency == "USD");
    }

    [Fact]
    public async Task GetAvailabilityAsync_PricesWithoutTax_UsesTaxExcludedTotals()
    {
        _server.Replay("POST", "/api/hotel_ari", "020");
        await using var host = new QloAppsTestHost(_server.BaseUrl, o => o.PricesIncludeTax = false);

        var result = await host.Pms.GetAvailabilityAsync(Stay(new(2026, 12, 10), new(2026, 12, 12)), Token);

        result.Offers[0].Total.Should().Be(2500m);
    }

    [Fact]
    public async Task GetAvailabilityAsync_RecordedNoAvailability_ReturnsNoOffer()
    {
        _server.Replay("POST", "/api/hotel_ari", "081");

        var result = await _host.Pms.GetAvailabilityAsync(Stay(new(2026, 12, 20), new(2026, 12, 22), "suite"), Token);

        result.Offers.Should().BeEmpty();
    }

    [Fact]
    public async Task GetAvailabilityAsync_RecordedUnknownHotel_ReturnsNoOffer()
    {
        _server.Replay("POST", "/api/hotel_ari", "030");

        var result = await _host.Pms.GetAvailabilityAsync(Stay(new(2026, 12, 10), new(2026, 12, 12)), Token);

        result.Offers.Should().BeEmpty();
    }

    [Fact]
    public async Task GetAvailabilityAsync_OverCapacity_SkipsTheCallAndOffersNothing()
    {
        var result = await _host.Pms.GetAvailabilityAsync(Stay(new(2026, 12, 10), new(2026, 12, 12)) with { Adults = 3 }, Token);

        result.Offers.Should().BeEmpty();
        _server.Count("POST", "/api/hotel_ari").Should().Be(0);
    }

    [Fact]
    public async Task GetReservationAsync_RecordedCancelledBooking_MapsEveryField()
    {
        _server.Replay("GET", "/api/orders", "071", (q, _) => q.Contains("filter[reference]=[LTNVFWZMI]", StringComparison.Ordinal) || q.Contains("filter[id]=1", StringComparison.Ordinal))
            .Replay("GET", "/api/bookings/1", "053");

        var reservation = await _host.Pms.GetReservationAsync("LTNVFWZMI", Token);

        reservation.Should().NotBeNull();
        reservation!.Code.Should().Be("LTNVFWZMI");
        reservation.Status.Should().Be(ReservationStatus.Cancelled);
        reservation.RoomType.Should().Be("single");
        reservation.CheckIn.Should().Be(new DateOnly(2026, 12, 10));
        reservation.CheckOut.Should().Be(new DateOnly(2026, 12, 12));
        reservation.Adults.Should().Be(2);
        reservation.Children.Should().Be(1);
        reservation.Guest.Should().Be(new GuestDetails("Ada Lovelace", "ada.lovelace@example.com", "+15551230001"));
        reservation.Total.Should().Be(2080m);
        reservation.Currency.Should().Be("USD");
        reservation.CreatedAt.Should().Be(new DateTimeOffset(2026, 11, 24, 20, 29, 47, TimeSpan.Zero));
        reservation.Notes.Should().Be("Booked by hotel-booking agent; late arrival ~22:00");
    }

    [Fact]
    public async Task GetReservationAsync_RecordedNotFound_ReturnsNull()
    {
        _server.Replay("GET", "/api/bookings/999", "094");

        var reservation = await _host.Pms.GetReservationAsync("999", Token);

        reservation.Should().BeNull();
    }

    [Fact]
    public async Task GetReservationAsync_RecordedPhpNotices500_ReadsTheOrderRoomLinesAndCustomerInstead()
    {
        // Quirk Q1: with PHP notices on, GET /bookings/{id} answers 500 for every booking (051); orders (060-style),
        // room lines (062) and customers (041) still answer.
        _server.Replay("GET", "/api/bookings/1", "051")
            .Replay("GET", "/api/orders", "071", (q, _) => q.Contains("filter[id]=1", StringComparison.Ordinal))
            .Replay("GET", "/api/room_bookings", "062")
            .Replay("GET", "/api/customers", "042");

        var reservation = await _host.Pms.GetReservationAsync("1", Token);

        reservation.Should().NotBeNull();
        reservation!.CheckIn.Should().Be(new DateOnly(2026, 12, 10));
        reservation.CheckOut.Should().Be(new DateOnly(2026, 12, 12));
        reservation.RoomType.Should().Be("single");
        (reservation.Adults, reservation.Children).Should().Be((2, 1));
        _server.Count("GET", "/api/bookings/1").Should().Be(4, "a GET is retried three times before the other route is taken");
    }

    [Fact]
    public async Task CreateReservationAsync_RecordedSuccess_ReturnsReservationWithOrderReference()
    {
        _server.Replay("GET", "/api/customers", "042")
            .Replay("POST", "/api/bookings", "057")
            .Replay("GET", "/api/orders", "058", (q, _) => q.Contains("filter[id]=6", StringComparison.Ordinal))
            .Replay("GET", "/api/room_bookings", "062");

        var request = Booking(new(2026, 12, 15), new(2026, 12, 17), "single", adults: 2, children: 1);
        var result = await _host.Pms.CreateReservationAsync(request with { Stay = request.Stay with { ChildAges = [7] } }, "key-1", Token);

        result.Succeeded.Should().BeTrue(result.Detail);
        result.Reservation!.Code.Should().Be("OXFQZMZGG");
        result.Reservation.Status.Should().Be(ReservationStatus.Confirmed);
        result.Reservation.Total.Should().Be(2080m);
        var sent = _server.Requests.Single(r => r.Method == "POST").Body;
        sent.Should().Contain("\"id_customer\":2").And.Contain("\"adult\":2").And.Contain("\"child\":1").And.Contain("\"child_ages\":[7]").And.NotContain("\"adults\"")
            .And.Contain("\"currency\":\"USD\"")
            .And.Contain("\"id_room_type\":1").And.Contain("\"checkin_date\":\"2026-12-15\"").And.Contain("[ha:");
        _server.Requests.Should().Contain(r => r.PathAndQuery.Contains("filter[email]=[ada.lovelace@example.com]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("082", ReservationError.NoAvailability)]
    [InlineData("100", ReservationError.UnknownRoomType)]
    [InlineData("101", ReservationError.InvalidDates)]
    [InlineData("104", ReservationError.MissingGuestDetails)]
    [InlineData("107", ReservationError.Rejected)]
    public async Task CreateReservationAsync_RecordedValidationError_ReturnsDomainError(string fixture, ReservationError expected)
    {
        _server.Replay("GET", "/api/customers", "042").Replay("POST", "/api/bookings", fixture);

        var result = await _host.Pms.CreateReservationAsync(Booking(new(2026, 12, 20), new(2026, 12, 22), "suite"), "key-" + fixture, Token);

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be(expected);
        result.Detail.Should().Contain("404:");
        _server.Count("POST", "/api/bookings").Should().Be(1, "a refused write is not retried");
    }

    [Fact]
    public async Task CreateReservationAsync_PastCheckIn_IsRefusedWithoutCallingQloApps()
    {
        // QloApps itself accepts past dates (fixture 105), so the adapter checks them against its clock.
        var result = await _host.Pms.CreateReservationAsync(Booking(new(2025, 1, 10), new(2025, 1, 12), "suite"), "past", Token);

        result.Error.Should().Be(ReservationError.InvalidDates);
        _server.Count("POST", "/api/bookings").Should().Be(0);
    }

    [Fact]
    public async Task CancelReservationAsync_RecordedCancel_SetsTheOrderStateAndReportsCancelled()
    {
        // A new order state cancels every room of the order and leaves it as it was (112); a PUT /bookings would
        // replace its rooms and drop their services (070, issue 15).
        _server.Replay("GET", "/api/orders", "071", (q, _) => q.Contains("filter[reference]", StringComparison.Ordinal))
            .Replay("GET", "/api/bookings/1", "053")
            .Replay("POST", "/api/order_histories", "112");
        _server.Intercept = async (context, _) =>
        {
            if (context.Request.Path == "/api/orders" && context.Request.QueryString.Value!.Contains("filter[id]=1", StringComparison.Ordinal))
            {
                // Before the new state the order is awaiting payment (state 1); after it, cancelled (state 4, fixture 071).
                var cancelled = _server.Count("POST", "/api/order_histories") > 0;
                var body = cancelled ? RecordedFixture.Load("071").ResponseText : RecordedFixture.Load("071").ResponseText.Replace("\"current_state\":\"4\"", "\"current_state\":\"1\"", StringComparison.Ordinal);
                await FakeQloAppsServer.WriteAsync(context, 200, "application/json", System.Text.Encoding.UTF8.GetBytes(body));
                return true;
            }

            return false;
        };

        var result = await _host.Pms.CancelReservationAsync("1", "cancel-1", Token);

        result.Succeeded.Should().BeTrue(result.Detail);
        result.Reservation!.Status.Should().Be(ReservationStatus.Cancelled);
        var sent = _server.Requests.Single(r => r.Method == "POST").Body;
        sent.Should().Contain("<id_order>1</id_order>").And.Contain("<id_order_state>4</id_order_state>");
        _server.Count("PUT", "/api/bookings/1").Should().Be(0);
    }

    [Fact]
    public async Task GetHotelInfoAsync_UnknownKey_ThrowsNonTransientWithoutTheKey()
    {
        await using var host = new QloAppsTestHost(_server.BaseUrl, o => o.ApiKey = "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ");

        var act = () => host.Pms.GetHotelInfoAsync(Token);

        var thrown = (await act.Should().ThrowAsync<PmsUnavailableException>()).Which;
        thrown.IsTransient.Should().BeFalse();
        thrown.Message.Should().Contain("401").And.NotContain("ZZZZZZZZ");
        host.Logs.GetSnapshot().Should().NotContain(r => r.Message.Contains("ZZZZZZZZ", StringComparison.Ordinal));
        host.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 1409);
    }

    private static StayRequest Stay(DateOnly checkIn, DateOnly checkOut, string? roomType = null) =>
        new() { CheckIn = checkIn, CheckOut = checkOut, Adults = 2, RoomType = roomType };

    private static CreateReservationRequest Booking(DateOnly checkIn, DateOnly checkOut, string roomType, int adults = 2, int children = 0) => new()
    {
        Stay = new StayRequest { CheckIn = checkIn, CheckOut = checkOut, Adults = adults, Children = children, RoomType = roomType },
        Guest = new GuestDetails("Ada Lovelace", "ada.lovelace@example.com", "+15551230001"),
    };
}
