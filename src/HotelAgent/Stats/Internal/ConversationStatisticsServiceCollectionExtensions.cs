using HotelAgent;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the in-memory <see cref="IConversationStatisticsStore"/> (replaced by shared backings such as Redis) and
/// <see cref="ConversationStatistics"/>, started with the host so it counts from the first message.
/// </summary>
internal static class ConversationStatisticsServiceCollectionExtensions
{
    public static IServiceCollection AddConversationStatistics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConversationStatisticsStore, InMemoryConversationStatisticsStore>();

        // Each named property's statistics, keyed by its name (shared backings such as Redis replace this).
        services.TryAddKeyedSingleton<IConversationStatisticsStore>(
            KeyedService.AnyKey,
            (sp, _) => new InMemoryConversationStatisticsStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ConversationStatistics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ConversationStatisticsStarter>());
        return services;
    }

    /// <summary>Resolves the statistics when the host starts, so the listener is in place before any message.</summary>
    private sealed class ConversationStatisticsStarter(ConversationStatistics statistics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(statistics);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
