using HotelAgent.Abstractions;
using HotelAgent.Testing;

namespace HotelAgent.Tests.Stats;

/// <summary>The in-memory statistics store passes the statistics conformance suite (one process: every "host" shares the instance).</summary>
public sealed class InMemoryConversationStatisticsStoreConformanceTests(InMemoryConversationStatisticsStoreConformanceTests.StoreFactory factory)
    : ConversationStatisticsStoreConformanceTests<InMemoryConversationStatisticsStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory : IStoreFactory<IConversationStatisticsStore>
    {
        private readonly InMemoryConversationStatisticsStore _store = new(TimeProvider.System);

        public Task<IConversationStatisticsStore> CreateStoreAsync(CancellationToken cancellationToken = default) => Task.FromResult<IConversationStatisticsStore>(_store);
    }
}

/// <summary>The in-memory verification attempt store passes the verification conformance suite.</summary>
public sealed class InMemoryVerificationAttemptStoreConformanceTests(InMemoryVerificationAttemptStoreConformanceTests.StoreFactory factory)
    : VerificationAttemptStoreConformanceTests<InMemoryVerificationAttemptStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory : IStoreFactory<IVerificationAttemptStore>
    {
        private readonly InMemoryVerificationAttemptStore _store = new(TimeProvider.System);

        public Task<IVerificationAttemptStore> CreateStoreAsync(CancellationToken cancellationToken = default) => Task.FromResult<IVerificationAttemptStore>(_store);
    }
}
