using System.Security.Cryptography;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Options;

namespace HotelAgent.Pms.Sample;

/// <summary>
/// A complete, minimal <see cref="IPmsAdapter"/>. Its "PMS" is the bookings it keeps in memory: each place that reads
/// or writes <c>_bookings</c> is where a real adapter calls its PMS, and must keep the guarantee the comment states.
/// </summary>
/// <remarks>Safe for concurrent use: every read and write of the bookings happens under one lock.</remarks>
internal sealed class SamplePmsAdapter(IOptions<SamplePmsOptions> options, TimeProvider timeProvider) : IPmsAdapter
{
    private static readonly BookingCodeFormat Codes = new("SP-[0-9]{6}", "SP-204931");

    private static readonly RoomType[] RoomTypes =
    [
        new() { Code = "single", Name = Text("Individual", "Single", "Individual"), MaxAdults = 1, MaxOccupancy = 1, NightlyRate = 60m },
        new() { Code = "double", Name = Text("Doble", "Double", "Duplo"), Synonyms = ["doble"], MaxAdults = 2, MaxOccupancy = 3, NightlyRate = 90m },
    ];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Reservation> _bookings = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ReservationResult> _outcomes = new(StringComparer.Ordinal);

    /// <summary>Gets the shape of this PMS's codes, so guests who quote one are understood.</summary>
    public BookingCodeFormat BookingCodeFormat => Codes;

    public Task<HotelInfo> GetHotelInfoAsync(CancellationToken cancellationToken = default) =>
        // No ReceptionHours and no "cancellation" policy: this PMS does not say. The agent then gives the front desk's
        // contact when asked for the hours, and leaves the policy out of a cancellation quote.
        Task.FromResult(new HotelInfo { Id = "sample", Name = options.Value.HotelName, Currency = "EUR", Phone = "+34 900 000 000" });

    public Task<IReadOnlyList<RoomType>> GetRoomTypesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RoomType>>(RoomTypes);

    public Task<AvailabilityResult> GetAvailabilityAsync(StayRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        lock (_gate)
        {
            // One offer per room type free every night that fits the guests, cheapest first.
            var offers = RoomTypes
                .Where(t => request.RoomType is null || string.Equals(t.Code, request.RoomType, StringComparison.OrdinalIgnoreCase))
                .Where(t => t.Fits(request.Adults, request.Children))
                .Select(t => (Type: t, Left: RoomsLeft(t.Code, request.CheckIn, request.CheckOut, except: null)))
                .Where(x => x.Left > 0)
                .Select(x => Offer(x.Type, request.CheckIn, request.CheckOut, x.Left))
                .OrderBy(o => o.Total)
                .ToList();
            return Task.FromResult(new AvailabilityResult(request, offers));
        }
    }

    public Task<ReservationResult> CreateReservationAsync(CreateReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return Task.FromResult(Once(idempotencyKey, () =>
        {
            // Refusals are results, never exceptions; the check and the booking happen at once, so two guests never
            // get the last room.
            if (Refusal(request.Stay, except: null) is { } refusal)
            {
                return refusal;
            }

            var roomType = Find(request.Stay.RoomType)!;
            var code = NewCode();
            var booking = new Reservation
            {
                Code = code,
                Status = ReservationStatus.Confirmed,
                RoomType = roomType.Code,
                CheckIn = request.Stay.CheckIn,
                CheckOut = request.Stay.CheckOut,
                Adults = request.Stay.Adults,
                Children = request.Stay.Children,
                Guest = request.Guest,
                Total = roomType.NightlyRate * request.Stay.Nights,
                Currency = "EUR",
                CreatedAt = timeProvider.GetUtcNow(),
                Notes = request.Notes,
            };
            _bookings[code] = booking;
            return ReservationResult.Success(booking);
        }));
    }

