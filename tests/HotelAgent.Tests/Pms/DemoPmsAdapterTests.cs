using HotelAgent.Abstractions;

namespace HotelAgent.Tests.Pms;

public sealed class DemoPmsAdapterTests : IAsyncDisposable
{
    private static readonly DateOnly CheckIn = new(2026, 12, 10);
    private static readonly DateOnly CheckOut = new(2026, 12, 12);
    private readonly TestHost _host = new();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static CreateReservationRequest Booking(string roomType, int adults = 2, DateOnly? checkIn = null, DateOnly? checkOut = null) => new()
    {
        Stay = new StayRequest { CheckIn = checkIn ?? CheckIn, CheckOut = checkOut ?? CheckOut, Adults = adults, RoomType = roomType },
        Guest = new GuestDetails("Ana García", "ana@example.com"),
    };

    [Fact]
    public async Task GetAvailabilityAsync_EmptyHotel_OffersEveryFittingTypeCheapestFirstWithTotals()
    {
        var result = await _host.Pms.GetAvailabilityAsync(new StayRequest { CheckIn = CheckIn, CheckOut = CheckOut, Adults = 2 });

        result.Offers.Select(o => o.RoomType.Code).Should().Equal("twin", "double", "family", "suite");
        var @double = result.Offers.Single(o => o.RoomType.Code == "double");
        @double.Total.Should().Be(240m);
        @double.Nights.Should().HaveCount(2).And.OnlyContain(n => n.Price == 120m);
        @double.RoomsLeft.Should().Be(10);
        @double.Currency.Should().Be("EUR");
    }

    [Fact]
    public async Task GetAvailabilityAsync_CheckOutBeforeCheckIn_ThrowsArgumentException()
    {
        var act = () => _host.Pms.GetAvailabilityAsync(new StayRequest { CheckIn = CheckOut, CheckOut = CheckIn, Adults = 1 });

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*must be after check-in*");
    }

    [Fact]
    public async Task CreateReservationAsync_ValidStay_StoresItAndShrinksAvailability()
    {
        var result = await _host.Pms.CreateReservationAsync(Booking("suite"), "key-1");

        result.Succeeded.Should().BeTrue();
        result.Reservation!.Code.Should().MatchRegex("^HA-[A-Z2-9]{6}$");
        result.Reservation.Total.Should().Be(420m);
        (await _host.Pms.GetReservationAsync(result.Reservation.Code)).Should().BeEquivalentTo(result.Reservation);
        var availability = await _host.Pms.GetAvailabilityAsync(new StayRequest { CheckIn = CheckIn, CheckOut = CheckOut, Adults = 2, RoomType = "suite" });
        availability.Offers.Single().RoomsLeft.Should().Be(1);
    }

