using HotelAgent.Abstractions;
using Microsoft.Extensions.Hosting;

namespace HotelAgent;

/// <summary>
/// Sweeps expired sessions from the in-memory session store every few minutes, so memory follows the live
/// conversations; does nothing when another store is registered.
/// </summary>
internal sealed class InMemoryCleanupService(ISessionStore store, TimeProvider timeProvider) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is not InMemorySessionStore memory)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                memory.RemoveExpired();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
