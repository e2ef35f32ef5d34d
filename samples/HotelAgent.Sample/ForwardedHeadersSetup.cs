using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace HotelAgent.Sample;

/// <summary>
/// Behind a reverse proxy, the client address the per-IP rate limit sees is the proxy's unless <c>X-Forwarded-For</c>
/// is honoured; honouring it from anyone would let a client choose its own address. So it is taken only from the
/// proxies named in configuration (docs/deployment.md): <c>ForwardedHeaders:KnownProxies</c> (addresses) and
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges), besides loopback, ASP.NET Core's default.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static void Configure(ForwardedHeadersOptions options, IConfiguration section)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? [])
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
        }

        foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range)
                ? range
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a CIDR range such as 10.0.0.0/8."));
        }

        if (section.GetValue<int?>("ForwardLimit") is { } limit)
        {
            options.ForwardLimit = limit;
        }
    }
}
