using System.Net;
using HotelAgent.Abstractions;
using HotelAgent.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotelAgent.Pms.QloApps.LiveTests.Issues;

/// <summary>
/// Issue 15, against the real QloApps 1.6.1: one test (or more) per numbered point of the issue. Each starts from the
/// baseline database (hotel 1; room type 2 "Delux Rooms", mapped to <c>double</c>, has 5 rooms, 2 adults, 2 children,
/// 4 guests; 4 % tax; "Room Maintenance Fees" auto-added at 250 a night).
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class IssuesTests_QloAppsLive_15(LiveQloApps live)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // ---- 1. Overbooking --------------------------------------------------------------------------------------

    [Fact]
    public async Task CreateReservationAsync_ThreeHostsRaceForFiveRooms_NeverConfirmsMoreThanTheRooms()
    {
        await live.ResetAsync();
        var hosts = Enumerable.Range(0, 3).Select(_ => live.Host()).ToArray();
        try
        {
            var stay = Stay(40, nights: 2);
            var attempts = hosts.SelectMany((host, h) => Enumerable.Range(0, 3).Select(i => (host, email: $"race{h}{i}")))
                .Select(a => Task.Run(async () =>
                {
                    var results = new List<ReservationResult>();
                    results.Add(await a.host.Pms.CreateReservationAsync(Booking(stay, a.email), Guid.NewGuid().ToString("N"), Token));
                    return results;
                }, Token));
            var results = (await Task.WhenAll(attempts)).SelectMany(r => r).ToArray();

            var confirmed = results.Where(r => r.Succeeded).Select(r => r.Reservation!).ToArray();
            var lines = await live.SqlAsync("SELECT id, id_order, id_room, is_back_order, is_cancelled, date_from, date_to FROM qlo_htl_booking_detail");
            var outcomes = string.Join("\n", results.Select(r => $"{r.Error} {r.Reservation?.Code} {r.Detail}"));
            confirmed.Length.Should().BeLessThanOrEqualTo(5, "QloApps holds these room lines:\n{0}\nand the adapter answered:\n{1}", lines, outcomes);
            results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Error == ReservationError.NoAvailability);
            var active = await ActiveLinesAsync(stay);
            active.Select(l => l.Room).Should().OnlyHaveUniqueItems("no room is held twice for the same nights");
            active.Should().OnlyContain(l => !l.BackOrder);
            active.Select(l => l.Order).Order().Should().Equal((await Task.WhenAll(confirmed.Select(c => live.OrderIdAsync(c.Code)))).Order(),
                "every confirmed reservation holds a room, and every room held belongs to a confirmed reservation");
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task CreateReservationAsync_TwoHostsSharingARedisLock_BookExactlyTheRoomsWithoutUndoing()
    {
        await live.ResetAsync();
        await using var redis = await RedisServer.StartAsync();
        var hosts = Enumerable.Range(0, 2).Select(_ => live.Host(services: s => s.AddHotelAgent().AddRedisSessionStore(o => o.Configuration = redis.Configuration))).ToArray();
        try
        {
            var stay = Stay(42, nights: 1);
            var attempts = hosts.SelectMany((host, h) => Enumerable.Range(0, 4).Select(i => (host, email: $"lock{h}{i}")))
                .Select(a => Task.Run(() => a.host.Pms.CreateReservationAsync(Booking(stay, a.email), Guid.NewGuid().ToString("N"), Token), Token));
            var results = await Task.WhenAll(attempts);

            results.Count(r => r.Succeeded).Should().Be(5);
            results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Error == ReservationError.NoAvailability);
            (await live.SqlAsync("SELECT COUNT(*) FROM qlo_orders WHERE current_state = 4")).Trim().Should().Be("0", "with the lock no booking has to be undone");
            (await ActiveLinesAsync(stay)).Select(l => l.Room).Should().HaveCount(5).And.OnlyHaveUniqueItems();
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    // ---- 2. A 500 that booked ------------------------------------------------------------------------------

    [Fact]
    public async Task CreateReservationAsync_PhpNoticesTurnTheBookingInto500s_ReturnsTheBookingMadeOnce()
    {
        await live.ResetAsync();
        await live.NoticesAsync(true);
        await using var host = live.Host();
        var stay = Stay(45, nights: 2);

        var first = await host.Pms.CreateReservationAsync(Booking(stay, "notices"), "notices-key", Token);
        var again = await host.Pms.CreateReservationAsync(Booking(stay, "notices"), "notices-key", Token);
        var read = first.Succeeded ? await host.Pms.GetReservationAsync(first.Reservation!.Code, Token) : null;

        first.Succeeded.Should().BeTrue(first.Detail);
        again.Reservation!.Code.Should().Be(first.Reservation!.Code);
        (await live.SqlAsync("SELECT COUNT(*) FROM qlo_orders")).Trim().Should().Be("1");
        read.Should().NotBeNull();
        read!.CheckIn.Should().Be(stay.CheckIn);
        read.Guest.Email.Should().Be("notices@example.com");
        read.Status.Should().Be(ReservationStatus.Confirmed);
    }

    [Fact]
    public async Task CreateReservationAsync_AnswerLostAndQloAppsDown_IsNeverAFailureAndTheSameOrderIsFoundLater()
    {
        await live.ResetAsync();
        await using var proxy = await QloAppsProxy.StartAsync(live.BaseUrl);
        await using var host = live.Host(o => o.MaxRetryAttempts = 0, baseUrl: proxy.BaseUrl);
        var stay = Stay(46, nights: 1);
        await host.Pms.GetRoomTypesAsync(Token);
        proxy.LoseNextAnswer = ("POST", "/api/bookings");
        proxy.DownAfterLoss = true;

        var lost = () => host.Pms.CreateReservationAsync(Booking(stay, "lost"), "lost-key", Token);

        (await lost.Should().ThrowAsync<PmsUnavailableException>("the booking may exist: the guest must not hear it failed")).Which.IsTransient.Should().BeTrue();
        proxy.Down = false;
        var retried = await host.Pms.CreateReservationAsync(Booking(stay, "lost"), "lost-key", Token);
        var newChat = await host.Pms.CreateReservationAsync(Booking(stay, "lost"), "another-chat-key", Token);

        retried.Succeeded.Should().BeTrue(retried.Detail);
        newChat.Reservation?.Code.Should().Be(retried.Reservation!.Code, "a new conversation for the same stay finds the booking instead of holding a second room");
        (await live.SqlAsync("SELECT COUNT(*) FROM qlo_orders")).Trim().Should().Be("1");
    }

    [Fact]
    public async Task AgentTurn_AnswerToTheYesLost_StaffTicketNoFailureAndTheNextYesGivesTheSameBooking()
    {
        await live.ResetAsync();
        await using var proxy = await QloAppsProxy.StartAsync(live.BaseUrl);
        await using var host = live.Host(o => o.MaxRetryAttempts = 0, s => s.AddHotelAgent(), proxy.BaseUrl);
        var agent = host.Provider.GetRequiredService<IHotelAgent>();
        var checkIn = LiveQloApps.Today.AddDays(47);
        if (checkIn.Day > 26)
        {
            checkIn = checkIn.AddDays(6);
        }

        var month = System.Globalization.CultureInfo.GetCultureInfo("es-ES").DateTimeFormat.GetMonthName(checkIn.Month);
        await SayAsync(agent, $"Quiero reservar una habitación doble del {checkIn.Day} al {checkIn.Day + 2} de {month} para 2 personas");
        await SayAsync(agent, "Me llamo Ana García, mi correo es ana.lost@example.com y mi teléfono es +34 600 123 456");
        proxy.LoseNextAnswer = ("POST", "/api/bookings");
        proxy.DownAfterLoss = true;

        var lost = await SayAsync(agent, "sí");
        var tickets = await host.Provider.GetRequiredService<IHandoffDesk>().ListAsync(cancellationToken: Token);
        proxy.Down = false;
        var again = await SayAsync(agent, "sí");

        lost.ReservationCode.Should().BeNull();
        lost.State.Should().Be(DialogueStates.AwaitingConfirmation, "the guest's confirmation is kept");
        string.Join(" ", lost.Replies.Select(r => r.Text)).Should().Contain("recepción").And.NotContain("Reserva confirmada");
        tickets.Should().ContainSingle(t => t.Reason == HandoffReason.PmsUnavailable, "staff check whether the booking was made");
        again.State.Should().Be(DialogueStates.Booked);
        (await live.SqlAsync("SELECT reference FROM qlo_orders")).Trim().Should().Be(again.ReservationCode, "the booking made under the lost answer is the one confirmed: one order");
    }

    // ---- 3. Children ------------------------------------------------------------------------------------------

    [Fact]
    public async Task CreateReservationAsync_ChildrenWithAges_QloAppsRecordsThem()
    {
        await live.ResetAsync();
        await using var host = live.Host();
        var stay = Stay(50, nights: 2) with { Adults = 2, Children = 2, ChildAges = [4, 9] };

        var result = await host.Pms.CreateReservationAsync(Booking(stay, "family"), "family", Token);

        result.Succeeded.Should().BeTrue(result.Detail);
        result.Reservation!.Children.Should().Be(2);
        var (_, _, lines) = await live.OrderAsync(await live.OrderIdAsync(result.Reservation.Code));
        lines.Should().ContainSingle();
        lines[0].GetProperty("children").GetString().Should().Be("2");
        lines[0].GetProperty("child_ages").GetString().Should().Be("[4,9]");
    }

    [Fact]
    public async Task CreateReservationAsync_ChildrenWithoutAges_AsksForThemWithoutBooking()
    {
        await live.ResetAsync();
        await using var host = live.Host();
        var requirements = await ((IPmsBookingRequirementsProvider)host.Pms).GetBookingRequirementsAsync(Token);

        var result = await host.Pms.CreateReservationAsync(Booking(Stay(51, nights: 1) with { Adults = 1, Children = 1 }, "ages"), "ages", Token);

        requirements.ChildAgesRequired.Should().BeTrue();
        result.Error.Should().Be(ReservationError.MissingGuestDetails);
        result.Detail.Should().Contain("child");
        (await live.SqlAsync("SELECT COUNT(*) FROM qlo_orders")).Trim().Should().Be("0");
    }

    [Fact]
    public async Task CreateReservationAsync_MoreChildrenThanTheRoomTypeTakes_IsRefusedAndNotOffered()
    {
        await live.ResetAsync();
        await using var host = live.Host();
        var stay = Stay(52, nights: 1) with { Adults = 1, Children = 3, ChildAges = [2, 5, 8] }; // 4 guests fit, 3 children do not (max 2)

        var result = await host.Pms.CreateReservationAsync(Booking(stay, "kids"), "kids", Token);
        var offers = await host.Pms.GetAvailabilityAsync(stay, Token);

        result.Error.Should().Be(ReservationError.CapacityExceeded);
        offers.Offers.Should().NotContain(o => o.RoomType.Code == "double");
        (await live.SqlAsync("SELECT COUNT(*) FROM qlo_orders")).Trim().Should().Be("0");
    }

    // ---- 4. Quoted price = recorded price ----------------------------------------------------------------

    [Fact]
    public async Task CreateReservationAsync_AfterAQuote_QloAppsRecordsTheQuotedTotal()
    {
        await live.ResetAsync();
        await using var host = live.Host();
        var stay = Stay(55, nights: 2) with { Adults = 2 };

        var offer = (await host.Pms.GetAvailabilityAsync(stay, Token)).Offers.Single(o => o.RoomType.Code == "double");
        var result = await host.Pms.CreateReservationAsync(Booking(stay, "quote"), "quote", Token);
        var (recorded, _, _) = await live.OrderAsync(await live.OrderIdAsync(result.Reservation!.Code));

        offer.Total.Should().Be(3640m, "2 nights of 1,500 plus the auto-added 250 a night, with 4 % tax");
        result.Reservation.Total.Should().Be(offer.Total);
        recorded.Should().Be(offer.Total);
    }

    [Fact]
    public async Task CreateReservationAsync_DatePriceRule_QloAppsRecordsTheQuotedTotal()
    {
        await live.ResetAsync();
        var stay = Stay(57, nights: 2) with { Adults = 2 };
        var (status, _) = await live.ApiAsync(HttpMethod.Post, "feature_prices", $"""
            <qloapps><feature_price><id_product>2</id_product><id_cart>0</id_cart><id_guest>0</id_guest><id_room>0</id_room>
            <date_from>{stay.CheckIn:yyyy-MM-dd}</date_from><date_to>{stay.CheckOut:yyyy-MM-dd}</date_to><impact_way>2</impact_way>
            <is_special_days_exists>0</is_special_days_exists><date_selection_type>1</date_selection_type><special_days></special_days>
            <impact_type>1</impact_type><impact_value>20</impact_value><active>1</active><feature_price_name><language id="1">Peak</language></feature_price_name>
            <associations><groups><group><id>1</id></group><group><id>2</id></group><group><id>3</id></group></groups></associations></feature_price></qloapps>
            """, "application/xml");
        status.Should().Be(HttpStatusCode.Created);
        await using var host = live.Host();

        var offer = (await host.Pms.GetAvailabilityAsync(stay, Token)).Offers.Single(o => o.RoomType.Code == "double");
        var result = await host.Pms.CreateReservationAsync(Booking(stay, "peak"), "peak", Token);
        var (recorded, _, _) = await live.OrderAsync(await live.OrderIdAsync(result.Reservation!.Code));

        offer.Total.Should().Be(4264m, "2 nights of 1,800 (+20 %) plus 250 a night, with 4 % tax");
        recorded.Should().Be(offer.Total);
        result.Reservation.Total.Should().Be(offer.Total);
    }

    // ---- 5. Names QloApps cannot store -------------------------------------------------------------------

    [Fact]
    public async Task CreateReservationAsync_NameWithDigitsCommasAndBrackets_BooksUnderACleanedName()
    {
        await live.ResetAsync();
        await using var host = live.Host();
        var request = Booking(Stay(60, nights: 1), "named") with { Guest = new GuestDetails("Ana 3rd, María [VIP] (O'Neil)", "named@example.com", "+34600000000") };

        var result = await host.Pms.CreateReservationAsync(request, "named", Token);

        result.Succeeded.Should().BeTrue(result.Detail);
        var stored = (await live.SqlAsync("SELECT CONCAT(firstname, '|', lastname) FROM qlo_customer WHERE email = 'named@example.com'")).Trim();
        stored.Should().Be("Ana|María VIP O'Neil");
    }

    [Fact]
    public async Task CreateReservationAsync_NameWithoutLetters_IsRefusedAsPermanentWithoutCallingQloApps()
    {
        await live.ResetAsync();
        await using var host = live.Host();
        var request = Booking(Stay(61, nights: 1), "digits") with { Guest = new GuestDetails("12345, [6]", "digits@example.com", "+34600000000") };

        var result = await host.Pms.CreateReservationAsync(request, "digits", Token);

        result.Error.Should().Be(ReservationError.MissingGuestDetails);
        result.Detail.Should().Contain("name");
        (await live.SqlAsync("SELECT COUNT(*) FROM qlo_orders")).Trim().Should().Be("0");
    }

    // ---- 7. Orders made elsewhere with several rooms --------------------------------------------------------

    [Fact]
    public async Task CancelReservationAsync_OrderWithTwoRoomTypes_CancelsEveryRoomAndKeepsTheOrderAsItWas()
    {
        await live.ResetAsync();
        var stay = Stay(65, nights: 2);
        var orderId = await OrderElsewhereAsync(stay, (1, 1), (2, 1));
        var (before, _, linesBefore) = await live.OrderAsync(orderId);
        await using var host = live.Host();
        var code = (await live.ApiAsync(HttpMethod.Get, $"orders?display=[id,reference]&filter[id]={orderId}")).Body.GetProperty("orders")[0].GetProperty("reference").GetString()!;

        var result = await host.Pms.CancelReservationAsync(code, "cancel-multi", Token);
        var (after, state, lines) = await live.OrderAsync(orderId);

        result.Succeeded.Should().BeTrue(result.Detail);
        state.Should().Be(4);
        after.Should().Be(before, "cancelling must not rewrite the order");
        lines.Should().HaveCount(linesBefore.Length).And.OnlyContain(l => l.GetProperty("is_cancelled").GetString() == "1");
    }

    [Fact]
    public async Task ModifyReservationAsync_OrderWithTwoRooms_IsRefusedAndLeftUntouched()
    {
        await live.ResetAsync();
        var stay = Stay(67, nights: 2);
        var orderId = await OrderElsewhereAsync(stay, (2, 2));
        var (before, stateBefore, linesBefore) = await live.OrderAsync(orderId);
        await using var host = live.Host();
        var code = (await live.ApiAsync(HttpMethod.Get, $"orders?display=[id,reference]&filter[id]={orderId}")).Body.GetProperty("orders")[0].GetProperty("reference").GetString()!;

        var result = await host.Pms.ModifyReservationAsync(new ModifyReservationRequest { Code = code, CheckOut = stay.CheckOut.AddDays(1) }, "modify-multi", Token);
        var (after, state, lines) = await live.OrderAsync(orderId);

        result.Error.Should().Be(ReservationError.Rejected);
        result.Detail.Should().Contain("2 rooms");
        (after, state, lines.Length).Should().Be((before, stateBefore, linesBefore.Length));
        (await live.SqlAsync("SELECT COUNT(*) FROM qlo_orders")).Trim().Should().Be("1", "no replacement booking was made");
    }

    [Fact]
    public async Task CancelReservationAsync_BookedThroughTheAgent_KeepsTheRecordedTotal()
    {
        await live.ResetAsync();
        await using var host = live.Host();
        var booked = await host.Pms.CreateReservationAsync(Booking(Stay(69, nights: 2), "keep"), "keep", Token);
        var orderId = await live.OrderIdAsync(booked.Reservation!.Code);
        var (before, _, _) = await live.OrderAsync(orderId);

        var cancelled = await host.Pms.CancelReservationAsync(booked.Reservation.Code, "keep-cancel", Token);
        var (after, state, _) = await live.OrderAsync(orderId);

        cancelled.Succeeded.Should().BeTrue(cancelled.Detail);
        state.Should().Be(4);
        after.Should().Be(before);
    }

    // ---- 8. A required phone ------------------------------------------------------------------------------

    [Fact]
    public async Task CreateReservationAsync_NoPhoneOnAStockInstall_AsksForItThenBooksUnderTheSameKey()
    {
        await live.ResetAsync();
        await using var host = live.Host();
        var requirements = await ((IPmsBookingRequirementsProvider)host.Pms).GetBookingRequirementsAsync(Token);
        var withoutPhone = Booking(Stay(70, nights: 1), "phone") with { Guest = new GuestDetails("Ada Lovelace", "phone@example.com") };

        var refused = await host.Pms.CreateReservationAsync(withoutPhone, "phone-key", Token);
        var booked = await host.Pms.CreateReservationAsync(withoutPhone with { Guest = withoutPhone.Guest with { Phone = "+44 20 7946 0000" } }, "phone-key", Token);

        requirements.PhoneRequired.Should().BeTrue("QloApps installs with PS_ONE_PHONE_AT_LEAST = 1");
        refused.Error.Should().Be(ReservationError.MissingGuestDetails);
        refused.Detail.Should().Contain("phone");
        booked.Succeeded.Should().BeTrue(booked.Detail);
        (await live.SqlAsync("SELECT COUNT(*) FROM qlo_orders")).Trim().Should().Be("1");
    }

    // ---- 9. Readiness, retries, time zone -------------------------------------------------------------------

    [Fact]
    public async Task ReadinessCheck_QloAppsGoesDown_ReportsUnhealthyAtOnce()
    {
        await live.ResetAsync();
        await using var proxy = await QloAppsProxy.StartAsync(live.BaseUrl);
        await using var host = live.Host(o => o.MaxRetryAttempts = 0, s => s.AddHotelAgent(), proxy.BaseUrl);
        var health = host.Provider.GetRequiredService<HealthCheckService>();

        var up = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), Token);
        proxy.Down = true;
        var down = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), Token);
        proxy.Down = false;
        var back = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), Token);

        up.Status.Should().Be(HealthStatus.Healthy);
        down.Status.Should().Be(HealthStatus.Unhealthy);
        back.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task AgentTurn_QloAppsRefusesTheKey_IsNotRetried()
    {
        await live.ResetAsync();
        await using var proxy = await QloAppsProxy.StartAsync(live.BaseUrl);
        await using var host = live.Host(o => o.ApiKey = "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", s => s.AddHotelAgent(), proxy.BaseUrl);
        var agent = host.Provider.GetRequiredService<IHotelAgent>();
        var checkIn = LiveQloApps.Today.AddDays(75);

        await agent.HandleAsync(new InboundMessage
        {
            MessageId = "m1",
            ChannelName = "webchat",
            ConversationId = "retry",
            GuestId = "g1",
            Text = $"Do you have a double room from {checkIn:yyyy-MM-dd} to {checkIn.AddDays(2):yyyy-MM-dd} for 2 adults?",
            Language = "en",
        }, Token);

        proxy.Requests.Should().NotBeEmpty();
        proxy.Requests.GroupBy(r => r).Should().OnlyContain(g => g.Count() == 1, "a refused key (401) is not transient: no call is repeated");
    }

    [Fact]
    public async Task CreateReservationAsync_ShopInAnotherTimeZone_CreatedAtIsTheRealInstant()
    {
        await live.ResetAsync();
        await live.SqlAsync("UPDATE qlo_configuration SET value = 'Asia/Kolkata' WHERE name = 'PS_TIMEZONE'");
        await using var host = live.Host(o => o.TimeZone = "UTC");
        var before = DateTimeOffset.UtcNow;

        var result = await host.Pms.CreateReservationAsync(Booking(Stay(80, nights: 1), "zone"), "zone", Token);

        result.Succeeded.Should().BeTrue(result.Detail);
        result.Reservation!.CreatedAt.Should().BeCloseTo(before, TimeSpan.FromMinutes(2), "QloApps writes booking_date in the shop's zone (UTC+05:30 here)");
    }

    private static Task<AgentResponse> SayAsync(IHotelAgent agent, string text) => agent.HandleAsync(new InboundMessage
    {
        MessageId = Guid.NewGuid().ToString("N"),
        ChannelName = ChannelNames.WebChat,
        ConversationId = "lost-yes",
        GuestId = "lost-yes",
        Text = text,
        Language = "es",
        ReceivedAt = DateTimeOffset.UtcNow,
    }, Token);

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static StayRequest Stay(int daysAhead, int nights)
    {
        var checkIn = LiveQloApps.Today.AddDays(daysAhead);
        return new StayRequest { CheckIn = checkIn, CheckOut = checkIn.AddDays(nights), Adults = 1, RoomType = "double" };
    }

    private static CreateReservationRequest Booking(StayRequest stay, string guest) => new()
    {
        Stay = stay,
        Guest = new GuestDetails("Ada Lovelace", $"{guest}@example.com", "+15550000000"),
        ConversationId = "live",
    };

    /// <summary>Gets the room lines of the stay's dates not cancelled or refunded: order, room, back-order flag.</summary>
    private async Task<(int Order, int Room, bool BackOrder)[]> ActiveLinesAsync(StayRequest stay)
    {
        var rows = await live.SqlAsync($"SELECT id_order, id_room, is_back_order FROM qlo_htl_booking_detail WHERE id_product = 2 AND is_cancelled = 0 AND is_refunded = 0 AND date_from < '{stay.CheckOut:yyyy-MM-dd}' AND date_to > '{stay.CheckIn:yyyy-MM-dd}'");
        return rows.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split('\t'))
            .Select(c => (int.Parse(c[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture), c[2] == "1"))
            .ToArray();
    }

    /// <summary>Makes an order as the back office or another channel would: several room types or rooms, with the auto-added services.</summary>
    private async Task<int> OrderElsewhereAsync(StayRequest stay, params (int RoomType, int Rooms)[] rooms)
    {
        const string Room = """{"adult":2,"child":0,"services":[{"id_service":5,"quantity":1}]}""";
        var roomTypes = string.Join(",", rooms.Select(r =>
            $$"""{"id_room_type":{{r.RoomType}},"checkin_date":"{{stay.CheckIn:yyyy-MM-dd}}","checkout_date":"{{stay.CheckOut:yyyy-MM-dd}}","number_of_rooms":{{r.Rooms}},"rooms":[""" +
            string.Join(",", Enumerable.Repeat(Room, r.Rooms)) + "]}"));
        const string Order = """
            {"booking":{"id_property":1,"currency":"USD","booking_status":1,"payment_status":3,"source":"front desk","remark":"made elsewhere",
             "associations":{"customer_detail":{"firstname":"Grace","lastname":"Hopper","email":"grace@example.com","phone":"+15550001111"},
             "payment_detail":{"payment_type":"pay at hotel","payment_method":"Pay at hotel"},"room_types":[ROOM_TYPES]}}}
            """;
        var (status, body) = await live.ApiAsync(HttpMethod.Post, "bookings", Order.Replace("ROOM_TYPES", roomTypes, StringComparison.Ordinal));
        status.Should().Be(HttpStatusCode.OK, body.ToString());
        return body.GetProperty("booking").GetProperty("id").GetInt32();
    }
}
