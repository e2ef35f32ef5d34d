using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// When a person at reception can answer: now, later today or tomorrow, from the hotel's reception hours.
/// </summary>
internal static class ReceptionSchedule
{
    /// <summary>The first moment at or after <paramref name="localTime"/> when reception is open (local to the hotel).</summary>
    public static DateTime NextOpening(ReceptionHours hours, DateTime localTime)
    {
        if (hours.IsOpenAt(TimeOnly.FromDateTime(localTime)))
        {
            return localTime;
        }

        var opensToday = localTime.Date + hours.Opens.ToTimeSpan();
        return opensToday > localTime ? opensToday : opensToday.AddDays(1);
    }

    /// <summary>"hoy", "mañana", ... : the day a person answers a guest writing at <paramref name="localTime"/> while reception is closed.</summary>
    public static string AnswerDay(ReceptionHours hours, TimeOnly localTime, string language)
    {
        var today = localTime < hours.Opens;
        return (language, today) switch
        {
            ("en", true) => "today",
            ("en", false) => "tomorrow",
            ("pt", true) => "hoje",
            ("pt", false) => "amanhã",
            (_, true) => "hoy",
            _ => "mañana",
        };
    }

    /// <summary>The hotel's local time now.</summary>
    public static DateTime LocalNow(TimeProvider timeProvider, string timeZone) =>
        TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc).DateTime;

    /// <summary>Converts a UTC instant to the hotel's local time.</summary>
    public static DateTime ToLocal(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc).DateTime;
}
