using HotelAgent.Abstractions;
using HotelAgent.Testing;

namespace HotelAgent.Channels.Email.Tests.SharedState;

/// <summary>The email channel's in-memory dead-letter store passes the dead-letter conformance suite.</summary>
public sealed class InMemoryChannelDeadLetterStoreConformanceTests(InMemoryChannelDeadLetterStoreConformanceTests.StoreFactory factory)
    : ChannelDeadLetterStoreConformanceTests<InMemoryChannelDeadLetterStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory : IStoreFactory<IChannelDeadLetterStore>
    {
        private readonly InMemoryChannelDeadLetterStore _store = new();

        public Task<IChannelDeadLetterStore> CreateStoreAsync(CancellationToken cancellationToken = default) => Task.FromResult<IChannelDeadLetterStore>(_store);
    }
}
