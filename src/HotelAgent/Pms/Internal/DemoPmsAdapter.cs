using System.Security.Cryptography;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// An in-memory PMS for demos and tests: one hotel from a JSON catalogue, a fixed number of rooms per type, no
/// overbooking (every write happens under one lock) and idempotent writes.
/// </summary>
internal sealed class DemoPmsAdapter : IPmsAdapter
{
    private static readonly BookingCodeFormat CodeFormat = new("HA-?[A-Z0-9]{6}", "HA-7K3QX9");

    /// <summary>Gets the demo's code format: <c>HA-</c> and six letters or digits.</summary>
    public BookingCodeFormat BookingCodeFormat => CodeFormat;

    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly Lazy<DemoCatalog> _catalog;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DemoPmsAdapter> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Reservation> _reservations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ReservationResult> _outcomes = new(StringComparer.Ordinal);

    // Rooms taken per room type and night by the reservations that are not cancelled, kept with _reservations (Store),
    // so that availability reads a count per night instead of going through every reservation.
    private readonly Dictionary<(string RoomType, DateOnly Night), int> _taken = new(TakenComparer.Instance);

    // The reservations in the order listings return them (newest first, then by code), all of them and by email, kept
    // with _reservations (Store), so that a listing reads the first few instead of sorting every reservation.
    private readonly SortedSet<Reservation> _newestFirst = new(ListingOrder.Instance);
    private readonly Dictionary<string, SortedSet<Reservation>> _byEmail = new(StringComparer.OrdinalIgnoreCase);

    public DemoPmsAdapter(IOptions<DemoPmsOptions> options, TimeProvider timeProvider, ILogger<DemoPmsAdapter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Value.CatalogPath;
        var photoBase = options.Value.PhotoBaseUrl;
        _catalog = new Lazy<DemoCatalog>(() => DemoCatalog.Load(path, photoBase));
        _timeProvider = timeProvider;
        _logger = logger;
    }

    internal DemoPmsAdapter(DemoCatalog catalog, TimeProvider timeProvider, ILogger<DemoPmsAdapter> logger)
    {
        _catalog = new Lazy<DemoCatalog>(catalog);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Gets the catalogue, loading it on first use; the start-up check calls it so a bad file stops the host.</summary>
    internal DemoCatalog Catalog => _catalog.Value;

    public Task<HotelInfo> GetHotelInfoAsync(CancellationToken cancellationToken = default) => Task.FromResult(Catalog.Hotel);

    public Task<IReadOnlyList<RoomType>> GetRoomTypesAsync(CancellationToken cancellationToken = default) => Task.FromResult(Catalog.RoomTypes);

    public Task<AvailabilityResult> GetAvailabilityAsync(StayRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var catalog = Catalog;
        var offers = new List<RoomOffer>();
        lock (_gate)
        {
            foreach (var roomType in catalog.RoomTypes)
            {
                if (request.RoomType is { } code && !string.Equals(code, roomType.Code, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!roomType.Fits(request.Adults, request.Children))
                {
                    continue;
                }

                var left = RoomsLeft(roomType.Code, request.CheckIn, request.CheckOut, exceptCode: null);
                if (left > 0)
                {
                    offers.Add(Price(roomType, request.CheckIn, request.CheckOut, left));
                }
            }
        }

        offers.Sort((a, b) => a.Total.CompareTo(b.Total));
        return Task.FromResult(new AvailabilityResult(request, offers));
    }

    public Task<ReservationResult> CreateReservationAsync(CreateReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        lock (_gate)
        {
            if (_outcomes.TryGetValue(idempotencyKey, out var earlier))
            {
                Log.IdempotentReplay(_logger, idempotencyKey);
                return Task.FromResult(earlier);
            }

            var result = Create(request);
            _outcomes[idempotencyKey] = result;
            return Task.FromResult(result);
        }
    }

    public Task<Reservation?> GetReservationAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        lock (_gate)
        {
            return Task.FromResult(_reservations.GetValueOrDefault(code.Trim()));
        }
    }

    public Task<IReadOnlyList<Reservation>> ListReservationsAsync(ReservationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Take);
        lock (_gate)
        {
            var matching = query.Email is null ? _newestFirst : _byEmail.GetValueOrDefault(query.Email);
            IReadOnlyList<Reservation> list = matching is null ? [] : [.. matching.Take(query.Take)];
            return Task.FromResult(list);
        }
    }

    public Task<ReservationResult> ModifyReservationAsync(ModifyReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        lock (_gate)
        {
            if (_outcomes.TryGetValue(idempotencyKey, out var earlier))
            {
                return Task.FromResult(earlier);
            }

            var result = Modify(request);
            _outcomes[idempotencyKey] = result;
            return Task.FromResult(result);
        }
    }

