using HotelAgent.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotelAgent;

/// <summary>
/// Reports the PMS healthy when it answers with the hotel's details.
/// </summary>
internal sealed class PmsHealthCheck(IPmsAdapter pms) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hotel = await pms.GetHotelInfoAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PMS answers for hotel '{hotel.Id}'.");
        }
        catch (PmsUnavailableException ex)
        {
            return HealthCheckResult.Unhealthy("The PMS is unavailable.", ex);
        }
    }
}
