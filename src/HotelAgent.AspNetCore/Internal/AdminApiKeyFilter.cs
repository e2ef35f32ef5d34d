using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HotelAgent.AspNetCore;

/// <summary>
/// Lets a request through only when its <c>X-Api-Key</c> header equals the configured admin key, compared in
/// constant time. With no key configured every request is refused.
/// </summary>
internal sealed class AdminApiKeyFilter(IOptionsMonitor<HotelAgentOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.CurrentValue.AdminApiKey;
        var given = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(expected) || given.Length == 0 || !FixedTimeEquals(expected, given))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "ApiKey header=\"" + HeaderName + "\"";
            return TypedResults.Problem(
                $"Send the admin API key in the {HeaderName} header.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized");
        }

        return await next(context).ConfigureAwait(false);
    }

    private static bool FixedTimeEquals(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
