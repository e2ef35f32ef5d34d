using System.ClientModel;
using System.ClientModel.Primitives;
using HotelAgent.Abstractions;
using HotelAgent.Nlu.Llm;
using Microsoft.Extensions.AI;
using OpenAI;

namespace HotelAgent.Sample;

/// <summary>
/// The sample's LLM understanding: an OpenAI-compatible chat endpoint (OpenAI, Ollama, LocalAI, vLLM...) named in
/// <c>HotelAgent:Nlu:Llm</c> (<c>Endpoint</c>, <c>Model</c>, <c>ApiKey</c>) beside the package's own options.
/// </summary>
internal static class SampleLlm
{
    public static void AddLlmNlu(IHotelAgentBuilder agent, IConfigurationSection section)
    {
        var endpoint = section["Endpoint"] is { Length: > 0 } e && Uri.TryCreate(e, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException("HotelAgent:Nlu:Llm:Endpoint must be the absolute http(s) address of an OpenAI-compatible API, such as https://api.openai.com/v1 or http://127.0.0.1:11434/v1.");
        var model = section["Model"] is { Length: > 0 } m
            ? m
            : throw new InvalidOperationException("HotelAgent:Nlu:Llm:Model must name the chat model, such as gpt-4o-mini.");

        // Local servers take any key; the OpenAI client requires one.
        var apiKey = section["ApiKey"] is { Length: > 0 } k ? k : "none";
        // No retries in the client: the LLM engine's timeout and circuit breaker decide, and fall back to the rules.
        agent.Services.AddSingleton<IChatClient>(_ => new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = endpoint, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) })
            .GetChatClient(model)
            .AsIChatClient());
        agent.Services.AddSingleton(new SecretSetting("HotelAgent:Nlu:Llm:ApiKey", _ => section["ApiKey"], Required: false));
        agent.Services.Configure<LlmNluOptions>(section);
        agent.AddLlmNlu();
    }
}
