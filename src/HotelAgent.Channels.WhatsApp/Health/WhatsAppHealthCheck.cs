using HotelAgent.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// Reports the WhatsApp channel degraded while replies wait in the dead-letter store: the Graph API refused or could
/// not be reached after retries, and staff should look and replay them. A shared store that cannot be read (Redis
/// down, which its own check reports) makes it degraded too, not failed.
/// </summary>
internal sealed class WhatsAppHealthCheck(IWhatsAppDeadLetterStore deadLetters) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<WhatsAppDeadLetter> waiting;
        try
        {
            waiting = await deadLetters.ListAsync(1000, cancellationToken).ConfigureAwait(false);
        }
        catch (HotelAgentException ex) when (ex.IsTransient)
        {
            return HealthCheckResult.Degraded("The WhatsApp dead letters cannot be read for now: " + ex.Message);
        }

        return waiting.Count == 0
            ? HealthCheckResult.Healthy("No undelivered WhatsApp replies.")
            : HealthCheckResult.Degraded($"{waiting.Count} WhatsApp replies could not be delivered and wait for replay.");
    }
}
