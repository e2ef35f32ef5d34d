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
internal sealed partial class QloAppsPmsAdapter : IPmsAdapter, IPmsBookingRequirementsProvider, IPmsRoomPhotoProvider, IDisposable
{
    // QloApps' order reference: nine capital letters (e.g. NESQDTATR).
    private static readonly BookingCodeFormat CodeFormat = new("[A-Z]{9}", "NESQDTATR");

    /// <summary>Gets QloApps' code format: the order reference, nine letters.</summary>
    public BookingCodeFormat BookingCodeFormat => CodeFormat;

    private static readonly TimeSpan _outcomeLifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan _lockLease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan _lockWait = TimeSpan.FromSeconds(30);

    private readonly QloAppsClient _client;
    private readonly IOptionsMonitor<QloAppsOptions> _options;
    private readonly IMemoryCache _cache;
    private readonly TimeProvider _timeProvider;
    private readonly QloAppsMetrics _metrics;
    private readonly ILogger<QloAppsPmsAdapter> _logger;
    private readonly IDistributedLock? _distributedLock;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unclearCreates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _unclearStays = new(StringComparer.Ordinal);
    private readonly string _cachePrefix = "HotelAgent.Pms.QloApps:" + Guid.NewGuid().ToString("N") + ":";
    private long _generation;

    public QloAppsPmsAdapter(
        QloAppsClient client,
        IOptionsMonitor<QloAppsOptions> options,
        IMemoryCache cache,
        TimeProvider timeProvider,
        QloAppsMetrics metrics,
        ILogger<QloAppsPmsAdapter> logger,
        IDistributedLock? distributedLock = null)
    {
        _distributedLock = distributedLock;
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
        return MeasureAsync("create", Outcome, () => GatedAsync("create", idempotencyKey, Fingerprint(request), () => CreateCoreAsync(request, idempotencyKey, cancellationToken), cancellationToken));
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
        return MeasureAsync("modify", Outcome, () => GatedAsync("modify", idempotencyKey, JsonSerializer.Serialize(request), () => ModifyCoreAsync(request, idempotencyKey, cancellationToken), cancellationToken));
    }

    public Task<ReservationResult> CancelReservationAsync(string code, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return MeasureAsync("cancel", Outcome, () => GatedAsync("cancel", idempotencyKey, code.Trim(), () => CancelCoreAsync(code, idempotencyKey, cancellationToken), cancellationToken));
    }

    public async ValueTask<PmsBookingRequirements> GetBookingRequirementsAsync(CancellationToken cancellationToken = default)
    {
        var shop = await GetShopAsync(cancellationToken).ConfigureAwait(false);
        return new PmsBookingRequirements { PhoneRequired = shop.PhoneRequired, ChildAgesRequired = true, AdultAge = shop.AdultAge };
    }

    /// <summary>
    /// Gets the default image of a room type (<c>id_default_image</c> of the product) through the webservice, at
    /// <see cref="QloAppsOptions.PhotoSize"/>, cached like the catalogue. The bytes are returned, never an address: the
    /// image is behind the webservice key. A room type without an image, or an image QloApps does not serve, gives none.
    /// </summary>
    public async ValueTask<RoomPhoto?> GetRoomPhotoAsync(string roomTypeCode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roomTypeCode);
        var options = Options;
        if (!options.RoomPhotos)
        {
            return null;
        }

        var catalog = await GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        if (catalog.ByCode(roomTypeCode) is not { DefaultImageId: { } imageId } roomType)
        {
            return null;
        }