    public Task<Reservation?> GetReservationAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        lock (_gate)
        {
            return Task.FromResult(_bookings.GetValueOrDefault(code.Trim()));
        }
    }

    public Task<IReadOnlyList<Reservation>> ListReservationsAsync(ReservationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<Reservation> list = [.. _bookings.Values
                .Where(r => query.Email is null || string.Equals(r.Guest.Email, query.Email, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(r => r.CreatedAt)
                .Take(query.Take)];
            return Task.FromResult(list);
        }
    }

    public Task<ReservationResult> ModifyReservationAsync(ModifyReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return Task.FromResult(Once(idempotencyKey, () =>
        {
            if (!_bookings.TryGetValue(request.Code.Trim(), out var current))
            {
                return ReservationResult.Failure(ReservationError.NotFound, $"No reservation '{request.Code}'.");
            }

            if (current.Status == ReservationStatus.Cancelled)
            {
                return ReservationResult.Failure(ReservationError.AlreadyCancelled, $"Reservation '{current.Code}' is cancelled.");
            }

            var stay = new StayRequest
            {
                CheckIn = request.CheckIn ?? current.CheckIn,
                CheckOut = request.CheckOut ?? current.CheckOut,
                Adults = request.Adults ?? current.Adults,
                Children = request.Children ?? current.Children,
                RoomType = request.RoomType ?? current.RoomType,
            };

            // A change that cannot be made leaves the original booking as it was.
            if (Refusal(stay, except: current.Code) is { } refusal)
            {
                return refusal;
            }

            var roomType = Find(stay.RoomType)!;
            var changed = current with
            {
                RoomType = roomType.Code,
                CheckIn = stay.CheckIn,
                CheckOut = stay.CheckOut,
                Adults = stay.Adults,
                Children = stay.Children,
                Total = roomType.NightlyRate * stay.Nights,
            };
            _bookings[changed.Code] = changed;
            return ReservationResult.Success(changed);
        }));
    }

    public Task<ReservationResult> CancelReservationAsync(string code, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return Task.FromResult(Once(idempotencyKey, () =>
        {
            if (!_bookings.TryGetValue(code.Trim(), out var booking))
            {
                return ReservationResult.Failure(ReservationError.NotFound, $"No reservation '{code}'.");
            }

            if (booking.Status == ReservationStatus.Cancelled)
            {
                return ReservationResult.Failure(ReservationError.AlreadyCancelled, $"Reservation '{booking.Code}' is already cancelled.");
            }

            var cancelled = booking with { Status = ReservationStatus.Cancelled };
            _bookings[cancelled.Code] = cancelled;
            return ReservationResult.Success(cancelled);
        }));
    }

    private static LocalizedText Text(string es, string en, string pt) => new(new Dictionary<string, string> { ["es"] = es, ["en"] = en, ["pt"] = pt });

    private static RoomType? Find(string? code) =>
        RoomTypes.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase));

    private static RoomOffer Offer(RoomType roomType, DateOnly checkIn, DateOnly checkOut, int roomsLeft)
    {
        var nights = Enumerable.Range(0, checkOut.DayNumber - checkIn.DayNumber)
            .Select(i => new NightlyPrice(checkIn.AddDays(i), roomType.NightlyRate))
            .ToList();
        return new RoomOffer { RoomType = roomType, RoomsLeft = roomsLeft, Nights = nights, Total = nights.Sum(n => n.Price), Currency = "EUR" };
    }

    /// <summary>Runs a write once per idempotency key: a repeated key returns the first outcome, whatever it was.</summary>
    private ReservationResult Once(string idempotencyKey, Func<ReservationResult> write)
    {
        lock (_gate)
        {
            if (!_outcomes.TryGetValue(idempotencyKey, out var outcome))
            {
                outcome = write();
                _outcomes[idempotencyKey] = outcome;
            }

            return outcome;
        }
    }

    /// <summary>Returns why a stay cannot be booked, or <see langword="null"/> when it can. Called under the lock.</summary>
    private ReservationResult? Refusal(StayRequest stay, string? except)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (stay.CheckOut <= stay.CheckIn || stay.CheckIn < today || stay.Nights > StayRequest.MaxNights)
        {
            return ReservationResult.Failure(ReservationError.InvalidDates, $"{stay.CheckIn:yyyy-MM-dd}..{stay.CheckOut:yyyy-MM-dd} cannot be booked.");
        }

        if (Find(stay.RoomType) is not { } roomType)
        {
            return ReservationResult.Failure(ReservationError.UnknownRoomType, $"Unknown room type '{stay.RoomType}'.");
        }

        if (!roomType.Fits(stay.Adults, stay.Children))
        {
            return ReservationResult.Failure(ReservationError.CapacityExceeded, $"{stay.Adults} adults and {stay.Children} children do not fit a {roomType.Code} room.");
        }

        return RoomsLeft(roomType.Code, stay.CheckIn, stay.CheckOut, except) > 0
            ? null
            : ReservationResult.Failure(ReservationError.NoAvailability, $"No {roomType.Code} room free {stay.CheckIn:yyyy-MM-dd}..{stay.CheckOut:yyyy-MM-dd}.");
    }

    /// <summary>Returns the rooms of a type free every night of a stay, not counting booking <paramref name="except"/>.</summary>
    private int RoomsLeft(string roomType, DateOnly checkIn, DateOnly checkOut, string? except)
    {
        var busiest = 0;
        for (var night = checkIn; night < checkOut; night = night.AddDays(1))
        {
            busiest = Math.Max(busiest, _bookings.Values.Count(b =>
                b.Status == ReservationStatus.Confirmed && b.Code != except &&
                string.Equals(b.RoomType, roomType, StringComparison.OrdinalIgnoreCase) &&
                b.CheckIn <= night && night < b.CheckOut));
        }

        return Math.Max(0, options.Value.RoomsPerType - busiest);
    }

    private string NewCode()
    {
        string code;
        do
        {
            code = "SP-" + RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        }
        while (_bookings.ContainsKey(code));

        return code;
    }
}
