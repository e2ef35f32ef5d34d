using HotelAgent;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Tells the hotel's staff when a guest needs them: every registered <see cref="IStaffNotifier"/> hears of each
/// handoff ticket when it opens, when the guest marks it urgent and when it waits too long.
/// </summary>
public static class StaffNotificationHotelAgentBuilderExtensions
{
    /// <summary>
    /// Configures when and how staff are notified (<see cref="StaffNotificationOptions"/>). Notifiers are added with
    /// <see cref="AddStaffWebhookNotifier(IHotelAgentBuilder, Action{StaffWebhookOptions})"/>, <c>AddEmailStaffNotifier</c>
    /// and <c>AddWhatsAppStaffNotifier</c>, or as any <see cref="IStaffNotifier"/> registered with <c>TryAddEnumerable</c>.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configure">Configures <see cref="StaffNotificationOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddStaffNotifications(this IHotelAgentBuilder builder, Action<StaffNotificationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Configures when and how staff are notified, bound to a configuration section (usually <c>HotelAgent:StaffNotifications</c>).</summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configuration">The section holding <see cref="StaffNotificationOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddStaffNotifications(this IHotelAgentBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.Configure<StaffNotificationOptions>(configuration);
        return builder;
    }

    /// <summary>
    /// Adds a notifier that POSTs each notification as signed JSON to a URL (see <see cref="StaffWebhookOptions"/>),
    /// with retries by the standard resilience handler. Calling it again adds the configuration only.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configure">Configures <see cref="StaffWebhookOptions"/>; the URL and the secret are required.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddStaffWebhookNotifier(this IHotelAgentBuilder builder, Action<StaffWebhookOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddWebhook(builder.Services);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the webhook notifier, bound to a configuration section (usually <c>HotelAgent:StaffNotifications:Webhook</c>).</summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configuration">The section holding <see cref="StaffWebhookOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddStaffWebhookNotifier(this IHotelAgentBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddWebhook(builder.Services);
        builder.Services.Configure<StaffWebhookOptions>(configuration);
        return builder;
    }

    /// <summary>Registers the notification machinery; inert until a notifier is registered. Called by <c>AddHotelAgent()</c>.</summary>
    internal static void AddStaffNotificationsCore(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<StaffNotificationOptions, StaffNotificationOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StaffNotificationOptions>, StaffNotificationOptionsCustomValidator>());
        services.TryAddSingleton(sp => new StaffNotificationComposer(sp.GetService<Microsoft.Extensions.Compliance.Redaction.IRedactorProvider>()));
        services.TryAddSingleton<StaffNotificationService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Hosting.IHostedService, StaffNotificationService>(sp => sp.GetRequiredService<StaffNotificationService>()));
    }

    /// <summary>The handoff store the dialogue writes through: urgent priority, and notifications of new and escalated tickets.</summary>
    internal static IHandoffStore NotifyingHandoffStore(IServiceProvider services) =>
        new NotifyingHandoffStore(services.GetRequiredService<IHandoffStore>(), services.GetService<StaffNotificationService>());

    private static void AddWebhook(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(StaffWebhookMarker)))
        {
            return;
        }

        services.AddSingleton<StaffWebhookMarker>();
        services.AddOptionsWithValidateOnStart<StaffWebhookOptions, StaffWebhookOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StaffWebhookOptions>, StaffNotificationOptionsCustomValidator>());
        services.AddSingleton(new SecretSetting("HotelAgent:StaffNotifications:Webhook:Secret", sp => sp.GetRequiredService<IOptions<StaffWebhookOptions>>().Value.Secret));
        services.AddHttpClient(StaffWebhookNotifier.HttpClientName)
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var options = sp.GetRequiredService<IOptions<StaffWebhookOptions>>().Value;
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                var total = options.AttemptTimeout * (options.MaxRetryAttempts + 1) + (options.RetryDelay * Math.Pow(2, options.MaxRetryAttempts + 1));
                resilience.TotalRequestTimeout.Timeout = total;
                resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2 > TimeSpan.FromSeconds(30) ? options.AttemptTimeout * 2 : TimeSpan.FromSeconds(30);
                resilience.Retry.MaxRetryAttempts = options.MaxRetryAttempts;
                resilience.Retry.Delay = options.RetryDelay;
                resilience.Retry.ShouldRetryAfterHeader = true;
            });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStaffNotifier, StaffWebhookNotifier>());
    }

    /// <summary>Marks that the webhook notifier was added.</summary>
    private sealed class StaffWebhookMarker;
}
