using HotelAgent.Abstractions;
using HotelAgent.Channels.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the email channel to the hotel agent: the host's default mailbox (<c>email</c>) and named ones
/// (<c>email:{name}</c>), each with its own IMAP and SMTP settings.
/// </summary>
public static class EmailHotelAgentBuilderExtensions
{
    /// <summary>
    /// Adds the email channel, configured in code: a hosted service polls the IMAP mailbox and answers new guest mail,
    /// and replies leave by SMTP through the <see cref="IMessageChannel"/> named <see cref="ChannelNames.Email"/>.
    /// This is the host's default mailbox; further mailboxes (one per hotel) are added with
    /// <see cref="AddEmailChannel(IHotelAgentBuilder, string, Action{EmailOptions})"/> or a property's
    /// <c>p.AddEmailChannel(...)</c>. Calling it again adds the configuration only.
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
    /// Adds a named mailbox beside the default one (a hotel group's second reception address), configured in code.
    /// Its options are named by <paramref name="name"/>; it has its own poller, IMAP connection, SMTP connections,
    /// claims, threads and dead letters, and its mail comes in and its replies leave on the channel
    /// <c>email:{name}</c> (an <see cref="IMessageChannel"/> of that name, also keyed by <paramref name="name"/>).
    /// Give it to a property with that channel in the property's <c>Channels</c>, or add it with the property's
    /// <c>p.AddEmailChannel(...)</c>. Calling it again for one name adds the configuration only.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="name">The mailbox's name: 1 to 40 letters, digits, <c>-</c> or <c>_</c>, starting with a letter or digit (kept in lower case).</param>
    /// <param name="configure">Configures the mailbox's <see cref="EmailOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid mailbox name.</exception>
    public static IHotelAgentBuilder AddEmailChannel(this IHotelAgentBuilder builder, string name, Action<EmailOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var mailbox = NormalizeName(name);
        AddMailbox(builder.Services, mailbox, property: null);
        builder.Services.Configure(mailbox, configure);
        return builder;
    }

