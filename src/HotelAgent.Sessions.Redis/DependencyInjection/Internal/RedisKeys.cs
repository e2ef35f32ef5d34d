using System.Globalization;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// The Redis keys of one hotel, all under <see cref="RedisSessionStoreOptions.KeyPrefix"/>, laid out for Redis Cluster:
/// the keys one script touches share a hash tag (the part in braces decides the slot), and that tag holds the prefix,
/// so two hotels on one cluster spread over different slots.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>One key per command (sessions, conversation histories, deduplication, locks, windows, threads, verification attempts): no tag, each
/// key lands on its own slot, so these spread over the whole cluster.</item>
/// <item>The inbox stream, its retry set and its dead-letter stream: tag <c>{prefix + StreamName}</c>, one slot.</item>
/// <item>Handoff tickets, their index and open pointers: tag <c>{prefix + "handoff"}</c>, one slot.</item>
/// <item>Statistics buckets, totals and the activity list: tag <c>{prefix + "stats"}</c>, one slot.</item>
/// <item>Channel dead letters: tag <c>{prefix + "dead-letters:" + channel}</c>, one slot per channel.</item>
/// </list>
/// The prefix and stream names may not hold braces (validated), so the first brace of a key is always the tag's.
/// </remarks>
internal sealed class RedisKeys(IOptions<RedisSessionStoreOptions> options)
{
    private readonly string _prefix = options.Value.KeyPrefix;
    private readonly string _handoffTag = "{" + options.Value.KeyPrefix + "handoff}";
    private readonly string _statsTag = "{" + options.Value.KeyPrefix + "stats}";

    public RedisKey Inbox { get; } = InboxTag(options.Value);

    public RedisKey DeadLetters { get; } = InboxTag(options.Value) + ":" + options.Value.Inbox.DeadLetterStreamName;

    public RedisKey InboxRetries { get; } = InboxTag(options.Value) + ":retries";

    public RedisKey HandoffIndex => _handoffTag + ":tickets";

    public string HandoffTicketPrefix => _handoffTag + ":ticket:";

    public RedisKey StatisticsTotals => _statsTag + ":totals";

    public RedisKey StatisticsActivity => _statsTag + ":activity";

    public RedisKey StatisticsActivityData => _statsTag + ":activity:data";

    public RedisKey Session(string conversationId) => _prefix + "session:" + conversationId;

    public RedisKey History(string conversationId) => _prefix + "history:" + conversationId;

    public RedisKey Deduplication(string channelName, string messageId) => _prefix + "dedupe:" + channelName + ":" + messageId;

    public RedisKey Lock(string resource) => _prefix + "lock:" + resource;

    public RedisKey HandoffTicket(string id) => HandoffTicketPrefix + id;

    public RedisKey HandoffOpen(string conversationId, int reason) => _handoffTag + ":open:" + reason.ToString(CultureInfo.InvariantCulture) + ":" + conversationId;

    /// <summary>The hash of one counter's buckets at one resolution: field = bucket number, value = count.</summary>
    public RedisKey StatisticsBuckets(ConversationCounter counter, StatisticsResolution resolution) =>
        _statsTag + ":" + resolution switch
        {
            StatisticsResolution.Minute => "m:",
            StatisticsResolution.Hour => "h:",
            _ => "d:",
        } + ((int)counter).ToString(CultureInfo.InvariantCulture);

    public RedisKey Window(string sender, string guestId) => _prefix + "window:" + sender + ":" + guestId;

    public RedisKey Thread(string channelName, string guestId) => _prefix + "thread:" + channelName + ":" + guestId.ToLowerInvariant();

    public RedisKey VerificationAttempts(string subject) => _prefix + "verify:" + subject;

    public RedisKey ChannelDeadLetterIndex(string channelName) => "{" + _prefix + "dead-letters:" + channelName + "}:index";

    public RedisKey ChannelDeadLetterData(string channelName) => "{" + _prefix + "dead-letters:" + channelName + "}:data";

    /// <summary>
    /// The keys of one named property of the host, under <c>{KeyPrefix}property:{name}:</c>: its statistics live
    /// apart from the default property's and every other's.
    /// </summary>
    public static RedisKeys ForProperty(RedisSessionStoreOptions options, string property) =>
        new(Options.Create(new RedisSessionStoreOptions { KeyPrefix = options.KeyPrefix + "property:" + property + ":" }));

    private static string InboxTag(RedisSessionStoreOptions options) => "{" + options.KeyPrefix + options.Inbox.StreamName + "}";
}
