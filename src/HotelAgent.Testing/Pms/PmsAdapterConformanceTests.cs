// These are xunit tests shipped in a library: like any test they keep xunit's synchronization context (xUnit1030), so CA2007 does not apply.
#pragma warning disable CA2007

using FluentAssertions;
using HotelAgent.Abstractions;
using Xunit;

namespace HotelAgent.Testing;

/// <summary>
/// The behaviour every <see cref="IPmsAdapter"/> must show: availability shrinks after a booking and grows back after a
/// cancellation, no overbooking under concurrency, idempotent writes, refusals as results (unknown codes, past dates,
/// capacity). Derive a test class from it with a factory for your adapter; see <c>docs/pms/writing-an-adapter.md</c>.
/// </summary>
/// <typeparam name="TFactory">The factory of the adapter under test, used as an xunit class fixture.</typeparam>
public abstract class PmsAdapterConformanceTests<TFactory> : IClassFixture<TFactory>
    where TFactory : class, IPmsAdapterFactory
{
    /// <summary>Initializes a new instance of the <see cref="PmsAdapterConformanceTests{TFactory}"/> class.</summary>
    /// <param name="factory">The factory of the adapter under test.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected PmsAdapterConformanceTests(TFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Factory = factory;
    }

    /// <summary>Gets the factory of the adapter under test.</summary>
    protected TFactory Factory { get; }

    /// <summary>Gets the settings of the backend under test.</summary>
    protected PmsConformanceSettings Settings => Factory.Settings;

    /// <summary>Gets the token that is cancelled when the test run is aborted.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The room types include the configured one, with a sane capacity and rate.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetRoomTypesAsync_FreshBackend_IncludesTheRoomTypeWithSaneCapacity()
    {
        var pms = await Factory.CreateAdapterAsync(Token);

        var roomTypes = await pms.GetRoomTypesAsync(Token);

        roomTypes.Where(t => string.Equals(t.Code, Settings.RoomTypeCode, StringComparison.OrdinalIgnoreCase)).Should()
            .ContainSingle("the room types must include exactly one with the configured code {0}", Settings.RoomTypeCode);
        var roomType = roomTypes.Single(t => string.Equals(t.Code, Settings.RoomTypeCode, StringComparison.OrdinalIgnoreCase));
        roomType.MaxAdults.Should().BeInRange(1, 100, "a room type must hold at least one adult");
        roomType.MaxOccupancy.Should().BeInRange(roomType.MaxAdults, 100, "a room's occupancy counts its adults");
        roomType.NightlyRate.Should().BeGreaterThanOrEqualTo(0, "a nightly rate must not be negative");
        roomTypes.Select(t => t.Code).Should().OnlyHaveUniqueItems(c => c.ToUpperInvariant(), "room type codes must be unique per hotel (ignoring case)");
    }

    /// <summary>The hotel has an id, a name and a currency.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetHotelInfoAsync_FreshBackend_HasIdNameAndCurrency()
    {
        var pms = await Factory.CreateAdapterAsync(Token);

        var hotel = await pms.GetHotelInfoAsync(Token);

        hotel.Id.Should().NotBeNullOrWhiteSpace("the hotel must have the PMS's id");
        hotel.Name.Should().NotBeNullOrWhiteSpace("the hotel must have a name, which the agent greets with");
        hotel.Currency.Should().MatchRegex("^[A-Z]{3}$", "the currency must be an ISO 4217 code such as EUR");
    }

    /// <summary>An offer prices every night of the stay and its total is their sum.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetAvailabilityAsync_FreshBackend_PricesEveryNight()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 3);

        var offer = await OfferAsync(pms, stay);

        offer.Should().NotBeNull("a fresh backend must offer the {0} room type for {1} night(s) from {2:yyyy-MM-dd}", Settings.RoomTypeCode, stay.Nights, stay.CheckIn);
        offer!.Nights.Select(n => n.Date).Should().Equal(Enumerable.Range(0, stay.Nights).Select(stay.CheckIn.AddDays), "an offer must price every night of the stay, in order");
        offer.Total.Should().Be(offer.Nights.Sum(n => n.Price), "an offer's total must be the sum of its nightly prices");
        offer.Total.Should().BePositive("a stay must cost something");
        offer.Currency.Should().MatchRegex("^[A-Z]{3}$", "the currency must be an ISO 4217 code such as EUR");
        offer.RoomsLeft.Should().BeInRange(1, Settings.MaxRooms, "an offer says how many rooms are left, at most MaxRooms ({0})", Settings.MaxRooms);
    }

    /// <summary>A booking takes one room off the availability of its nights.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task CreateReservationAsync_Booked_AvailabilityShrinksByOne()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 2);
        var before = await RoomsLeftAsync(pms, stay);

        var result = await pms.CreateReservationAsync(Booking(stay, "shrink"), NewKey(), Token);

        ShouldHaveSucceeded(result, "a booking on a fresh backend");
        (await RoomsLeftAsync(pms, stay)).Should().Be(before - 1, "a booking must take exactly one room off the availability of its nights");
    }

    /// <summary>A booking reads back with what was asked for.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetReservationAsync_AfterCreate_ReturnsTheBooking()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 2);
        var created = await pms.CreateReservationAsync(Booking(stay, "readback"), NewKey(), Token);
        ShouldHaveSucceeded(created, "a booking on a fresh backend");

        var read = await pms.GetReservationAsync(created.Reservation!.Code, Token);

        read.Should().NotBeNull("a reservation just created must be found by its code {0}", created.Reservation.Code);
        read!.Code.Should().Be(created.Reservation.Code, "a reservation read by its code must carry that code");
        read.Status.Should().Be(ReservationStatus.Confirmed, "a new booking must read back confirmed");
        read.RoomType.Should().BeEquivalentTo(Settings.RoomTypeCode, "a booking must read back with the room type's canonical code");
        read.CheckIn.Should().Be(stay.CheckIn, "a booking must read back with its check-in date");
        read.CheckOut.Should().Be(stay.CheckOut, "a booking must read back with its check-out date");
        read.Adults.Should().Be(stay.Adults, "a booking must read back with its number of adults");
        read.Guest.Email.Should().BeEquivalentTo("readback@example.com", "a booking must read back with its guest's email");
        read.Total.Should().BePositive("a booking must cost something");
    }

    /// <summary>Concurrent bookings for the last rooms never sell more rooms than exist.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task CreateReservationAsync_ConcurrentForLastRooms_NeverOverbooks()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 2);
        var rooms = await RoomsLeftAsync(pms, stay);
        rooms.Should().BeInRange(1, Settings.MaxRooms, "the suite books every {0} room, so a fresh backend must have between 1 and MaxRooms ({1}) of them", Settings.RoomTypeCode, Settings.MaxRooms);

        var attempts = Enumerable.Range(0, rooms + 3)
            .Select(i => Task.Run(() => pms.CreateReservationAsync(Booking(stay, $"race{i}"), NewKey(), Token), Token));
        var results = await Task.WhenAll(attempts);

        results.Count(r => r.Succeeded).Should().Be(rooms, "{0} concurrent bookings for {1} free room(s) must book exactly {1}: never overbook", rooms + 3, rooms);
        results.Where(r => !r.Succeeded).Select(r => r.Error).Should().AllBeEquivalentTo(ReservationError.NoAvailability, "a booking refused for want of rooms must say NoAvailability");
        results.Where(r => r.Succeeded).Select(r => r.Reservation!.Code).Should().OnlyHaveUniqueItems("every booking must get its own code");
        (await RoomsLeftAsync(pms, stay)).Should().Be(0, "once every room is booked none must be offered");
    }

    /// <summary>Repeating a create with the same idempotency key returns the first reservation and books once.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task CreateReservationAsync_SameKeyTwice_BooksOnce()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 2);
        var before = await RoomsLeftAsync(pms, stay);
        var key = NewKey();

        var first = await pms.CreateReservationAsync(Booking(stay, "twice"), key, Token);
        var second = await pms.CreateReservationAsync(Booking(stay, "twice"), key, Token);

        ShouldHaveSucceeded(first, "a booking on a fresh backend");
        ShouldHaveSucceeded(second, "a second create with the same idempotency key (it must return the first outcome)");
        second.Reservation!.Code.Should().Be(first.Reservation!.Code, "a second create with the same idempotency key must return the first reservation");
        (await RoomsLeftAsync(pms, stay)).Should().Be(before - 1, "a second create with the same idempotency key must not book a second room");
    }

    /// <summary>Cancelling frees the room and the reservation reads back cancelled.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task CancelReservationAsync_Booked_FreesTheRoom()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 2);
        var before = await RoomsLeftAsync(pms, stay);
        var created = await pms.CreateReservationAsync(Booking(stay, "cancel"), NewKey(), Token);
        ShouldHaveSucceeded(created, "a booking on a fresh backend");

        var cancelled = await pms.CancelReservationAsync(created.Reservation!.Code, NewKey(), Token);

        ShouldHaveSucceeded(cancelled, "cancelling a confirmed booking");
        cancelled.Reservation!.Status.Should().Be(ReservationStatus.Cancelled, "a cancellation must return the reservation as cancelled");
        (await RoomsLeftAsync(pms, stay)).Should().Be(before, "a cancellation must free the room for its nights");
        var read = await pms.GetReservationAsync(created.Reservation.Code, Token);
        (read?.Status).Should().Be(ReservationStatus.Cancelled, "a cancelled reservation must still be found, and read back cancelled");
    }

    /// <summary>Repeating a cancellation with the same key returns the first outcome; a new key is told it is already cancelled.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task CancelReservationAsync_Repeated_IsIdempotentPerKey()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var created = await pms.CreateReservationAsync(Booking(Stay(nights: 1), "recancel"), NewKey(), Token);
        ShouldHaveSucceeded(created, "a booking on a fresh backend");
        var key = NewKey();

        var first = await pms.CancelReservationAsync(created.Reservation!.Code, key, Token);
        var replay = await pms.CancelReservationAsync(created.Reservation.Code, key, Token);
        var other = await pms.CancelReservationAsync(created.Reservation.Code, NewKey(), Token);

        ShouldHaveSucceeded(first, "cancelling a confirmed booking");
        ShouldHaveSucceeded(replay, "a second cancel with the same idempotency key (it must return the first outcome, not AlreadyCancelled)");
        other.Error.Should().Be(ReservationError.AlreadyCancelled, "cancelling a cancelled reservation under a new idempotency key must say AlreadyCancelled");
    }

    /// <summary>Moving a booking to other dates frees the old nights and takes the new ones.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task ModifyReservationAsync_NewDates_MovesTheRoom()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var oldStay = Stay(nights: 2);
        var newStay = Stay(nights: 2, offset: 10);
        var roomsOld = await RoomsLeftAsync(pms, oldStay);
        var roomsNew = await RoomsLeftAsync(pms, newStay);
        var created = await pms.CreateReservationAsync(Booking(oldStay, "move"), NewKey(), Token);
        ShouldHaveSucceeded(created, "a booking on a fresh backend");

        var moved = await pms.ModifyReservationAsync(
            new ModifyReservationRequest { Code = created.Reservation!.Code, CheckIn = newStay.CheckIn, CheckOut = newStay.CheckOut }, NewKey(), Token);

        ShouldHaveSucceeded(moved, "moving a booking to free dates");
        moved.Reservation!.CheckIn.Should().Be(newStay.CheckIn, "a moved booking must return its new check-in");
        moved.Reservation.CheckOut.Should().Be(newStay.CheckOut, "a moved booking must return its new check-out");
        moved.Reservation.Status.Should().Be(ReservationStatus.Confirmed, "a moved booking must stay confirmed");
        (await RoomsLeftAsync(pms, oldStay)).Should().Be(roomsOld, "moving a booking must free its old nights");
        (await RoomsLeftAsync(pms, newStay)).Should().Be(roomsNew - 1, "moving a booking must take one room on its new nights");
    }

    /// <summary>A change that cannot be made keeps the original booking.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task ModifyReservationAsync_Refused_KeepsTheOriginal()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 2);
        var created = await pms.CreateReservationAsync(Booking(stay, "keep"), NewKey(), Token);
        ShouldHaveSucceeded(created, "a booking on a fresh backend");

        var refused = await pms.ModifyReservationAsync(
            new ModifyReservationRequest { Code = created.Reservation!.Code, Adults = 50 }, NewKey(), Token);

        refused.Succeeded.Should().BeFalse("a change to 50 adults cannot be made");
        refused.Error.Should().Be(ReservationError.CapacityExceeded, "a change to more guests than the room holds must say CapacityExceeded");
        var read = await pms.GetReservationAsync(created.Reservation.Code, Token);
        (read?.Status).Should().Be(ReservationStatus.Confirmed, "a refused change must keep the original booking confirmed");
        (read?.CheckIn).Should().Be(stay.CheckIn, "a refused change must keep the original booking's dates");
    }

    /// <summary>An unknown reservation code is not found, for reads and writes.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetReservationAsync_UnknownCode_ReturnsNullAndWritesReturnNotFound()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        const string Unknown = "ZZNOSUCHCODE";

        var read = await pms.GetReservationAsync(Unknown, Token);
        var cancel = await pms.CancelReservationAsync(Unknown, NewKey(), Token);
        var modify = await pms.ModifyReservationAsync(new ModifyReservationRequest { Code = Unknown, Adults = 1 }, NewKey(), Token);

        read.Should().BeNull("reading an unknown code must return null, not throw");
        cancel.Error.Should().Be(ReservationError.NotFound, "cancelling an unknown code must say NotFound");
        modify.Error.Should().Be(ReservationError.NotFound, "changing an unknown code must say NotFound");
    }

    /// <summary>An unknown room type code is refused as such.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task CreateReservationAsync_UnknownRoomType_ReturnsUnknownRoomType()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 1) with { RoomType = "no-such-room-type" };

        var result = await pms.CreateReservationAsync(Booking(stay, "unknown"), NewKey(), Token);

        result.Succeeded.Should().BeFalse("no room type has the code no-such-room-type");
        result.Error.Should().Be(ReservationError.UnknownRoomType, "booking an unknown room type code must say UnknownRoomType (a result, not an exception)");
    }

    /// <summary>A stay that starts before today is refused.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task CreateReservationAsync_PastDates_ReturnsInvalidDates()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 2) with { CheckIn = Settings.Today.AddDays(-3), CheckOut = Settings.Today.AddDays(-1) };

        var result = await pms.CreateReservationAsync(Booking(stay, "past"), NewKey(), Token);

        result.Succeeded.Should().BeFalse("a stay that started three days ago cannot be booked");
        result.Error.Should().Be(ReservationError.InvalidDates, "booking past dates must say InvalidDates (a result, not an exception)");
    }

    /// <summary>More guests than a room type holds are refused, and the room type is not offered for them.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task CreateReservationAsync_OverCapacity_ReturnsCapacityExceeded()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var roomType = (await pms.GetRoomTypesAsync(Token)).Single(t => string.Equals(t.Code, Settings.RoomTypeCode, StringComparison.OrdinalIgnoreCase));
        var stay = Stay(nights: 1) with { Adults = roomType.MaxAdults, Children = roomType.MaxOccupancy - roomType.MaxAdults + 1 };

        var result = await pms.CreateReservationAsync(Booking(stay, "crowd"), NewKey(), Token);
        var offer = await OfferAsync(pms, stay);

        result.Succeeded.Should().BeFalse("one guest more than the room's occupancy cannot be booked");
        result.Error.Should().Be(ReservationError.CapacityExceeded, "booking more guests than the room holds must say CapacityExceeded");
        offer.Should().BeNull("a room type must not be offered to more guests than it holds");
        (await OfferAsync(pms, stay with { Children = roomType.MaxOccupancy - roomType.MaxAdults })).Should()
            .NotBeNull("a room type must be offered to as many guests as it holds");
    }

    /// <summary>Creates a stay of the configured room type starting <paramref name="offset"/> days after the first night.</summary>
    /// <param name="nights">The number of nights.</param>
    /// <param name="offset">The days after <see cref="PmsConformanceSettings.FirstNight"/> to start.</param>
    /// <returns>The stay.</returns>
    protected StayRequest Stay(int nights, int offset = 0)
    {
        var checkIn = Settings.Arrival.AddDays(offset);
        return new StayRequest { CheckIn = checkIn, CheckOut = checkIn.AddDays(nights), Adults = 1, RoomType = Settings.RoomTypeCode };
    }

    /// <summary>Creates a booking request for a stay, for a guest whose email is <c>{guest}@example.com</c>.</summary>
    /// <param name="stay">The stay.</param>
    /// <param name="guest">The local part of the guest's email.</param>
    /// <returns>The request.</returns>
    protected static CreateReservationRequest Booking(StayRequest stay, string guest) => new()
    {
        Stay = stay,
        Guest = new GuestDetails("Test Guest", $"{guest}@example.com", "+15550000000"),
        ConversationId = "conformance",
    };

    /// <summary>Creates a fresh idempotency key.</summary>
    /// <returns>The key.</returns>
    protected static string NewKey() => Guid.NewGuid().ToString("N");

    private static void ShouldHaveSucceeded(ReservationResult result, string what) =>
        result.Succeeded.Should().BeTrue("{0} must succeed, but it returned {1}: {2}", what, result.Error, result.Detail);

    private async Task<RoomOffer?> OfferAsync(IPmsAdapter pms, StayRequest stay)
    {
        var availability = await pms.GetAvailabilityAsync(stay, Token);
        return availability.Offers.SingleOrDefault(o => string.Equals(o.RoomType.Code, Settings.RoomTypeCode, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<int> RoomsLeftAsync(IPmsAdapter pms, StayRequest stay) => (await OfferAsync(pms, stay))?.RoomsLeft ?? 0;
}
