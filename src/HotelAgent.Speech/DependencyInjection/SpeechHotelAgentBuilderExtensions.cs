using HotelAgent.Abstractions;
using HotelAgent.Speech;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds voice-note transcription to the hotel agent.
/// </summary>
public static class SpeechHotelAgentBuilderExtensions
{
    /// <summary>
    /// Transcribes the voice notes of every channel before the agent reads them, with the registered
    /// <see cref="ISpeechToTextClient"/> (by default an OpenAI-compatible client for <see cref="VoiceNoteOptions.Endpoint"/>;
    /// register your own first to replace it). Call it after <c>AddHotelAgent()</c>: it wraps the registered
    /// <see cref="IHotelAgent"/>. Calling it again adds the configuration only.
    /// </summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configure">Configures <see cref="VoiceNoteOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">No <see cref="IHotelAgent"/> or <see cref="IReplyCatalog"/> is registered yet (call <c>AddHotelAgent()</c> first).</exception>
    public static IHotelAgentBuilder AddSpeechToText(this IHotelAgentBuilder builder, Action<VoiceNoteOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(builder.Services);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds voice-note transcription, bound to a configuration section (usually <c>HotelAgent:Speech</c>).</summary>
    /// <param name="builder">The hotel agent builder.</param>
    /// <param name="configuration">The section holding <see cref="VoiceNoteOptions"/>.</param>
    /// <returns>The value of <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">No <see cref="IHotelAgent"/> or <see cref="IReplyCatalog"/> is registered yet (call <c>AddHotelAgent()</c> first).</exception>
    public static IHotelAgentBuilder AddSpeechToText(this IHotelAgentBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(builder.Services);
        builder.Services.Configure<VoiceNoteOptions>(configuration);
        return builder;
    }

    private static void AddCore(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(SpeechMarker)))
        {
            return;
        }

        var agent = services.LastOrDefault(d => d.ServiceType == typeof(IHotelAgent) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("Call services.AddHotelAgent() before AddSpeechToText(): it wraps the registered IHotelAgent.");
        if (!services.Any(d => d.ServiceType == typeof(IReplyCatalog)))
        {
            throw new InvalidOperationException("Call services.AddHotelAgent() before AddSpeechToText(): the replies to voice notes come from its reply catalogue (IReplyCatalog).");
        }

        services.AddSingleton<SpeechMarker>();
        services.AddSingleton(new SecretSetting("HotelAgent:Speech:ApiKey", sp => sp.GetRequiredService<IOptions<VoiceNoteOptions>>().Value.ApiKey, Required: false));
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptionsWithValidateOnStart<VoiceNoteOptions, VoiceNoteOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VoiceNoteOptions>, VoiceNoteOptionsCustomValidator>());
        services.AddHttpClient(OpenAICompatibleSpeechToTextClient.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectTimeout = sp.GetRequiredService<IOptionsMonitor<VoiceNoteOptions>>().CurrentValue.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.TryAddSingleton<ISpeechToTextClient, OpenAICompatibleSpeechToTextClient>();
        services.TryAddSingleton<IVoiceNoteTranscriber, VoiceNoteTranscriber>();
        services.TryAddSingleton<ITextToSpeech, EspeakTextToSpeech>();

        services.Remove(agent);
        services.Add(ServiceDescriptor.Describe(
            typeof(IHotelAgent),
            sp => new VoiceNoteHotelAgent(
                Create(sp, agent),
                sp.GetRequiredService<IVoiceNoteTranscriber>(),
                sp.GetServices<IMessageChannel>(),
                sp.GetRequiredService<ILogger<VoiceNoteHotelAgent>>(),
                sp.GetRequiredService<ITextToSpeech>(),
                sp.GetRequiredService<IOptionsMonitor<VoiceNoteOptions>>()),
            agent.Lifetime));
    }

    private static IHotelAgent Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as IHotelAgent
        ?? descriptor.ImplementationFactory?.Invoke(services) as IHotelAgent
        ?? (IHotelAgent)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
