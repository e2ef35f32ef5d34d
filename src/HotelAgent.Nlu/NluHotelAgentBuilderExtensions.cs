using HotelAgent.Abstractions;
using HotelAgent.Nlu;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the rule-based NLU engine on an <see cref="IHotelAgentBuilder"/>.
/// </summary>
public static class NluHotelAgentBuilderExtensions
{
    /// <summary>
    /// Gets the service key under which the rule-based engine is also registered as a keyed <see cref="INluEngine"/>,
    /// so other engines (such as the LLM-backed one) can fall back to it.
    /// </summary>
    public const string RuleBasedEngineKey = RuleBasedNluDefaults.ServiceKey;

    /// <summary>
    /// Makes the rule-based engine the agent's <see cref="INluEngine"/>, replacing any engine registered before;
    /// calling it twice registers one engine.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configure">Configures <see cref="RuleBasedNluOptions"/>, if given.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddRuleBasedNlu(this IHotelAgentBuilder builder, Action<RuleBasedNluOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        var options = services.AddOptionsWithValidateOnStart<RuleBasedNluOptions, RuleBasedNluOptionsValidator>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddKeyedSingleton<INluEngine>(RuleBasedEngineKey, static (sp, _) => new RuleBasedNluEngine(
            sp.GetRequiredService<IOptions<RuleBasedNluOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger<RuleBasedNluEngine>() ?? NullLogger<RuleBasedNluEngine>.Instance));
        services.Replace(ServiceDescriptor.Singleton<INluEngine>(static sp => sp.GetRequiredKeyedService<INluEngine>(RuleBasedEngineKey)));
        return builder;
    }
}
