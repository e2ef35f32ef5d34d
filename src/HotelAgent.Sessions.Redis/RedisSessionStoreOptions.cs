using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// Options of the Redis backing, usually bound from the <c>HotelAgent:Redis</c> configuration section.
/// </summary>
public class RedisSessionStoreOptions
{
    /// <summary>Gets or sets the StackExchange.Redis configuration string, for example <c>localhost:6379,password=...</c>.</summary>
    /// <value>The default value is <see langword="null"/>; required.</value>
    /// <remarks>May hold a password: a secret, never logged (only the endpoints are).</remarks>
    [Required]
    public string? Configuration { get; set; }

    /// <summary>Gets or sets the prefix of every key, so several hotels or environments can share one Redis.</summary>
    /// <value>The default value is <c>hotelagent:</c>.</value>
    [Required]
    [MaxLength(100)]
    public string KeyPrefix { get; set; } = RedisDefaults.KeyPrefix;

    /// <summary>
    /// Gets or sets how long a session lives without a new message. When <see langword="null"/>, the time to live the
    /// agent asks for (<c>HotelAgent:SessionTimeToLive</c>, 24 hours by default) is used.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? SessionTimeToLive { get; set; }

    /// <summary>Gets or sets a value indicating whether message deduplication is shared through Redis.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DeduplicationEnabled { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether handoff tickets are kept in Redis, so staff on any host see one queue.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool HandoffStoreEnabled { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the staff console's statistics (counts per hour and day, live
    /// conversations) are kept in Redis for all hosts, rather than per host in memory.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool StatisticsEnabled { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the staff console's conversation history (the messages of each
    /// conversation, kept as long as its session) is kept in Redis for all hosts, rather than per host in memory.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool HistoryEnabled { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the inbox is a durable Redis stream shared by all hosts.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool InboxEnabled { get; set; } = true;

    /// <summary>Gets or sets the options of the durable inbox.</summary>
    [ValidateObjectMembers]
    public RedisInboxOptions Inbox { get; set; } = new();
}

/// <summary>
/// Options of the durable Redis inbox: a stream read through a consumer group.
/// </summary>
public class RedisInboxOptions
{
    /// <summary>Gets or sets the name of the stream, after <see cref="RedisSessionStoreOptions.KeyPrefix"/>.</summary>
    /// <value>The default value is <c>inbox</c>.</value>
    [Required]
    public string StreamName { get; set; } = RedisDefaults.StreamName;

    /// <summary>Gets or sets the name of the dead-letter stream, after <see cref="RedisSessionStoreOptions.KeyPrefix"/>.</summary>
    /// <value>The default value is <c>inbox:dead-letters</c>.</value>
    [Required]
    public string DeadLetterStreamName { get; set; } = RedisDefaults.DeadLetterStreamName;

    /// <summary>Gets or sets the consumer group every host of the hotel reads through.</summary>
    /// <value>The default value is <c>hotel-agent</c>.</value>
    [Required]
    public string ConsumerGroup { get; set; } = RedisDefaults.ConsumerGroup;

    /// <summary>
    /// Gets or sets this host's consumer name in the group. Give each host a stable name (a pod name) to have a
    /// restarted host take back its own pending messages at once; otherwise they are claimed after <see cref="ClaimIdleTime"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the machine name and the process id.</value>
    public string? ConsumerName { get; set; }

    /// <summary>
    /// Gets or sets how long a message may stay delivered but unanswered before another host claims it (its host is
    /// taken for dead). Keep it above the longest turn.
    /// </summary>
    /// <value>The default value is 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan ClaimIdleTime { get; set; } = RedisDefaults.ClaimIdleTime;

    /// <summary>Gets or sets how many times a message is tried (deliveries, including claims) before it becomes a dead letter.</summary>
    /// <value>The default value is 5.</value>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = RedisDefaults.MaxAttempts;

    /// <summary>Gets or sets the wait before a failed message is tried again; it doubles with each attempt.</summary>
    /// <value>The default value is 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = RedisDefaults.RetryDelay;

    /// <summary>Gets or sets how often an idle host looks for new messages (a message enqueued on the same host wakes it at once).</summary>
    /// <value>The default value is 200 milliseconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = RedisDefaults.PollInterval;

    /// <summary>
    /// Gets or sets how many replicas must have a new message before it counts as taken in (<c>WAIT</c> after the
    /// <c>XADD</c>): with 1, a primary killed right after answering loses no acknowledged message once its replica is
    /// promoted (Redis replication is otherwise asynchronous). A webhook whose message is not replicated within
    /// <see cref="ReplicationTimeout"/> answers 503, so the channel delivers it again.
    /// </summary>
    /// <value>The default value is 0: the primary's answer is enough (a single Redis, or a cluster that may lose the last writes on failover).</value>
    [Range(0, 10)]
    public int ReplicasToAcknowledge { get; set; }

    /// <summary>Gets or sets how long an enqueue waits for <see cref="ReplicasToAcknowledge"/> replicas.</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ReplicationTimeout { get; set; } = RedisDefaults.ReplicationTimeout;

    /// <summary>Gets or sets how many messages one read takes from the stream.</summary>
    /// <value>The default value is 16.</value>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = RedisDefaults.BatchSize;
}

/// <summary>The defaults of <see cref="RedisSessionStoreOptions"/> and <see cref="RedisInboxOptions"/>.</summary>
internal static class RedisDefaults
{
    public const string KeyPrefix = "hotelagent:";
    public const string StreamName = "inbox";
    public const string DeadLetterStreamName = "inbox:dead-letters";
    public const string ConsumerGroup = "hotel-agent";
    public const int MaxAttempts = 5;
    public const int BatchSize = 16;
    public static readonly TimeSpan ClaimIdleTime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan ReplicationTimeout = TimeSpan.FromSeconds(1);
}
