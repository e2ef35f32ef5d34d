using HotelAgent.Sessions.Redis.Tests;
using HotelAgent.Tests.Shared;

[assembly: AssemblyFixture(typeof(RedisClusterFixture))]

namespace HotelAgent.Sessions.Redis.Tests;

/// <summary>
/// Starts one Redis Cluster (3 primaries, each with a replica) for the test assembly, when redis-server and redis-cli
/// are installed. Tests call <see cref="RequireAsync"/>: without them it skips the test locally, and fails it when
/// <c>CI=true</c>. The cluster is created on first use, so test runs that filter it out do not pay for it.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RedisCluster? _cluster;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Returns the running cluster, starting it on first use; skips the test (fails it under CI) without the binaries.</summary>
    public async Task<RedisCluster> RequireAsync()
    {
        if (!RedisCluster.IsAvailable)
        {
            RedisCluster.SkipOrFail();
        }

        await _gate.WaitAsync();
        try
        {
            return _cluster ??= await RedisCluster.StartAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _gate.Dispose();
    }
}
