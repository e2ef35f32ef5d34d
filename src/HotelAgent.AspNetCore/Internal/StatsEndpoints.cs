using System.Text.Json;
using System.Text.Json.Serialization;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotelAgent.AspNetCore;

/// <summary>
/// <c>GET v1/stats</c> (admin): the staff console's numbers, from the in-memory <see cref="ConversationStatistics"/>
/// (which listens to the core's metrics) and the handoff desk.
/// </summary>
internal static class StatsEndpoints
{
    public static async Task<JsonHttpResult<StatsResponse>> GetAsync(ConversationStatistics statistics, RecentConversations recent, IHandoffDesk desk, CancellationToken cancellationToken)
    {
        var snapshot = statistics.GetSnapshot();
        var tickets = await desk.ListAsync(null, cancellationToken).ConfigureAwait(false);
        var response = new StatsResponse(
            snapshot.GeneratedAt,
            [.. snapshot.MessagesPerHour.Select(h => new HourStat(h.Start, h.Count))],
            [.. snapshot.BookingsPerDay.Select(d => new DayStat(d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.Count))],
            new AutomationStat(snapshot.TurnsLast24Hours, snapshot.HandoffsLast24Hours, snapshot.AutomationRate),
            new LiveStat(
                (int)ConversationStatistics.LiveWindow.TotalMinutes,
                snapshot.TurnsInLiveWindow,
                [.. recent.Active(ConversationStatistics.LiveWindow).Select(c => new LiveConversation(c.ConversationId, c.ChannelName, c.State, c.Language, c.LastActivity, c.Turns, c.HandedOff))]),
            new HandoffQueueStat(tickets.Count(t => t.Status == HandoffStatus.Open), tickets.Count(t => t.Status == HandoffStatus.Taken)),
            new TotalsStat(snapshot.TotalMessages, snapshot.TotalTurns, snapshot.TotalHandoffs, snapshot.TotalBookings));
        return TypedResults.Json(response, StatsJsonContext.Answers.StatsResponse);
    }
}

/// <summary>The body of <c>GET v1/stats</c>.</summary>
/// <param name="GeneratedAt">When the numbers were read.</param>
/// <param name="MessagesPerHour">Guest messages received per hour, the last 24 hours (UTC), oldest first.</param>
/// <param name="BookingsPerDay">Reservations the agent created per day, the last 14 days (UTC), oldest first.</param>
/// <param name="Automation">Turns and handoffs of the last 24 hours, and the share of turns that opened no handoff.</param>
/// <param name="Live">Turns handled in the last <c>WindowMinutes</c> minutes, and the conversations this host handled in that window.</param>
/// <param name="Handoffs">Open and taken handoff tickets now.</param>
/// <param name="Totals">Counts since the process started.</param>
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
