using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HotelAgent.AspNetCore;

/// <summary>
/// Builds the rate limiter and the CORS policy from <see cref="HotelAgentHttpOptions"/>.
/// </summary>
internal static class HttpProtectionSetup
{
    private const string ConversationsPrefix = "/v1/conversations/";

    public static void ConfigureRateLimiter(RateLimiterOptions limiter, HotelAgentHttpOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        var webhookPermits = WebhookPermitsPerMinutePerIp(options);
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            // Keyed by the address itself (no string per request); /v1 and /webhooks count apart.
            PartitionedRateLimiter.Create<HttpContext, (IpLimit Limit, IPAddress? Address)>(context => LimitOf(context.Request.Path) switch
            {
                IpLimit.Api => RateLimitPartition.GetFixedWindowLimiter((IpLimit.Api, context.Connection.RemoteIpAddress), _ => Window(options.PermitsPerMinutePerIp)),
                IpLimit.Webhooks => RateLimitPartition.GetFixedWindowLimiter((IpLimit.Webhooks, context.Connection.RemoteIpAddress), _ => Window(webhookPermits)),
                _ => RateLimitPartition.GetNoLimiter((IpLimit.None, (IPAddress?)null)),
            }),
            PartitionedRateLimiter.Create<HttpContext, string>(context => ConversationOf(context) is { } conversation
                ? RateLimitPartition.GetFixedWindowLimiter("conversation:" + conversation, _ => Window(options.PermitsPerMinutePerConversation))
                : RateLimitPartition.GetNoLimiter(string.Empty)));
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            var response = context.HttpContext.Response;
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await TypedResults.Problem(
                $"Too many requests; try again in {seconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too Many Requests").ExecuteAsync(context.HttpContext).ConfigureAwait(false);
        };
    }

    public static void ConfigureCors(CorsOptions cors, HotelAgentHttpOptions options) =>
        cors.AddPolicy(HotelAgentHttp.CorsPolicy, policy =>
        {
            if (options.AllowedOrigins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. options.AllowedOrigins]);
            }

            policy.WithMethods("GET", "POST").WithHeaders("Content-Type", "X-Api-Key", "X-Hotel-Property");
        });

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>The webhooks' limit per IP address and minute: as set, else the larger of the default and the API's.</summary>
    public static int WebhookPermitsPerMinutePerIp(HotelAgentHttpOptions options) =>
        options.WebhookPermitsPerMinutePerIp ?? Math.Max(HotelAgentHttpOptions.DefaultWebhookPermitsPerMinutePerIp, options.PermitsPerMinutePerIp);

    private static IpLimit LimitOf(PathString path) =>
        path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) ? IpLimit.Api
        : path.StartsWithSegments("/webhooks", StringComparison.OrdinalIgnoreCase) ? IpLimit.Webhooks
        : IpLimit.None;

    /// <summary>Returns the conversation id of a web-chat message post, the guest's identity on that channel.</summary>
    private static string? ConversationOf(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return null;
        }

        var path = context.Request.Path.Value;
        if (path is null || !path.StartsWith(ConversationsPrefix, StringComparison.OrdinalIgnoreCase) || !path.EndsWith("/messages", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var id = path[ConversationsPrefix.Length..^"/messages".Length];
        return id.Length is > 0 and <= 128 ? id : null;
    }
}

/// <summary>
/// Refuses a wildcard CORS origin in Production.
/// </summary>
internal sealed class HotelAgentHttpOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<HotelAgentHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HotelAgentHttpOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.PermitsPerMinutePerIp < 1 || options.PermitsPerMinutePerConversation < 1 || options.WebhookPermitsPerMinutePerIp < 1)
        {
            builder.AddError("Rate limits must allow at least 1 request per minute.", nameof(HotelAgentHttpOptions));
        }

        if (environment?.IsProduction() == true && options.AllowedOrigins.Contains("*"))
        {
            builder.AddError("HotelAgent:Http:AllowedOrigins contains '*', which Production refuses: list the origins of your sites.", nameof(HotelAgentHttpOptions.AllowedOrigins));
        }

        foreach (var origin in options.AllowedOrigins.Where(o => o != "*"))
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                builder.AddError($"HotelAgent:Http:AllowedOrigins: '{origin}' is not an origin such as https://www.myhotel.com.", nameof(HotelAgentHttpOptions.AllowedOrigins));
            }
        }

        return builder.Build();
    }
}

/// <summary>Which per-address limit a request counts against.</summary>
internal enum IpLimit
{
    /// <summary>Not limited per address (pages, health probes, metrics).</summary>
    None,

    /// <summary><c>/v1</c>: <see cref="HotelAgentHttpOptions.PermitsPerMinutePerIp"/>.</summary>
    Api,

    /// <summary><c>/webhooks</c>: <see cref="HotelAgentHttpOptions.WebhookPermitsPerMinutePerIp"/>.</summary>
    Webhooks,
}
