using HotelAgent.Abstractions;
using Microsoft.Extensions.Hosting;

namespace HotelAgent;

/// <summary>
/// Sweeps expired sessions and conversation histories from the in-memory stores every few minutes, so memory follows
/// the live conversations; does nothing when other stores are registered.
/// </summary>
internal sealed class InMemoryCleanupService(ISessionStore store, IConversationHistoryStore histories, TimeProvider timeProvider) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var memory = store as InMemorySessionStore;
        var memoryHistories = histories as InMemoryConversationHistoryStore;
        if (memory is null && memoryHistories is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                memory?.RemoveExpired();
                memoryHistories?.RemoveExpired();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
