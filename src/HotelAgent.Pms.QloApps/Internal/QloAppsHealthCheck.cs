using HotelAgent.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HotelAgent.Pms.QloApps;

/// <summary>
/// Reports QloApps ready only when its webservice answers now for the served hotel: one uncached, unretried
/// <c>GET /api/hotels/{id}</c>. The adapter keeps the hotel's details for <see cref="QloAppsOptions.CatalogCacheDuration"/>,
/// so a check through it would stay healthy that long after QloApps went down.
/// </summary>
internal sealed class QloAppsHealthCheck(QloAppsClient client, IOptionsMonitor<QloAppsOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var hotelId = options.CurrentValue.HotelId;
        try
        {
            using var response = await client.GetAsync($"hotels/{hotelId}", cancellationToken, retry: false).ConfigureAwait(false);
            return response.IsSuccess
                ? HealthCheckResult.Healthy($"QloApps answers for hotel {hotelId}.")
                : HealthCheckResult.Unhealthy($"QloApps answered {(int)response.Status} for hotel {hotelId}.");
        }
        catch (PmsUnavailableException ex)
        {
            return HealthCheckResult.Unhealthy("QloApps is unavailable.", ex);
        }
    }
}
