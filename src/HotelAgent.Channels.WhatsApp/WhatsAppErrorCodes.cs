namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// The WhatsApp Cloud API error codes the channel treats specially.
/// </summary>
public static class WhatsAppErrorCodes
{
    /// <summary>API too many calls: the app hit its call rate limit (transient).</summary>
    public const int ApiTooManyCalls = 4;

    /// <summary>The access token expired or is invalid (not transient: renew <see cref="WhatsAppOptions.AccessToken"/>).</summary>
    public const int AccessTokenExpired = 190;

    /// <summary>The business account hit its rate limit (transient).</summary>
    public const int RateLimitIssues = 80007;

    /// <summary>Cloud API message throughput reached (transient).</summary>
    public const int RateLimitHit = 130429;

    /// <summary>Something went wrong on Meta's side (transient).</summary>
    public const int SomethingWentWrong = 131000;

    /// <summary>The service is temporarily unavailable (transient).</summary>
    public const int ServiceUnavailable = 131016;

    /// <summary>More than 24 hours passed since the guest last wrote: only a template may be sent.</summary>
    public const int ReEngagementMessage = 131047;

    /// <summary>Too many messages sent to this guest recently (spam rate limit; transient).</summary>
    public const int SpamRateLimit = 131048;

    /// <summary>Too many messages between this business number and this guest in a short time (pair rate limit; transient).</summary>
    public const int PairRateLimit = 131056;

    /// <summary>The server is temporarily unavailable (transient).</summary>
    public const int ServerTemporarilyUnavailable = 133004;

    /// <summary>Gets whether a failure with this error code or HTTP status may succeed when tried again later.</summary>
    /// <param name="errorCode">The Graph API error code, if any.</param>
    /// <param name="httpStatusCode">The HTTP status code, if any; <see langword="null"/> means the API was not reached.</param>
    /// <returns><see langword="true"/> for rate limits, Meta-side failures, 408, 429, 5xx and network failures.</returns>
    public static bool IsTransient(int? errorCode, int? httpStatusCode) => errorCode switch
    {
        ApiTooManyCalls or RateLimitIssues or RateLimitHit or SomethingWentWrong or ServiceUnavailable
            or SpamRateLimit or PairRateLimit or ServerTemporarilyUnavailable or 1 or 2 => true,
        not null when httpStatusCode is null or (>= 400 and < 500 and not 408 and not 429) => false,
        _ => httpStatusCode is null or 408 or 429 or >= 500,
    };

    /// <summary>Describes an error code in a few words, for exception messages and logs.</summary>
    /// <param name="errorCode">The Graph API error code.</param>
    /// <returns>A short description, or <see langword="null"/> for codes without one.</returns>
    public static string? Describe(int? errorCode) => errorCode switch
    {
        ApiTooManyCalls => "the app called the API too often",
        AccessTokenExpired => "the access token is invalid or expired",
        RateLimitIssues => "the business account hit its rate limit",
        RateLimitHit => "the message throughput limit was reached",
        SomethingWentWrong => "Meta reported an internal error",
        ServiceUnavailable => "the service is temporarily unavailable",
        ReEngagementMessage => "more than 24 hours passed since the guest last wrote, so only a template can be sent",
        SpamRateLimit => "too many messages were sent to this guest recently",
        PairRateLimit => "too many messages were sent between this number and this guest in a short time",
        ServerTemporarilyUnavailable => "the server is temporarily unavailable",
        _ => null,
    };
}
