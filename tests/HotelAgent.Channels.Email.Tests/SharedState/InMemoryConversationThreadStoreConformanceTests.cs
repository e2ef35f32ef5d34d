using HotelAgent.Abstractions;
using HotelAgent.Testing;

namespace HotelAgent.Channels.Email.Tests.SharedState;

/// <summary>The in-memory thread map passes the thread-store conformance suite (one process: every "host" shares the instance).</summary>
public sealed class InMemoryConversationThreadStoreConformanceTests(InMemoryConversationThreadStoreConformanceTests.StoreFactory factory)
    : ConversationThreadStoreConformanceTests<InMemoryConversationThreadStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory : IStoreFactory<IConversationThreadStore>
    {
        private readonly InMemoryConversationThreadStore _store = new();

        public Task<IConversationThreadStore> CreateStoreAsync(CancellationToken cancellationToken = default) => Task.FromResult<IConversationThreadStore>(_store);
    }
}
