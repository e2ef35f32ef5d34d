using Microsoft.Extensions.Logging;

namespace HotelAgent.Nlu.Llm;

internal static partial class Log
{
    [LoggerMessage(EventId = 1350, Level = LogLevel.Warning, Message = "LLM NLU fell back to the rule-based engine: {Reason}")]
    public static partial void FellBack(this ILogger logger, string reason, Exception? exception);

    [LoggerMessage(EventId = 1351, Level = LogLevel.Debug, Message = "LLM NLU parsed a message: intent {Intent}, language {Language}")]
    public static partial void Parsed(this ILogger logger, string intent, string language);
}
