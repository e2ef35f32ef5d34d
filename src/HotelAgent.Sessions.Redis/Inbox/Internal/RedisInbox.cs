using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// A durable inbox shared by every host of a hotel: a Redis stream read through one consumer group.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="EnqueueAsync"/> is an XADD (fields <c>m</c> the message JSON, <c>a</c> the attempt) and returns
/// once Redis has it, so a channel acknowledges only recorded messages.</item>
/// <item>On its first read (and after Redis came back empty) a host takes back every entry its consumer name left
/// pending before a restart, batch after batch, before new ones.</item>
/// <item><see cref="ReceiveAsync"/> reads new entries with XREADGROUP (a batch per round trip; an idle host polls every
/// <see cref="RedisInboxOptions.PollInterval"/>, and an enqueue on the same host wakes it at once). The entry stays
/// pending for this consumer until it is completed or failed.</item>
/// <item>Every half <see cref="RedisInboxOptions.ClaimIdleTime"/>, XAUTOCLAIM takes over entries another consumer left
/// pending longer than that (its host died mid-turn). Each claim counts as an attempt.</item>
/// <item><see cref="CompleteAsync"/> is one script: XACK and XDEL.</item>
/// <item><see cref="FailAsync"/> is one script: XACK, XDEL and either a retry (a sorted set scored by when it is due,
/// moved back into the stream by the receiving hosts) after <see cref="RedisInboxOptions.RetryDelay"/> doubled per
/// attempt, or, after <see cref="RedisInboxOptions.MaxAttempts"/>, an XADD to the dead-letter stream.</item>
/// <item><see cref="ReplayAsync"/> moves a dead letter back into the stream with its attempts reset.</item>
/// </list>
/// Every script acts only if its XACK found the entry pending, so a late answer from a host presumed dead does not
/// retry or dead-letter a message twice.
/// </remarks>
internal sealed class RedisInbox : IInbox, IDisposable
{
    private const string CompleteScript = """
        local acked = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        return acked
        """;

    // KEYS[1] stream, KEYS[2] retries; ARGV[1] group, ARGV[2] id, ARGV[3] due (unix ms), ARGV[4] member 'attempt|id|json'.
    private const string RetryScript = """
        if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
        redis.call('XDEL', KEYS[1], ARGV[2])
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
        return 1
        """;

    // KEYS[1] stream, KEYS[2] dead letters; ARGV[1] group, ARGV[2] id, ARGV[3] message, ARGV[4] attempts, ARGV[5] reason, ARGV[6] failed at (unix ms).
    private const string DeadLetterScript = """
        if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
        redis.call('XDEL', KEYS[1], ARGV[2])
        redis.call('XADD', KEYS[2], '*', 'm', ARGV[3], 'a', ARGV[4], 'r', ARGV[5], 't', ARGV[6], 'o', ARGV[2])
        return 1
        """;

    // KEYS[1] retries, KEYS[2] stream; ARGV[1] now (unix ms), ARGV[2] most to move.
    private const string PromoteScript = """
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        for _, member in ipairs(due) do
          local attempt, json = string.match(member, '^(%d+)|[^|]*|(.*)$')
          if attempt then redis.call('XADD', KEYS[2], '*', 'm', json, 'a', attempt) end
          redis.call('ZREM', KEYS[1], member)
        end
        return #due
        """;

    // KEYS[1] dead letters, KEYS[2] stream; ARGV[1] dead-letter id.
    private const string ReplayScript = """
        local entries = redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1])
        if #entries == 0 then return 0 end
        local fields = entries[1][2]
        local message
        for i = 1, #fields, 2 do
          if fields[i] == 'm' then message = fields[i + 1] end
        end
        redis.call('XDEL', KEYS[1], ARGV[1])
        if not message then return 0 end
        redis.call('XADD', KEYS[2], '*', 'm', message, 'a', 1)
        return 1
        """;

    private readonly RedisConnection _connection;
    private readonly RedisKeys _keys;
    private readonly RedisInboxOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RedisInbox> _logger;
    private readonly SemaphoreSlim _receiveGate = new(1, 1);
    private readonly Queue<InboxDelivery> _buffer = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private bool _groupReady;
    private long _nextClaim;
    private long _nextPromote;
    private RedisValue _claimCursor = "0-0";

