namespace HotelAgent.AspNetCore;

/// <summary>
/// Names used by the HTTP protection of the hotel agent.
/// </summary>
public static class HotelAgentHttp
{
    /// <summary>The CORS policy registered by <c>AddHttpProtection</c>; apply it with <c>app.UseCors(HotelAgentHttp.CorsPolicy)</c>.</summary>
    public const string CorsPolicy = "HotelAgent";

    /// <summary>
    /// The Content-Security-Policy <c>UseHotelAgentSecurityHeaders()</c> sends by default: scripts, styles, images and
    /// requests only from the page's own origin (no inline script or style, no <c>eval</c>), no plugins, and no
    /// framing by any page (<c>frame-ancestors 'none'</c>).
    /// </summary>
    public const string DefaultContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}