    public Task<ReservationResult> CancelReservationAsync(string code, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        lock (_gate)
        {
            if (_outcomes.TryGetValue(idempotencyKey, out var earlier))
            {
                return Task.FromResult(earlier);
            }

            ReservationResult result;
            if (!_reservations.TryGetValue(code.Trim(), out var reservation))
            {
                result = ReservationResult.Failure(ReservationError.NotFound, $"No reservation '{code}'.");
            }
            else if (reservation.Status == ReservationStatus.Cancelled)
            {
                result = ReservationResult.Failure(ReservationError.AlreadyCancelled, $"Reservation '{code}' is already cancelled.");
            }
            else
            {
                var cancelled = reservation with { Status = ReservationStatus.Cancelled };
                Store(cancelled);
                result = ReservationResult.Success(cancelled);
                Log.ReservationCancelled(_logger, cancelled.Code);
            }

            _outcomes[idempotencyKey] = result;
            return Task.FromResult(result);
        }
    }

    private ReservationResult Create(CreateReservationRequest request)
    {
        var stay = request.Stay;
        if (Check(stay, exceptCode: null) is { } refusal)
        {
            return refusal;
        }

        var roomType = Find(stay.RoomType!)!;
        string code;
        do
        {
            code = "HA-" + new string(RandomNumberGenerator.GetItems<char>(CodeAlphabet, 6));
        }
        while (_reservations.ContainsKey(code));

        var offer = Price(roomType, stay.CheckIn, stay.CheckOut, roomsLeft: 0);
        var reservation = new Reservation
        {
            Code = code,
            Status = ReservationStatus.Confirmed,
            RoomType = roomType.Code,
            CheckIn = stay.CheckIn,
            CheckOut = stay.CheckOut,
            Adults = stay.Adults,
            Children = stay.Children,
            Guest = request.Guest,
            Total = offer.Total,
            Currency = offer.Currency,
            CreatedAt = _timeProvider.GetUtcNow(),
            Notes = request.Notes,
        };
        Store(reservation);
        Log.ReservationCreated(_logger, code, roomType.Code, stay.Nights);
        return ReservationResult.Success(reservation);
    }

    private ReservationResult Modify(ModifyReservationRequest request)
    {
        if (!_reservations.TryGetValue(request.Code.Trim(), out var current))
        {
            return ReservationResult.Failure(ReservationError.NotFound, $"No reservation '{request.Code}'.");
        }

        if (current.Status == ReservationStatus.Cancelled)
        {
            return ReservationResult.Failure(ReservationError.AlreadyCancelled, $"Reservation '{request.Code}' is cancelled.");
        }

        var stay = new StayRequest
        {
            CheckIn = request.CheckIn ?? current.CheckIn,
            CheckOut = request.CheckOut ?? current.CheckOut,
            Adults = request.Adults ?? current.Adults,
            Children = request.Children ?? current.Children,
            RoomType = request.RoomType ?? current.RoomType,
        };
        if (Check(stay, exceptCode: current.Code) is { } refusal)
        {
            return refusal;
        }

        var offer = Price(Find(stay.RoomType!)!, stay.CheckIn, stay.CheckOut, roomsLeft: 0);
        var changed = current with
        {
            CheckIn = stay.CheckIn,
            CheckOut = stay.CheckOut,
            Adults = stay.Adults,
            Children = stay.Children,
            RoomType = offer.RoomType.Code,
            Total = offer.Total,
        };
        Store(changed);
        return ReservationResult.Success(changed);
    }

    private ReservationResult? Check(StayRequest stay, string? exceptCode)
    {
        if (stay.CheckOut <= stay.CheckIn || stay.Nights > StayRequest.MaxNights || stay.CheckIn < Today())
        {
            return ReservationResult.Failure(ReservationError.InvalidDates, $"Stay {stay.CheckIn:yyyy-MM-dd}..{stay.CheckOut:yyyy-MM-dd} is not bookable.");
        }

        if (stay.RoomType is null || Find(stay.RoomType) is not { } roomType)
        {
            return ReservationResult.Failure(ReservationError.UnknownRoomType, $"Unknown room type '{stay.RoomType}'.");
        }

        if (!roomType.Fits(stay.Adults, stay.Children))
        {
            return ReservationResult.Failure(ReservationError.CapacityExceeded, $"{stay.Adults} adults and {stay.Children} children do not fit a '{roomType.Code}'.");
        }

        return RoomsLeft(roomType.Code, stay.CheckIn, stay.CheckOut, exceptCode) > 0
            ? null
            : ReservationResult.Failure(ReservationError.NoAvailability, $"No '{roomType.Code}' free {stay.CheckIn:yyyy-MM-dd}..{stay.CheckOut:yyyy-MM-dd}.");
    }

