using HotelAgent.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Adds the security headers of the hotel agent's pages (the web chat, the staff console) to every response.
/// </summary>
public static class HotelAgentSecurityHeadersApplicationBuilderExtensions
{
    /// <summary>
    /// Sends, on every response that does not set them itself: <c>Content-Security-Policy</c>
    /// (<paramref name="contentSecurityPolicy"/>, by default <see cref="HotelAgentHttp.DefaultContentSecurityPolicy"/>:
    /// no inline script), <c>X-Content-Type-Options: nosniff</c>, <c>X-Frame-Options: DENY</c> and
    /// <c>Referrer-Policy: no-referrer</c>. Call it before <c>UseStaticFiles()</c> and the endpoints whose responses it
    /// should cover, and after middleware whose pages need inline script (Swagger UI).
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <param name="contentSecurityPolicy">The Content-Security-Policy to send; <see langword="null"/> for the default.</param>
    /// <returns>The value of <paramref name="app"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="app"/> is <see langword="null"/>.</exception>
    public static IApplicationBuilder UseHotelAgentSecurityHeaders(this IApplicationBuilder app, string? contentSecurityPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var policy = contentSecurityPolicy ?? HotelAgentHttp.DefaultContentSecurityPolicy;
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.TryAdd("Content-Security-Policy", policy);
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("X-Frame-Options", "DENY");
            headers.TryAdd("Referrer-Policy", "no-referrer");
            return next(context);
        });
    }
}
