namespace HotelAgent.Nlu.Llm;

internal static class LlmNluDefaults
{
    public const string PipelineKey = "HotelAgent.Nlu.Llm";
    public const double FailureRatio = 0.5;
    public const int MinimumThroughput = 4;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);
}
