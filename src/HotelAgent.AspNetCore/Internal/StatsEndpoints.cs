using System.Text.Json;
using System.Text.Json.Serialization;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotelAgent.AspNetCore;

/// <summary>
/// <c>GET v1/stats</c> (admin): the staff console's numbers, read from the <see cref="IConversationStatisticsStore"/>
/// (in memory, or shared by every host with Redis) and the handoff desk.
/// </summary>
internal static class StatsEndpoints
{
    /// <summary>How many hourly buckets the messages-per-hour series has.</summary>
    public const int HoursInSeries = 24;

    /// <summary>How many daily buckets the bookings-per-day series has.</summary>
    public const int DaysInSeries = 14;

    /// <summary>The most conversations listed as live.</summary>
    public const int MaxLiveConversations = 200;

    /// <summary>The window of the "live" turn count and conversation list.</summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(30);

    public static async Task<JsonHttpResult<StatsResponse>> GetAsync(IConversationStatisticsStore statistics, IHandoffDesk desk, TimeProvider timeProvider, HttpContext context, CancellationToken cancellationToken)
    {
        // A named property's numbers and queue only; without a property, the default property's.
        statistics = PropertyScope.Statistics(context, statistics);
        desk = PropertyScope.Desk(context, desk);
        var now = timeProvider.GetUtcNow();
        var liveMinutes = (int)LiveWindow.TotalMinutes;

        // Started together: a shared store answers them in one round of pipelined requests.
        var messages = statistics.GetSeriesAsync(ConversationCounter.MessagesReceived, StatisticsResolution.Hour, now, HoursInSeries, cancellationToken).AsTask();
        var turns = statistics.GetSeriesAsync(ConversationCounter.Turns, StatisticsResolution.Hour, now, HoursInSeries, cancellationToken).AsTask();
        var handoffs = statistics.GetSeriesAsync(ConversationCounter.Handoffs, StatisticsResolution.Hour, now, HoursInSeries, cancellationToken).AsTask();
        var bookings = statistics.GetSeriesAsync(ConversationCounter.BookingsCreated, StatisticsResolution.Day, now, DaysInSeries, cancellationToken).AsTask();
        var liveTurns = statistics.GetSeriesAsync(ConversationCounter.Turns, StatisticsResolution.Minute, now, liveMinutes, cancellationToken).AsTask();
        var totals = Enum.GetValues<ConversationCounter>().Select(c => statistics.GetTotalAsync(c, cancellationToken).AsTask()).ToArray();
        var live = statistics.GetActivityAsync(now - LiveWindow, MaxLiveConversations, cancellationToken).AsTask();
        var tickets = desk.ListAsync(null, cancellationToken).AsTask();
        await Task.WhenAll(messages, turns, handoffs, bookings, liveTurns, live, tickets, Task.WhenAll(totals)).ConfigureAwait(false);

        var hourNow = now.UtcTicks / TimeSpan.TicksPerHour;
        var dayNow = now.UtcTicks / TimeSpan.TicksPerDay;
        var turnsLastDay = turns.Result.Sum();
        var handoffsLastDay = handoffs.Result.Sum();
        double? rate = turnsLastDay == 0 ? null : Math.Clamp((double)(turnsLastDay - handoffsLastDay) / turnsLastDay, 0, 1);
        var response = new StatsResponse(
            now,
            [.. messages.Result.Select((count, i) => new HourStat(new DateTimeOffset((hourNow - (HoursInSeries - 1) + i) * TimeSpan.TicksPerHour, TimeSpan.Zero), count))],
            [.. bookings.Result.Select((count, i) => new DayStat(DateOnly.FromDayNumber((int)(dayNow - (DaysInSeries - 1) + i)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), count))],
            new AutomationStat(turnsLastDay, handoffsLastDay, rate),
            new LiveStat(
                liveMinutes,
                liveTurns.Result.Sum(),
                [.. live.Result.Select(c => new LiveConversation(c.ConversationId, c.ChannelName, c.State, c.Language, c.LastActivity, c.Turns, c.HandedOff))]),
            new HandoffQueueStat(tickets.Result.Count(t => t.Status == HandoffStatus.Open), tickets.Result.Count(t => t.Status == HandoffStatus.Taken)),
            new TotalsStat(
                totals[(int)ConversationCounter.MessagesReceived].Result,
                totals[(int)ConversationCounter.Turns].Result,
                totals[(int)ConversationCounter.Handoffs].Result,
                totals[(int)ConversationCounter.BookingsCreated].Result));
        return TypedResults.Json(response, StatsJsonContext.Answers.StatsResponse);
    }
}

/// <summary>The body of <c>GET v1/stats</c>.</summary>
/// <param name="GeneratedAt">When the numbers were read.</param>
/// <param name="MessagesPerHour">Guest messages received per hour, the last 24 hours (UTC), oldest first.</param>
/// <param name="BookingsPerDay">Reservations the agent created per day, the last 14 days (UTC), oldest first.</param>
/// <param name="Automation">Turns and handoffs of the last 24 hours, and the share of turns that opened no handoff.</param>
/// <param name="Live">Turns handled in the last <c>WindowMinutes</c> minutes, and the conversations handled in that window (by any host sharing the store), most recent first.</param>
/// <param name="Handoffs">Open and taken handoff tickets now.</param>
/// <param name="Totals">Counts since the store began (the process start, in memory).</param>
internal sealed record StatsResponse(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<HourStat> MessagesPerHour,
    IReadOnlyList<DayStat> BookingsPerDay,
    AutomationStat Automation,
    LiveStat Live,
    HandoffQueueStat Handoffs,
    TotalsStat Totals);

internal sealed record HourStat(DateTimeOffset Hour, long Messages);

internal sealed record DayStat(string Date, long Bookings);

internal sealed record AutomationStat(long Turns, long Handoffs, double? Rate);

internal sealed record LiveStat(int WindowMinutes, long Turns, IReadOnlyList<LiveConversation> Conversations);

internal sealed record LiveConversation(string ConversationId, string Channel, string State, string? Language, DateTimeOffset LastActivity, int Turns, bool HandedOff);

internal sealed record HandoffQueueStat(int Open, int Taken);

internal sealed record TotalsStat(long Messages, long Turns, long Handoffs, long Bookings);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StatsResponse))]
internal sealed partial class StatsJsonContext : JsonSerializerContext;