    [Fact]
    public async Task CreateReservationAsync_ConcurrentBookingsForTheLastRoom_ExactlyOneSucceeds()
    {
        (await _host.Pms.CreateReservationAsync(Booking("suite"), "first")).Succeeded.Should().BeTrue();

        var attempts = Enumerable.Range(0, 50)
            .Select(i => Task.Run(() => _host.Pms.CreateReservationAsync(Booking("suite"), $"race-{i}")))
            .ToArray();
        var results = await Task.WhenAll(attempts);

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Error == ReservationError.NoAvailability);
        (await _host.Pms.GetAvailabilityAsync(new StayRequest { CheckIn = CheckIn, CheckOut = CheckOut, Adults = 2, RoomType = "suite" }))
            .Offers.Should().BeEmpty();
    }

    [Fact]
    public async Task CreateReservationAsync_SameIdempotencyKeyTwice_BooksOnceAndReturnsTheSameReservation()
    {
        var first = await _host.Pms.CreateReservationAsync(Booking("double"), "same-key");
        var second = await _host.Pms.CreateReservationAsync(Booking("double"), "same-key");

        second.Reservation!.Code.Should().Be(first.Reservation!.Code);
        (await _host.Pms.ListReservationsAsync(new ReservationQuery())).Should().ContainSingle();
    }

    [Fact]
    public async Task CancelReservationAsync_ConfirmedReservation_FreesTheRoom()
    {
        await _host.Pms.CreateReservationAsync(Booking("suite"), "a");
        var second = await _host.Pms.CreateReservationAsync(Booking("suite"), "b");

        var cancelled = await _host.Pms.CancelReservationAsync(second.Reservation!.Code, "cancel-b");
        var again = await _host.Pms.CancelReservationAsync(second.Reservation.Code, "cancel-b-again");

        cancelled.Reservation!.Status.Should().Be(ReservationStatus.Cancelled);
        again.Error.Should().Be(ReservationError.AlreadyCancelled);
        (await _host.Pms.CreateReservationAsync(Booking("suite"), "c")).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task ModifyReservationAsync_NewDates_RequotesAndKeepsTheCode()
    {
        var created = await _host.Pms.CreateReservationAsync(Booking("double"), "m1");

        var changed = await _host.Pms.ModifyReservationAsync(
            new ModifyReservationRequest { Code = created.Reservation!.Code, CheckOut = new DateOnly(2026, 12, 13) }, "m1-change");

        changed.Reservation!.Code.Should().Be(created.Reservation.Code);
        changed.Reservation.Total.Should().Be(360m);
    }

    [Theory]
    [InlineData("penthouse", 2, ReservationError.UnknownRoomType)]
    [InlineData("single", 2, ReservationError.CapacityExceeded)]
    public async Task CreateReservationAsync_InvalidRequest_ReturnsTheReason(string roomType, int adults, ReservationError expected)
    {
        var result = await _host.Pms.CreateReservationAsync(Booking(roomType, adults), "bad");

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be(expected);
    }

    [Fact]
    public async Task CreateReservationAsync_PastDates_ReturnsInvalidDates()
    {
        var result = await _host.Pms.CreateReservationAsync(Booking("double", checkIn: new DateOnly(2026, 11, 1), checkOut: new DateOnly(2026, 11, 3)), "past");

        result.Error.Should().Be(ReservationError.InvalidDates);
    }

    [Fact]
    public async Task GetReservationAsync_UnknownCode_ReturnsNull()
    {
        (await _host.Pms.GetReservationAsync("HA-NOPE00")).Should().BeNull();
    }

    [Fact]
    public void Load_MissingFile_NamesThePathAndTheSetting()
    {
        var act = () => DemoCatalog.Load("does-not-exist.json");

        act.Should().Throw<InvalidOperationException>().WithMessage("*does-not-exist.json*HotelAgent:DemoPms:CatalogPath*");
    }

    [Fact]
    public void FromDocument_InvalidRoomTypes_ListsEveryProblem()
    {
        var document = new DemoCatalogDocument
        {
            Hotel = new HotelInfo { Id = "h", Name = "H", TimeZone = "Mars/Olympus" },
            RoomTypes = [new DemoRoomTypeDocument { Code = "x", MaxAdults = 0, MaxOccupancy = 0, NightlyRate = 0, Rooms = -1 }],
        };

        var act = () => DemoCatalog.FromDocument(document, "test");

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*Mars/Olympus*")
            .WithMessage("*maxAdults*")
            .WithMessage("*nightlyRate*")
            .WithMessage("*rooms cannot be negative*");
    }

    [Fact]
    public async Task ListReservationsAsync_NewestFirstThenByCode_ByEmailInAnyCase_WithChangesAndCancellations()
    {
        var made = new List<Reservation>();
        for (var i = 0; i < 6; i++)
        {
            var guest = i % 3 == 2 ? new GuestDetails("Bob Lee", "bob@example.com") : new GuestDetails("Ana García", "ana@example.com");
            var stay = new StayRequest { CheckIn = CheckIn.AddDays(i), CheckOut = CheckOut.AddDays(i), Adults = 2, RoomType = "double" };
            made.Add((await _host.Pms.CreateReservationAsync(new CreateReservationRequest { Stay = stay, Guest = guest }, $"list-{i}")).Reservation!);
            if (i % 2 == 1)
            {
                _host.Clock.Advance(TimeSpan.FromMinutes(1)); // two at a time share a creation time: the code decides
            }
        }

        await _host.Pms.ModifyReservationAsync(new ModifyReservationRequest { Code = made[0].Code, CheckOut = CheckOut.AddDays(1) }, "list-move");
        await _host.Pms.CancelReservationAsync(made[3].Code, "list-cancel");

        var current = new List<Reservation>();
        foreach (var reservation in made)
        {
            current.Add((await _host.Pms.GetReservationAsync(reservation.Code))!);
        }

        var expected = current.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        (await _host.Pms.ListReservationsAsync(new ReservationQuery())).Should().Equal(expected);
        (await _host.Pms.ListReservationsAsync(new ReservationQuery { Take = 3 })).Should().Equal(expected.Take(3));
        (await _host.Pms.ListReservationsAsync(new ReservationQuery { Email = "ANA@example.com", Take = 3 }))
            .Should().Equal(expected.Where(r => r.Guest.Email == "ana@example.com").Take(3));
        (await _host.Pms.ListReservationsAsync(new ReservationQuery { Email = "bob@example.com" }))
            .Should().Equal(expected.Where(r => r.Guest.Email == "bob@example.com"))
            .And.HaveCount(2);
        (await _host.Pms.ListReservationsAsync(new ReservationQuery { Email = "nobody@example.com" })).Should().BeEmpty();
        current[0].CheckOut.Should().Be(CheckOut.AddDays(1), "the listing shows the reservation as changed");
        current[3].Status.Should().Be(ReservationStatus.Cancelled);
    }
}
