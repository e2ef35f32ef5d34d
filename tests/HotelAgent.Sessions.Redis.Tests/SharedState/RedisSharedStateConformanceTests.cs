using HotelAgent.Abstractions;
using HotelAgent.Testing;

namespace HotelAgent.Sessions.Redis.Tests.SharedState;

/// <summary>
/// Creates Redis stores of one kind: each store is a separate host (its own service provider and connection) sharing
/// one key prefix, on the single redis-server or on the Redis Cluster.
/// </summary>
public abstract class RedisStoreFactory<TStore>(Func<Task<string>> configuration) : IStoreFactory<TStore>, IAsyncDisposable
    where TStore : class
{
    private readonly string _prefix = RedisTestHost.NewPrefix();
    private readonly List<RedisTestHost> _hosts = [];

    public async Task<TStore> CreateStoreAsync(CancellationToken cancellationToken = default)
    {
        var host = new RedisTestHost(await configuration(), _prefix);
        lock (_hosts)
        {
            _hosts.Add(host);
        }

        return host.Get<TStore>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }
}

public sealed class RedisConversationStatisticsStoreConformanceTests(RedisConversationStatisticsStoreConformanceTests.StoreFactory factory)
    : ConversationStatisticsStoreConformanceTests<RedisConversationStatisticsStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory(RedisServerFixture redis) : RedisStoreFactory<IConversationStatisticsStore>(() => Task.FromResult(redis.Require()));
}

public sealed class RedisVerificationAttemptStoreConformanceTests(RedisVerificationAttemptStoreConformanceTests.StoreFactory factory)
    : VerificationAttemptStoreConformanceTests<RedisVerificationAttemptStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory(RedisServerFixture redis) : RedisStoreFactory<IVerificationAttemptStore>(() => Task.FromResult(redis.Require()));
}

public sealed class RedisConversationWindowStoreConformanceTests(RedisConversationWindowStoreConformanceTests.StoreFactory factory)
    : ConversationWindowStoreConformanceTests<RedisConversationWindowStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory(RedisServerFixture redis) : RedisStoreFactory<IConversationWindowStore>(() => Task.FromResult(redis.Require()));
}

public sealed class RedisConversationThreadStoreConformanceTests(RedisConversationThreadStoreConformanceTests.StoreFactory factory)
    : ConversationThreadStoreConformanceTests<RedisConversationThreadStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory(RedisServerFixture redis) : RedisStoreFactory<IConversationThreadStore>(() => Task.FromResult(redis.Require()));
}

public sealed class RedisChannelDeadLetterStoreConformanceTests(RedisChannelDeadLetterStoreConformanceTests.StoreFactory factory)
    : ChannelDeadLetterStoreConformanceTests<RedisChannelDeadLetterStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory(RedisServerFixture redis) : RedisStoreFactory<IChannelDeadLetterStore>(() => Task.FromResult(redis.Require()));
}

public sealed class RedisConversationHistoryStoreConformanceTests(RedisConversationHistoryStoreConformanceTests.StoreFactory factory)
    : ConversationHistoryStoreConformanceTests<RedisConversationHistoryStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory(RedisServerFixture redis) : RedisStoreFactory<IConversationHistoryStore>(() => Task.FromResult(redis.Require()));
}
