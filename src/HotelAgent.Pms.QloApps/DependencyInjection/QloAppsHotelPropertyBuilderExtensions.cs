using HotelAgent.Abstractions;
using HotelAgent.Pms.QloApps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Gives named properties (hotels) of a host their own QloApps hotel. Apart from
/// <see cref="QloAppsHotelAgentBuilderExtensions"/> so that calls naming that class keep one overload per signature.
/// </summary>
public static class QloAppsHotelPropertyBuilderExtensions
{
    /// <summary>
    /// Gives a named property a QloApps hotel: its options are named by the property (a second hotel of the same
    /// QloApps is another <see cref="QloAppsOptions.HotelId"/>), and the adapter is the property's keyed
    /// <see cref="IPmsAdapter"/>, with its own HTTP client. A booking code of another hotel of the same QloApps opens
    /// nothing through it.
    /// </summary>
    /// <param name="property">The property builder.</param>
    /// <param name="configure">Configures the property's <see cref="QloAppsOptions"/>.</param>
    /// <returns>The value of <paramref name="property"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelPropertyBuilder AddQloAppsPms(this IHotelPropertyBuilder property, Action<QloAppsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(configure);
        AddProperty(property);
        property.Services.Configure(property.Name, configure);
        return property;
    }

    /// <summary>Gives a named property a QloApps hotel, binding its <see cref="QloAppsOptions"/> to a configuration section.</summary>
    /// <param name="property">The property builder.</param>
    /// <param name="configuration">The section holding the property's <see cref="QloAppsOptions"/> (usually <c>HotelAgent:Properties:{name}:QloApps</c>).</param>
    /// <returns>The value of <paramref name="property"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelPropertyBuilder AddQloAppsPms(this IHotelPropertyBuilder property, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(configuration);
        AddProperty(property);
        property.Services.Configure<QloAppsOptions>(property.Name, configuration);
        return property;
    }

    private static void AddProperty(IHotelPropertyBuilder property)
    {
        var services = property.Services;
        var name = property.Name;
        QloAppsHotelAgentBuilderExtensions.AddShared(services);
        var clientName = QloAppsDefaults.HttpClientName + ":" + name;
        if (!services.Any(d => d.ImplementationInstance is SecretSetting s && s.Name == $"HotelAgent:Properties:{name}:QloApps:ApiKey"))
        {
            services.AddOptionsWithValidateOnStart<QloAppsOptions, QloAppsOptionsValidator>(name);
            services.AddSingleton(new SecretSetting($"HotelAgent:Properties:{name}:QloApps:ApiKey", sp => sp.GetRequiredService<IOptionsMonitor<QloAppsOptions>>().Get(name).ApiKey));
            QloAppsHotelAgentBuilderExtensions.AddHttpClient(services, clientName, name);
        }

        services.RemoveAllKeyed<IPmsAdapter>(name);
        services.AddKeyedSingleton<IPmsAdapter>(name, (sp, _) =>
        {
            var options = new NamedOptionsMonitor<QloAppsOptions>(sp.GetRequiredService<IOptionsMonitor<QloAppsOptions>>(), name);
            var client = new QloAppsClient(sp.GetRequiredService<IHttpClientFactory>(), options, sp.GetRequiredService<ILogger<QloAppsClient>>(), clientName);
            return ActivatorUtilities.CreateInstance<QloAppsPmsAdapter>(sp, client, (IOptionsMonitor<QloAppsOptions>)options);
        });
    }
}
