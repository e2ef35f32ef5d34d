using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent.Pms.QloApps;

/// <summary>
/// The PMS adapter over the QloApps 1.6 webservice. Availability and prices come from <c>POST /api/hotel_ari</c>,
/// bookings are made with <c>POST /api/bookings</c>, read with <c>GET /api/bookings/{id}</c> plus the order's state, and
/// cancelled with <c>PUT /api/bookings/{id}</c>. The reservation code is the QloApps order reference.
/// </summary>
/// <remarks>
/// QloApps has no idempotency keys, so every write carries a marker derived from the key in its remark, outcomes are
/// remembered, and a create whose answer was lost (a 500 that still booked, a timeout) is looked up by the marker
/// before it is reported or retried. Writes go through one gate so a single agent never races itself into an overbooking.
/// </remarks>
internal sealed partial class QloAppsPmsAdapter : IPmsAdapter, IDisposable
{
    private static readonly TimeSpan _outcomeLifetime = TimeSpan.FromHours(24);

    private readonly QloAppsClient _client;
    private readonly IOptionsMonitor<QloAppsOptions> _options;
    private readonly IMemoryCache _cache;
    private readonly TimeProvider _timeProvider;
    private readonly QloAppsMetrics _metrics;
    private readonly ILogger<QloAppsPmsAdapter> _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _unclearCreates = new(StringComparer.Ordinal);
    private readonly string _cachePrefix = "HotelAgent.Pms.QloApps:" + Guid.NewGuid().ToString("N") + ":";
    private long _generation;

    public QloAppsPmsAdapter(
        QloAppsClient client,
        IOptionsMonitor<QloAppsOptions> options,
        IMemoryCache cache,
        TimeProvider timeProvider,
        QloAppsMetrics metrics,
        ILogger<QloAppsPmsAdapter> logger)
    {
        _client = client;
        _options = options;
        _cache = cache;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
    }

    private QloAppsOptions Options => _options.CurrentValue;

    public Task<HotelInfo> GetHotelInfoAsync(CancellationToken cancellationToken = default) =>
        MeasureAsync("get_hotel", _ => QloAppsTags.Success, () => CachedAsync("hotel", Options.CatalogCacheDuration, () => LoadHotelAsync(cancellationToken)));

    public Task<IReadOnlyList<RoomType>> GetRoomTypesAsync(CancellationToken cancellationToken = default) =>
        MeasureAsync("get_room_types", _ => QloAppsTags.Success, async () =>
        {
            var catalog = await GetCatalogAsync(cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<RoomType>)catalog.RoomTypes.Select(t => t.RoomType).ToArray();
        });

    public Task<AvailabilityResult> GetAvailabilityAsync(StayRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        return MeasureAsync("get_availability", _ => QloAppsTags.Success, () => AvailabilityAsync(request, cancellationToken));
    }