        var path = string.IsNullOrEmpty(options.PhotoSize)
            ? FormattableString.Invariant($"images/room_types/{roomType.Id}/{imageId}")
            : FormattableString.Invariant($"images/room_types/{roomType.Id}/{imageId}/{options.PhotoSize}");
        var photo = await MeasureAsync("get_room_photo", p => p.Photo is null ? QloAppsTags.Refused : QloAppsTags.Success, () => CachedAsync(
            "photo:" + path,
            options.CatalogCacheDuration,
            async () =>
            {
                var (status, contentType, body) = await _client.GetFileAsync(path, QloAppsDefaults.MaxPhotoBytes, cancellationToken).ConfigureAwait(false);
                if ((int)status >= 500)
                {
                    throw new PmsUnavailableException($"QloApps answered {(int)status} for {path}.");
                }

                if (status != HttpStatusCode.OK || body.Length == 0 || contentType is null || !contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
                {
                    // 400 with code 57 (no such image) or 58 (no such size), or a body too large: offered without a photo.
                    Log.RoomPhotoMissing(_logger, roomType.Id, imageId, (int)status);
                    return new QloPhoto(null);
                }

                return new QloPhoto(new RoomPhoto(body, contentType.ToLowerInvariant()));
            })).ConfigureAwait(false);
        return photo.Photo;
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
        var currency = (await GetShopAsync(cancellationToken).ConfigureAwait(false)).Currency;
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

    /// <summary>
    /// The shop's settings that bookings depend on: the default currency (the one with rate 1; QloApps refuses a booking
    /// without <c>currency</c>), and from <c>configurations</c> whether a phone is required, the shop's time zone and the
    /// child age limit. A key without access to <c>configurations</c> gets the stock install's values.
    /// </summary>
    private Task<QloShop> GetShopAsync(CancellationToken cancellationToken) =>
        CachedAsync("shop", Options.CatalogCacheDuration, () => LoadShopAsync(cancellationToken));

    private async Task<QloShop> LoadShopAsync(CancellationToken cancellationToken)
    {
        var currency = await LoadCurrencyAsync(cancellationToken).ConfigureAwait(false);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var response = await _client.GetAsync("configurations?display=[name,value]&filter[name]=[PS_ONE_PHONE_AT_LEAST|PS_TIMEZONE|WK_GLOBAL_CHILD_MAX_AGE|WK_GLOBAL_MAX_CHILD_IN_ROOM]", cancellationToken).ConfigureAwait(false))
        {
            if (response.IsServerError)
            {
                Expect(response, "configurations");
            }

            foreach (var setting in response.IsSuccess ? response.Root.Items("configurations") : [])
            {
                if (setting.Str("name") is { } name)
                {
                    settings[name] = setting.Str("value") ?? string.Empty;
                }
            }
        }

        var zone = settings.TryGetValue("PS_TIMEZONE", out var zoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : null;
        return new QloShop(
            currency,
            PhoneRequired: !settings.TryGetValue("PS_ONE_PHONE_AT_LEAST", out var phone) || phone != "0",
            zone,
            AdultAge: settings.TryGetValue("WK_GLOBAL_CHILD_MAX_AGE", out var age) && int.TryParse(age, NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years > 0 ? years : 15,
            MaxChildrenPerRoom: settings.TryGetValue("WK_GLOBAL_MAX_CHILD_IN_ROOM", out var max) && int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var most) ? most : 0);
    }

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
        var shop = await GetShopAsync(cancellationToken).ConfigureAwait(false);
        var limits = new Dictionary<int, (int MaxAdults, int MaxGuests, int MaxChildren)>();
        using (var response = await _client.GetAsync($"hotel_room_types?display=full&filter[id_hotel]={options.HotelId}", cancellationToken).ConfigureAwait(false))
        {
            foreach (var link in Expect(response, "hotel_room_types").Items("hotel_room_types"))
            {
                if (link.Int("id_product") is { } product && link.Int("id_hotel") == options.HotelId)
                {
                    var maxAdults = link.Int("max_adults") ?? link.Int("adults") ?? 2;
                    var maxChildren = link.Int("max_children") ?? link.Int("children") ?? 0;
                    if (shop.MaxChildrenPerRoom > 0)
                    {
                        maxChildren = Math.Min(maxChildren, shop.MaxChildrenPerRoom);
                    }

                    var maxGuests = link.Int("max_guests") ?? maxAdults + maxChildren;
                    limits[product] = (maxAdults, Math.Max(maxAdults, maxGuests), maxChildren);
                }
            }
        }

        // Services QloApps adds to the room price by itself (auto_add_to_cart, price_addition_type 1): the availability
        // price includes them, but a webservice booking leaves out every service it does not list.
        var autoServices = new HashSet<int>();
        using (var response = await _client.GetAsync("services?display=[id,auto_add_to_cart,price_addition_type,active]", cancellationToken).ConfigureAwait(false))
        {
            foreach (var service in response.IsSuccess ? response.Root.Items("services") : [])
            {
                if (service.Int("id") is { } id && service.Str("auto_add_to_cart") == "1" && service.Str("price_addition_type") == "1" && service.Str("active") != "0")
                {
                    autoServices.Add(id);
                }
            }
        }

        var roomTypes = new List<QloRoomType>();
        using (var response = await _client.GetAsync("room_types?display=full", cancellationToken).ConfigureAwait(false))
        {
            foreach (var product in Expect(response, "room_types").Items("room_types"))
            {
                if (product.Int("id") is not { } id || !limits.TryGetValue(id, out var limit) || product.Str("active") == "0")
                {
                    continue;
                }

                var name = product.Str("name") ?? (product.Prop("name") is { ValueKind: JsonValueKind.Array } names ? names.EnumerateArray().Select(n => n.Str("value")).FirstOrDefault() : null) ?? $"Room type {id}";
                var services = (product.Prop("associations") ?? default).Items("services").Select(e => e.Int("id")).OfType<int>().Where(autoServices.Contains).Order().ToArray();
                options.RoomTypeMappings.TryGetValue(id.ToString(CultureInfo.InvariantCulture), out var mapping);
                roomTypes.Add(new QloRoomType(id, new RoomType
                {
                    Code = mapping?.Code is { Length: > 0 } code ? code : Slug(name, id),
                    Name = Text(name),
                    Synonyms = mapping?.Synonyms.ToArray() ?? [],
                    MaxAdults = limit.MaxAdults,
                    MaxOccupancy = limit.MaxGuests,
                    NightlyRate = product.Dec("price") ?? 0,
                }, limit.MaxChildren, services, product.Int("id_default_image") is > 0 and var image ? image : null));
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
            .Where(t => t.Fits(stay.Adults, stay.Children))
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

    private async Task<ReservationResult> GatedAsync(string operation, string idempotencyKey, string fingerprint, Func<Task<ReservationResult>> write, CancellationToken cancellationToken)
    {
        if (Replay(operation, idempotencyKey, fingerprint) is { } earlier)
        {
            return earlier;
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await OnceAsync(operation, idempotencyKey, fingerprint, write).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// The first outcome under the key, when it may be replayed: always a success; a refusal only for the same request,
    /// since a refusal for a missing phone or child ages must not stick once the guest has given them.
    /// </summary>
    private ReservationResult? Replay(string operation, string idempotencyKey, string fingerprint)
    {
        if (_cache.TryGetValue(OutcomeKey(operation, idempotencyKey), out (string Fingerprint, ReservationResult Result) earlier) &&
            (earlier.Result.Succeeded || string.Equals(earlier.Fingerprint, fingerprint, StringComparison.Ordinal)))
        {
            Log.IdempotentReplay(_logger, operation);
            return earlier.Result;
        }

        return null;
    }

    private async Task<ReservationResult> OnceAsync(string operation, string idempotencyKey, string fingerprint, Func<Task<ReservationResult>> write)
    {
        if (Replay(operation, idempotencyKey, fingerprint) is { } earlier)
        {
            return earlier;
        }

        var result = await write().ConfigureAwait(false);
        _cache.Set(OutcomeKey(operation, idempotencyKey), (fingerprint, result), _outcomeLifetime);
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

    private static string Fingerprint(CreateReservationRequest request) => JsonSerializer.Serialize(new
    {
        request.Stay.CheckIn,
        request.Stay.CheckOut,
        request.Stay.Adults,
        request.Stay.Children,
        request.Stay.ChildAges,
        request.Stay.RoomType,
        request.Guest.Name,
        request.Guest.Email,
        request.Guest.Phone,
        request.Notes,
    });

    private async Task<ReservationResult> CreateCoreAsync(CreateReservationRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var stay = request.Stay;
        var (refusal, roomType) = await CheckStayAsync(stay, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var shop = await GetShopAsync(cancellationToken).ConfigureAwait(false);
        var (guestRefusal, guest) = CheckGuest(request.Guest, stay, shop);
        if (guestRefusal is not null)
        {
            return guestRefusal;
        }

        var marker = Marker(idempotencyKey);
        var stayKey = StayKey(guest!.Email, roomType!.Id, stay);
        if (_unclearCreates.TryGetValue(marker, out var unclearSince) || _unclearStays.ContainsKey(stayKey))
        {
            // An earlier create for this key, or for this guest and stay, may have booked without QloApps saying so.
            if (await FindCreatedAsync(marker, guest.Email, roomType.Id, stay, _unclearCreates.ContainsKey(marker) ? unclearSince : null, cancellationToken).ConfigureAwait(false) is { } earlier)
            {
                // The stay stays remembered: the guest may still ask again from another conversation.
                _unclearCreates.TryRemove(marker, out _);
                Log.AmbiguousWriteRecovered(_logger, "create", earlier.Reservation.Code, earlier.OrderId);
                return ReservationResult.Success(earlier.Reservation);
            }
        }

        // QloApps does not serialise bookings: two at once can both take the last room. Hosts sharing a distributed
        // lock book a room type one at a time; without one (or if it cannot be had) the check after the booking undoes
        // the one that came second.
        var held = await LockAsync(roomType.Id, cancellationToken).ConfigureAwait(false);
        try
        {
            return await BookAsync(request, guest, roomType, stay, shop, marker, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (held is not null)
            {
                await held.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<ReservationResult> BookAsync(CreateReservationRequest request, GuestDetails guest, QloRoomType roomType, StayRequest stay, QloShop shop, string marker, CancellationToken cancellationToken)
    {
        var customerId = await FindCustomerAsync(guest.Email, cancellationToken).ConfigureAwait(false);
        var remark = Remark("Booked through the hotel agent", request.ConversationId is { } conversation ? $"conversation {conversation}" : null, request.Notes, marker);
        var room = new QloRoom(roomType.Id, null, stay.Adults, stay.Children, stay.ChildAges);
        var body = BookingJson(guest, customerId, roomType, stay, room, remark, shop.Currency);
        var started = _timeProvider.GetUtcNow();
        QloAppsResponse response;
        try
        {
            response = await _client.SendJsonAsync(HttpMethod.Post, "bookings", body, cancellationToken).ConfigureAwait(false);
        }
        catch (PmsUnavailableException ex) when (ex.IsTransient)
        {
            return await RecoverCreateAsync(marker, guest.Email, roomType.Id, stay, started, ex, cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            if (response.IsSuccess && response.Root.Prop("booking") is { } booking && booking.Int("id") is { } orderId)
            {
                var created = await ReadAsync(orderId, booking, cancellationToken).ConfigureAwait(false);
                return await ConfirmHeldAsync(created, cancellationToken).ConfigureAwait(false);
            }

            if (response.IsServerError || response.IsSuccess)
            {
                // Quirk Q1: PHP notices turn a booking that was made into a 500. Look before saying anything.
                return await RecoverCreateAsync(marker, guest.Email, roomType.Id, stay, started, new PmsUnavailableException($"QloApps answered POST bookings with {(int)response.Status}: {response.ErrorSummary}"), cancellationToken).ConfigureAwait(false);
            }

            return BookingRefusal(response);
        }
    }

    private async Task<IAsyncDisposable?> LockAsync(int roomTypeId, CancellationToken cancellationToken)
    {
        if (_distributedLock is null)
        {
            return null;
        }

        var resource = FormattableString.Invariant($"qloapps:{Options.HotelId}:room-type:{roomTypeId}");
        try
        {
            var held = await _distributedLock.TryAcquireAsync(resource, _lockLease, _lockWait, cancellationToken).ConfigureAwait(false);
            if (held is null)
            {
                Log.LockUnavailable(_logger, resource, null);
            }

            return held;
        }
        catch (HotelAgentException ex)
        {
            Log.LockUnavailable(_logger, resource, ex);
            return null;
        }
    }

    /// <summary>
    /// Makes sure a booking QloApps accepted really holds its rooms: QloApps can give the same room to two bookings made
    /// at once, or record a back order. The later booking of a room (the higher room line id) is cancelled again and
    /// refused as <see cref="ReservationError.NoAvailability"/>, so no guest is told "confirmed" for a room someone else holds.
    /// </summary>
    private async Task<ReservationResult> ConfirmHeldAsync(QloBooking created, CancellationToken cancellationToken)
    {
        JsonElement[] lines;
        try
        {
            lines = await RoomLinesAsync(created.OrderId, cancellationToken).ConfigureAwait(false);
        }
        catch (PmsUnavailableException ex) when (!ex.IsTransient)
        {
            // The key may not read room_bookings (docs/pms/qloapps.md lists it): the booking stands unchecked.
            lines = [];
        }

        if (lines.Length == 0)
        {
            Log.RoomsNotChecked(_logger, created.Reservation.Code, created.OrderId);
            return ReservationResult.Success(created.Reservation);
        }

        // A back order is recorded with its room line already cancelled: the order exists but holds no room.
        string? conflict = lines.Any(l => l.Str("is_back_order") == "1")
            ? $"QloApps recorded order {created.OrderId} as a back order"
            : lines.All(l => l.Str("is_cancelled") == "1" || l.Str("is_refunded") == "1") ? $"QloApps holds no room for order {created.OrderId}" : null;
        foreach (var line in conflict is null ? lines.Where(l => l.Str("is_cancelled") != "1" && l.Str("is_refunded") != "1") : [])
        {

            if (line.Int("id_room") is not { } roomId || line.Int("id") is not { } lineId)
            {
                continue;
            }

            using var response = await _client.GetAsync($"room_bookings?display=[id,id_order,date_from,date_to,is_back_order]&filter[id_room]={roomId}&filter[is_cancelled]=0&filter[is_refunded]=0", cancellationToken).ConfigureAwait(false);
            var other = Expect(response, "room_bookings").Items("bookings").FirstOrDefault(o =>
                o.Int("id_order") != created.OrderId && o.Int("id") < lineId && o.Str("is_back_order") != "1" &&
                string.CompareOrdinal(o.Str("date_from"), line.Str("date_to")) < 0 && string.CompareOrdinal(o.Str("date_to"), line.Str("date_from")) > 0);
            if (other.ValueKind == JsonValueKind.Object)
            {
                conflict = $"QloApps gave room {roomId} to order {created.OrderId} while order {other.Int("id_order")} holds it";
                break;
            }
        }

        if (conflict is null)
        {
            Log.ReservationCreated(_logger, created.Reservation.Code, created.OrderId, created.Reservation.RoomType, created.Reservation.CheckOut.DayNumber - created.Reservation.CheckIn.DayNumber);
            return ReservationResult.Success(created.Reservation);
        }

        Log.OverbookingUndone(_logger, created.Reservation.Code, created.OrderId, conflict);
        await SetOrderStateAsync(created.OrderId, CancelledState, cancellationToken).ConfigureAwait(false);
        return ReservationResult.Failure(ReservationError.NoAvailability, $"{conflict}; order {created.OrderId} was cancelled again.");
    }

    private async Task<ReservationResult> RecoverCreateAsync(string marker, string email, int roomTypeId, StayRequest stay, DateTimeOffset started, PmsUnavailableException failure, CancellationToken cancellationToken)
    {
        QloBooking? found;
        try
        {
            found = await FindCreatedAsync(marker, email, roomTypeId, stay, started, cancellationToken).ConfigureAwait(false);
        }
        catch (PmsUnavailableException)
        {
            found = null;
        }

        if (found is null)
        {
            // The booking may exist: never a refusal. The dialogue keeps the guest's request and opens a staff ticket,
            // and a retry with this key, or a new request for the same guest and stay, looks again before booking.
            _unclearCreates[marker] = started;
            _unclearStays[StayKey(email, roomTypeId, stay)] = 0;
            Log.AmbiguousWriteNotFound(_logger, "create");
            throw failure;
        }

        Log.AmbiguousWriteRecovered(_logger, "create", found.Reservation.Code, found.OrderId);
        return await ConfirmHeldAsync(found, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds a booking that a create may have made without QloApps saying so: the guest's orders (by email, through
    /// <c>customers</c> and <c>orders</c>, which answer even when <c>bookings</c> fails) for the same room type and
    /// nights. One that carries the key's marker is the one; when remarks cannot be read, the newest such order made
    /// since the attempt started.
    /// </summary>
    private async Task<QloBooking?> FindCreatedAsync(string marker, string email, int roomTypeId, StayRequest stay, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var customers = await CustomerIdsAsync(email, cancellationToken).ConfigureAwait(false);
        if (customers.Count == 0)
        {
            return null;
        }

        using var response = await _client.GetAsync($"orders?display=[id,current_state,date_add]&filter[id_customer]=[{string.Join('|', customers)}]", cancellationToken).ConfigureAwait(false);
        var shop = await GetShopAsync(cancellationToken).ConfigureAwait(false);
        var orders = Expect(response, "orders").Items("orders")
            .Where(o => o.Int("current_state") is not (CancelledState or RefundedState))
            .Select(o => (Id: o.Int("id") ?? 0, Added: ShopTimestamp(o.Str("date_add"), shop)))
            .Where(o => o.Id > 0)
            .OrderByDescending(o => o.Id)
            .Take(Options.RecentBookingsScanLimit)
            .ToArray();
        QloBooking? newest = null;
        foreach (var (orderId, added) in orders)
        {
            var lines = await RoomLinesAsync(orderId, cancellationToken).ConfigureAwait(false);
            if (lines.Length != 1 || lines[0].Int("id_product") != roomTypeId || lines[0].Date("date_from") != stay.CheckIn || lines[0].Date("date_to") != stay.CheckOut)
            {
                continue;
            }

            var booking = await TryReadAsync(orderId, cancellationToken).ConfigureAwait(false);
            if (booking is null)
            {
                continue;
            }

            if (booking.Remarks.Any(r => r.Contains(marker, StringComparison.Ordinal)))
            {
                return booking;
            }

            if (newest is null && (since is null || booking.Remarks.Count == 0) && (since is null || added >= since.Value - TimeSpan.FromMinutes(2)))
            {
                newest = booking;
            }
        }

        return newest;
    }

    private static string StayKey(string email, int roomTypeId, StayRequest stay) =>
        FormattableString.Invariant($"{email.Trim().ToUpperInvariant()}|{roomTypeId}|{stay.CheckIn:yyyy-MM-dd}|{stay.CheckOut:yyyy-MM-dd}");

    private async Task<ReservationResult> CancelCoreAsync(string code, string idempotencyKey, CancellationToken cancellationToken)
    {
        var booking = await ResolveAsync(code, cancellationToken).ConfigureAwait(false);
        if (booking is null)
        {
            return ReservationResult.Failure(ReservationError.NotFound, $"No reservation '{code}'.");
        }

        if (booking.Reservation.Status == ReservationStatus.Cancelled)
        {
            return ReservationResult.Failure(ReservationError.AlreadyCancelled, $"Reservation '{booking.Reservation.Code}' is already cancelled.");
        }

        // A new order state (as the back office sets it) cancels every room of the order and frees them, and leaves
        // the order as it was: a PUT /bookings would replace its rooms and drop their services (issue 15).
        await SetOrderStateAsync(booking.OrderId, CancelledState, cancellationToken).ConfigureAwait(false);
        var after = await ReadAsync(booking.OrderId, null, cancellationToken).ConfigureAwait(false);
        if (after.Reservation.Status != ReservationStatus.Cancelled)
        {
            throw new PmsUnavailableException($"QloApps did not confirm the cancellation of reservation '{booking.Reservation.Code}'; try again.");
        }

        Log.ReservationCancelled(_logger, after.Reservation.Code, booking.OrderId);
        return ReservationResult.Success(after.Reservation);
    }

    private async Task SetOrderStateAsync(int orderId, int state, CancellationToken cancellationToken)
    {
        var xml = FormattableString.Invariant($"""<?xml version="1.0" encoding="UTF-8"?><qloapps><order_history><id_order>{orderId}</id_order><id_order_state>{state}</id_order_state></order_history></qloapps>""");
        try
        {
            using var response = await _client.PostXmlAsync("order_histories", Encoding.UTF8.GetBytes(xml), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess && !response.IsServerError)
            {
                throw new PmsUnavailableException($"QloApps refused to set order {orderId} to state {state} ({(int)response.Status}): {response.ErrorSummary}") { IsTransient = false };
            }
        }
        catch (PmsUnavailableException ex) when (ex.IsTransient)
        {
            // The state may have been set; the caller's re-read tells.
        }

        _cache.Remove(_cachePrefix + "lines:" + orderId.ToString(CultureInfo.InvariantCulture));
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

        if (!current.IsSingleRoom)
        {
            // The adapter books one room per reservation; rewriting an order with several rooms or room types would drop
            // the rest of it. Reception changes those.
            return ReservationResult.Failure(ReservationError.Rejected, $"Reservation '{reservation.Code}' has {current.Rooms.Count} rooms ({string.Join(", ", current.Rooms.Select(r => r.RoomTypeId).Distinct().Select(id => id.ToString(CultureInfo.InvariantCulture)))} room type ids); the agent changes only single-room reservations: reception must change it.");
        }

        var currentRoom = current.Rooms.Count == 1 ? current.Rooms[0] : null;
        var children = request.Children ?? reservation.Children;
        var stay = new StayRequest
        {
            CheckIn = request.CheckIn ?? reservation.CheckIn,
            CheckOut = request.CheckOut ?? reservation.CheckOut,
            Adults = request.Adults ?? reservation.Adults,
            Children = children,
            ChildAges = request.ChildAges is { } ages && ages.Count == children ? ages : children == reservation.Children ? currentRoom?.ChildAges : null,
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

        // QloApps cannot move a booking in place (a PUT replaces rooms and drops services), so the change is a new
        // booking followed by the cancellation of the old one, both under keys derived from this one. The old booking
        // is cancelled only once the new one exists.
        var replacement = new CreateReservationRequest
        {
            Stay = stay,
            Guest = reservation.Guest,
            Notes = $"Replaces reservation {reservation.Code}",
        };
        var created = await OnceAsync("create", idempotencyKey + "/replacement", Fingerprint(replacement), () => CreateCoreAsync(replacement, idempotencyKey + "/replacement", cancellationToken)).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return created;
        }

        ReservationResult cancelled;
        try
        {
            cancelled = await OnceAsync("cancel", idempotencyKey + "/replaced", reservation.Code, () => CancelCoreAsync(reservation.Code, idempotencyKey + "/replaced", cancellationToken)).ConfigureAwait(false);
        }
        catch (PmsUnavailableException ex)
        {
            Log.ReplaceIncomplete(_logger, created.Reservation!.Code, reservation.Code, ex);
            throw;
        }

        if (!cancelled.Succeeded && cancelled.Error != ReservationError.AlreadyCancelled)
        {
            // Keep the guest's original booking: undo the replacement.
            await OnceAsync("cancel", idempotencyKey + "/undo", created.Reservation!.Code, () => CancelCoreAsync(created.Reservation!.Code, idempotencyKey + "/undo", cancellationToken)).ConfigureAwait(false);
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

        if (!roomType.Fits(stay.Adults, stay.Children))
        {
            return (ReservationResult.Failure(ReservationError.CapacityExceeded, $"{stay.Adults} adults and {stay.Children} children do not fit a '{roomType.RoomType.Code}' (at most {roomType.RoomType.MaxAdults} adults, {roomType.MaxChildren} children, {roomType.RoomType.MaxOccupancy} guests)."), null);
        }

        return (null, roomType);
    }

    /// <summary>
    /// Checks the guest details QloApps needs before anything is sent: a name it can store (it answers an empty 500 to
    /// digits, commas or brackets, issue 15), a phone when the shop requires one, each child's age (QloApps records no
    /// children without them). Returns the details as they will be sent.
    /// </summary>
    private static (ReservationResult? Refusal, GuestDetails? Guest) CheckGuest(GuestDetails guest, StayRequest stay, QloShop shop)
    {
        var name = CleanName(guest.Name);
        if (name.Length == 0)
        {
            return (ReservationResult.Failure(ReservationError.MissingGuestDetails, "The guest's name has no letters QloApps can store (it refuses digits and most punctuation): ask for the name."), null);
        }

        var phone = CleanPhone(guest.Phone);
        if (shop.PhoneRequired && phone is null)
        {
            return (ReservationResult.Failure(ReservationError.MissingGuestDetails, "QloApps requires the guest's phone number (PS_ONE_PHONE_AT_LEAST): ask for the phone."), null);
        }

        if (stay.Children > 0 && (stay.ChildAges is null || stay.ChildAges.Count != stay.Children))
        {
            return (ReservationResult.Failure(ReservationError.MissingGuestDetails, $"QloApps records children only with their ages: ask for the age of each child ({stay.Children})."), null);
        }

        if (stay.ChildAges is { } ages && ages.Any(a => a < 0 || a >= shop.AdultAge))
        {
            return (ReservationResult.Failure(ReservationError.MissingGuestDetails, $"At this hotel a guest of {shop.AdultAge} or older is an adult: ask again for the children's ages, counting older ones as adults."), null);
        }

        return (null, guest with { Name = name, Phone = phone });
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

        if (response.HasError("phone") || response.HasError("name") || response.HasError("email") || response.HasError("child"))
        {
            return ReservationResult.Failure(ReservationError.MissingGuestDetails, detail);
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

        var booking = await TryReadAsync(orderId, cancellationToken).ConfigureAwait(false);
        if (booking is { Rooms.Count: > 0 })
        {
            // Several hotels share one QloApps: an order whose rooms are all of another hotel's room types is not
            // this hotel's, so its code opens nothing here.
            var catalog = await GetCatalogAsync(cancellationToken).ConfigureAwait(false);
            if (booking.Rooms.All(room => catalog.ById(room.RoomTypeId) is null))
            {
                return null;
            }
        }

        return booking;
    }

    private async Task<QloBooking?> TryReadAsync(int orderId, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync($"bookings/{orderId}", cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (response.IsServerError)
        {
            // Quirk Q1: with PHP notices on, GET /bookings/{id} fails for every booking; orders and room lines still answer.
            return await ReadFromOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
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
        var shop = await GetShopAsync(cancellationToken).ConfigureAwait(false);
        return Map(orderId, booking.Value, reference, state, catalog, shop);
    }

    private QloBooking Map(int orderId, JsonElement booking, string? reference, int? state, QloCatalog catalog, QloShop shop)
    {
        var associations = booking.Prop("associations") ?? default;
        var roomTypes = associations.Array("room_types").ToArray();
        var roomType = roomTypes.FirstOrDefault();
        var roomTypeId = roomType.ValueKind == JsonValueKind.Object ? roomType.Int("id_room_type") ?? 0 : 0;
        var rooms = roomTypes
            .SelectMany(t => t.Array("rooms").Select(r => new QloRoom(t.Int("id_room_type") ?? 0, r.Int("id_room"), r.Int("adults") ?? r.Int("adult") ?? 1, r.Int("child") ?? r.Int("children") ?? 0)))
            .ToArray();
        var customer = associations.Prop("customer_detail") ?? default;
        var prices = associations.Prop("price_details") ?? default;
        var remarks = associations.Array("remarks").Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : r.GetRawText()).OfType<string>().ToArray();
        var withoutTax = prices.Dec("total_price_without_tax") ?? 0;
        var notes = string.Join("\n", remarks.Select(r => MarkerPattern().Replace(r, string.Empty).Trim()).Where(r => r.Length > 0));
        var name = string.Join(' ', new[] { customer.Str("firstname"), customer.Str("lastname") }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var reservation = new Reservation
        {
            Code = reference ?? orderId.ToString(CultureInfo.InvariantCulture),
            Status = state is CancelledState or RefundedState ? ReservationStatus.Cancelled : ReservationStatus.Confirmed,
            RoomType = catalog.ById(roomTypeId)?.RoomType.Code ?? Slug(roomType.ValueKind == JsonValueKind.Object ? roomType.Str("name") ?? string.Empty : string.Empty, roomTypeId),
            CheckIn = roomType.ValueKind == JsonValueKind.Object ? roomType.Date("checkin_date") ?? default : default,
            CheckOut = roomType.ValueKind == JsonValueKind.Object ? roomType.Date("checkout_date") ?? default : default,
            Adults = rooms.Length > 0 ? rooms[0].Adults : 1,
            Children = rooms.Length > 0 ? rooms[0].Children : 0,
            Guest = new GuestDetails(name, customer.Str("email") ?? string.Empty, NullIfEmpty(customer.Str("phone"))),
            Total = withoutTax + (Options.PricesIncludeTax ? prices.Dec("total_tax") ?? 0 : 0),
            Currency = booking.Str("currency") ?? shop.Currency,
            CreatedAt = ShopTimestamp(booking.Str("booking_date"), shop),
            Notes = notes.Length == 0 ? null : notes,
        };
        return new QloBooking(orderId, reservation, customer.Int("id_customer"), rooms, remarks);
    }

    /// <summary>
    /// Reads a booking without <c>GET /bookings/{id}</c>, from its order, room lines and customer: what the adapter
    /// needs when PHP notices make that call fail. Remarks are not available this way.
    /// </summary>
    private async Task<QloBooking?> ReadFromOrderAsync(int orderId, CancellationToken cancellationToken)
    {
        JsonElement order;
        using (var response = await _client.GetAsync($"orders?display=[id,reference,current_state,id_customer,total_paid_tax_incl,total_paid_tax_excl,date_add]&filter[id]={orderId}", cancellationToken).ConfigureAwait(false))
        {
            order = Expect(response, "orders").Items("orders").FirstOrDefault().Clone();
        }

        if (order.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var lines = await RoomLinesAsync(orderId, cancellationToken).ConfigureAwait(false);
        var customerId = order.Int("id_customer");
        string? first = null, last = null, email = null;
        if (customerId is { } id)
        {
            using var response = await _client.GetAsync($"customers?display=[id,firstname,lastname,email]&filter[id]={id}", cancellationToken).ConfigureAwait(false);
            var customer = Expect(response, "customers").Items("customers").FirstOrDefault();
            if (customer.ValueKind == JsonValueKind.Object)
            {
                (first, last, email) = (customer.Str("firstname"), customer.Str("lastname"), customer.Str("email"));
            }
        }

        var catalog = await GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var shop = await GetShopAsync(cancellationToken).ConfigureAwait(false);
        var rooms = lines.Select(l => new QloRoom(l.Int("id_product") ?? 0, l.Int("id_room"), l.Int("adults") ?? 1, l.Int("children") ?? 0, ChildAges(l))).ToArray();
        var line = lines.FirstOrDefault();
        var state = order.Int("current_state");
        var roomTypeId = rooms.Length > 0 ? rooms[0].RoomTypeId : 0;
        var reservation = new Reservation
        {
            Code = order.Str("reference") ?? orderId.ToString(CultureInfo.InvariantCulture),
            Status = state is CancelledState or RefundedState ? ReservationStatus.Cancelled : ReservationStatus.Confirmed,
            RoomType = catalog.ById(roomTypeId)?.RoomType.Code ?? Slug(line.ValueKind == JsonValueKind.Object ? line.Str("room_type_name") ?? string.Empty : string.Empty, roomTypeId),
            CheckIn = line.ValueKind == JsonValueKind.Object ? line.Date("date_from") ?? default : default,
            CheckOut = line.ValueKind == JsonValueKind.Object ? line.Date("date_to") ?? default : default,
            Adults = rooms.Length > 0 ? rooms[0].Adults : 1,
            Children = rooms.Length > 0 ? rooms[0].Children : 0,
            Guest = new GuestDetails(string.Join(' ', new[] { first, last }.Where(s => !string.IsNullOrWhiteSpace(s))), email ?? string.Empty),
            Total = (Options.PricesIncludeTax ? order.Dec("total_paid_tax_incl") : order.Dec("total_paid_tax_excl")) ?? 0,
            Currency = shop.Currency,
            CreatedAt = ShopTimestamp(order.Str("date_add"), shop),
        };
        return new QloBooking(orderId, reservation, customerId, rooms, []);
    }

    /// <summary>Gets the room lines (<c>room_bookings</c>, node <c>bookings</c>) of an order.</summary>
    private async Task<JsonElement[]> RoomLinesAsync(int orderId, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync($"room_bookings?display=full&filter[id_order]={orderId}", cancellationToken).ConfigureAwait(false);
        return Expect(response, "room_bookings").Items("bookings").Select(l => l.Clone()).ToArray();
    }

    private static IReadOnlyList<int>? ChildAges(JsonElement line)
    {
        if (line.Str("child_ages") is not { Length: > 1 } text || text[0] != '[')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<int[]>(text);
        }
        catch (JsonException)
        {
            return null;
        }
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

    private async Task<IReadOnlyList<int>> CustomerIdsAsync(string email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return [];
        }

        using var response = await _client.GetAsync($"customers?display=[id,email]&filter[email]=[{Uri.EscapeDataString(email.Trim())}]", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return [];
        }

        return response.Root.Items("customers")
            .Where(c => string.Equals(c.Str("email"), email.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Int("id"))
            .OfType<int>()
            .Order()
            .ToArray();
    }

    private async Task<int?> FindCustomerAsync(string email, CancellationToken cancellationToken) =>
        (await CustomerIdsAsync(email, cancellationToken).ConfigureAwait(false)) is [var first, ..] ? first : null;

    // ---- helpers --------------------------------------------------------------------------------------------

    private byte[] BookingJson(GuestDetails guest, int? customerId, QloRoomType roomType, StayRequest stay, QloRoom room, string remark, string currency)
    {
        var options = Options;
        var (firstName, lastName) = SplitName(guest.Name);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartObject("booking");
            json.WriteNumber("id_property", options.HotelId);
            json.WriteString("currency", currency);
            json.WriteNumber("booking_status", 1);
            json.WriteNumber("payment_status", 3);
            json.WriteString("source", options.Source);
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
            json.WriteStartObject("payment_detail");
            json.WriteString("payment_type", options.PaymentType);
            json.WriteString("payment_method", options.PaymentMethod);
            json.WriteEndObject();

            json.WriteStartArray("room_types");
            json.WriteStartObject();
            json.WriteNumber("id_room_type", roomType.Id);
            json.WriteString("checkin_date", stay.CheckIn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("checkout_date", stay.CheckOut.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("number_of_rooms", 1);
            json.WriteStartArray("rooms");
            json.WriteStartObject();

            // Quirk Q2: the occupancy key is "adult" (singular) on writes; "adults" is ignored. QloApps stores no
            // children unless their ages are sent.
            json.WriteNumber("adult", room.Adults);
            json.WriteNumber("child", room.Children);
            if (room.Children > 0 && room.ChildAges is { } ages)
            {
                json.WriteStartArray("child_ages");
                foreach (var age in ages)
                {
                    json.WriteNumberValue(age);
                }

                json.WriteEndArray();
            }

            // Quirk Q3: the services QloApps adds to the room price by itself are in the quote; a booking keeps them
            // only when listed (quantity 1: per-night services are multiplied by the nights).
            if (roomType.AutoServices.Count > 0)
            {
                json.WriteStartArray("services");
                foreach (var service in roomType.AutoServices)
                {
                    json.WriteStartObject();
                    json.WriteNumber("id_service", service);
                    json.WriteNumber("quantity", 1);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
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

    /// <summary>Reads a QloApps timestamp, written in the shop's time zone (<c>PS_TIMEZONE</c>), else in <see cref="QloAppsOptions.TimeZone"/>.</summary>
    private DateTimeOffset ShopTimestamp(string? text, QloShop shop)
    {
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return default;
        }

        var zone = shop.TimeZone ?? HotelTimeZone();
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private LocalizedText Text(string text) => new(new Dictionary<string, string> { [Options.Language] = text });

    private const int CancelledState = 4;
    private const int RefundedState = 5;

    /// <summary>
    /// A name QloApps accepts (its name validation refuses digits and most punctuation, and answers with an empty 500):
    /// words holding a digit are dropped, other characters than letters, spaces, apostrophes, hyphens and dots become
    /// spaces. Empty when nothing is left.
    /// </summary>
    internal static string CleanName(string? name)
    {
        var words = (name ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.Any(char.IsDigit))
            .Select(w => NameCharacterPattern().Replace(w, " "));
        var cleaned = string.Join(' ', string.Join(' ', words).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Trim('.', '-', '\'')).Where(w => w.Length > 0));
        return cleaned.Any(char.IsLetter) ? cleaned : string.Empty;
    }

    /// <summary>A phone QloApps accepts (digits, spaces, <c>+ . ( ) / -</c>), or <see langword="null"/> when none is left.</summary>
    internal static string? CleanPhone(string? phone)
    {
        var cleaned = PhoneCharacterPattern().Replace(phone ?? string.Empty, string.Empty).Trim();
        return cleaned.Any(char.IsDigit) ? cleaned : null;
    }

    private static (string First, string Last) SplitName(string name)
    {
        var parts = (name ?? string.Empty).Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // QloApps keeps at most 255 characters per name part (customer firstname/lastname).
        static string Fit(string part) => part.Length <= 255 ? part : part[..255];
        return parts.Length switch
        {
            0 => ("Guest", "Guest"),
            1 => (Fit(parts[0]), Fit(parts[0])),
            _ => (Fit(parts[0]), Fit(parts[1])),
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

    [GeneratedRegex(@"[^\p{L}\p{M}'.\- ]")]
    private static partial Regex NameCharacterPattern();

    [GeneratedRegex(@"[^0-9+.()/\- ]")]
    private static partial Regex PhoneCharacterPattern();
}
