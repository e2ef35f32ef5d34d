using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// What one named property runs on: its PMS (behind its own resilience and circuit), options, dialogue, engine,
/// handoff desk, statistics store and the listener feeding that store from the property's own meter.
/// </summary>
internal sealed class HotelPropertyRuntime : IDisposable
{
    private readonly PropertyAgentOptions _options;

    public HotelPropertyRuntime(string name, IServiceProvider services)
    {
        Name = name;
        var directory = services.GetRequiredService<IHotelPropertyDirectory>();
        var timeProvider = services.GetRequiredService<TimeProvider>();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        Pms = services.GetKeyedService<IPmsAdapter>(name) ?? throw new InvalidOperationException(
            $"Property '{name}' has no PMS. Chain one in its AddProperty(\"{name}\", p => p.AddDemoPms(...)) (or AddQloAppsPms(...), " +
            "or register your adapter as a keyed IPmsAdapter with the property's name as key).");
        _options = new PropertyAgentOptions(
            name,
            services.GetRequiredService<IOptionsFactory<HotelAgentOptions>>(),
            services.GetRequiredService<IOptionsMonitor<HotelAgentOptions>>(),
            services.GetRequiredService<IOptionsMonitor<HotelPropertyOptions>>());
        var options = (IOptionsMonitor<HotelAgentOptions>)_options;
        Metrics = new HotelAgentMetrics(meterFactory, name);
        var pms = new ResilientPms(Pms, Microsoft.Extensions.Options.Options.Create(_options.CurrentValue), timeProvider, Metrics);
        var replies = new ReplyCatalog(options);
        Handoffs = new PropertyHandoffStore(services.GetRequiredService<IHandoffStore>(), name, directory);
        var verification = new PropertyVerificationAttemptStore(services.GetRequiredService<IVerificationAttemptStore>(), name);
        var dialogue = ActivatorUtilities.CreateInstance<DialogueManager>(services, pms, Handoffs, verification, replies, options, Metrics);
        StatisticsStore = services.GetRequiredKeyedService<IConversationStatisticsStore>(name);
        Statistics = new ConversationStatistics(meterFactory, StatisticsStore, timeProvider, services.GetRequiredService<ILogger<ConversationStatistics>>(), name);
        Engine = ActivatorUtilities.CreateInstance<HotelAgentEngine>(services, pms, dialogue, Metrics, Statistics, options);
        Desk = ActivatorUtilities.CreateInstance<HandoffDesk>(services, Handoffs, replies, Metrics);
    }

    public string Name { get; }

    /// <summary>Gets the property's own PMS adapter (the keyed registration, without the engine's resilience).</summary>
    public IPmsAdapter Pms { get; }

    public HotelAgentMetrics Metrics { get; }

    /// <summary>Gets the engine, which expects conversation ids already scoped to the property.</summary>
    public HotelAgentEngine Engine { get; }

    public IHandoffStore Handoffs { get; }

    public IHandoffDesk Desk { get; }

    public IConversationStatisticsStore StatisticsStore { get; }

    public ConversationStatistics Statistics { get; }

    /// <summary>Gets the property's options as its engine sees them.</summary>
    public HotelAgentOptions Options => _options.CurrentValue;

    public void Dispose()
    {
        Statistics.Dispose();
        _options.Dispose();
    }
}

/// <summary>
/// The runtimes of the named properties, built on first use (the start-up check builds them all, so a property
/// without a PMS stops the host and each property's statistics count from the first message).
/// </summary>
internal sealed class HotelPropertyRuntimes(IServiceProvider services, IHotelPropertyDirectory directory) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<HotelPropertyRuntime>> _runtimes = new(StringComparer.Ordinal);

    public HotelPropertyRuntime Get(string property)
    {
        var name = directory.Find(property) ?? throw new ArgumentException($"No property named '{property}' is registered on this host.", nameof(property));
        return _runtimes.GetOrAdd(name, n => new Lazy<HotelPropertyRuntime>(() => new HotelPropertyRuntime(n, services))).Value;
    }

    public void Dispose()
    {
        foreach (var runtime in _runtimes.Values)
        {
            if (runtime.IsValueCreated)
            {
                runtime.Value.Dispose();
            }
        }
    }
}