    public Task<ReservationResult> CreateReservationAsync(CreateReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Stay);
        ArgumentNullException.ThrowIfNull(request.Guest);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return MeasureAsync("create", Outcome, () => GatedAsync("create", idempotencyKey, () => CreateCoreAsync(request, idempotencyKey, cancellationToken), cancellationToken));
    }

    public Task<Reservation?> GetReservationAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return MeasureAsync("get", _ => QloAppsTags.Success, async () => (await ResolveAsync(code, cancellationToken).ConfigureAwait(false))?.Reservation);
    }

    public Task<IReadOnlyList<Reservation>> ListReservationsAsync(ReservationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Take);
        return MeasureAsync("list", _ => QloAppsTags.Success, () => ListCoreAsync(query, cancellationToken));
    }

    public Task<ReservationResult> ModifyReservationAsync(ModifyReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Code);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return MeasureAsync("modify", Outcome, () => GatedAsync("modify", idempotencyKey, () => ModifyCoreAsync(request, idempotencyKey, cancellationToken), cancellationToken));
    }

    public Task<ReservationResult> CancelReservationAsync(string code, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return MeasureAsync("cancel", Outcome, () => GatedAsync("cancel", idempotencyKey, () => CancelCoreAsync(code, idempotencyKey, cancellationToken), cancellationToken));
    }

    public void Dispose() => _writeGate.Dispose();

    // ---- hotel and room types -------------------------------------------------------------------------------

    private async Task<HotelInfo> LoadHotelAsync(CancellationToken cancellationToken)
    {
        var options = Options;
        using var response = await _client.GetAsync($"hotels/{options.HotelId}", cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
        {
            throw new PmsUnavailableException($"QloApps has no hotel {options.HotelId}; check QloAppsOptions.HotelId.") { IsTransient = false };
        }

        var hotel = Expect(response, "hotels").Prop("hotel") ?? throw Malformed("hotels", "no 'hotel' object");
        var currency = await GetCurrencyAsync(cancellationToken).ConfigureAwait(false);
        var address = string.Join(", ", new[] { hotel.Str("address"), hotel.Str("city"), hotel.Str("zipcode") }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var latitude = hotel.Dec("latitude") ?? 0;
        var longitude = hotel.Dec("longitude") ?? 0;
        var policies = new Dictionary<string, LocalizedText>(StringComparer.OrdinalIgnoreCase);
        if (PlainText(hotel.Str("policies")) is { Length: > 0 } policyText)
        {
            policies["general"] = Text(policyText);
        }

        return new HotelInfo
        {
            Id = hotel.Str("id") ?? options.HotelId.ToString(CultureInfo.InvariantCulture),
            Name = hotel.Str("hotel_name") ?? hotel.Str("name") ?? $"Hotel {options.HotelId}",
            Address = address.Length == 0 ? null : address,
            Location = latitude == 0 && longitude == 0 ? null : new GeoLocation((double)latitude, (double)longitude),
            TimeZone = options.TimeZone,
            Currency = currency,
            CheckInTime = Time(hotel.Str("check_in")) ?? new TimeOnly(15, 0),
            CheckOutTime = Time(hotel.Str("check_out")) ?? new TimeOnly(11, 0),
            Phone = NullIfEmpty(hotel.Str("phone")),
            Email = NullIfEmpty(hotel.Str("email")),
            Policies = policies,
        };
    }

    /// <summary>The shop's default currency (the one with rate 1): QloApps refuses a booking without <c>currency</c>.</summary>
    private Task<string> GetCurrencyAsync(CancellationToken cancellationToken) =>
        CachedAsync("currency", Options.CatalogCacheDuration, () => LoadCurrencyAsync(cancellationToken));

    private async Task<string> LoadCurrencyAsync(CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync("currencies?display=[id,iso_code,conversion_rate,deleted,active]", cancellationToken).ConfigureAwait(false);
        var currencies = Expect(response, "currencies").Array("currencies")
            .Where(c => c.Str("active") != "0" && c.Str("deleted") != "1")
            .OrderBy(c => c.Dec("conversion_rate") == 1m ? 0 : 1)
            .Select(c => c.Str("iso_code"))
            .ToArray();
        return currencies.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c)) ?? "EUR";
    }

    private Task<QloCatalog> GetCatalogAsync(CancellationToken cancellationToken) =>
        CachedAsync("catalog", Options.CatalogCacheDuration, () => LoadCatalogAsync(cancellationToken));

    private async Task<QloCatalog> LoadCatalogAsync(CancellationToken cancellationToken)
    {
        var options = Options;
        var limits = new Dictionary<int, (int MaxAdults, int MaxGuests)>();
        using (var response = await _client.GetAsync($"hotel_room_types?display=full&filter[id_hotel]={options.HotelId}", cancellationToken).ConfigureAwait(false))
        {
            foreach (var link in Expect(response, "hotel_room_types").Items("hotel_room_types"))
            {
                if (link.Int("id_product") is { } product && link.Int("id_hotel") == options.HotelId)
                {
                    var maxAdults = link.Int("max_adults") ?? link.Int("adults") ?? 2;
                    var maxGuests = link.Int("max_guests") ?? maxAdults + (link.Int("max_children") ?? 0);
                    limits[product] = (maxAdults, Math.Max(maxAdults, maxGuests));
                }
            }
        }

        var roomTypes = new List<QloRoomType>();
        using (var response = await _client.GetAsync("room_types?display=[id,name,price,active]", cancellationToken).ConfigureAwait(false))
        {
            foreach (var product in Expect(response, "room_types").Items("room_types"))
            {
                if (product.Int("id") is not { } id || !limits.TryGetValue(id, out var limit) || product.Str("active") == "0")
                {
                    continue;
                }

                var name = product.Str("name") ?? $"Room type {id}";
                options.RoomTypeMappings.TryGetValue(id.ToString(CultureInfo.InvariantCulture), out var mapping);
                roomTypes.Add(new QloRoomType(id, new RoomType
                {
                    Code = mapping?.Code is { Length: > 0 } code ? code : Slug(name, id),
                    Name = Text(name),
                    Synonyms = mapping?.Synonyms.ToArray() ?? [],
                    MaxAdults = limit.MaxAdults,
                    MaxOccupancy = limit.MaxGuests,
                    NightlyRate = product.Dec("price") ?? 0,
                }));
            }
        }

        return new QloCatalog(roomTypes.OrderBy(t => t.Id).ToArray());
    }

    // ---- availability ---------------------------------------------------------------------------------------

    private async Task<AvailabilityResult> AvailabilityAsync(StayRequest stay, CancellationToken cancellationToken)
    {
        var catalog = await GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var candidates = catalog.RoomTypes
            .Where(t => stay.RoomType is null || string.Equals(t.RoomType.Code, stay.RoomType.Trim(), StringComparison.OrdinalIgnoreCase))
            .Where(t => t.RoomType.Fits(stay.Adults, stay.Children))
            .ToArray();
        if (candidates.Length == 0)
        {
            return new AvailabilityResult(stay, []);
        }

        var only = stay.RoomType is null ? null : candidates[0];
        var key = FormattableString.Invariant($"ari:{Volatile.Read(ref _generation)}:{stay.CheckIn:yyyy-MM-dd}:{stay.CheckOut:yyyy-MM-dd}:{stay.Adults}:{stay.Children}:{only?.Id}");
        var offers = await CachedAsync(key, Options.AvailabilityCacheDuration, () => QueryAriAsync(stay, candidates, only, cancellationToken)).ConfigureAwait(false);
        return new AvailabilityResult(stay, offers);
    }

    private async Task<IReadOnlyList<RoomOffer>> QueryAriAsync(StayRequest stay, IReadOnlyList<QloRoomType> candidates, QloRoomType? only, CancellationToken cancellationToken)
    {
        var options = Options;
        var xml = AriXml(options.HotelId, only?.Id, stay);
        using var response = await _client.PostXmlAsync("hotel_ari", xml, cancellationToken).ConfigureAwait(false);
        var root = Expect(response, "hotel_ari");

        // With date_wise_breakdown the answer is one entry per night (hotel_aris); without it, one entry for the stay.
        var perNight = root.Prop("hotel_aris") is { ValueKind: JsonValueKind.Array } nights ? nights.EnumerateArray().ToArray() : null;
        var whole = root.Prop("hotel_ari");
        var entries = perNight ?? (whole is { } w ? [w] : []);
        var currency = entries.Select(e => e.Str("currency")).FirstOrDefault(c => !string.IsNullOrEmpty(c)) ?? "EUR";
        var offers = new List<RoomOffer>();
        foreach (var candidate in candidates)
        {
            if (Offer(stay, candidate, entries, perNight is not null, currency) is { } offer)
            {
                offers.Add(offer);
            }
        }

        offers.Sort((a, b) => a.Total.CompareTo(b.Total));
        return offers;
    }

    private RoomOffer? Offer(StayRequest stay, QloRoomType candidate, JsonElement[] entries, bool perNight, string currency)
    {
        if (entries.Length == 0 || (perNight && entries.Length != stay.Nights))
        {
            return null;
        }

        HashSet<string>? free = null;
        var prices = new List<NightlyPrice>(stay.Nights);
        foreach (var entry in entries)
        {
            var type = entry.Array("room_types").FirstOrDefault(t => t.Int("id_room_type") == candidate.Id);
            if (type.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var rooms = (type.Prop("rooms") ?? default).Items("available").Select(r => r.Str("id_room")).OfType<string>().ToHashSet(StringComparer.Ordinal);
            if (free is null)
            {
                free = rooms;
            }
            else
            {
                free.IntersectWith(rooms);
            }

            var price = (Options.PricesIncludeTax ? type.Dec("total_price_with_tax") : type.Dec("total_price")) ?? 0;
            if (perNight)
            {
                prices.Add(new NightlyPrice(entry.Date("date_from") ?? stay.CheckIn.AddDays(prices.Count), price));
            }
            else
            {
                var each = Math.Round(price / stay.Nights, 2, MidpointRounding.AwayFromZero);
                for (var i = 0; i < stay.Nights; i++)
                {
                    prices.Add(new NightlyPrice(stay.CheckIn.AddDays(i), i == stay.Nights - 1 ? price - (each * (stay.Nights - 1)) : each));
                }
            }
        }

        if (free is not { Count: > 0 })
        {
            return null;
        }

        return new RoomOffer
        {
            RoomType = candidate.RoomType,
            RoomsLeft = free.Count,
            Nights = prices,
            Total = prices.Sum(p => p.Price),
            Currency = currency,
        };
    }

    internal static byte[] AriXml(int hotelId, int? roomTypeId, StayRequest stay)
    {
        // Written as UTF-8 bytes: an XmlWriter over a StringBuilder declares encoding="utf-16", and QloApps (libxml)
        // then refuses the UTF-8 body it receives ("Document labelled UTF-16 but has UTF-8 content", 400 code 85).
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { OmitXmlDeclaration = false, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) }))
        {
            writer.WriteStartElement("qloapps");
            writer.WriteStartElement("hotel_ari");
            writer.WriteElementString("id_hotel", hotelId.ToString(CultureInfo.InvariantCulture));
            if (roomTypeId is { } id)
            {
                writer.WriteElementString("id_room_type", id.ToString(CultureInfo.InvariantCulture));
            }

            writer.WriteElementString("date_from", stay.CheckIn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteElementString("date_to", stay.CheckOut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteElementString("date_wise_breakdown", "1");
            writer.WriteStartElement("associations");
            writer.WriteStartElement("room_occupancies");
            writer.WriteStartElement("room_occupancy");
            writer.WriteElementString("adults", stay.Adults.ToString(CultureInfo.InvariantCulture));
            writer.WriteElementString("children", stay.Children.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return stream.ToArray();
    }

    // ---- writes ---------------------------------------------------------------------------------------------

    private async Task<ReservationResult> GatedAsync(string operation, string idempotencyKey, Func<Task<ReservationResult>> write, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(OutcomeKey(operation, idempotencyKey), out ReservationResult? earlier) && earlier is not null)
        {
            Log.IdempotentReplay(_logger, operation);
            return earlier;
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await OnceAsync(operation, idempotencyKey, write).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<ReservationResult> OnceAsync(string operation, string idempotencyKey, Func<Task<ReservationResult>> write)
    {
        var key = OutcomeKey(operation, idempotencyKey);
        if (_cache.TryGetValue(key, out ReservationResult? earlier) && earlier is not null)
        {
            Log.IdempotentReplay(_logger, operation);
            return earlier;
        }

        var result = await write().ConfigureAwait(false);
        _cache.Set(key, result, _outcomeLifetime);
        if (result.Succeeded)
        {
            Interlocked.Increment(ref _generation);
        }
        else
        {
            Log.Refused(_logger, operation, result.Error.ToString(), result.Detail);
        }

        return result;
    }

    private async Task<ReservationResult> CreateCoreAsync(CreateReservationRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var stay = request.Stay;
        var (refusal, roomType) = await CheckStayAsync(stay, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var marker = Marker(idempotencyKey);
        if (_unclearCreates.ContainsKey(marker) && await FindByMarkerAsync(marker, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            _unclearCreates.TryRemove(marker, out _);
            Log.AmbiguousWriteRecovered(_logger, "create", earlier.Reservation.Code, earlier.OrderId);
            return ReservationResult.Success(earlier.Reservation);
        }

        var customerId = await FindCustomerAsync(request.Guest.Email, cancellationToken).ConfigureAwait(false);
        var remark = Remark("Booked through the hotel agent", request.ConversationId is { } conversation ? $"conversation {conversation}" : null, request.Notes, marker);
        var currency = await GetCurrencyAsync(cancellationToken).ConfigureAwait(false);
        var body = BookingJson(id: null, bookingStatus: 1, request.Guest, customerId, roomType!.Id, stay, rooms: [new QloRoom(null, stay.Adults, stay.Children)], remark, currency);
        QloAppsResponse response;
        try
        {
            response = await _client.SendJsonAsync(HttpMethod.Post, "bookings", body, cancellationToken).ConfigureAwait(false);
        }
        catch (PmsUnavailableException ex) when (ex.IsTransient)
        {
            return await RecoverCreateAsync(marker, ex, cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            if (response.IsSuccess && response.Root.Prop("booking") is { } booking && booking.Int("id") is { } orderId)
            {
                var created = await ReadAsync(orderId, booking, cancellationToken).ConfigureAwait(false);
                Log.ReservationCreated(_logger, created.Reservation.Code, orderId, created.Reservation.RoomType, stay.Nights);
                return ReservationResult.Success(created.Reservation);
            }

            if (response.IsServerError || response.IsSuccess)
            {
                // Quirk Q1: PHP notices turn a booking that was made into a 500. Look before saying anything.
                return await RecoverCreateAsync(marker, new PmsUnavailableException($"QloApps answered POST bookings with {(int)response.Status}: {response.ErrorSummary}"), cancellationToken).ConfigureAwait(false);
            }

            return BookingRefusal(response);
        }
    }

    private async Task<ReservationResult> RecoverCreateAsync(string marker, PmsUnavailableException failure, CancellationToken cancellationToken)
    {
        QloBooking? found;
        try
        {
            found = await FindByMarkerAsync(marker, cancellationToken).ConfigureAwait(false);
        }
        catch (PmsUnavailableException)
        {
            _unclearCreates[marker] = 0;
            Log.AmbiguousWriteNotFound(_logger, "create");
            throw failure;
        }

        if (found is null)
        {
            _unclearCreates[marker] = 0;
            Log.AmbiguousWriteNotFound(_logger, "create");
            throw failure;
        }

        Log.AmbiguousWriteRecovered(_logger, "create", found.Reservation.Code, found.OrderId);
        return ReservationResult.Success(found.Reservation);
    }

    private async Task<ReservationResult> CancelCoreAsync(string code, string idempotencyKey, CancellationToken cancellationToken)
    {
        var booking = await ResolveAsync(code, cancellationToken).ConfigureAwait(false);
        if (booking is null)
        {
            return ReservationResult.Failure(ReservationError.NotFound, $"No reservation '{code}'.");
        }

        var marker = Marker(idempotencyKey);
        if (booking.Reservation.Status == ReservationStatus.Cancelled)
        {
            return booking.Remarks.Any(r => r.Contains(marker, StringComparison.Ordinal))
                ? ReservationResult.Success(booking.Reservation)
                : ReservationResult.Failure(ReservationError.AlreadyCancelled, $"Reservation '{booking.Reservation.Code}' is already cancelled.");
        }

        var reservation = booking.Reservation;
        var body = BookingJson(
            booking.OrderId,
            bookingStatus: 3,
            reservation.Guest,
            booking.CustomerId,
            booking.RoomTypeId,
            new StayRequest { CheckIn = reservation.CheckIn, CheckOut = reservation.CheckOut, Adults = reservation.Adults, Children = reservation.Children },
            booking.Rooms,
            Remark("Cancelled through the hotel agent", null, null, marker),
            reservation.Currency);
        try
        {
            using var response = await _client.SendJsonAsync(HttpMethod.Put, $"bookings/{booking.OrderId}", body, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess && !response.IsServerError)
            {
                return response.Status == HttpStatusCode.NotFound && response.Document is null
                    ? ReservationResult.Failure(ReservationError.NotFound, $"No reservation '{code}'.")
                    : ReservationResult.Failure(ReservationError.Rejected, $"QloApps refused the cancellation ({(int)response.Status}): {response.ErrorSummary}");
            }
        }
        catch (PmsUnavailableException ex) when (ex.IsTransient)
        {
            // The PUT may have been applied; the re-read below tells.
        }

        var after = await ReadAsync(booking.OrderId, null, cancellationToken).ConfigureAwait(false);
        if (after.Reservation.Status != ReservationStatus.Cancelled)
        {
            throw new PmsUnavailableException($"QloApps did not confirm the cancellation of reservation '{reservation.Code}'; try again.");
        }

        Log.ReservationCancelled(_logger, after.Reservation.Code, booking.OrderId);
        return ReservationResult.Success(after.Reservation);
    }

    private async Task<ReservationResult> ModifyCoreAsync(ModifyReservationRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var current = await ResolveAsync(request.Code, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return ReservationResult.Failure(ReservationError.NotFound, $"No reservation '{request.Code}'.");
        }

        var reservation = current.Reservation;
        if (reservation.Status == ReservationStatus.Cancelled)
        {
            return ReservationResult.Failure(ReservationError.AlreadyCancelled, $"Reservation '{reservation.Code}' is cancelled.");
        }

        var stay = new StayRequest
        {
            CheckIn = request.CheckIn ?? reservation.CheckIn,
            CheckOut = request.CheckOut ?? reservation.CheckOut,
            Adults = request.Adults ?? reservation.Adults,
            Children = request.Children ?? reservation.Children,
            RoomType = request.RoomType ?? reservation.RoomType,
        };
        var (refusal, roomType) = await CheckStayAsync(stay, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (stay.CheckIn == reservation.CheckIn && stay.CheckOut == reservation.CheckOut && stay.Adults == reservation.Adults &&
            stay.Children == reservation.Children && roomType!.Id == current.RoomTypeId)
        {
            return ReservationResult.Success(reservation);
        }

        // QloApps cannot move a booking in place (a PUT only cancels or refunds), so the change is a new booking
        // followed by the cancellation of the old one, both under keys derived from this one. The old booking is
        // cancelled only once the new one exists.
        var replacement = new CreateReservationRequest
        {
            Stay = stay,
            Guest = reservation.Guest,
            Notes = $"Replaces reservation {reservation.Code}",
        };
        var created = await OnceAsync("create", idempotencyKey + "/replacement", () => CreateCoreAsync(replacement, idempotencyKey + "/replacement", cancellationToken)).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return created;
        }

        ReservationResult cancelled;
        try
        {
            cancelled = await OnceAsync("cancel", idempotencyKey + "/replaced", () => CancelCoreAsync(reservation.Code, idempotencyKey + "/replaced", cancellationToken)).ConfigureAwait(false);
        }
        catch (PmsUnavailableException ex)
        {
            Log.ReplaceIncomplete(_logger, created.Reservation!.Code, reservation.Code, ex);
            throw;
        }

        if (!cancelled.Succeeded && cancelled.Error != ReservationError.AlreadyCancelled)
        {
            // Keep the guest's original booking: undo the replacement.
            await OnceAsync("cancel", idempotencyKey + "/undo", () => CancelCoreAsync(created.Reservation!.Code, idempotencyKey + "/undo", cancellationToken)).ConfigureAwait(false);
            return ReservationResult.Failure(ReservationError.Rejected, $"Reservation '{reservation.Code}' could not be released: {cancelled.Detail}");
        }

        Log.ReservationReplaced(_logger, reservation.Code, created.Reservation!.Code);
        return created;
    }

    private async Task<(ReservationResult? Refusal, QloRoomType? RoomType)> CheckStayAsync(StayRequest stay, CancellationToken cancellationToken)
    {
        if (stay.CheckOut <= stay.CheckIn || stay.Nights > StayRequest.MaxNights || stay.CheckIn < Today())
        {
            return (ReservationResult.Failure(ReservationError.InvalidDates, $"Stay {stay.CheckIn:yyyy-MM-dd}..{stay.CheckOut:yyyy-MM-dd} is not bookable."), null);
        }

        var catalog = await GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (catalog.ByCode(stay.RoomType) is not { } roomType)
        {
            return (ReservationResult.Failure(ReservationError.UnknownRoomType, $"Unknown room type '{stay.RoomType}'."), null);
        }

        if (!roomType.RoomType.Fits(stay.Adults, stay.Children))
        {
            return (ReservationResult.Failure(ReservationError.CapacityExceeded, $"{stay.Adults} adults and {stay.Children} children do not fit a '{roomType.RoomType.Code}'."), null);
        }

        return (null, roomType);
    }

    private static ReservationResult BookingRefusal(QloAppsResponse response)
    {
        var detail = $"QloApps refused the booking ({(int)response.Status}): {response.ErrorSummary}";
        if (response.HasError("not available"))
        {
            return ReservationResult.Failure(ReservationError.NoAvailability, detail);
        }

        if (response.HasError("room type"))
        {
            return ReservationResult.Failure(ReservationError.UnknownRoomType, detail);
        }

        return response.HasError("check in and check out") || response.HasError("date")
            ? ReservationResult.Failure(ReservationError.InvalidDates, detail)
            : ReservationResult.Failure(ReservationError.Rejected, detail);
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    private async Task<QloBooking?> ResolveAsync(string code, CancellationToken cancellationToken)
    {
        code = code.Trim();
        int orderId;
        if (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            orderId = id;
        }
        else if (ReferencePattern().IsMatch(code))
        {
            using var response = await _client.GetAsync($"orders?display=[id,reference]&filter[reference]=[{code.ToUpperInvariant()}]", cancellationToken).ConfigureAwait(false);
            var order = Expect(response, "orders").Items("orders").FirstOrDefault();
            if (order.ValueKind != JsonValueKind.Object || order.Int("id") is not { } found)
            {
                return null;
            }

            orderId = found;
        }
        else
        {
            return null;
        }

        return await TryReadAsync(orderId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<QloBooking?> TryReadAsync(int orderId, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync($"bookings/{orderId}", cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        var booking = Expect(response, "bookings").Prop("booking") ?? throw Malformed("bookings", "no 'booking' object");
        return await ReadAsync(orderId, booking, cancellationToken).ConfigureAwait(false);
    }

    private async Task<QloBooking> ReadAsync(int orderId, JsonElement? booking, CancellationToken cancellationToken)
    {
        if (booking is null)
        {
            return await TryReadAsync(orderId, cancellationToken).ConfigureAwait(false)
                ?? throw new PmsUnavailableException($"QloApps lost booking {orderId} while it was being read.");
        }

        string? reference;
        int? state;
        using (var response = await _client.GetAsync($"orders?display=[id,reference,current_state]&filter[id]={orderId}", cancellationToken).ConfigureAwait(false))
        {
            var order = Expect(response, "orders").Items("orders").FirstOrDefault();
            reference = order.ValueKind == JsonValueKind.Object ? order.Str("reference") : null;
            state = order.ValueKind == JsonValueKind.Object ? order.Int("current_state") : null;
        }

        var catalog = await GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        return Map(orderId, booking.Value, reference, state, catalog);
    }

    private QloBooking Map(int orderId, JsonElement booking, string? reference, int? state, QloCatalog catalog)
    {
        var associations = booking.Prop("associations") ?? default;
        var roomType = associations.Array("room_types").FirstOrDefault();
        var roomTypeId = roomType.ValueKind == JsonValueKind.Object ? roomType.Int("id_room_type") ?? 0 : 0;
        var rooms = roomType.ValueKind == JsonValueKind.Object
            ? roomType.Array("rooms").Select(r => new QloRoom(r.Int("id_room"), r.Int("adults") ?? r.Int("adult") ?? 1, r.Int("child") ?? r.Int("children") ?? 0)).ToArray()
            : [];
        var customer = associations.Prop("customer_detail") ?? default;
        var prices = associations.Prop("price_details") ?? default;
        var remarks = associations.Array("remarks").Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : r.GetRawText()).OfType<string>().ToArray();
        var withoutTax = prices.Dec("total_price_without_tax") ?? 0;
        var notes = string.Join("\n", remarks.Select(r => MarkerPattern().Replace(r, string.Empty).Trim()).Where(r => r.Length > 0));
        var name = string.Join(' ', new[] { customer.Str("firstname"), customer.Str("lastname") }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var reservation = new Reservation
        {
            Code = reference ?? orderId.ToString(CultureInfo.InvariantCulture),
            Status = state is 4 or 5 ? ReservationStatus.Cancelled : ReservationStatus.Confirmed,
            RoomType = catalog.ById(roomTypeId)?.RoomType.Code ?? Slug(roomType.ValueKind == JsonValueKind.Object ? roomType.Str("name") ?? string.Empty : string.Empty, roomTypeId),
            CheckIn = roomType.ValueKind == JsonValueKind.Object ? roomType.Date("checkin_date") ?? default : default,
            CheckOut = roomType.ValueKind == JsonValueKind.Object ? roomType.Date("checkout_date") ?? default : default,
            Adults = rooms.Length > 0 ? rooms[0].Adults : 1,
            Children = rooms.Length > 0 ? rooms[0].Children : 0,
            Guest = new GuestDetails(name, customer.Str("email") ?? string.Empty, NullIfEmpty(customer.Str("phone"))),
            Total = withoutTax + (Options.PricesIncludeTax ? prices.Dec("total_tax") ?? 0 : 0),
            Currency = booking.Str("currency") ?? "EUR",
            CreatedAt = LocalTimestamp(booking.Str("booking_date")),
            Notes = notes.Length == 0 ? null : notes,
        };
        return new QloBooking(orderId, reservation, customer.Int("id_customer"), roomTypeId, rooms, remarks);
    }

    private async Task<IReadOnlyList<int>> RecentOrderIdsAsync(CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync("bookings", cancellationToken).ConfigureAwait(false);
        return Expect(response, "bookings").Items("bookings")
            .Select(b => b.Int("id"))
            .OfType<int>()
            .OrderDescending()
            .Take(Options.RecentBookingsScanLimit)
            .ToArray();
    }

    private async Task<QloBooking?> FindByMarkerAsync(string marker, CancellationToken cancellationToken)
    {
        foreach (var orderId in await RecentOrderIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await TryReadAsync(orderId, cancellationToken).ConfigureAwait(false) is { } booking &&
                booking.Remarks.Any(r => r.Contains(marker, StringComparison.Ordinal)))
            {
                return booking;
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<Reservation>> ListCoreAsync(ReservationQuery query, CancellationToken cancellationToken)
    {
        var list = new List<Reservation>();
        foreach (var orderId in await RecentOrderIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await TryReadAsync(orderId, cancellationToken).ConfigureAwait(false) is { } booking &&
                (query.Email is null || string.Equals(booking.Reservation.Guest.Email, query.Email.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                list.Add(booking.Reservation);
                if (list.Count == query.Take)
                {
                    break;
                }
            }
        }

        return list;
    }

    private async Task<int?> FindCustomerAsync(string email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        using var response = await _client.GetAsync($"customers?display=[id,email]&filter[email]=[{Uri.EscapeDataString(email.Trim())}]", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return null;
        }

        return response.Root.Items("customers")
            .Where(c => string.Equals(c.Str("email"), email.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Int("id"))
            .OfType<int>()
            .Order()
            .Select(id => (int?)id)
            .FirstOrDefault();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private byte[] BookingJson(int? id, int bookingStatus, GuestDetails guest, int? customerId, int roomTypeId, StayRequest stay, IReadOnlyList<QloRoom> rooms, string remark, string? currency = null)
    {
        var options = Options;
        var (firstName, lastName) = SplitName(guest.Name);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartObject("booking");
            if (id is { } orderId)
            {
                json.WriteNumber("id", orderId);
            }

            json.WriteNumber("id_property", options.HotelId);
            if (currency is not null)
            {
                json.WriteString("currency", currency);
            }

            json.WriteNumber("booking_status", bookingStatus);
            if (id is null)
            {
                json.WriteNumber("payment_status", 3);
                json.WriteString("source", options.Source);
            }

            json.WriteString("remark", remark);
            json.WriteStartObject("associations");
            json.WriteStartObject("customer_detail");
            if (customerId is { } customer)
            {
                json.WriteNumber("id_customer", customer);
            }

            json.WriteString("firstname", firstName);
            json.WriteString("lastname", lastName);
            json.WriteString("email", guest.Email);
            if (!string.IsNullOrWhiteSpace(guest.Phone))
            {
                json.WriteString("phone", guest.Phone);
            }

            json.WriteEndObject();
            if (id is null)
            {
                json.WriteStartObject("payment_detail");
                json.WriteString("payment_type", options.PaymentType);
                json.WriteString("payment_method", options.PaymentMethod);
                json.WriteEndObject();
            }

            json.WriteStartArray("room_types");
            json.WriteStartObject();
            json.WriteNumber("id_room_type", roomTypeId);
            json.WriteString("checkin_date", stay.CheckIn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("checkout_date", stay.CheckOut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("number_of_rooms", rooms.Count);
            json.WriteStartArray("rooms");
            foreach (var room in rooms)
            {
                json.WriteStartObject();
                if (room.RoomId is { } roomId)
                {
                    json.WriteNumber("id_room", roomId);
                }

                // Quirk Q2: the occupancy key is "adult" (singular) on writes; "adults" is ignored.
                json.WriteNumber("adult", room.Adults);
                json.WriteNumber("child", room.Children);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private async Task<T> MeasureAsync<T>(string operation, Func<T, string> outcome, Func<Task<T>> body)
    {
        var started = _timeProvider.GetTimestamp();
        try
        {
            var result = await body().ConfigureAwait(false);
            _metrics.Record(operation, outcome(result), _timeProvider.GetElapsedTime(started));
            return result;
        }
        catch (PmsUnavailableException)
        {
            _metrics.Record(operation, QloAppsTags.Unavailable, _timeProvider.GetElapsedTime(started));
            throw;
        }
        catch (Exception)
        {
            _metrics.Record(operation, QloAppsTags.Error, _timeProvider.GetElapsedTime(started));
            throw;
        }
    }

    private static string Outcome(ReservationResult result) => result.Succeeded ? QloAppsTags.Success : QloAppsTags.Refused;

    private async Task<T> CachedAsync<T>(string key, TimeSpan lifetime, Func<Task<T>> load)
    {
        var fullKey = _cachePrefix + key;
        if (_cache.TryGetValue(fullKey, out T? cached) && cached is not null)
        {
            return cached;
        }

        var value = await load().ConfigureAwait(false);
        if (lifetime > TimeSpan.Zero)
        {
            _cache.Set(fullKey, value, lifetime);
        }

        return value;
    }

    private string OutcomeKey(string operation, string idempotencyKey) => _cachePrefix + "outcome:" + operation + ":" + idempotencyKey;

    private static JsonElement Expect(QloAppsResponse response, string resource)
    {
        if (response.IsSuccess && response.Document is not null)
        {
            return response.Root;
        }

        if (response.IsSuccess)
        {
            throw Malformed(resource, "an empty body");
        }

        throw new PmsUnavailableException($"QloApps answered {resource} with {(int)response.Status}: {response.ErrorSummary}")
        {
            IsTransient = response.IsServerError || response.Status == HttpStatusCode.TooManyRequests,
        };
    }

    private static PmsUnavailableException Malformed(string resource, string what) =>
        new($"QloApps answered {resource} with {what}.") { IsTransient = false };

    /// <summary>The text written in a booking's remark so the booking can be found by the idempotency key that made it.</summary>
    internal static string Marker(string idempotencyKey) =>
        "[ha:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)).AsSpan(0, 10)) + "]";

    private static string Remark(string what, string? context, string? notes, string marker) =>
        string.Join(" ", new[] { what + (context is null ? "." : $" ({context})."), notes, marker }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_timeProvider.GetUtcNow(), HotelTimeZone()).DateTime);

    private TimeZoneInfo HotelTimeZone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(Options.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private DateTimeOffset LocalTimestamp(string? text)
    {
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return default;
        }

        var zone = HotelTimeZone();
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private LocalizedText Text(string text) => new(new Dictionary<string, string> { [Options.Language] = text });

    private static (string First, string Last) SplitName(string name)
    {
        var parts = (name ?? string.Empty).Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            0 => ("Guest", "Guest"),
            1 => (parts[0], parts[0]),
            _ => (parts[0], parts[1]),
        };
    }

    private static string Slug(string name, int id)
    {
        var slug = NonWordPattern().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? $"room-type-{id}" : slug;
    }

    private static TimeOnly? Time(string? text) =>
        TimeOnly.TryParse(text, CultureInfo.InvariantCulture, out var time) ? time : null;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string PlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        var text = WebUtility.HtmlDecode(TagPattern().Replace(html, "\n"));
        return string.Join("\n", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,32}$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\[ha:[0-9a-f]+\]")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWordPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
