using System.Text.Json;
using System.Text.Json.Serialization;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HotelAgent.AspNetCore;

/// <summary>
/// What the web chat and the staff console show of the hotel (<c>GET v1/hotel</c>: its name, time zone and room
/// names), and the staff console's conversation view (admin): <c>GET v1/conversations</c> lists the conversations
/// of the last <see cref="HotelAgentOptions.SessionTimeToLive"/>, <c>GET v1/conversations/{id}/history</c> reads the
/// messages of one, as the <see cref="IConversationHistoryStore"/> keeps them (the guest's personal data redacted).
/// </summary>
internal static class ConsoleEndpoints
{
    /// <summary>The most conversations <c>GET v1/conversations</c> lists.</summary>
    public const int MaxConversations = 500;

    public static async Task<Results<JsonHttpResult<HotelProfile>, ProblemHttpResult>> GetHotelAsync(HotelProfiles profiles, HttpResponse response, CancellationToken cancellationToken)
    {
        try
        {
            var profile = await profiles.GetAsync(cancellationToken).ConfigureAwait(false);
            response.Headers.CacheControl = "public, max-age=300";
            return TypedResults.Json(profile, ConsoleJsonContext.Answers.HotelProfile);
        }
        catch (PmsUnavailableException ex)
        {
            return HotelAgentEndpoints.Unavailable(response, ex.Message);
        }
    }

    public static async Task<JsonHttpResult<ConversationList>> ListConversationsAsync(
        IConversationStatisticsStore statistics, IOptionsMonitor<HotelAgentOptions> options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var keptFor = options.CurrentValue.SessionTimeToLive;
        var activity = await statistics.GetActivityAsync(timeProvider.GetUtcNow() - keptFor, MaxConversations, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(
            new ConversationList(
                (long)keptFor.TotalSeconds,
                [.. activity.Select(c => new LiveConversation(c.ConversationId, c.ChannelName, c.State, c.Language, c.LastActivity, c.Turns, c.HandedOff))]),
            ConsoleJsonContext.Answers.ConversationList);
    }

    public static async Task<JsonHttpResult<ConversationHistory>> GetHistoryAsync(
        string conversationId, IConversationHistoryStore history, IOptionsMonitor<HotelAgentOptions> options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var keptFor = options.CurrentValue.SessionTimeToLive;
        var entries = await history.GetAsync(conversationId, timeProvider.GetUtcNow() - keptFor, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(
            new ConversationHistory(conversationId, (long)keptFor.TotalSeconds, [.. entries.Select(e => new HistoryMessage(e.At, e.From, e.Text, e.Author))]),
            ConsoleJsonContext.Answers.ConversationHistory);
    }
}

/// <summary>
/// The hotel's profile as the pages show it, read from the PMS at most every <see cref="CacheFor"/> (the endpoint is
/// public: it must not put load on the PMS). Safe for concurrent use.
/// </summary>
internal sealed class HotelProfiles(IServiceProvider services, TimeProvider timeProvider)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (HotelProfile Profile, DateTimeOffset ReadAt)? _cached;

    public async Task<HotelProfile> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && timeProvider.GetUtcNow() - fresh.ReadAt < CacheFor)
        {
            return fresh.Profile;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } again && timeProvider.GetUtcNow() - again.ReadAt < CacheFor)
            {
                return again.Profile;
            }

            try
            {
                // Resolved on first use: mapping the endpoints does not build the PMS adapter.
                var pms = services.GetRequiredService<IPmsAdapter>();
                var hotel = await pms.GetHotelInfoAsync(cancellationToken).ConfigureAwait(false);
                var rooms = await pms.GetRoomTypesAsync(cancellationToken).ConfigureAwait(false);
                var profile = new HotelProfile(
                    hotel.Name,
                    TimeZoneInfo.TryFindSystemTimeZoneById(hotel.TimeZone, out _) ? hotel.TimeZone : "UTC",
                    hotel.Currency,
                    [.. rooms.Select(r => new RoomName(r.Code, new Dictionary<string, string>(r.Name, StringComparer.OrdinalIgnoreCase)))]);
                _cached = (profile, timeProvider.GetUtcNow());
                return profile;
            }
            catch (PmsUnavailableException) when (_cached is { } stale)
            {
                return stale.Profile;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>The body of <c>GET v1/hotel</c>.</summary>
/// <param name="Name">The hotel's name.</param>
/// <param name="TimeZone">Its IANA time zone (<c>UTC</c> when the PMS names one this host does not know).</param>
/// <param name="Currency">The ISO 4217 currency of its prices.</param>
/// <param name="RoomTypes">The name of each room type per language, by code.</param>
internal sealed record HotelProfile(string Name, string TimeZone, string Currency, IReadOnlyList<RoomName> RoomTypes);

internal sealed record RoomName(string Code, IReadOnlyDictionary<string, string> Name);

/// <summary>The body of <c>GET v1/conversations</c> (admin).</summary>
/// <param name="KeptForSeconds">How long a conversation and its messages are kept after its last message (the session's time to live).</param>
/// <param name="Conversations">The conversations active in that time, most recent first.</param>
internal sealed record ConversationList(long KeptForSeconds, IReadOnlyList<LiveConversation> Conversations);

/// <summary>The body of <c>GET v1/conversations/{id}/history</c> (admin).</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="KeptForSeconds">How long the messages are kept after the conversation's last message.</param>
/// <param name="Messages">The messages, oldest first.</param>
internal sealed record ConversationHistory(string ConversationId, long KeptForSeconds, IReadOnlyList<HistoryMessage> Messages);

internal sealed record HistoryMessage(DateTimeOffset At, ConversationParticipant From, string Text, string? Author);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(HotelProfile))]
[JsonSerializable(typeof(ConversationList))]
[JsonSerializable(typeof(ConversationHistory))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext
{
    public static ConsoleJsonContext Answers => Holder.Instance;

    private static class Holder
    {
        public static readonly ConsoleJsonContext Instance = new(AnswerJson.From(Default.Options));
    }
}
