using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Nlu;

internal static partial class Log
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Debug, Message = "Message parsed: intent {Intent}, confidence {Confidence}, language {Language}, {EntityCount} entities")]
    public static partial void MessageParsed(this ILogger logger, string intent, double confidence, string language, int entityCount);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Trace, Message = "Message text parsed as {Intent}: {Text}")]
    public static partial void MessageTextParsed(this ILogger logger, string intent, [GuestData] string text);
}
