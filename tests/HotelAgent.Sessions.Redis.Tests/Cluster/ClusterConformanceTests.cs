using HotelAgent.Abstractions;
using HotelAgent.Sessions.Redis.Tests.SharedState;
using HotelAgent.Testing;

namespace HotelAgent.Sessions.Redis.Tests.Cluster;

// Every Redis store's conformance suite again, on a real Redis Cluster of 3 primaries and 3 replicas: each script's
// keys share a slot (else Redis answers CROSSSLOT), and multi-key reads (HMGET of one hash, MGET of tickets) stay in one.

public sealed class ClusterSessionStoreConformanceTests(ClusterSessionStoreConformanceTests.StoreFactory factory)
    : SessionStoreConformanceTests<ClusterSessionStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory(RedisClusterFixture cluster) : RedisStoreFactory<ISessionStore>(async () => (await cluster.RequireAsync()).Configuration), ISessionStoreFactory
    {
        async Task<ISessionStore> ISessionStoreFactory.CreateStoreAsync(CancellationToken cancellationToken) => await CreateStoreAsync(cancellationToken);

        public Task LetTimePassAsync(TimeSpan duration, CancellationToken cancellationToken = default) => Task.Delay(duration, cancellationToken);
    }
}

public sealed class ClusterConversationStatisticsStoreConformanceTests(ClusterConversationStatisticsStoreConformanceTests.StoreFactory factory)
    : ConversationStatisticsStoreConformanceTests<ClusterConversationStatisticsStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory(RedisClusterFixture cluster) : RedisStoreFactory<IConversationStatisticsStore>(async () => (await cluster.RequireAsync()).Configuration);
}

public sealed class ClusterVerificationAttemptStoreConformanceTests(ClusterVerificationAttemptStoreConformanceTests.StoreFactory factory)
    : VerificationAttemptStoreConformanceTests<ClusterVerificationAttemptStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory(RedisClusterFixture cluster) : RedisStoreFactory<IVerificationAttemptStore>(async () => (await cluster.RequireAsync()).Configuration);
}

public sealed class ClusterConversationWindowStoreConformanceTests(ClusterConversationWindowStoreConformanceTests.StoreFactory factory)
    : ConversationWindowStoreConformanceTests<ClusterConversationWindowStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory(RedisClusterFixture cluster) : RedisStoreFactory<IConversationWindowStore>(async () => (await cluster.RequireAsync()).Configuration);
}

public sealed class ClusterConversationThreadStoreConformanceTests(ClusterConversationThreadStoreConformanceTests.StoreFactory factory)
    : ConversationThreadStoreConformanceTests<ClusterConversationThreadStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory(RedisClusterFixture cluster) : RedisStoreFactory<IConversationThreadStore>(async () => (await cluster.RequireAsync()).Configuration);
}

public sealed class ClusterChannelDeadLetterStoreConformanceTests(ClusterChannelDeadLetterStoreConformanceTests.StoreFactory factory)
    : ChannelDeadLetterStoreConformanceTests<ClusterChannelDeadLetterStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory(RedisClusterFixture cluster) : RedisStoreFactory<IChannelDeadLetterStore>(async () => (await cluster.RequireAsync()).Configuration);
}

public sealed class ClusterConversationHistoryStoreConformanceTests(ClusterConversationHistoryStoreConformanceTests.StoreFactory factory)
    : ConversationHistoryStoreConformanceTests<ClusterConversationHistoryStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory(RedisClusterFixture cluster) : RedisStoreFactory<IConversationHistoryStore>(async () => (await cluster.RequireAsync()).Configuration);
}
