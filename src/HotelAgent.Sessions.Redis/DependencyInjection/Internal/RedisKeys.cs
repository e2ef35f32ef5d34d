using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>The Redis keys of one hotel, all under <see cref="RedisSessionStoreOptions.KeyPrefix"/>.</summary>
internal sealed class RedisKeys(IOptions<RedisSessionStoreOptions> options)
{
    private readonly string _prefix = options.Value.KeyPrefix;

    public RedisKey Inbox { get; } = options.Value.KeyPrefix + options.Value.Inbox.StreamName;

    public RedisKey DeadLetters { get; } = options.Value.KeyPrefix + options.Value.Inbox.DeadLetterStreamName;

    public RedisKey InboxRetries { get; } = options.Value.KeyPrefix + options.Value.Inbox.StreamName + ":retries";

    public RedisKey HandoffIndex { get; } = options.Value.KeyPrefix + "handoff:tickets";

    public string HandoffTicketPrefix => _prefix + "handoff:ticket:";

    public RedisKey Session(string conversationId) => _prefix + "session:" + conversationId;

    public RedisKey Deduplication(string channelName, string messageId) => _prefix + "dedupe:" + channelName + ":" + messageId;

    public RedisKey Lock(string resource) => _prefix + "lock:" + resource;

    public RedisKey HandoffTicket(string id) => HandoffTicketPrefix + id;

    public RedisKey HandoffOpen(string conversationId, int reason) => _prefix + "handoff:open:" + reason.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + conversationId;
}