    /// <summary>Adds a named mailbox beside the default one, bound to a configuration section.</summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="name">The mailbox's name (see <see cref="AddEmailChannel(IHotelAgentBuilder, string, Action{EmailOptions})"/>).</param>
    /// <param name="configuration">The section holding the mailbox's <see cref="EmailOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid mailbox name.</exception>
    public static IHotelAgentBuilder AddEmailChannel(this IHotelAgentBuilder builder, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var mailbox = NormalizeName(name);
        AddMailbox(builder.Services, mailbox, property: null);
        builder.Services.Configure<EmailOptions>(mailbox, configuration);
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

    /// <summary>
    /// Registers a named mailbox once (<paramref name="property"/>, when given, owns its channel) and the services every
    /// mailbox shares.
    /// </summary>
    internal static void AddMailbox(IServiceCollection services, string name, string? property)
    {
        AddShared(services);
        var channel = EmailMailbox.ChannelNameOf(name);
        if (property is not null && !services.Any(d => d.ServiceType == typeof(HotelPropertyChannel) && d.ImplementationInstance is HotelPropertyChannel c
            && c.Property == property && string.Equals(c.ChannelName, channel, StringComparison.OrdinalIgnoreCase)))
        {
            // Routes the mailbox's mail to its property; a mailbox given to two properties stops the host at start.
            services.AddSingleton(new HotelPropertyChannel(property, channel));
        }

        if (services.Any(d => d.ServiceType == typeof(EmailMailboxRegistration) && d.ImplementationInstance is EmailMailboxRegistration r && r.Name == name))
        {
            return;
        }

        services.AddSingleton(new EmailMailboxRegistration(name));
        services.AddOptionsWithValidateOnStart<EmailOptions, EmailOptionsValidator>(name);
        services.AddKeyedSingleton(name, (sp, _) => new EmailMailbox(name, sp.GetRequiredService<IOptionsMonitor<EmailOptions>>().Get(name)));
        services.AddKeyedSingleton(name, (sp, _) => Create<ImapMailbox>(sp, name));
        services.AddKeyedSingleton(name, (sp, _) => Create<EmailCompletion>(sp, name, sp.GetRequiredKeyedService<ImapMailbox>(name)));
        services.AddKeyedSingleton(name, (sp, _) => Create<SmtpConnectionPool>(sp, name));
        services.AddKeyedSingleton(name, (sp, _) => Create<EmailSender>(sp, name, sp.GetRequiredKeyedService<SmtpConnectionPool>(name)));
        services.AddKeyedSingleton(name, (sp, _) => Create<EmailComposer>(sp, name));
        services.AddKeyedSingleton(name, (sp, _) => Create<EmailThreads>(sp, name));
        services.AddKeyedSingleton(name, (sp, _) => Create<ReplyRateLimiter>(sp, name));
        services.TryAddKeyedSingleton<IEmailDeadLetterStore>(name, (sp, _) => new SharedEmailDeadLetterStore(sp.GetRequiredService<IChannelDeadLetterStore>(), name));
        services.AddKeyedSingleton(name, (sp, _) => Create<EmailReplies>(
            sp,
            name,
            sp.GetRequiredKeyedService<EmailSender>(name),
            sp.GetRequiredKeyedService<IEmailDeadLetterStore>(name),
            sp.GetRequiredKeyedService<EmailCompletion>(name),
            sp.GetRequiredKeyedService<EmailThreads>(name)));
        services.AddKeyedSingleton(name, (sp, _) => Create<EmailDeadLetterReplayer>(
            sp,
            name,
            sp.GetRequiredKeyedService<IEmailDeadLetterStore>(name),
            sp.GetRequiredKeyedService<EmailComposer>(name),
            sp.GetRequiredKeyedService<EmailReplies>(name),
            sp.GetRequiredKeyedService<EmailCompletion>(name)));
        services.AddKeyedSingleton<IEmailDeadLetterReplayer>(name, (sp, key) => sp.GetRequiredKeyedService<EmailDeadLetterReplayer>(key));
        services.AddKeyedSingleton(name, (sp, _) => Create<EmailChannel>(
            sp,
            name,
            sp.GetRequiredKeyedService<EmailComposer>(name),
            sp.GetRequiredKeyedService<EmailReplies>(name),
            sp.GetRequiredKeyedService<EmailThreads>(name)));
        services.AddKeyedSingleton<IMessageChannel>(name, (sp, key) => sp.GetRequiredKeyedService<EmailChannel>(key));
        services.AddSingleton<IMessageChannel>(sp => sp.GetRequiredKeyedService<EmailChannel>(name));
        services.AddSingleton<IDeadLetterQueue>(sp => new EmailDeadLetterQueue(
            sp.GetRequiredKeyedService<IEmailDeadLetterStore>(name),
            sp.GetRequiredKeyedService<IEmailDeadLetterReplayer>(name),
            sp.GetRequiredKeyedService<EmailMailbox>(name)));
        services.AddKeyedSingleton(name, (sp, _) => Create<EmailPoller>(
            sp,
            name,
            sp.GetRequiredKeyedService<ImapMailbox>(name),
            sp.GetRequiredKeyedService<EmailCompletion>(name),
            sp.GetRequiredKeyedService<EmailComposer>(name),
            sp.GetRequiredKeyedService<EmailReplies>(name),
            sp.GetRequiredKeyedService<EmailThreads>(name),
            sp.GetRequiredKeyedService<ReplyRateLimiter>(name)));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            channel,
            sp => new EmailHealthCheck(sp.GetRequiredKeyedService<EmailPoller>(name), sp.GetRequiredKeyedService<IEmailDeadLetterStore>(name)),
            failureStatus: null,
            tags: ["ready"]));

