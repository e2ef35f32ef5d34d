using System.Text.Json;
using HotelAgent.Abstractions;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// Keeps handoff tickets in Redis so staff on any host see one queue: each ticket is a JSON string under
/// <c>{prefix}handoff:ticket:{id}</c>, a sorted set orders them by creation, and <c>{prefix}handoff:open:{reason}:{conversation}</c>
/// points at the open ticket of a conversation so <see cref="AddAsync"/> adds at most one. Adds and updates are
/// scripts; an update is a compare-and-set on the ticket's JSON, retried when another host changed it first.
/// </summary>
/// <remarks>Tickets are kept until deleted by hand, as the in-memory store keeps them for the life of the process.</remarks>
internal sealed class RedisHandoffStore(RedisConnection connection, RedisKeys keys) : IHandoffStore
{
    // KEYS[1] ticket, KEYS[2] open pointer, KEYS[3] index; ARGV[1] JSON, ARGV[2] score, ARGV[3] id, ARGV[4] ticket key prefix, ARGV[5] '1' when open.
    private const string AddScript = """
        local existing = redis.call('GET', KEYS[2])
        if existing then
          local stored = redis.call('GET', ARGV[4] .. existing)
          if stored then return stored end
        end
        redis.call('SET', KEYS[1], ARGV[1])
        redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
        if ARGV[5] == '1' then redis.call('SET', KEYS[2], ARGV[3]) end
        return ARGV[1]
        """;

    // KEYS[1] ticket, KEYS[2] open pointer; ARGV[1] JSON read, ARGV[2] new JSON, ARGV[3] id, ARGV[4] '1' when still open.
    // Returns -1 when the ticket is gone, 0 when it changed since it was read, 1 when updated.
    private const string UpdateScript = """
        local current = redis.call('GET', KEYS[1])
        if not current then return -1 end
        if current ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[2])
        if ARGV[4] == '1' then
          redis.call('SET', KEYS[2], ARGV[3])
        elseif redis.call('GET', KEYS[2]) == ARGV[3] then
          redis.call('DEL', KEYS[2])
        end
        return 1
        """;

    public ValueTask<HandoffTicket> AddAsync(HandoffTicket ticket, CancellationToken cancellationToken = default) =>
        ReportOutageAsync(AddCoreAsync(ticket, cancellationToken));

    public ValueTask<HandoffTicket?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        ReportOutageAsync(GetCoreAsync(id, cancellationToken));

    public ValueTask<IReadOnlyList<HandoffTicket>> ListAsync(HandoffStatus? status = null, CancellationToken cancellationToken = default) =>
        ReportOutageAsync(ListCoreAsync(status, cancellationToken));

    public ValueTask<HandoffTicket?> UpdateAsync(string id, Func<HandoffTicket, HandoffTicket> change, CancellationToken cancellationToken = default) =>
        ReportOutageAsync(UpdateCoreAsync(id, change, cancellationToken));

    /// <summary>A Redis outage is a transient <see cref="HotelAgentException"/> (told once by the connection); the staff endpoints answer 503.</summary>
    private async ValueTask<T> ReportOutageAsync<T>(ValueTask<T> operation)
    {
        try
        {
            var result = await operation.ConfigureAwait(false);
            connection.Available();
            return result;
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            throw connection.Unavailable(ex);
        }
    }

    private async ValueTask<HandoffTicket> AddCoreAsync(HandoffTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentException.ThrowIfNullOrWhiteSpace(ticket.Id, nameof(ticket));
        var database = await connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var json = Serialize(ticket);
        var stored = await database.ScriptEvaluateAsync(
            AddScript,
            [keys.HandoffTicket(ticket.Id), keys.HandoffOpen(ticket.ConversationId, (int)ticket.Reason), keys.HandoffIndex],
            [json, ticket.CreatedAt.ToUnixTimeMilliseconds(), ticket.Id, keys.HandoffTicketPrefix, ticket.Status == HandoffStatus.Closed ? "0" : "1"]).ConfigureAwait(false);
        return Deserialize((byte[])stored!);
    }

    private async ValueTask<HandoffTicket?> GetCoreAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var database = await connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var json = await database.StringGetAsync(keys.HandoffTicket(id)).ConfigureAwait(false);
        return json.IsNull ? null : Deserialize((byte[])json!);
    }

    private async ValueTask<IReadOnlyList<HandoffTicket>> ListCoreAsync(HandoffStatus? status, CancellationToken cancellationToken)
    {
        var database = await connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var ids = await database.SortedSetRangeByRankAsync(keys.HandoffIndex).ConfigureAwait(false);
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await database.StringGetAsync(ids.Select(id => keys.HandoffTicket(id!)).ToArray()).ConfigureAwait(false);
        var tickets = new List<HandoffTicket>(values.Length);
        foreach (var value in values)
        {
            if (!value.IsNull && Deserialize((byte[])value!) is { } ticket && (status is null || ticket.Status == status))
            {
                tickets.Add(ticket);
            }
        }

        return tickets;
    }

    private async ValueTask<HandoffTicket?> UpdateCoreAsync(string id, Func<HandoffTicket, HandoffTicket> change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(change);
        var database = await connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var key = keys.HandoffTicket(id);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = await database.StringGetAsync(key).ConfigureAwait(false);
            if (read.IsNull)
            {
                return null;
            }

            var changed = change(Deserialize((byte[])read!)) with { Id = id };
            var outcome = (long)await database.ScriptEvaluateAsync(
                UpdateScript,
                [key, keys.HandoffOpen(changed.ConversationId, (int)changed.Reason)],
                [read, Serialize(changed), id, changed.Status == HandoffStatus.Closed ? "0" : "1"]).ConfigureAwait(false);
            switch (outcome)
            {
                case 1:
                    return changed;
                case -1:
                    return null;
            }
        }
    }

    private static byte[] Serialize(HandoffTicket ticket) => JsonSerializer.SerializeToUtf8Bytes(ticket, RedisJsonContext.Default.HandoffTicket);

    private static HandoffTicket Deserialize(byte[] json) =>
        JsonSerializer.Deserialize(json, RedisJsonContext.Default.HandoffTicket) ?? throw new InvalidOperationException("A stored handoff ticket is empty.");
}
