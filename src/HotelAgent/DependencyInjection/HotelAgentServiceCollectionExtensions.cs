using HotelAgent;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the hotel agent in an <see cref="IServiceCollection"/>.
/// </summary>
public static class HotelAgentServiceCollectionExtensions
{
    /// <summary>
    /// Adds the hotel agent with its defaults: the in-memory session store and the rule-based NLU engine. A PMS is
    /// still needed: chain <c>AddDemoPms(...)</c> or another adapter's <c>Add...Pms(...)</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to add channels, a PMS, an NLU engine or a session store.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddHotelAgent(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new HotelAgentBuilder(services);
        if (services.Any(d => d.ServiceType == typeof(HotelAgentMarker)))
        {
            return builder;
        }

        services.AddSingleton<HotelAgentMarker>();
        services.AddOptionsWithValidateOnStart<HotelAgentOptions, HotelAgentOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HotelAgentOptions>, HotelAgentOptionsCustomValidator>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HotelAgentMetrics>();
        services.AddConversationStatistics();
        services.TryAddSingleton<ISessionStore, InMemorySessionStore>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<DialogueManager>(sp, StaffNotificationHotelAgentBuilderExtensions.NotifyingHandoffStore(sp)));

        // The dialogue's tasks, in the order they are asked at each step (docs/conversations.md, "How the dialogue is built: tasks").
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDialogueTask, HandoffTask>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDialogueTask, BookingTask>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDialogueTask, ManageBookingTask>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDialogueTask, HotelQuestionsTask>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDialogueTask, SmallTalkTask>());

        services.TryAddSingleton(sp => new ResilientPms(
            sp.GetRequiredService<IPmsAdapter>(),
            sp.GetRequiredService<IOptions<HotelAgentOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<HotelAgentMetrics>()));
        services.TryAddSingleton<ReplyCatalog>();
        services.TryAddSingleton<IReplyCatalog, GuestReplyCatalog>();
        services.TryAddSingleton<IHandoffStore, InMemoryHandoffStore>();
        services.TryAddSingleton<IConversationHistoryStore, InMemoryConversationHistoryStore>();
        services.TryAddSingleton<ConversationHistory>();
        services.TryAddSingleton<IVerificationAttemptStore, InMemoryVerificationAttemptStore>();
        services.TryAddSingleton<IHandoffDesk, HandoffDesk>();
        services.TryAddSingleton<WebChatMailbox>();
        services.TryAddSingleton<IConversationMailbox>(sp => sp.GetRequiredService<WebChatMailbox>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageChannel, WebChatMailbox>(sp => sp.GetRequiredService<WebChatMailbox>()));
        services.TryAddSingleton<HotelAgentEngine>();
        services.TryAddSingleton<IHotelPropertyDirectory, HotelPropertyDirectory>();
        services.TryAddSingleton<HotelPropertyRuntimes>();
        services.TryAddSingleton<PropertyRouter>();
        services.TryAddSingleton<IHotelAgent>(sp => sp.GetRequiredService<PropertyRouter>());
        services.TryAddSingleton<ReplyOutbox>();
        services.TryAddSingleton<IMessageDeduplicator, InMemoryMessageDeduplicator>();
        services.TryAddSingleton<IInbox, InMemoryInbox>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeadLetterQueue, InboxDeadLetterQueue>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SecretsStartupCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HotelAgentStartupCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InMemoryCleanupService>());
        services.AddSingleton(new SecretSetting("HotelAgent:AdminApiKey", sp => sp.GetRequiredService<IOptions<HotelAgentOptions>>().Value.AdminApiKey, Required: false));
        services.AddSingleton(new SecretSetting("HotelAgent:IdentifierKey", sp => sp.GetRequiredService<IOptions<HotelAgentOptions>>().Value.IdentifierKey, Required: false));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InboxProcessor>());
        services.AddStaffNotificationsCore();
        services.AddHealthChecks().AddCheck<PmsHealthCheck>("pms", tags: ["ready"]);
        if (!services.Any(d => d.ServiceType == typeof(INluEngine) && !d.IsKeyedService))
        {
            builder.AddRuleBasedNlu();
        }

        return builder;
    }

    /// <summary>Adds the hotel agent and configures its options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures <see cref="HotelAgentOptions"/>.</param>
    /// <returns>A builder to add channels, a PMS, an NLU engine or a session store.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddHotelAgent(this IServiceCollection services, Action<HotelAgentOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddHotelAgent();
        services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the hotel agent and binds its options to a configuration section (usually <c>HotelAgent</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <see cref="HotelAgentOptions"/>.</param>
    /// <returns>A builder to add channels, a PMS, an NLU engine or a session store.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddHotelAgent(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddHotelAgent();
        services.Configure<HotelAgentOptions>(configuration);
        return builder;
    }

    /// <summary>Marks that <see cref="AddHotelAgent(IServiceCollection)"/> ran, so a second call adds nothing.</summary>
    private sealed class HotelAgentMarker;
}
