namespace HotelAgent.Pms.QloApps;

/// <summary>
/// Default values of <see cref="QloAppsOptions"/> and names shared by the package.
/// </summary>
internal static class QloAppsDefaults
{
    public const string HttpClientName = "HotelAgent.Pms.QloApps";
    public const int HotelId = 1;
    public const string TimeZone = "UTC";
    public const string Language = "en";
    public const int MaxRetryAttempts = 3;
    public const int RecentBookingsScanLimit = 25;
    public const string Source = "hotel-agent";
    public const string PaymentType = "pay at hotel";
    public const string PaymentMethod = "Pay at hotel";
    public const string PhotoSize = "home_default";

    /// <summary>The largest room photo accepted from QloApps (WhatsApp takes images up to 5 MB).</summary>
    public const int MaxPhotoBytes = 5 * 1024 * 1024;

    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan CatalogCacheDuration = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan AvailabilityCacheDuration = TimeSpan.FromSeconds(30);
}
