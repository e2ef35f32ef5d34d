using HotelAgent.Abstractions;
using HotelAgent.Testing;

namespace HotelAgent.Sessions.Redis.Tests.Sessions;

/// <summary>
/// Runs the session store conformance suite against the Redis store on a real redis-server. Each store the factory
/// creates is a separate host: its own service provider and its own connection, sharing one key prefix.
/// </summary>
public sealed class RedisSessionStoreConformanceTests(RedisSessionStoreConformanceTests.RedisSessionStoreFactory factory)
    : SessionStoreConformanceTests<RedisSessionStoreConformanceTests.RedisSessionStoreFactory>(factory)
{
    public sealed class RedisSessionStoreFactory(RedisServerFixture redis) : ISessionStoreFactory, IAsyncDisposable
    {
        private readonly string _prefix = RedisTestHost.NewPrefix();
        private readonly List<RedisTestHost> _hosts = [];

        public Task<ISessionStore> CreateStoreAsync(CancellationToken cancellationToken = default)
        {
            var host = new RedisTestHost(redis.Require(), _prefix);
            lock (_hosts)
            {
                _hosts.Add(host);
            }

            return Task.FromResult(host.Get<ISessionStore>());
        }

        public Task LetTimePassAsync(TimeSpan duration, CancellationToken cancellationToken = default) => Task.Delay(duration, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            foreach (var host in _hosts)
            {
                await host.DisposeAsync();
            }
        }
    }
}
