using HotelAgent.Abstractions;
using HotelAgent.Channels.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the email channel to the hotel agent.
/// </summary>
public static class EmailHotelAgentBuilderExtensions
{
    /// <summary>
    /// Adds the email channel, configured in code: a hosted service polls the IMAP mailbox and queues new guest mail,
    /// and replies leave by SMTP through the <see cref="IMessageChannel"/> named <see cref="ChannelNames.Email"/>.
    /// Calling it again adds the configuration only.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configure">Configures <see cref="EmailOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddEmailChannel(this IHotelAgentBuilder builder, Action<EmailOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(builder.Services);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the email channel, bound to a configuration section (usually <c>HotelAgent:Email</c>).</summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configuration">The section holding <see cref="EmailOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddEmailChannel(this IHotelAgentBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(builder.Services);
        builder.Services.Configure<EmailOptions>(configuration);
        return builder;
    }

    /// <summary>
    /// Adds a staff notifier that mails each notification about a handoff ticket (see <c>AddStaffNotifications</c>)
    /// to the staff addresses over SMTP. It needs no email channel. Calling it again adds the configuration only.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configure">Configures <see cref="EmailStaffNotifierOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddEmailStaffNotifier(this IHotelAgentBuilder builder, Action<EmailStaffNotifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddStaffNotifier(builder.Services);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the email staff notifier, bound to a configuration section (usually <c>HotelAgent:StaffNotifications:Email</c>).</summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configuration">The section holding <see cref="EmailStaffNotifierOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddEmailStaffNotifier(this IHotelAgentBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddStaffNotifier(builder.Services);
        builder.Services.Configure<EmailStaffNotifierOptions>(configuration);
        return builder;
    }

    private static void AddStaffNotifier(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(EmailStaffNotifierMarker)))
        {
            return;
        }

        services.AddSingleton<EmailStaffNotifierMarker>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptionsWithValidateOnStart<EmailStaffNotifierOptions, EmailStaffNotifierOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailStaffNotifierOptions>, EmailStaffNotifierOptionsCustomValidator>());
        services.AddSingleton(new SecretSetting("HotelAgent:StaffNotifications:Email:Password", sp => sp.GetRequiredService<IOptions<EmailStaffNotifierOptions>>().Value.Password, Required: false));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStaffNotifier, EmailStaffNotifier>());
    }

    private static void AddCore(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(EmailChannelMarker)))
        {
            return;
        }

        services.AddSingleton<EmailChannelMarker>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptionsWithValidateOnStart<EmailOptions, EmailOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsCustomValidator>());
        services.TryAddSingleton<EmailMetrics>();
        services.TryAddSingleton<IConversationThreadStore, InMemoryConversationThreadStore>();
        services.TryAddSingleton<EmailThreads>();
        services.TryAddSingleton<ImapMailbox>();
        services.TryAddSingleton<EmailCompletion>();
        services.TryAddSingleton<SmtpConnectionPool>();
        services.TryAddSingleton<EmailSender>();
        services.TryAddSingleton<EmailComposer>();
        services.TryAddSingleton<EmailReplies>();
        services.TryAddSingleton<ReplyRateLimiter>();
        // Dead letters go to the host's channel dead-letter store (in memory unless a shared one, such as Redis, is
        // registered), under the channel name "email", so any host lists and replays them.
        services.TryAddSingleton<IChannelDeadLetterStore, InMemoryChannelDeadLetterStore>();
        services.TryAddSingleton<IEmailDeadLetterStore, SharedEmailDeadLetterStore>();
        services.TryAddSingleton<EmailDeadLetterReplayer>();
        services.TryAddSingleton<IEmailDeadLetterReplayer>(sp => sp.GetRequiredService<EmailDeadLetterReplayer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeadLetterQueue, EmailDeadLetterQueue>());
        services.TryAddSingleton<EmailChannel>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageChannel, EmailChannel>(sp => sp.GetRequiredService<EmailChannel>()));

        // Stopped in reverse order: the poller first (polling, then the turns in progress), the dead-letter retries after.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmailDeadLetterReplayer>(sp => sp.GetRequiredService<EmailDeadLetterReplayer>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmailPoller>());
    }

    /// <summary>Marks that the email staff notifier was added.</summary>
    private sealed class EmailStaffNotifierMarker;
}
