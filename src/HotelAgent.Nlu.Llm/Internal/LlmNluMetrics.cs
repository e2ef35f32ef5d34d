using System.Diagnostics.Metrics;

namespace HotelAgent.Nlu.Llm;

/// <summary>The instruments of the LLM engine, created once from <see cref="IMeterFactory"/>.</summary>
internal sealed class LlmNluMetrics
{
    public const string MeterName = "HotelAgent.Nlu.Llm";
    public const string FallbacksName = "hotel_agent.nlu.llm.fallbacks";
    public const string RequestsName = "hotel_agent.nlu.llm.requests";
    public const string ReasonTag = "reason";
    public const string OutcomeTag = "outcome";

    public LlmNluMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        Fallbacks = meter.CreateCounter<long>(FallbacksName, unit: "{message}", description: "Messages answered by the rule-based engine because the LLM failed, timed out or its circuit was open.");
        Requests = meter.CreateCounter<long>(RequestsName, unit: "{message}", description: "Messages parsed by the LLM engine, by outcome.");
    }

    public Counter<long> Fallbacks { get; }

    public Counter<long> Requests { get; }
}

/// <summary>The values of the <c>reason</c> tag of <c>hotel_agent.nlu.llm.fallbacks</c>.</summary>
internal static class FallbackReasons
{
    public const string Error = "error";
    public const string Timeout = "timeout";
    public const string CircuitOpen = "circuit_open";
    public const string InvalidResponse = "invalid_response";
}
