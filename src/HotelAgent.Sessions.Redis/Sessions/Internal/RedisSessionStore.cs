using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// Keeps each session in a Redis hash (<c>v</c> the version, <c>d</c> the JSON) under
/// <c>{prefix}session:{conversationId}</c>, with a sliding time to live. <see cref="GetAsync"/> is one HMGET and
/// <see cref="SaveAsync"/> one script (compare the version, write, PEXPIRE), so every host sees every save and the
/// second of two concurrent saves of one version gets a conflict. A Redis outage is a transient
/// <see cref="HotelAgentException"/> for callers: the web chat answers 503 and the inbox retries the message.
/// </summary>
internal sealed class RedisSessionStore(
    RedisConnection connection,
    RedisKeys keys,
    IOptions<RedisSessionStoreOptions> options,
    ILogger<RedisSessionStore> logger) : ISessionStore
{
    // KEYS[1] session; ARGV[1] expected version, ARGV[2] JSON, ARGV[3] time to live in ms.
    // Returns { 1, new version } when saved, { 0, stored version } on conflict.
    private const string SaveScript = """
        local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
        if current ~= tonumber(ARGV[1]) then
          return { 0, current }
        end
        local next = current + 1
        redis.call('HSET', KEYS[1], 'v', next, 'd', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return { 1, next }
        """;

    private static readonly RedisValue[] Fields = ["v", "d"];

    private readonly TimeSpan? _timeToLive = options.Value.SessionTimeToLive;

    public async ValueTask<ConversationSession?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        var values = await connection.RunAsync(database => database.HashGetAsync(keys.Session(conversationId), Fields), cancellationToken).ConfigureAwait(false);
        if (values[0].IsNull || values[1].IsNull)
        {
            return null;
        }

        var session = JsonSerializer.Deserialize((byte[])values[1]!, RedisJsonContext.Default.ConversationSession)
            ?? throw new InvalidOperationException("A stored session is empty.");
        return session with { Version = (long)values[0] };
    }

    public async ValueTask<SessionSaveResult> SaveAsync(ConversationSession session, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrWhiteSpace(session.ConversationId, nameof(session));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(session.Version, nameof(session));

        var ttl = _timeToLive ?? timeToLive;
        var json = JsonSerializer.SerializeToUtf8Bytes(session with { Version = 0 }, RedisJsonContext.Default.ConversationSession);
        var result = (RedisResult[])(await connection.RunAsync(
            database => database.ScriptEvaluateAsync(
                SaveScript,
                [keys.Session(session.ConversationId)],
                [session.Version, json, (long)Math.Max(1, ttl.TotalMilliseconds)]),
            cancellationToken).ConfigureAwait(false))!;

        var version = (long)result[1];
        if ((long)result[0] == 1)
        {
            return SessionSaveResult.Success(version);
        }

        Log.SessionConflict(logger, version);
        return SessionSaveResult.Conflict(version);
    }

    public async ValueTask<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        return await connection.RunAsync(database => database.KeyDeleteAsync(keys.Session(conversationId)), cancellationToken).ConfigureAwait(false);
    }
}
