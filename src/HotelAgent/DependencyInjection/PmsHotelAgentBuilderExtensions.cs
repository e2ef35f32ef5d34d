using HotelAgent;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds the demo in-memory PMS to the hotel agent.
/// </summary>
public static class PmsHotelAgentBuilderExtensions
{
    /// <summary>
    /// Uses the demo in-memory PMS, seeded from a JSON catalogue of one hotel (see <see cref="DemoPmsOptions"/>).
    /// Replaces any PMS registered before.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddDemoPms(this IHotelAgentBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<DemoPmsOptions, DemoPmsOptionsValidator>();
        services.TryAddSingleton<DemoPmsAdapter>();
        services.Replace(ServiceDescriptor.Singleton<IPmsAdapter>(sp => sp.GetRequiredService<DemoPmsAdapter>()));
        return builder;
    }

    /// <summary>Uses the demo in-memory PMS and configures <see cref="DemoPmsOptions"/>.</summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configure">Configures <see cref="DemoPmsOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddDemoPms(this IHotelAgentBuilder builder, Action<DemoPmsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddDemoPms();
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Uses the demo in-memory PMS, binding <see cref="DemoPmsOptions"/> to a configuration section.</summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configuration">The section holding <see cref="DemoPmsOptions"/> (usually <c>HotelAgent:DemoPms</c>).</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddDemoPms(this IHotelAgentBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        builder.AddDemoPms();
        builder.Services.Configure<DemoPmsOptions>(configuration);
        return builder;
    }
}

[OptionsValidator]
internal sealed partial class DemoPmsOptionsValidator : IValidateOptions<DemoPmsOptions>;
