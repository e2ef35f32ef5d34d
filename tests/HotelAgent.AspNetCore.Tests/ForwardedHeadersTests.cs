using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.AspNetCore.Tests;

/// <summary>
/// Behind a reverse proxy the sample honours <c>X-Forwarded-For</c> from the configured proxies only, so the per-IP rate
/// limit counts each guest's address, and a client that is not a known proxy cannot choose its own.
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.ProxiedHostFactory factory) : IClassFixture<ForwardedHeadersTests.ProxiedHostFactory>
{
    private const string Proxy = "10.0.0.5";

    [Fact]
    public async Task RateLimit_BehindAKnownProxy_CountsEachForwardedClientAddress()
    {
        using var client = factory.CreateClient();

        (await ParseAsync(client, peer: Proxy, forwardedFor: "203.0.113.1")).Should().Be(HttpStatusCode.OK);
        (await ParseAsync(client, peer: Proxy, forwardedFor: "203.0.113.1")).Should().Be(HttpStatusCode.OK);
        (await ParseAsync(client, peer: Proxy, forwardedFor: "203.0.113.1")).Should().Be(HttpStatusCode.TooManyRequests, "the guest at 203.0.113.1 used its 2 permits");
        (await ParseAsync(client, peer: Proxy, forwardedFor: "203.0.113.2")).Should().Be(HttpStatusCode.OK, "another guest behind the same proxy has permits of its own");
    }

    [Fact]
    public async Task RateLimit_ForwardedForFromAnUnknownPeer_IsIgnored()
    {
        using var client = factory.CreateClient();

        (await ParseAsync(client, peer: "198.51.100.7", forwardedFor: "203.0.113.10")).Should().Be(HttpStatusCode.OK);
        (await ParseAsync(client, peer: "198.51.100.7", forwardedFor: "203.0.113.11")).Should().Be(HttpStatusCode.OK);
        (await ParseAsync(client, peer: "198.51.100.7", forwardedFor: "203.0.113.12")).Should()
            .Be(HttpStatusCode.TooManyRequests, "198.51.100.7 is not a known proxy: its X-Forwarded-For is not believed, so all three requests are its own");
    }

    [Fact]
    public async Task ForwardedProto_FromTheKnownProxy_MakesTheRequestHttps()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/scheme");
        request.Headers.Add(PeerFilter.Header, Proxy);
        request.Headers.Add("X-Forwarded-For", "203.0.113.20");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);

        (await response.Content.ReadAsStringAsync()).Should().Be("https 203.0.113.20");
    }

    private static async Task<HttpStatusCode> ParseAsync(HttpClient client, string peer, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/nlu/parse") { Content = JsonContent.Create(new { text = "hola" }) };
        request.Headers.Add(PeerFilter.Header, peer);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The sample with 2 permits per minute per IP and one known proxy; each request says which peer it comes from.</summary>
    public sealed class ProxiedHostFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("HotelAgent:Http:PermitsPerMinutePerIp", "2");
            builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerFilter>());
        }
    }

    /// <summary>Sets the connection's remote address from a test header (the test server has none), before the sample's pipeline.</summary>
    private sealed class PeerFilter : IStartupFilter
    {
        public const string Header = "X-Test-Peer";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[Header].ToString());
                return nextMiddleware(context);
            });
            next(app);
            app.Run(context => context.Request.Path == "/test/scheme"
                ? context.Response.WriteAsync($"{context.Request.Scheme} {context.Connection.RemoteIpAddress}")
                : Task.CompletedTask);
        };
    }
}
