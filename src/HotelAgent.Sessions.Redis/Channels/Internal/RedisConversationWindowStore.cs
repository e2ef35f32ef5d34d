using HotelAgent.Abstractions;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// Keeps each guest's customer-service window in a hash <c>{prefix}window:{sender}:{guest}</c> (<c>l</c> last message,
/// Unix ms; <c>c</c> closed; <c>s</c> template sent) that expires after the keep time. Each write is one script
/// (<c>HSET</c>, <c>PEXPIRE</c>), a read one <c>HMGET</c>.
/// </summary>
internal sealed class RedisConversationWindowStore(RedisConnection connection, RedisKeys keys) : IConversationWindowStore
{
    // KEYS[1] window; ARGV[1] last message (ms), ARGV[2] keep (ms).
    private const string TouchScript = """
        redis.call('HSET', KEYS[1], 'l', ARGV[1], 'c', '0', 's', '0')
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    // KEYS[1] window; ARGV[1] '1' when the template was sent, ARGV[2] keep (ms).
    private const string CloseScript = """
        redis.call('HSET', KEYS[1], 'c', '1')
        if ARGV[1] == '1' then redis.call('HSET', KEYS[1], 's', '1') end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    private static readonly RedisValue[] Fields = ["l", "c", "s"];

    public async ValueTask TouchAsync(string sender, string guestId, DateTimeOffset at, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        Check(sender, guestId, keepFor);
        await connection.RunAsync(
            database => database.ScriptEvaluateAsync(TouchScript, [keys.Window(sender, guestId)], [at.ToUnixTimeMilliseconds(), Milliseconds(keepFor)]),
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask MarkClosedAsync(string sender, string guestId, bool templateSent, TimeSpan keepFor, CancellationToken cancellationToken = default)
    {
        Check(sender, guestId, keepFor);
        await connection.RunAsync(
            database => database.ScriptEvaluateAsync(CloseScript, [keys.Window(sender, guestId)], [templateSent ? "1" : "0", Milliseconds(keepFor)]),
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ConversationWindow?> GetAsync(string sender, string guestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        ArgumentException.ThrowIfNullOrWhiteSpace(guestId);
        var values = await connection.RunAsync(database => database.HashGetAsync(keys.Window(sender, guestId), Fields), cancellationToken).ConfigureAwait(false);
        if (values.All(v => v.IsNull))
        {
            return null;
        }

        return new ConversationWindow(
            values[0].IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)values[0]),
            values[1] == "1",
            values[2] == "1");
    }

    private static void Check(string sender, string guestId, TimeSpan keepFor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        ArgumentException.ThrowIfNullOrWhiteSpace(guestId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(keepFor, TimeSpan.Zero);
    }

    private static long Milliseconds(TimeSpan span) => Math.Max(1, (long)span.TotalMilliseconds);
}
