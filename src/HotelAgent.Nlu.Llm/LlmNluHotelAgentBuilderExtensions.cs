using HotelAgent.Abstractions;
using HotelAgent.Nlu.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the LLM-backed NLU engine on an <see cref="IHotelAgentBuilder"/>.
/// </summary>
public static class LlmNluHotelAgentBuilderExtensions
{
    /// <summary>
    /// Makes an <see cref="IChatClient"/>-backed engine the agent's <see cref="INluEngine"/>, replacing any engine
    /// registered before. Each call goes through a timeout and a circuit breaker; on a failure, a timeout, an open
    /// circuit or an unusable answer the message is parsed by the rule-based engine, and the
    /// <c>hotel_agent.nlu.llm.fallbacks</c> counter (tag <c>reason</c>) is incremented.
    /// </summary>
    /// <remarks>Register the <see cref="IChatClient"/> yourself, for example with <c>services.AddChatClient(...)</c>.</remarks>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configure">Configures <see cref="LlmNluOptions"/>, if given.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHotelAgentBuilder AddLlmNlu(this IHotelAgentBuilder builder, Action<LlmNluOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // The fallback: registers the keyed rule-based engine (and makes it the engine until replaced below).
        builder.AddRuleBasedNlu();

        var options = services.AddOptionsWithValidateOnStart<LlmNluOptions, LlmNluOptionsValidator>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LlmNluMetrics>();
        services.AddResiliencePipeline(LlmNluDefaults.PipelineKey, static (pipeline, context) =>
        {
            var o = context.ServiceProvider.GetRequiredService<IOptions<LlmNluOptions>>().Value;
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    FailureRatio = o.FailureRatio,
                    MinimumThroughput = o.MinimumThroughput,
                    SamplingDuration = o.SamplingDuration,
                    BreakDuration = o.BreakDuration,
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(static ex => ex is not OperationCanceledException || ex is TimeoutRejectedException),
                })
                .AddTimeout(o.Timeout);
        });

        services.Replace(ServiceDescriptor.Singleton<INluEngine>(static sp =>
        {
            var o = sp.GetRequiredService<IOptions<LlmNluOptions>>().Value;
            var client = o.ChatClientKey is null
                ? sp.GetRequiredService<IChatClient>()
                : sp.GetRequiredKeyedService<IChatClient>(o.ChatClientKey);
            return new LlmNluEngine(
                client,
                sp.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(LlmNluDefaults.PipelineKey),
                sp.GetRequiredKeyedService<INluEngine>(NluHotelAgentBuilderExtensions.RuleBasedEngineKey),
                sp.GetRequiredService<LlmNluMetrics>(),
                sp.GetService<ILoggerFactory>()?.CreateLogger("HotelAgent.Nlu.Llm.LlmNluEngine") ?? NullLogger.Instance,
                o.AdditionalInstructions);
        }));
        return builder;
    }
}