    /// <summary>Adds or replaces a reservation, and moves its nights in the counts of rooms taken.</summary>
    private void Store(Reservation reservation)
    {
        if (_reservations.TryGetValue(reservation.Code, out var previous))
        {
            Count(previous, -1);
            _newestFirst.Remove(previous);
            if (previous.Guest.Email is { } previousEmail && _byEmail.TryGetValue(previousEmail, out var previousSet))
            {
                previousSet.Remove(previous);
                if (previousSet.Count == 0)
                {
                    _byEmail.Remove(previousEmail);
                }
            }
        }

        _reservations[reservation.Code] = reservation;
        Count(reservation, +1);
        _newestFirst.Add(reservation);
        if (reservation.Guest.Email is { } email)
        {
            if (!_byEmail.TryGetValue(email, out var set))
            {
                _byEmail[email] = set = new SortedSet<Reservation>(ListingOrder.Instance);
            }

            set.Add(reservation);
        }
    }

    private void Count(Reservation reservation, int change)
    {
        if (reservation.Status == ReservationStatus.Cancelled)
        {
            return;
        }

        for (var night = reservation.CheckIn; night < reservation.CheckOut; night = night.AddDays(1))
        {
            var key = (reservation.RoomType, night);
            var count = _taken.GetValueOrDefault(key) + change;
            if (count == 0)
            {
                _taken.Remove(key);
            }
            else
            {
                _taken[key] = count;
            }
        }
    }

    private static bool Takes(Reservation r, string roomType, DateOnly night) =>
        r.Status != ReservationStatus.Cancelled &&
        string.Equals(r.RoomType, roomType, StringComparison.OrdinalIgnoreCase) &&
        r.CheckIn <= night && night < r.CheckOut;

    private int RoomsLeft(string roomType, DateOnly checkIn, DateOnly checkOut, string? exceptCode)
    {
        var total = Catalog.RoomCounts.GetValueOrDefault(roomType);
        var except = exceptCode is null ? null : _reservations.GetValueOrDefault(exceptCode);
        if (except is not null && except.Code != exceptCode)
        {
            except = null; // Only the reservation with exactly that code is left out.
        }

        var busiest = 0;
        for (var night = checkIn; night < checkOut; night = night.AddDays(1))
        {
            var taken = _taken.GetValueOrDefault((roomType, night));
            if (except is not null && Takes(except, roomType, night))
            {
                taken--;
            }

            busiest = Math.Max(busiest, taken);
        }

        return Math.Max(0, total - busiest);
    }

    private RoomOffer Price(RoomType roomType, DateOnly checkIn, DateOnly checkOut, int roomsLeft)
    {
        var nights = new List<NightlyPrice>(checkOut.DayNumber - checkIn.DayNumber);
        for (var night = checkIn; night < checkOut; night = night.AddDays(1))
        {
            nights.Add(new NightlyPrice(night, roomType.NightlyRate));
        }

        return new RoomOffer
        {
            RoomType = roomType,
            RoomsLeft = roomsLeft,
            Nights = nights,
            Total = nights.Sum(n => n.Price),
            Currency = Catalog.Hotel.Currency,
        };
    }

    private RoomType? Find(string code) =>
        Catalog.RoomTypes.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase));

    private DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_timeProvider.GetUtcNow(), Catalog.TimeZone).DateTime);
}

/// <summary>Room type (ignoring case, as the reservations are matched) and night.</summary>
file sealed class TakenComparer : IEqualityComparer<(string RoomType, DateOnly Night)>
{
    public static readonly TakenComparer Instance = new();

    public bool Equals((string RoomType, DateOnly Night) x, (string RoomType, DateOnly Night) y) =>
        x.Night == y.Night && string.Equals(x.RoomType, y.RoomType, StringComparison.OrdinalIgnoreCase);

    public int GetHashCode((string RoomType, DateOnly Night) obj) =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.RoomType), obj.Night);
}

/// <summary>The order of listings: newest first, then by code (ordinal); two reservations never share a code.</summary>
file sealed class ListingOrder : IComparer<Reservation>
{
    public static readonly ListingOrder Instance = new();

    public int Compare(Reservation? x, Reservation? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byTime = y.CreatedAt.CompareTo(x.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(x.Code, y.Code);
    }
}
