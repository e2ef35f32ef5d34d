using HotelAgent.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the HTTP protection of the hotel agent: rate limiting and CORS.
/// </summary>
public static class AspNetCoreHotelAgentBuilderExtensions
{
    /// <summary>
    /// Registers a rate limiter (per client IP on <c>/v1</c> and <c>/webhooks</c>, per conversation on web-chat
    /// messages; over the limit: 429 with <c>Retry-After</c>) and the <see cref="HotelAgentHttp.CorsPolicy"/> CORS
    /// policy. Apply them with <c>app.UseCors(HotelAgentHttp.CorsPolicy)</c> and <c>app.UseRateLimiter()</c>.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configuration">The section holding <see cref="HotelAgentHttpOptions"/> (usually <c>HotelAgent:Http</c>).</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddHttpProtection(this IHotelAgentBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = builder.Services;
        services.AddOptions<HotelAgentHttpOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HotelAgentHttpOptions>, HotelAgentHttpOptionsValidator>());
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<HotelAgentHttpOptions>>((limiter, http) => HttpProtectionSetup.ConfigureRateLimiter(limiter, http.Value));
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<HotelAgentHttpOptions>>((cors, http) => HttpProtectionSetup.ConfigureCors(cors, http.Value));
        return builder;
    }
}
