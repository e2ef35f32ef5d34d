using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// Stops the host at start when the agent cannot work: no PMS registered, or a demo catalogue that does not load.
/// </summary>
internal sealed class HotelAgentStartupCheck(IServiceProvider services, IOptions<HotelAgentOptions> options, ILogger<HotelAgentStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var pms = services.GetService<IPmsAdapter>() ?? throw new InvalidOperationException(
            "No PMS is registered (no PMS adapter). Chain one to AddHotelAgent(): AddDemoPms(o => o.CatalogPath = \"hotel.json\"), " +
            "AddQloAppsPms(...), or your adapter's Add...Pms(...) (docs/pms/writing-an-adapter.md).");
        if (pms is DemoPmsAdapter demo)
        {
            _ = demo.Catalog;
        }

        if (options.Value.AdminApiKey is null)
        {
            Log.AdminKeyMissing(logger);
        }

        _ = services.GetRequiredService<IHotelAgent>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
