// These are xunit tests shipped in a library: like any test they keep xunit's synchronization context (xUnit1030), so CA2007 does not apply.
#pragma warning disable CA2007

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

        var roomType = Assert.Single(roomTypes, t => string.Equals(t.Code, Settings.RoomTypeCode, StringComparison.OrdinalIgnoreCase));
        Assert.InRange(roomType.MaxAdults, 1, 100);
        Assert.InRange(roomType.MaxOccupancy, roomType.MaxAdults, 100);
        Assert.True(roomType.NightlyRate >= 0, "The nightly rate must not be negative.");
        Assert.Equal(roomTypes.Count, roomTypes.Select(t => t.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    /// <summary>The hotel has an id, a name and a currency.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetHotelInfoAsync_FreshBackend_HasIdNameAndCurrency()
    {
        var pms = await Factory.CreateAdapterAsync(Token);

        var hotel = await pms.GetHotelInfoAsync(Token);

        Assert.False(string.IsNullOrWhiteSpace(hotel.Id));
        Assert.False(string.IsNullOrWhiteSpace(hotel.Name));
        Assert.Matches("^[A-Z]{3}$", hotel.Currency);
    }

    /// <summary>An offer prices every night of the stay and its total is their sum.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetAvailabilityAsync_FreshBackend_PricesEveryNight()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 3);

        var offer = await OfferAsync(pms, stay);

        Assert.NotNull(offer);
        Assert.Equal(stay.Nights, offer.Nights.Count);
        Assert.Equal(Enumerable.Range(0, stay.Nights).Select(stay.CheckIn.AddDays), offer.Nights.Select(n => n.Date));
        Assert.Equal(offer.Nights.Sum(n => n.Price), offer.Total);
        Assert.True(offer.Total > 0, "A stay must cost something.");
        Assert.Matches("^[A-Z]{3}$", offer.Currency);
        Assert.InRange(offer.RoomsLeft, 1, Settings.MaxRooms);
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

        Assert.True(result.Succeeded, $"The booking failed: {result.Error} {result.Detail}");
        Assert.Equal(before - 1, await RoomsLeftAsync(pms, stay));
    }

    /// <summary>A booking reads back with what was asked for.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetReservationAsync_AfterCreate_ReturnsTheBooking()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 2);
        var created = await pms.CreateReservationAsync(Booking(stay, "readback"), NewKey(), Token);
        Assert.True(created.Succeeded, $"The booking failed: {created.Error} {created.Detail}");

        var read = await pms.GetReservationAsync(created.Reservation!.Code, Token);

        Assert.NotNull(read);
        Assert.Equal(created.Reservation.Code, read.Code);
        Assert.Equal(ReservationStatus.Confirmed, read.Status);
        Assert.Equal(Settings.RoomTypeCode, read.RoomType, ignoreCase: true);
        Assert.Equal(stay.CheckIn, read.CheckIn);
        Assert.Equal(stay.CheckOut, read.CheckOut);
        Assert.Equal(stay.Adults, read.Adults);
        Assert.Equal("readback@example.com", read.Guest.Email, ignoreCase: true);
        Assert.True(read.Total > 0, "A booking must cost something.");
    }

    /// <summary>Concurrent bookings for the last rooms never sell more rooms than exist.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task CreateReservationAsync_ConcurrentForLastRooms_NeverOverbooks()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 2);
        var rooms = await RoomsLeftAsync(pms, stay);
        Assert.InRange(rooms, 1, Settings.MaxRooms);

        var attempts = Enumerable.Range(0, rooms + 3)
            .Select(i => Task.Run(() => pms.CreateReservationAsync(Booking(stay, $"race{i}"), NewKey(), Token), Token));
        var results = await Task.WhenAll(attempts);

        Assert.Equal(rooms, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(ReservationError.NoAvailability, r.Error));
        Assert.Equal(rooms, results.Where(r => r.Succeeded).Select(r => r.Reservation!.Code).Distinct().Count());
        Assert.Equal(0, await RoomsLeftAsync(pms, stay));
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

        Assert.True(first.Succeeded, $"The booking failed: {first.Error} {first.Detail}");
        Assert.True(second.Succeeded, $"The replay failed: {second.Error} {second.Detail}");
        Assert.Equal(first.Reservation!.Code, second.Reservation!.Code);
        Assert.Equal(before - 1, await RoomsLeftAsync(pms, stay));
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
        Assert.True(created.Succeeded, $"The booking failed: {created.Error} {created.Detail}");

        var cancelled = await pms.CancelReservationAsync(created.Reservation!.Code, NewKey(), Token);

        Assert.True(cancelled.Succeeded, $"The cancellation failed: {cancelled.Error} {cancelled.Detail}");
        Assert.Equal(ReservationStatus.Cancelled, cancelled.Reservation!.Status);
        Assert.Equal(before, await RoomsLeftAsync(pms, stay));
        var read = await pms.GetReservationAsync(created.Reservation.Code, Token);
        Assert.Equal(ReservationStatus.Cancelled, read?.Status);
    }

    /// <summary>Repeating a cancellation with the same key returns the first outcome; a new key is told it is already cancelled.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task CancelReservationAsync_Repeated_IsIdempotentPerKey()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var created = await pms.CreateReservationAsync(Booking(Stay(nights: 1), "recancel"), NewKey(), Token);
        Assert.True(created.Succeeded, $"The booking failed: {created.Error} {created.Detail}");
        var key = NewKey();

        var first = await pms.CancelReservationAsync(created.Reservation!.Code, key, Token);
        var replay = await pms.CancelReservationAsync(created.Reservation.Code, key, Token);
        var other = await pms.CancelReservationAsync(created.Reservation.Code, NewKey(), Token);

        Assert.True(first.Succeeded, $"The cancellation failed: {first.Error} {first.Detail}");
        Assert.True(replay.Succeeded, $"The replay failed: {replay.Error} {replay.Detail}");
        Assert.Equal(ReservationError.AlreadyCancelled, other.Error);
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
        Assert.True(created.Succeeded, $"The booking failed: {created.Error} {created.Detail}");

        var moved = await pms.ModifyReservationAsync(
            new ModifyReservationRequest { Code = created.Reservation!.Code, CheckIn = newStay.CheckIn, CheckOut = newStay.CheckOut }, NewKey(), Token);

        Assert.True(moved.Succeeded, $"The change failed: {moved.Error} {moved.Detail}");
        Assert.Equal(newStay.CheckIn, moved.Reservation!.CheckIn);
        Assert.Equal(newStay.CheckOut, moved.Reservation.CheckOut);
        Assert.Equal(ReservationStatus.Confirmed, moved.Reservation.Status);
        Assert.Equal(roomsOld, await RoomsLeftAsync(pms, oldStay));
        Assert.Equal(roomsNew - 1, await RoomsLeftAsync(pms, newStay));
    }

    /// <summary>A change that cannot be made keeps the original booking.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task ModifyReservationAsync_Refused_KeepsTheOriginal()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 2);
        var created = await pms.CreateReservationAsync(Booking(stay, "keep"), NewKey(), Token);
        Assert.True(created.Succeeded, $"The booking failed: {created.Error} {created.Detail}");

        var refused = await pms.ModifyReservationAsync(
            new ModifyReservationRequest { Code = created.Reservation!.Code, Adults = 50 }, NewKey(), Token);

        Assert.False(refused.Succeeded);
        Assert.Equal(ReservationError.CapacityExceeded, refused.Error);
        var read = await pms.GetReservationAsync(created.Reservation.Code, Token);
        Assert.Equal(ReservationStatus.Confirmed, read?.Status);
        Assert.Equal(stay.CheckIn, read?.CheckIn);
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

        Assert.Null(read);
        Assert.Equal(ReservationError.NotFound, cancel.Error);
        Assert.Equal(ReservationError.NotFound, modify.Error);
    }

    /// <summary>An unknown room type code is refused as such.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task CreateReservationAsync_UnknownRoomType_ReturnsUnknownRoomType()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 1) with { RoomType = "no-such-room-type" };

        var result = await pms.CreateReservationAsync(Booking(stay, "unknown"), NewKey(), Token);

        Assert.False(result.Succeeded);
        Assert.Equal(ReservationError.UnknownRoomType, result.Error);
    }

    /// <summary>A stay that starts before today is refused.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task CreateReservationAsync_PastDates_ReturnsInvalidDates()
    {
        var pms = await Factory.CreateAdapterAsync(Token);
        var stay = Stay(nights: 2) with { CheckIn = Settings.Today.AddDays(-3), CheckOut = Settings.Today.AddDays(-1) };

        var result = await pms.CreateReservationAsync(Booking(stay, "past"), NewKey(), Token);

        Assert.False(result.Succeeded);
        Assert.Equal(ReservationError.InvalidDates, result.Error);
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

        Assert.False(result.Succeeded);
        Assert.Equal(ReservationError.CapacityExceeded, result.Error);
        Assert.Null(offer);
        Assert.NotNull(await OfferAsync(pms, stay with { Children = roomType.MaxOccupancy - roomType.MaxAdults }));
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

    private async Task<RoomOffer?> OfferAsync(IPmsAdapter pms, StayRequest stay)
    {
        var availability = await pms.GetAvailabilityAsync(stay, Token);
        return availability.Offers.SingleOrDefault(o => string.Equals(o.RoomType.Code, Settings.RoomTypeCode, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<int> RoomsLeftAsync(IPmsAdapter pms, StayRequest stay) => (await OfferAsync(pms, stay))?.RoomsLeft ?? 0;
}
