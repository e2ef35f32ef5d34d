using HotelAgent.Abstractions;
using HotelAgent.Testing;

namespace HotelAgent.Channels.WhatsApp.Tests.SharedState;

/// <summary>The in-memory window tracker passes the window-store conformance suite (one process: every "host" shares the instance).</summary>
public sealed class ConversationWindowsConformanceTests(ConversationWindowsConformanceTests.StoreFactory factory)
    : ConversationWindowStoreConformanceTests<ConversationWindowsConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory : IStoreFactory<IConversationWindowStore>
    {
        private readonly ConversationWindows _store = new(TimeProvider.System);

        public Task<IConversationWindowStore> CreateStoreAsync(CancellationToken cancellationToken = default) => Task.FromResult<IConversationWindowStore>(_store);
    }
}

/// <summary>The in-memory dead-letter store (the default of every channel) passes the dead-letter conformance suite.</summary>
public sealed class InMemoryChannelDeadLetterStoreConformanceTests(InMemoryChannelDeadLetterStoreConformanceTests.StoreFactory factory)
    : ChannelDeadLetterStoreConformanceTests<InMemoryChannelDeadLetterStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory : IStoreFactory<IChannelDeadLetterStore>
    {
        private readonly InMemoryChannelDeadLetterStore _store = new();

        public Task<IChannelDeadLetterStore> CreateStoreAsync(CancellationToken cancellationToken = default) => Task.FromResult<IChannelDeadLetterStore>(_store);
    }
}
