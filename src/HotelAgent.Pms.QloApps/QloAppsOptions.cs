using System.ComponentModel.DataAnnotations;

namespace HotelAgent.Pms.QloApps;

/// <summary>
/// Options of the QloApps PMS adapter: where the webservice is, which hotel to serve, timeouts, cache lifetimes and how
/// QloApps room types map to the catalogue's canonical codes.
/// </summary>
/// <remarks>
/// <see cref="ApiKey"/> is a secret: it is sent only as the HTTP Basic user name, never logged and never part of
/// <see cref="ToString"/>.
/// </remarks>
public class QloAppsOptions
{
    /// <summary>Gets or sets the base URL of the QloApps shop (the webservice is under <c>/api/</c>).</summary>
    /// <value>The default value is an empty string; it must be set.</value>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>Gets or sets the webservice key (32 characters, from Advanced Parameters &gt; Webservice). A secret.</summary>
    /// <value>The default value is an empty string; it must be set.</value>
    [Required]
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Gets or sets the id of the hotel (QloApps <c>hotels</c> resource) the agent serves.</summary>
    /// <value>The default value is <c>1</c>.</value>
    [Range(1, int.MaxValue)]
    public int HotelId { get; set; } = QloAppsDefaults.HotelId;

    /// <summary>Gets or sets the IANA time zone of the hotel, used for "today" (past-date checks) and booking timestamps.</summary>
    /// <value>The default value is <c>UTC</c>.</value>
    [Required]
    public string TimeZone { get; set; } = QloAppsDefaults.TimeZone;

    /// <summary>Gets or sets the language code of the texts QloApps returns (names, policies).</summary>
    /// <value>The default value is <c>en</c>.</value>
    [Required]
    public string Language { get; set; } = QloAppsDefaults.Language;

    /// <summary>Gets or sets a value indicating whether prices (offers and reservation totals) include tax.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool PricesIncludeTax { get; set; } = true;

    /// <summary>
    /// Gets or sets how long opening a connection to QloApps (TCP connect and TLS handshake) may take before the attempt
    /// fails; a safe call is then retried like any transport failure.
    /// </summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = QloAppsDefaults.ConnectTimeout;

    /// <summary>Gets or sets the timeout of one HTTP attempt.</summary>
    /// <value>The default value is 15 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = QloAppsDefaults.RequestTimeout;

    /// <summary>Gets or sets the timeout of one call including its retries.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan TotalTimeout { get; set; } = QloAppsDefaults.TotalTimeout;

    /// <summary>Gets or sets how many times a safe call (GET, or the read-only <c>POST /api/hotel_ari</c>) is retried after a transient failure. Writes are never retried by the HTTP pipeline.</summary>
    /// <value>The default value is <c>3</c>.</value>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = QloAppsDefaults.MaxRetryAttempts;

    /// <summary>Gets or sets the base delay between retries (exponential, with jitter).</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = QloAppsDefaults.RetryDelay;

    /// <summary>Gets or sets how long hotel details and room types are cached.</summary>
    /// <value>The default value is 10 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CatalogCacheDuration { get; set; } = QloAppsDefaults.CatalogCacheDuration;

    /// <summary>Gets or sets how long an availability answer is cached; any booking write through the adapter drops the cached answers.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AvailabilityCacheDuration { get; set; } = QloAppsDefaults.AvailabilityCacheDuration;

    /// <summary>Gets or sets how many of the newest bookings are searched for the adapter's idempotency marker after a create whose outcome is unknown (a 500 or a timeout), and how many are scanned when listing by email.</summary>
    /// <value>The default value is <c>25</c>.</value>
    [Range(1, 500)]
    public int RecentBookingsScanLimit { get; set; } = QloAppsDefaults.RecentBookingsScanLimit;

    /// <summary>Gets or sets the <c>source</c> written on bookings the agent creates.</summary>
    /// <value>The default value is <c>hotel-agent</c>.</value>
    [Required]
    public string Source { get; set; } = QloAppsDefaults.Source;

    /// <summary>Gets or sets the payment type of bookings the agent creates: <c>pay at hotel</c>, <c>remote</c> or <c>online</c>.</summary>
    /// <value>The default value is <c>pay at hotel</c>.</value>
    [Required]
    public string PaymentType { get; set; } = QloAppsDefaults.PaymentType;

    /// <summary>Gets or sets the payment method label of bookings the agent creates.</summary>
    /// <value>The default value is <c>Pay at hotel</c>.</value>
    [Required]
    public string PaymentMethod { get; set; } = QloAppsDefaults.PaymentMethod;

    /// <summary>
    /// Gets or sets a value indicating whether room options show each room type's default image, read through the
    /// webservice (<c>GET /api/images/room_types/{id}/{imageId}/{size}</c>) and sent to the guest as bytes: the
    /// webservice key never goes into an address a guest receives.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RoomPhotos { get; set; } = true;

    /// <summary>
    /// Gets or sets the QloApps image size sent for a room photo (an image type of the shop: <c>home_default</c> is
    /// 250 px square, about 25 KB; <c>large_default</c> 720 px, about 150 KB); empty sends the original upload.
    /// </summary>
    /// <value>The default value is <c>home_default</c>.</value>
    [RegularExpression("^[A-Za-z0-9_]{0,64}$")]
    public string PhotoSize { get; set; } = QloAppsDefaults.PhotoSize;

    /// <summary>
    /// Gets the canonical code and synonyms of each QloApps room type, keyed by its id (the <c>id_product</c> of the room
    /// type). A room type without an entry gets a code made from its name (<c>"Delux Rooms"</c> gives <c>delux-rooms</c>).
    /// </summary>
    /// <example><c>"RoomTypeMappings": { "1": { "Code": "double", "Synonyms": [ "doble", "matrimonial" ] } }</c></example>
    public IDictionary<string, QloAppsRoomTypeMapping> RoomTypeMappings { get; } = new Dictionary<string, QloAppsRoomTypeMapping>(StringComparer.Ordinal);

    /// <summary>Describes the options without the API key.</summary>
    /// <returns>The base URL, hotel id and number of room type mappings.</returns>
    public override string ToString() =>
        $"QloApps {BaseUrl} hotel {HotelId} ({RoomTypeMappings.Count} room type mappings, API key {(string.IsNullOrEmpty(ApiKey) ? "not set" : "set")})";
}

/// <summary>
/// How one QloApps room type appears to guests: its canonical code and the words they use for it.
/// </summary>
public class QloAppsRoomTypeMapping
{
    /// <summary>Gets or sets the canonical code (<c>single</c>, <c>double</c>, <c>twin</c>, <c>suite</c>, <c>family</c>, ...).</summary>
    /// <value>The default value is an empty string; it must be set.</value>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9_-]*$")]
    public string Code { get; set; } = string.Empty;

    /// <summary>Gets the words guests use for the room type in any language ("doble", "matrimonial", "casal").</summary>
    public IList<string> Synonyms { get; } = new List<string>();
}
