using HotelAgent.Abstractions;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// Counts failed ownership checks per subject in a hash <c>{prefix}verify:{subject}</c> (<c>n</c> failures, <c>t</c>
/// last failure, Unix ms) that expires after the forget time. A failure is one script (restart at one when the last
/// failure is too old, increment otherwise, <c>PEXPIRE</c>), atomic across hosts; a read is one <c>HMGET</c>.
/// </summary>
internal sealed class RedisVerificationAttemptStore(RedisConnection connection, RedisKeys keys) : IVerificationAttemptStore
{
    // KEYS[1] attempts; ARGV[1] failed at (ms), ARGV[2] forget after (ms). Returns { failures, last failure (ms) }.
    private const string FailScript = """
        local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
        local t = tonumber(redis.call('HGET', KEYS[1], 't') or '0')
        local at = tonumber(ARGV[1])
        if n > 0 and at - t < tonumber(ARGV[2]) then
          n = n + 1
          if at > t then t = at end
        else
          n = 1
          t = at
        end
        redis.call('HSET', KEYS[1], 'n', n, 't', t)
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return { n, t }
        """;

    private static readonly RedisValue[] Fields = ["n", "t"];

    public async ValueTask<VerificationAttempts> GetAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var values = await connection.RunAsync(database => database.HashGetAsync(keys.VerificationAttempts(subject), Fields), cancellationToken).ConfigureAwait(false);
        return values[0].IsNull || values[1].IsNull
            ? VerificationAttempts.None
            : new VerificationAttempts((int)values[0], DateTimeOffset.FromUnixTimeMilliseconds((long)values[1]));
    }

    public async ValueTask<VerificationAttempts> AddFailureAsync(string subject, DateTimeOffset at, TimeSpan forgetAfter, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(forgetAfter, TimeSpan.Zero);
        var result = (RedisResult[])(await connection.RunAsync(
            database => database.ScriptEvaluateAsync(FailScript, [keys.VerificationAttempts(subject)], [at.ToUnixTimeMilliseconds(), Math.Max(1, (long)forgetAfter.TotalMilliseconds)]),
            cancellationToken).ConfigureAwait(false))!;
        return new VerificationAttempts((int)result[0], DateTimeOffset.FromUnixTimeMilliseconds((long)result[1]));
    }

    public async ValueTask ResetAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        await connection.RunAsync(database => database.KeyDeleteAsync(keys.VerificationAttempts(subject)), cancellationToken).ConfigureAwait(false);
    }
}
