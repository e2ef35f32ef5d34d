using HotelAgent.Abstractions;
using HotelAgent.Channels.WhatsApp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the WhatsApp Cloud API channel to the hotel agent.
/// </summary>
public static class WhatsAppHotelAgentBuilderExtensions
{
    /// <summary>
    /// Adds the WhatsApp channel for one business phone number, configured in code. <c>MapHotelAgent()</c> then maps
    /// its webhook at <c>GET</c>/<c>POST webhooks/whatsapp</c>; replies leave through the channel named
    /// <c>whatsapp:{phone-number-id}</c>.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configure">Configures <see cref="WhatsAppOptions"/>; <see cref="WhatsAppOptions.PhoneNumberId"/> is required.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddWhatsAppChannel(this IHotelAgentBuilder builder, Action<WhatsAppOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(builder.Services, Options.Options.DefaultName);
        builder.Services.Configure(Options.Options.DefaultName, configure);
        return builder;
    }

    /// <summary>Adds the WhatsApp channel for one business phone number, bound to a configuration section (usually <c>HotelAgent:WhatsApp</c>).</summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configuration">The section holding <see cref="WhatsAppOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddWhatsAppChannel(this IHotelAgentBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(builder.Services, Options.Options.DefaultName);
        builder.Services.Configure<WhatsAppOptions>(Options.Options.DefaultName, configuration);
        return builder;
    }

    /// <summary>
    /// Adds the WhatsApp channel for one of several business phone numbers (one per hotel). The options are named by
    /// <paramref name="phoneNumberId"/>, which is also their <see cref="WhatsAppOptions.PhoneNumberId"/>; the channel is
    /// registered as an <see cref="IMessageChannel"/> named <c>whatsapp:{phoneNumberId}</c> and keyed by
    /// <paramref name="phoneNumberId"/>. Calling it twice for one number adds the configuration only.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="phoneNumberId">The Graph API id of the business phone number.</param>
    /// <param name="configure">Configures <see cref="WhatsAppOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="phoneNumberId"/> is <see langword="null"/> or white space.</exception>
    public static IHotelAgentBuilder AddWhatsAppChannel(this IHotelAgentBuilder builder, string phoneNumberId, Action<WhatsAppOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumberId);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(builder.Services, phoneNumberId);
        builder.Services.Configure(phoneNumberId, configure);
        return builder;
    }

    /// <summary>Adds the WhatsApp channel for one of several business phone numbers, bound to a configuration section.</summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="phoneNumberId">The Graph API id of the business phone number.</param>
    /// <param name="configuration">The section holding that number's <see cref="WhatsAppOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="phoneNumberId"/> is <see langword="null"/> or white space.</exception>
    public static IHotelAgentBuilder AddWhatsAppChannel(this IHotelAgentBuilder builder, string phoneNumberId, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumberId);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(builder.Services, phoneNumberId);
        builder.Services.Configure<WhatsAppOptions>(phoneNumberId, configuration);
        return builder;
    }

    /// <summary>
    /// Adds a staff notifier that sends each notification about a handoff ticket (see <c>AddStaffNotifications</c>)
    /// as an approved template message to staff phones, from a business number added with <c>AddWhatsAppChannel</c>.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configure">Configures <see cref="WhatsAppStaffNotifierOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddWhatsAppStaffNotifier(this IHotelAgentBuilder builder, Action<WhatsAppStaffNotifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddStaffNotifier(builder.Services);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the WhatsApp staff notifier, bound to a configuration section (usually <c>HotelAgent:StaffNotifications:WhatsApp</c>).</summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configuration">The section holding <see cref="WhatsAppStaffNotifierOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddWhatsAppStaffNotifier(this IHotelAgentBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddStaffNotifier(builder.Services);
        builder.Services.Configure<WhatsAppStaffNotifierOptions>(configuration);
        return builder;
    }

    private static void AddStaffNotifier(IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<WhatsAppStaffNotifierOptions, WhatsAppStaffNotifierOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStaffNotifier, WhatsAppStaffNotifier>());
    }

    private static void AddCore(IServiceCollection services, string name)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WhatsAppMetrics>();
        services.TryAddSingleton<ConversationWindows>();
        services.TryAddSingleton<IConversationWindowStore>(sp => sp.GetRequiredService<ConversationWindows>());
        services.TryAddSingleton<WhatsAppNumbers>();
        services.TryAddSingleton<IChannelDeadLetterStore, InMemoryChannelDeadLetterStore>();
        services.TryAddSingleton<IWhatsAppDeadLetterStore, SharedWhatsAppDeadLetterStore>();
        services.TryAddSingleton<IWhatsAppDeadLetterReplayer, WhatsAppDeadLetterReplayer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeadLetterQueue, WhatsAppDeadLetterQueue>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebhookHandler, WhatsAppWebhookHandler>());
        if (!services.Any(d => d.ServiceType == typeof(WhatsAppHealthCheck)))
        {
            services.AddSingleton<WhatsAppHealthCheck>();
            services.AddHealthChecks().AddCheck<WhatsAppHealthCheck>("whatsapp", tags: ["ready"]);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WhatsAppOptions>, WhatsAppOptionsCustomValidator>());
        if (services.Any(d => d.ServiceType == typeof(WhatsAppRegistration) && d.ImplementationInstance is WhatsAppRegistration r && r.Name == name))
        {
            return;
        }

        services.AddSingleton(new WhatsAppRegistration(name));
        services.AddOptionsWithValidateOnStart<WhatsAppOptions, WhatsAppOptionsValidator>(name);
        var section = name.Length == 0 ? "HotelAgent:WhatsApp" : $"HotelAgent:WhatsApp:{name}";
        services.AddSingleton(new SecretSetting($"{section}:AccessToken", sp => sp.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>().Get(name).AccessToken));
        services.AddSingleton(new SecretSetting($"{section}:AppSecret", sp => sp.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>().Get(name).AppSecret));
        services.AddSingleton(new SecretSetting($"{section}:VerifyToken", sp => sp.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>().Get(name).VerifyToken));
        if (name.Length > 0)
        {
            services.PostConfigure<WhatsAppOptions>(name, o => o.PhoneNumberId ??= name);
        }

        services.AddHttpClient(WhatsAppChannel.HttpClientNameOf(name))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectTimeout = sp.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>().Get(name).ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>().Get(name);
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.TotalRequestTimeout > options.AttemptTimeout ? options.TotalRequestTimeout : options.AttemptTimeout * 2;
                resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2 > TimeSpan.FromSeconds(30) ? options.AttemptTimeout * 2 : TimeSpan.FromSeconds(30);
                resilience.Retry.MaxRetryAttempts = options.MaxRetryAttempts;
                resilience.Retry.Delay = options.RetryDelay;
                resilience.Retry.ShouldRetryAfterHeader = true;
            });
        services.AddKeyedSingleton(name, (sp, _) => new WhatsAppChannel(
            name,
            sp.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>(),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IConversationWindowStore>(),
            sp.GetRequiredService<IWhatsAppDeadLetterStore>(),
            sp.GetRequiredService<WhatsAppMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WhatsAppChannel>>()));
        services.AddKeyedSingleton<IMessageChannel>(name, (sp, _) => sp.GetRequiredKeyedService<WhatsAppChannel>(name));
        services.AddSingleton<IMessageChannel>(sp => sp.GetRequiredKeyedService<WhatsAppChannel>(name));
    }
}
