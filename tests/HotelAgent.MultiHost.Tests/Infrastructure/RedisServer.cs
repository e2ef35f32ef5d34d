using HotelAgent.MultiHost.Tests;
using HotelAgent.Tests.Shared;

[assembly: AssemblyFixture(typeof(RedisServerFixture))]

namespace HotelAgent.MultiHost.Tests;

/// <summary>
/// One <c>redis-server</c> (no persistence) shared by the tests that do not restart it. Tests call <see cref="Require"/>:
/// without the binary it skips the test locally and fails it when <c>CI=true</c> (.ci/run installs redis-server).
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public async ValueTask InitializeAsync()
    {
        if (RedisServer.FindBinary() is not null)
        {
            _server = await RedisServer.StartAsync();
        }
    }

    public RedisServer Require()
    {
        if (_server is null)
        {
            RedisServer.SkipOrFail();
        }

        return _server!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
