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

        // Every named property: its channels claimed once, its PMS registered (a demo catalogue that loads), its
        // statistics listening before the first message.
        var directory = services.GetRequiredService<IHotelPropertyDirectory>();
        if (directory.Names.Count > 0)
        {
            if (directory is HotelPropertyDirectory known)
            {
                _ = known.Channels;
            }

            var runtimes = services.GetRequiredService<HotelPropertyRuntimes>();
            foreach (var name in directory.Names)
            {
                var runtime = runtimes.Get(name);
                if (runtime.Pms is DemoPmsAdapter property)
                {
                    _ = property.Catalog;
                }

                _ = runtime.Options;
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
