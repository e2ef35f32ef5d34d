using HotelAgent.Abstractions;
using HotelAgent.Sessions.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Moves the hotel agent's shared state to Redis, so several hosts can serve one hotel.
/// </summary>
public static class RedisHotelAgentBuilderExtensions
{
    /// <summary>
    /// The service key under which an application may register its own <c>StackExchange.Redis.IConnectionMultiplexer</c>
    /// for the agent to share; without one, the agent opens its own from <see cref="RedisSessionStoreOptions.Configuration"/>.
    /// </summary>
    public const string ConnectionServiceKey = "HotelAgent.Redis";

    /// <summary>
    /// Replaces the in-memory session store, conversation history, message deduplicator, inbox, handoff store and
    /// conversation statistics with Redis ones (each can be turned off in the options), and the stores of verification attempts, WhatsApp windows and
    /// dead letters and email threads, so nothing a guest or the staff console relies on stays in one host; adds an <see cref="IDistributedLock"/> on Redis (used by PMS adapters to serialise
    /// bookings across hosts) and a <c>redis</c> health check tagged <c>ready</c>.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configure">Configures <see cref="RedisSessionStoreOptions"/>; <see cref="RedisSessionStoreOptions.Configuration"/> is required.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddRedisSessionStore(this IHotelAgentBuilder builder, Action<RedisSessionStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        AddCore(builder.Services);
        return builder;
    }

    /// <summary>
    /// Replaces the in-memory session store, message deduplicator, inbox and handoff store with Redis ones, bound to a
    /// configuration section (usually <c>HotelAgent:Redis</c>), and adds a <c>redis</c> health check tagged <c>ready</c>.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configuration">The section holding <see cref="RedisSessionStoreOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddRedisSessionStore(this IHotelAgentBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.Configure<RedisSessionStoreOptions>(configuration);
        AddCore(builder.Services);
        return builder;
    }

    private static void AddCore(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<RedisKeys>();
        services.TryAddSingleton<RedisSessionStore>();
        services.TryAddSingleton<RedisMessageDeduplicator>();
        services.TryAddSingleton<RedisInbox>();
        services.TryAddSingleton<RedisHandoffStore>();
        services.TryAddSingleton<RedisConversationStatisticsStore>();
        services.TryAddSingleton<RedisConversationWindowStore>();
        services.TryAddSingleton<RedisConversationThreadStore>();
        services.TryAddSingleton<RedisChannelDeadLetterStore>();
        services.TryAddSingleton<RedisVerificationAttemptStore>();
        services.TryAddSingleton<RedisConversationHistoryStore>();

        // Writes that must not race across hosts (a PMS adapter booking the last room) lock through Redis.
        services.TryAddSingleton<IDistributedLock, RedisDistributedLock>();

        // Replace, not TryAdd: AddHotelAgent() registered the in-memory defaults already. The options decide, when the
        // service is first resolved, whether the Redis implementation or the in-memory one it replaced is used.
        Swap<ISessionStore, RedisSessionStore>(services, _ => true);

        // The conversation history lives as long as the session, wherever the session lives.
        Swap<IConversationHistoryStore, RedisConversationHistoryStore>(services, o => o.HistoryEnabled);
        Swap<IMessageDeduplicator, RedisMessageDeduplicator>(services, o => o.DeduplicationEnabled);
        Swap<IInbox, RedisInbox>(services, o => o.InboxEnabled);
        Swap<IHandoffStore, RedisHandoffStore>(services, o => o.HandoffStoreEnabled);
        Swap<IConversationStatisticsStore, RedisConversationStatisticsStore>(services, o => o.StatisticsEnabled);
        Swap<IVerificationAttemptStore, RedisVerificationAttemptStore>(services, _ => true);
        SwapPropertyStatistics(services);

        // Channel state (the WhatsApp 24-hour windows and dead letters, the email threads): whichever of
        // AddRedisSessionStore and the channel's Add...Channel comes first, Redis wins (channels only TryAdd theirs).
        Swap<IConversationWindowStore, RedisConversationWindowStore>(services, _ => true);
        Swap<IChannelDeadLetterStore, RedisChannelDeadLetterStore>(services, _ => true);
        Swap<IConversationThreadStore, RedisConversationThreadStore>(services, _ => true);

        if (services.Any(d => d.ServiceType == typeof(RedisMarker)))
        {
            return;
        }

        services.AddSingleton<RedisMarker>();
        services.AddOptionsWithValidateOnStart<RedisSessionStoreOptions, RedisSessionStoreOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisSessionStoreOptions>, RedisSessionStoreOptionsCustomValidator>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
    }

    private static void Swap<TService, TRedis>(IServiceCollection services, Func<RedisSessionStoreOptions, bool> enabled)
        where TService : class
        where TRedis : class, TService
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(TService) && !d.IsKeyedService);
        if (existing?.ImplementationFactory?.Target is RedisSwap)
        {
            return;
        }

        var fallback = existing is null ? null : new ServiceDescriptor(typeof(FallbackOf<TService>), existing.ImplementationType is { } type
            ? sp => new FallbackOf<TService>((TService)ActivatorUtilities.GetServiceOrCreateInstance(sp, type))
            : existing.ImplementationFactory is { } factory
                ? sp => new FallbackOf<TService>((TService)factory(sp))
                : _ => new FallbackOf<TService>((TService)existing.ImplementationInstance!), ServiceLifetime.Singleton);
        if (fallback is not null)
        {
            services.Replace(fallback);
        }

        var swap = new RedisSwap(enabled);
        services.Replace(ServiceDescriptor.Singleton<TService>(swap.Resolve<TService, TRedis>));
    }

    /// <summary>
    /// Replaces the keyed statistics stores of the named properties (key = property name) with Redis ones, each under
    /// its property's keys; with statistics turned off in the options, the replaced (in-memory) ones are used.
    /// </summary>
    private static void SwapPropertyStatistics(IServiceCollection services)
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(IConversationStatisticsStore) && d.IsKeyedService && Equals(d.ServiceKey, KeyedService.AnyKey));
        if (existing?.KeyedImplementationFactory?.Target is PropertyStatisticsSwap)
        {
            return;
        }

        var swap = new PropertyStatisticsSwap(existing?.KeyedImplementationFactory);
        services.RemoveAllKeyed<IConversationStatisticsStore>(KeyedService.AnyKey);
        services.AddKeyedSingleton<IConversationStatisticsStore>(KeyedService.AnyKey, swap.Resolve);
    }

    /// <summary>Picks, per named property, the Redis statistics store under its keys or the replaced one, per the options.</summary>
    private sealed class PropertyStatisticsSwap(Func<IServiceProvider, object?, object>? fallback)
    {
        public IConversationStatisticsStore Resolve(IServiceProvider services, object? key)
        {
            var options = services.GetRequiredService<IOptions<RedisSessionStoreOptions>>().Value;
            if (options.StatisticsEnabled && key is string property)
            {
                return new RedisConversationStatisticsStore(services.GetRequiredService<RedisConnection>(), RedisKeys.ForProperty(options, property));
            }

            return fallback?.Invoke(services, key) as IConversationStatisticsStore
                ?? throw new InvalidOperationException("Statistics are turned off in the Redis options and no other store of a property's statistics is registered; call AddHotelAgent() before AddRedisSessionStore().");
        }
    }

    /// <summary>Marks that the Redis services were added, so a second call adds nothing but configuration.</summary>
    private sealed class RedisMarker;

    /// <summary>Holds the implementation a Redis service replaced, used when that service is turned off in the options.</summary>
    private sealed class FallbackOf<TService>(TService service)
    {
        public TService Service { get; } = service;
    }

    /// <summary>Picks the Redis implementation or the replaced one, per the options.</summary>
    private sealed class RedisSwap(Func<RedisSessionStoreOptions, bool> enabled)
    {
        public TService Resolve<TService, TRedis>(IServiceProvider services)
            where TService : class
            where TRedis : class, TService
        {
            var options = services.GetRequiredService<IOptions<RedisSessionStoreOptions>>().Value;
            if (enabled(options))
            {
                return services.GetRequiredService<TRedis>();
            }

            return services.GetService<FallbackOf<TService>>()?.Service
                ?? throw new InvalidOperationException($"{typeof(TService).Name} is turned off in the Redis options and no other implementation is registered; call AddHotelAgent() before AddRedisSessionStore().");
        }
    }
}
