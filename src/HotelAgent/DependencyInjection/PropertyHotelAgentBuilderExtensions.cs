using HotelAgent;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds named properties (hotels) to a host: each with its own PMS, knowledge, language, channels, handoff queue and
/// statistics, isolated from the others in one host and one store.
/// </summary>
public static class PropertyHotelAgentBuilderExtensions
{
    /// <summary>
    /// Adds a named property beside the host's default one. Its messages are those of the channels its
    /// <see cref="HotelPropertyOptions"/> name (WhatsApp phone-number ids, channel names) or that name it
    /// (<see cref="InboundMessage.Property"/>, the <c>property</c> parameter of the HTTP API); its services are keyed by
    /// <paramref name="name"/>: <see cref="IHotelAgent"/>, <see cref="IHandoffDesk"/>, <see cref="IPmsAdapter"/> and
    /// <see cref="IConversationStatisticsStore"/>. Calling it again for the same name adds the configuration only.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="name">The property's name: 1 to 40 letters, digits, <c>-</c> or <c>_</c>, starting with a letter or digit (kept in lower case).</param>
    /// <param name="configure">Configures the property: its PMS (<c>p.AddDemoPms(...)</c>) and options (<c>p.Configure(...)</c>).</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid property name.</exception>
    public static IHotelAgentBuilder AddProperty(this IHotelAgentBuilder builder, string name, Action<IHotelPropertyBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var property = new HotelPropertyBuilder(NormalizeName(name), builder.Services);
        AddCore(property);
        configure(property);
        return builder;
    }

    /// <summary>
    /// Adds a named property and binds its <see cref="HotelPropertyOptions"/> to a configuration section (usually
    /// <c>HotelAgent:Properties:{name}</c>).
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="name">The property's name (see <see cref="AddProperty(IHotelAgentBuilder, string, Action{IHotelPropertyBuilder})"/>).</param>
    /// <param name="configuration">The section holding the property's options.</param>
    /// <param name="configure">Configures the property further, usually its PMS.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/>, <paramref name="configuration"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid property name.</exception>
    public static IHotelAgentBuilder AddProperty(this IHotelAgentBuilder builder, string name, IConfiguration configuration, Action<IHotelPropertyBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddProperty(name, p =>
        {
            p.Configure(configuration);
            configure(p);
        });
    }

    /// <summary>Configures the property's <see cref="HotelPropertyOptions"/>.</summary>
    /// <param name="property">The property builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The value of <paramref name="property"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelPropertyBuilder Configure(this IHotelPropertyBuilder property, Action<HotelPropertyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(configure);
        property.Services.Configure(property.Name, configure);
        return property;
    }

    /// <summary>Binds the property's <see cref="HotelPropertyOptions"/> to a configuration section.</summary>
    /// <param name="property">The property builder.</param>
    /// <param name="configuration">The section (usually <c>HotelAgent:Properties:{name}</c>).</param>
    /// <returns>The value of <paramref name="property"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelPropertyBuilder Configure(this IHotelPropertyBuilder property, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(configuration);
        property.Services.Configure<HotelPropertyOptions>(property.Name, configuration);
        return property;
    }

    /// <summary>
    /// Gives a named property the demo in-memory PMS, seeded from its own catalogue: its options are named by the
    /// property, and the adapter is the property's keyed <see cref="IPmsAdapter"/>. Its reservations are its own: a code
    /// of another property's demo PMS is not found here.
    /// </summary>
    /// <param name="property">The property builder.</param>
    /// <param name="configure">Configures the property's <see cref="DemoPmsOptions"/> (at least its <see cref="DemoPmsOptions.CatalogPath"/>).</param>
    /// <returns>The value of <paramref name="property"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelPropertyBuilder AddDemoPms(this IHotelPropertyBuilder property, Action<DemoPmsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(configure);
        AddPropertyDemoPms(property);
        property.Services.Configure(property.Name, configure);
        return property;
    }

    /// <summary>Gives a named property the demo in-memory PMS, binding its <see cref="DemoPmsOptions"/> to a configuration section.</summary>
    /// <param name="property">The property builder.</param>
    /// <param name="configuration">The section holding the property's <see cref="DemoPmsOptions"/> (usually <c>HotelAgent:Properties:{name}:DemoPms</c>).</param>
    /// <returns>The value of <paramref name="property"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelPropertyBuilder AddDemoPms(this IHotelPropertyBuilder property, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(configuration);
        AddPropertyDemoPms(property);
        property.Services.Configure<DemoPmsOptions>(property.Name, configuration);
        return property;
    }

    private static void AddPropertyDemoPms(IHotelPropertyBuilder property)
    {
        var name = property.Name;
        var services = property.Services;
        services.AddOptionsWithValidateOnStart<DemoPmsOptions, DemoPmsOptionsValidator>(name);
        services.RemoveAllKeyed<IPmsAdapter>(name);
        services.AddKeyedSingleton<IPmsAdapter>(name, (sp, _) => new DemoPmsAdapter(
            Microsoft.Extensions.Options.Options.Create(sp.GetRequiredService<IOptionsMonitor<DemoPmsOptions>>().Get(name)),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Logging.ILogger<DemoPmsAdapter>>()));
    }

    private static void AddCore(HotelPropertyBuilder property)
    {
        var services = property.Services;
        var name = property.Name;
        services.AddHotelAgent();
        if (services.Any(d => d.ServiceType == typeof(HotelPropertyRegistration) && d.ImplementationInstance is HotelPropertyRegistration r && r.Name == name))
        {
            return;
        }

        services.AddSingleton(new HotelPropertyRegistration(name));
        services.AddOptionsWithValidateOnStart<HotelPropertyOptions, HotelPropertyOptionsValidator>(name);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HotelPropertyOptions>, HotelPropertyOptionsCustomValidator>());
        services.AddKeyedSingleton<IHotelAgent>(name, (sp, _) => new PropertyAgent(name, sp.GetRequiredService<IHotelAgent>()));
        services.AddKeyedSingleton<IHandoffDesk>(name, (sp, _) => sp.GetRequiredService<HotelPropertyRuntimes>().Get(name).Desk);
        services.AddHealthChecks().Add(new Diagnostics.HealthChecks.HealthCheckRegistration(
            "pms:" + name,
            sp => new PmsHealthCheck(sp.GetRequiredService<HotelPropertyRuntimes>().Get(name).Pms),
            failureStatus: null,
            tags: ["ready"]));
    }

    private static string NormalizeName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > 40 || !char.IsAsciiLetterOrDigit(name[0]) || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
        {
            throw new ArgumentException($"'{name}' is not a property name: use 1 to 40 letters, digits, '-' or '_', starting with a letter or digit.", nameof(name));
        }

        return name.ToLowerInvariant();
    }
}
