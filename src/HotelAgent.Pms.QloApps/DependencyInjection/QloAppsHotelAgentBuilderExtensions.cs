using HotelAgent.Abstractions;
using HotelAgent.Pms.QloApps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the QloApps PMS adapter to the hotel agent.
/// </summary>
public static class QloAppsHotelAgentBuilderExtensions
{
    /// <summary>
    /// Uses QloApps as the PMS, configured by <paramref name="configure"/>. Replaces any PMS registered before.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configure">Configures <see cref="QloAppsOptions"/>: at least <see cref="QloAppsOptions.BaseUrl"/> and <see cref="QloAppsOptions.ApiKey"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddQloAppsPms(this IHotelAgentBuilder builder, Action<QloAppsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(builder.Services);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Uses QloApps as the PMS, binding <see cref="QloAppsOptions"/> to a configuration section. Replaces any PMS registered before.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configuration">The section holding <see cref="QloAppsOptions"/> (usually <c>HotelAgent:QloApps</c>).</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddQloAppsPms(this IHotelAgentBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(builder.Services);
        builder.Services.Configure<QloAppsOptions>(configuration);
        return builder;
    }

    /// <summary>What every QloApps hotel of the host shares: validators, metrics, the cache.</summary>
    internal static void AddShared(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QloAppsOptions>, QloAppsOptionsCustomValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddMemoryCache();
        services.TryAddSingleton<QloAppsMetrics>();
    }

    private static void AddCore(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(QloAppsPmsAdapter)))
        {
            return;
        }

        services.AddOptionsWithValidateOnStart<QloAppsOptions, QloAppsOptionsValidator>();
        if (!services.Any(d => d.ImplementationInstance is SecretSetting { Name: "HotelAgent:QloApps:ApiKey" }))
        {
            services.AddSingleton(new SecretSetting("HotelAgent:QloApps:ApiKey", sp => sp.GetRequiredService<IOptions<QloAppsOptions>>().Value.ApiKey));
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QloAppsOptions>, QloAppsOptionsCustomValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddMemoryCache();
        services.TryAddSingleton<QloAppsMetrics>();
        services.TryAddSingleton<QloAppsClient>();
        services.TryAddSingleton<QloAppsPmsAdapter>();
        services.Replace(ServiceDescriptor.Singleton<IPmsAdapter>(sp => sp.GetRequiredService<QloAppsPmsAdapter>()));

        // Readiness asks QloApps itself each time: the adapter's cached hotel would stay "healthy" with QloApps down.
        services.TryAddSingleton<QloAppsHealthCheck>();
        services.AddHealthChecks().AddCheck<QloAppsHealthCheck>("qloapps", tags: ["ready"]);

        AddHttpClient(services, QloAppsDefaults.HttpClientName, Options.Options.DefaultName);
    }

    /// <summary>The HTTP client of one QloApps hotel, its timeouts and retries from that hotel's options.</summary>
    internal static void AddHttpClient(IServiceCollection services, string clientName, string optionsName)
    {
        services.AddHttpClient(clientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectTimeout = sp.GetRequiredService<IOptionsMonitor<QloAppsOptions>>().Get(optionsName).ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<QloAppsOptions>>().Get(optionsName);
                resilience.AttemptTimeout.Timeout = options.RequestTimeout;
                resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, options.RequestTimeout.Ticks * 2));
                resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts);
                resilience.Retry.Delay = options.RetryDelay;
                var retries = options.MaxRetryAttempts > 0;
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(retries && IsSafe(args.Context) &&
                    (HttpClientResiliencePredicates.IsTransient(args.Outcome) || IsConnectTimeout(args.Outcome.Exception, args.Context.CancellationToken)));
            });
    }

    /// <summary>
    /// Whether the attempt failed because <see cref="QloAppsOptions.ConnectTimeout"/> passed: <see cref="SocketsHttpHandler"/>
    /// throws a <see cref="TaskCanceledException"/> wrapping a <see cref="TimeoutException"/>, which
    /// <see cref="HttpClientResiliencePredicates.IsTransient(Outcome{HttpResponseMessage})"/> does not count as transient.
    /// </summary>
    private static bool IsConnectTimeout(Exception? exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException { InnerException: TimeoutException } && !cancellationToken.IsCancellationRequested;

    /// <summary>
    /// Whether a call may be repeated: reads (GET/HEAD) and <c>POST /api/hotel_ari</c>, which only reads availability.
    /// Booking writes are never retried by the pipeline: QloApps has no idempotency keys, so the adapter recovers them itself.
    /// </summary>
    private static bool IsSafe(ResilienceContext context)
    {
        var request = context.GetRequestMessage();
        return request is not null && !(request.Options.TryGetValue(QloAppsClient.NoRetry, out var noRetry) && noRetry) &&
               (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head ||
                (request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/api/hotel_ari", StringComparison.Ordinal) == true));
    }
}
