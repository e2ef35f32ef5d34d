using HotelAgent.Sessions.Redis.Tests;
using HotelAgent.Tests.Shared;
using StackExchange.Redis;

[assembly: AssemblyFixture(typeof(RedisServerFixture))]

namespace HotelAgent.Sessions.Redis.Tests;

/// <summary>
/// Starts one <c>redis-server</c> for the test assembly on a free loopback port (no persistence), when the binary is
/// installed. Tests call <see cref="Require"/>: without the binary it skips the test locally, and fails it when
/// <c>CI=true</c> (.ci/run installs redis-server, so CI never skips).
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

    /// <summary>Returns the configuration string, or skips the test (fails it under CI) when there is no server.</summary>
    public string Require()
    {
        if (_server is null)
        {
            RedisServer.SkipOrFail();
        }

        return _server!.Configuration;
    }

    public static int FreePort() => RedisServer.FreePort();

    public async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse(Require());
        options.AllowAdmin = true;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
