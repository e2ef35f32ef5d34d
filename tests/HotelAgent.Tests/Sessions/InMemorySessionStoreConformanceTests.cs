using HotelAgent.Abstractions;
using HotelAgent.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Tests.Sessions;

/// <summary>
/// Runs the session store conformance suite against the in-memory store, with a fake clock for the time to live.
/// </summary>
public sealed class InMemorySessionStoreConformanceTests(InMemorySessionStoreConformanceTests.InMemorySessionStoreFactory factory)
    : SessionStoreConformanceTests<InMemorySessionStoreConformanceTests.InMemorySessionStoreFactory>(factory)
{
    public sealed class InMemorySessionStoreFactory : ISessionStoreFactory
    {
        private readonly FakeTimeProvider _clock = new(TestHost.Now);
        private readonly InMemorySessionStore _store;

        public InMemorySessionStoreFactory() => _store = new InMemorySessionStore(_clock);

        // One process, one backend: every "host" shares the one instance.
        public Task<ISessionStore> CreateStoreAsync(CancellationToken cancellationToken = default) => Task.FromResult<ISessionStore>(_store);

        public Task LetTimePassAsync(TimeSpan duration, CancellationToken cancellationToken = default)
        {
            _clock.Advance(duration);
            return Task.CompletedTask;
        }
    }
}
