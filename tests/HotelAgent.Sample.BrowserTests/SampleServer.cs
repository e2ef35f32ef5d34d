using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Sample.BrowserTests;

/// <summary>
/// The sample host on Kestrel at http://127.0.0.1:{free port}, in Development, with the real clock and a known
/// admin key: what a browser reaches.
/// </summary>
public sealed class SampleServer : WebApplicationFactory<Program>
{
    public const string AdminKey = "browser-test-admin-key-0123456789";

    private readonly Action<IServiceCollection>? _services;

    /// <summary>Initializes a new instance of the <see cref="SampleServer"/> class.</summary>
    /// <param name="services">Replaces or adds services after the sample's own, when given.</param>
    public SampleServer(Action<IServiceCollection>? services = null)
    {
        _services = services;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.TrimEnd('/') + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("HotelAgent:AdminApiKey", AdminKey);
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}