    private const string CountScript = """
        return {redis.call('XLEN', KEYS[1]) + redis.call('ZCARD', KEYS[2]), redis.call('XLEN', KEYS[3])}
        """;

    public RedisInbox(
        RedisConnection connection, RedisKeys keys, IOptions<RedisSessionStoreOptions> options, TimeProvider timeProvider, ILogger<RedisInbox> logger, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _keys = keys;
        _options = options.Value.Inbox;
        _timeProvider = timeProvider;
        _logger = logger;
        ConsumerName = _options.ConsumerName ?? $"{Environment.MachineName}-{Environment.ProcessId}";
        Metrics = meterFactory is null ? null : new RedisInboxMetrics(meterFactory, timeProvider, CountAsync);
    }

    /// <summary>Gets the inbox's gauges, when a meter factory was given.</summary>
    internal RedisInboxMetrics? Metrics { get; }

    /// <summary>Gets this host's consumer name in the group.</summary>
    public string ConsumerName { get; }

    public async ValueTask EnqueueAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var json = Serialize(message);
        await _connection.RunAsync(database => database.StreamAddAsync(_keys.Inbox, [new NameValueEntry("m", json), new NameValueEntry("a", 1)]), cancellationToken).ConfigureAwait(false);
        if (_options.ReplicasToAcknowledge > 0)
        {
            await WaitForReplicasAsync(cancellationToken).ConfigureAwait(false);
        }