        // Stopped in reverse order: the poller first (polling, then the turns in progress), the dead-letter retries after.
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<EmailDeadLetterReplayer>(name));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<EmailPoller>(name));
    }

    /// <summary>Builds one of a named mailbox's services, with the mailbox and its other services given explicitly.</summary>
    private static T Create<T>(IServiceProvider services, string name, params object[] parts) =>
        ActivatorUtilities.CreateInstance<T>(services, [services.GetRequiredKeyedService<EmailMailbox>(name), .. parts]);

    /// <summary>Registers what every mailbox shares: metrics, the thread and dead-letter stores, validation and the start-up check.</summary>
    private static void AddShared(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(EmailSharedMarker)))
        {
            return;
        }

        services.AddSingleton<EmailSharedMarker>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsCustomValidator>());
        services.TryAddSingleton<EmailMetrics>();
        services.TryAddSingleton<IConversationThreadStore, InMemoryConversationThreadStore>();

        // Dead letters go to the host's channel dead-letter store (in memory unless a shared one, such as Redis, is
        // registered), under the mailbox's channel name, so any host lists and replays them.
        services.TryAddSingleton<IChannelDeadLetterStore, InMemoryChannelDeadLetterStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmailMailboxesStartupCheck>());
    }

    /// <summary>Registers the default mailbox (channel <c>email</c>, unnamed options) once.</summary>
    private static void AddCore(IServiceCollection services)
    {
        AddShared(services);
        if (services.Any(d => d.ServiceType == typeof(EmailChannelMarker)))
        {
            return;
        }

        services.AddSingleton<EmailChannelMarker>();
        services.AddSingleton(new EmailMailboxRegistration(string.Empty));
        services.AddOptionsWithValidateOnStart<EmailOptions, EmailOptionsValidator>();
        services.TryAddSingleton(sp => new EmailMailbox(string.Empty, sp.GetRequiredService<IOptions<EmailOptions>>().Value));
        services.TryAddSingleton<EmailThreads>();
        services.TryAddSingleton<ImapMailbox>();
        services.TryAddSingleton<EmailCompletion>();
        services.TryAddSingleton<SmtpConnectionPool>();
        services.TryAddSingleton<EmailSender>();
        services.TryAddSingleton<EmailComposer>();
        services.TryAddSingleton<EmailReplies>();
        services.TryAddSingleton<ReplyRateLimiter>();
        services.TryAddSingleton<IEmailDeadLetterStore, SharedEmailDeadLetterStore>();
        services.TryAddSingleton<EmailDeadLetterReplayer>();
        services.TryAddSingleton<IEmailDeadLetterReplayer>(sp => sp.GetRequiredService<EmailDeadLetterReplayer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeadLetterQueue, EmailDeadLetterQueue>());
        services.TryAddSingleton<EmailChannel>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageChannel, EmailChannel>(sp => sp.GetRequiredService<EmailChannel>()));
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            ChannelNames.Email,
            sp => new EmailHealthCheck(sp.GetRequiredService<EmailPoller>(), sp.GetRequiredService<IEmailDeadLetterStore>()),
            failureStatus: null,
            tags: ["ready"]));

        // Stopped in reverse order: the poller first (polling, then the turns in progress), the dead-letter retries after.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmailDeadLetterReplayer>(sp => sp.GetRequiredService<EmailDeadLetterReplayer>()));
        services.TryAddSingleton<EmailPoller>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmailPoller>(sp => sp.GetRequiredService<EmailPoller>()));
    }

    /// <summary>Checks a mailbox name and gives it in lower case.</summary>
    internal static string NormalizeName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > 40 || !char.IsAsciiLetterOrDigit(name[0]) || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
        {
            throw new ArgumentException($"'{name}' is not a mailbox name: use 1 to 40 letters, digits, '-' or '_', starting with a letter or digit.", nameof(name));
        }

        return name.ToLowerInvariant();
    }

    /// <summary>Marks that the email staff notifier was added.</summary>
    private sealed class EmailStaffNotifierMarker;
}
