using System.Diagnostics;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis;

/// <summary>
/// The multiplexer every Redis service of the agent shares: the one registered under
/// <see cref="RedisHotelAgentBuilderExtensions.ConnectionServiceKey"/>, or one opened from
/// <see cref="RedisSessionStoreOptions.Configuration"/> on first use. It also tells an outage once: the first failed
/// command after Redis was reachable logs one warning, later ones only at Debug, and the first command that works
/// again logs that Redis is back.
/// </summary>
internal sealed class RedisConnection(IServiceProvider services, IOptions<RedisSessionStoreOptions> options, ILogger<RedisConnection> logger) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnectionMultiplexer? _multiplexer;
    private bool _owned;
    private int _down;
    private long _downSince;

    /// <summary>Gets a value indicating whether the last command failed because Redis could not be reached.</summary>
    public bool IsDown => Volatile.Read(ref _down) == 1;

    /// <summary>Whether an exception means Redis cannot be reached (rather than a bad command).</summary>
    public static bool IsOutage(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or TimeoutException
        || (exception is RedisException && exception.InnerException is RedisConnectionException);

    /// <summary>Records a failed command and gives the transient error callers see (the web chat and webhooks answer 503).</summary>
    public HotelAgentException Unavailable(Exception exception)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            Volatile.Write(ref _downSince, Stopwatch.GetTimestamp());
            Log.RedisUnavailable(logger, exception);
        }
        else
        {
            Log.RedisStillUnavailable(logger, exception.GetType().Name);
        }

        return new HotelAgentException("Redis is unavailable; try again later.", exception) { IsTransient = true };
    }

    /// <summary>Records a command that worked.</summary>
    public void Available()
    {
        if (Volatile.Read(ref _down) == 1 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            Log.RedisAvailable(logger, Stopwatch.GetElapsedTime(Volatile.Read(ref _downSince)));
        }
    }

    /// <summary>Runs a command, reporting an outage as a transient <see cref="HotelAgentException"/>.</summary>
    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        try
        {
            var database = await GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            var result = await command(database).ConfigureAwait(false);
            Available();
            return result;
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            throw Unavailable(ex);
        }
    }

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