        _wake.Writer.TryWrite(true);
    }

    /// <summary>
    /// Waits until <see cref="RedisInboxOptions.ReplicasToAcknowledge"/> replicas of the stream's primary have the
    /// entry: <c>WAIT</c> on the connection to that primary (the one the <c>XADD</c> went through), so it covers that write.
    /// </summary>
    private async Task WaitForReplicasAsync(CancellationToken cancellationToken)
    {
        var replicated = await _connection.RunAsync(
            async database =>
            {
                var endpoint = await database.IdentifyEndpointAsync(_keys.Inbox).ConfigureAwait(false);
                var server = database.Multiplexer.GetServer(endpoint!);
                return (long)await server.ExecuteAsync("WAIT", _options.ReplicasToAcknowledge, (long)_options.ReplicationTimeout.TotalMilliseconds).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        if (replicated < _options.ReplicasToAcknowledge)
        {
            Log.InboxNotReplicated(_logger, replicated, _options.ReplicasToAcknowledge);
            throw new HotelAgentException($"The message reached {replicated} of {_options.ReplicasToAcknowledge} replicas in {_options.ReplicationTimeout}; try again.") { IsTransient = true };
        }
    }

    public async ValueTask<InboxDelivery> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        await _receiveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_buffer.TryDequeue(out var delivery))
                {
                    return delivery;
                }

                try
                {
                    await FillAsync(cancellationToken).ConfigureAwait(false);
                    _connection.Available();
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    if (RedisConnection.IsOutage(ex))
                    {
                        // One warning per outage, from the connection; this loop only retries.
                        _ = _connection.Unavailable(ex);
                    }

                    if (ex is RedisServerException && ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
                    {
                        // Redis came back without the stream or its group (restarted empty): create them again.
                        _groupReady = false;
                    }

                    var delay = _options.PollInterval * 5;
                    Log.InboxReadFailed(_logger, delay, ex);
                    await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (_buffer.Count == 0)
                {
                    await WaitForWorkAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _receiveGate.Release();
        }
    }

    public async ValueTask CompleteAsync(InboxDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await _connection.RunAsync(database => database.ScriptEvaluateAsync(CompleteScript, [_keys.Inbox], [_options.ConsumerGroup, delivery.DeliveryId]), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask FailAsync(InboxDelivery delivery, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(reason);
        try
        {
            await FailCoreAsync(delivery, reason, cancellationToken).ConfigureAwait(false);
            _connection.Available();
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            throw _connection.Unavailable(ex);
        }
    }

    private async Task FailCoreAsync(InboxDelivery delivery, string reason, CancellationToken cancellationToken)
    {
        var database = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var json = Serialize(delivery.Message);
        if (delivery.Attempt >= _options.MaxAttempts)
        {
            await DeadLetterAsync(database, delivery.DeliveryId, json, delivery.Attempt, reason).ConfigureAwait(false);
            Log.InboxDeadLettered(_logger, delivery.Message.MessageId, delivery.Attempt);
            return;
        }

        var delay = _options.RetryDelay * Math.Pow(2, delivery.Attempt - 1);
        var due = (_timeProvider.GetUtcNow() + delay).ToUnixTimeMilliseconds();
        var next = delivery.Attempt + 1;
        var member = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{next}|{delivery.DeliveryId}|")).Concat(json).ToArray();
        await database.ScriptEvaluateAsync(
            RetryScript,
            [_keys.Inbox, _keys.InboxRetries],
            [_options.ConsumerGroup, delivery.DeliveryId, due, member]).ConfigureAwait(false);
        Log.InboxRetryScheduled(_logger, delivery.Message.MessageId, next);
    }

    public async ValueTask<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var database = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var entries = await database.StreamRangeAsync(_keys.DeadLetters, count: take).ConfigureAwait(false);
        var letters = new List<DeadLetter>(entries.Length);
        foreach (var entry in entries)
        {
            if (TryDeserialize(entry["m"], out var message))
            {
                letters.Add(new DeadLetter(
                    entry.Id!,
                    message,
                    entry["r"].ToString(),
                    (int)entry["a"],
                    DateTimeOffset.FromUnixTimeMilliseconds((long)entry["t"])));
            }
        }

        return letters;
    }

    public async ValueTask<bool> ReplayAsync(string deadLetterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deadLetterId);
        if (!IsStreamId(deadLetterId))
        {
            return false;
        }

        var database = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var replayed = (long)await database.ScriptEvaluateAsync(ReplayScript, [_keys.DeadLetters, _keys.Inbox], [deadLetterId]).ConfigureAwait(false) == 1;
        if (replayed)
        {
            Log.InboxReplayed(_logger, deadLetterId);
            _wake.Writer.TryWrite(true);
        }

        return replayed;
    }

    public async ValueTask<bool> DiscardAsync(string deadLetterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deadLetterId);
        if (!IsStreamId(deadLetterId))
        {
            return false;
        }

        var database = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        return await database.StreamDeleteAsync(_keys.DeadLetters, [deadLetterId]).ConfigureAwait(false) > 0;
    }

    public void Dispose() => _receiveGate.Dispose();

    /// <summary>Counts the stream's entries plus the retries not yet due, and the dead letters, in one round trip.</summary>
    private async Task<(long Depth, long DeadLetters)> CountAsync()
    {
        var counts = (RedisResult[])(await _connection.RunAsync(
            database => database.ScriptEvaluateAsync(CountScript, [_keys.Inbox, _keys.InboxRetries, _keys.DeadLetters]), CancellationToken.None).ConfigureAwait(false))!;
        return ((long)counts[0], (long)counts[1]);
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var database = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        if (!_groupReady)
        {
            await EnsureGroupAsync(database).ConfigureAwait(false);

            // Entries this consumer name left pending before a restart come back first: all of them, batch after
            // batch, not only the first batch (the rest would wait for another host's claim).
            var after = (RedisValue)"0-0";
            while (await ReadAsync(database, after).ConfigureAwait(false) is { } last)
            {
                after = last;
            }

            _groupReady = true;
        }

        var now = _timeProvider.GetTimestamp();
        if (now >= _nextPromote)
        {
            _nextPromote = now + ToTicks(_options.PollInterval);
            await database.ScriptEvaluateAsync(
                PromoteScript,
                [_keys.InboxRetries, _keys.Inbox],
                [_timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), _options.BatchSize]).ConfigureAwait(false);
        }

        if (now >= _nextClaim)
        {
            _nextClaim = now + ToTicks(_options.ClaimIdleTime / 2);
            await ClaimAsync(database).ConfigureAwait(false);
        }

        if (_buffer.Count == 0)
        {
            await ReadAsync(database, StreamPosition.NewMessages).ConfigureAwait(false);
        }
    }

    private async Task EnsureGroupAsync(IDatabase database)
    {
        try
        {
            await database.StreamCreateConsumerGroupAsync(_keys.Inbox, _options.ConsumerGroup, StreamPosition.Beginning, createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another host (or an earlier run) created it.
        }

        Log.InboxReady(_logger, _options.ConsumerGroup, _keys.Inbox.ToString(), ConsumerName);
    }

    /// <summary>Reads a batch from <paramref name="position"/>; returns the id of the last entry read, or <see langword="null"/> when none was.</summary>
    private async Task<RedisValue?> ReadAsync(IDatabase database, RedisValue position)
    {
        var entries = await database.StreamReadGroupAsync(_keys.Inbox, _options.ConsumerGroup, ConsumerName, position, _options.BatchSize).ConfigureAwait(false);
        RedisValue? last = null;
        foreach (var entry in entries)
        {
            if (entry.IsNull)
            {
                continue;
            }

            last = entry.Id;
            await AcceptAsync(database, entry, (int)entry["a"]).ConfigureAwait(false);
        }

        return last;
    }

    private async Task ClaimAsync(IDatabase database)
    {
        var idle = (long)_options.ClaimIdleTime.TotalMilliseconds;
        var result = await database.StreamAutoClaimAsync(_keys.Inbox, _options.ConsumerGroup, ConsumerName, idle, _claimCursor, _options.BatchSize).ConfigureAwait(false);
        _claimCursor = result.NextStartId;
        var claimed = result.ClaimedEntries.Where(e => !e.IsNull).ToArray();
        if (claimed.Length == 0)
        {
            return;
        }

        Log.InboxClaimed(_logger, claimed.Length, _options.ClaimIdleTime);
        var pending = await database.StreamPendingMessagesAsync(
            _keys.Inbox, _options.ConsumerGroup, claimed.Length, ConsumerName, claimed[0].Id, claimed[^1].Id).ConfigureAwait(false);
        var deliveries = pending.ToDictionary(p => p.MessageId.ToString(), p => p.DeliveryCount, StringComparer.Ordinal);
        foreach (var entry in claimed)
        {
            var count = deliveries.TryGetValue(entry.Id.ToString(), out var c) ? c : 2;
            await AcceptAsync(database, entry, (int)entry["a"] + Math.Max(0, count - 1)).ConfigureAwait(false);
        }
    }

    private async Task AcceptAsync(IDatabase database, StreamEntry entry, int attempt)
    {
        var raw = entry["m"];
        if (!TryDeserialize(raw, out var message))
        {
            Log.InboxEntryUnreadable(_logger, entry.Id.ToString(), null);
            await DeadLetterAsync(database, entry.Id!, raw.IsNull ? [] : (byte[])raw!, attempt, "The entry could not be read.").ConfigureAwait(false);
            return;
        }

        if (attempt > _options.MaxAttempts)
        {
            // Delivered this often without an answer: the message most likely takes its host down.
            await DeadLetterAsync(database, entry.Id!, (byte[])raw!, attempt - 1, $"Left unanswered by {attempt - 1} deliveries (the consumers stopped mid-turn).").ConfigureAwait(false);
            Log.InboxDeadLettered(_logger, message.MessageId, attempt - 1);
            return;
        }

        _buffer.Enqueue(new InboxDelivery(entry.Id!, message, Math.Max(1, attempt)));
    }

    private Task<RedisResult> DeadLetterAsync(IDatabase database, string id, byte[] json, int attempts, string reason) =>
        database.ScriptEvaluateAsync(
            DeadLetterScript,
            [_keys.Inbox, _keys.DeadLetters],
            [_options.ConsumerGroup, id, json, attempts, reason, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds()]);

    private async Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.PollInterval, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _wake.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _timeProvider.TimestampFrequency);

    private static byte[] Serialize(InboundMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, RedisJsonContext.Default.InboundMessage);

    private static bool TryDeserialize(RedisValue raw, out InboundMessage message)
    {
        message = null!;
        if (raw.IsNullOrEmpty)
        {
            return false;
        }

        try
        {
            message = JsonSerializer.Deserialize((byte[])raw!, RedisJsonContext.Default.InboundMessage)!;
            return message is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsStreamId(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && dash < id.Length - 1 && id.AsSpan(0, dash).IndexOfAnyExceptInRange('0', '9') < 0 && id.AsSpan(dash + 1).IndexOfAnyExceptInRange('0', '9') < 0;
    }
}
