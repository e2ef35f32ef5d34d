using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// The multiplexer every Redis service of the agent shares: the one registered under
/// <see cref="RedisHotelAgentBuilderExtensions.ConnectionServiceKey"/>, or one opened from
/// <see cref="RedisSessionStoreOptions.Configuration"/> on first use.
/// </summary>
internal sealed class RedisConnection(IServiceProvider services, IOptions<RedisSessionStoreOptions> options, ILogger<RedisConnection> logger) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnectionMultiplexer? _multiplexer;
    private bool _owned;

    public async ValueTask<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var multiplexer = _multiplexer ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);
        return multiplexer.GetDatabase();
    }

    public async ValueTask<IConnectionMultiplexer> GetMultiplexerAsync(CancellationToken cancellationToken = default) =>
        _multiplexer ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_owned && _multiplexer is { } multiplexer)
        {
            await multiplexer.CloseAsync().ConfigureAwait(false);
            multiplexer.Dispose();
        }

        _gate.Dispose();
    }

    public void Dispose()
    {
        if (_owned && _multiplexer is { } multiplexer)
        {
            multiplexer.Close();
            multiplexer.Dispose();
        }

        _gate.Dispose();
    }

    private async Task<IConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_multiplexer is { } existing)
            {
                return existing;
            }

            var shared = services.GetKeyedService<IConnectionMultiplexer>(RedisHotelAgentBuilderExtensions.ConnectionServiceKey);
            if (shared is not null)
            {
                _multiplexer = shared;
                return shared;
            }

            var configuration = ConfigurationOptions.Parse(options.Value.Configuration
                ?? throw new InvalidOperationException("Set HotelAgent:Redis:Configuration (RedisSessionStoreOptions.Configuration), or register an IConnectionMultiplexer keyed by RedisHotelAgentBuilderExtensions.ConnectionServiceKey."));
            configuration.AbortOnConnectFail = false;
            var endpoints = string.Join(",", configuration.EndPoints.Select(e => e.ToString()));
            try
            {
                var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
                Log.Connected(logger, endpoints, multiplexer.IsConnected);
                _owned = true;
                _multiplexer = multiplexer;
                return multiplexer;
            }
            catch (RedisException ex)
            {
                Log.ConnectionFailed(logger, endpoints, ex);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
