using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace HotelAgent.Channels.Email;

/// <summary>
/// At most <see cref="EmailOptions.MaxSmtpConnections"/> SMTP connections, kept open between replies: a burst of
/// replies shares a few authenticated sessions instead of opening one each. A connection idle longer than
/// <see cref="IdleLifetime"/>, or used for <see cref="MaxMessagesPerConnection"/> mails, is closed and replaced; one
/// the server dropped while idle is replaced at once, without costing the reply an attempt.
/// </summary>
internal sealed class SmtpConnectionPool : IAsyncDisposable, IDisposable
{
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(30);
    public const int MaxMessagesPerConnection = 50;

    private readonly EmailOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<Pooled> _idle = [];
    private int _opened;

    public SmtpConnectionPool(EmailMailbox mailbox, TimeProvider timeProvider)
    {
        _options = mailbox.Options;
        _timeProvider = timeProvider;
        _slots = new SemaphoreSlim(_options.MaxSmtpConnections, _options.MaxSmtpConnections);
    }

    /// <summary>Gets how many connections were opened since the pool was created.</summary>
    public int Opened => Volatile.Read(ref _opened);

    /// <summary>
    /// Sends one mail over a pooled connection, waiting for a free one when all are busy. <paramref name="cancellationToken"/>
    /// cancels the wait and the connect; a mail being handed to the server is not cut short (the server may already
    /// have taken it), the client's <see cref="EmailOptions.OperationTimeout"/> bounds it.
    /// </summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pooled = TakeIdle();
            if (pooled is not null)
            {
                try
                {
                    await pooled.Client.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
                    Return(pooled);
                    return;
                }
                catch (Exception ex) when (ex is ServiceNotConnectedException or IOException or SmtpProtocolException && !cancellationToken.IsCancellationRequested)
                {
                    // The server closed the idle connection: a fresh one, not a failed attempt.
                    pooled.Client.Dispose();
                }
                catch (Exception)
                {
                    pooled.Client.Dispose();
                    throw;
                }
            }

            var fresh = await OpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await fresh.Client.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                fresh.Client.Dispose();
                throw;
            }

            Return(fresh);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var pooled))
        {
            await QuitAsync(pooled.Client).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var pooled))
        {
            pooled.Client.Dispose();
        }
    }

    private Pooled? TakeIdle()
    {
        while (_idle.TryTake(out var pooled))
        {
            if (pooled.Client.IsConnected && _timeProvider.GetElapsedTime(pooled.LastUsed) < IdleLifetime)
            {
                return pooled;
            }

            _ = QuitAsync(pooled.Client);
        }

        return null;
    }

    private void Return(Pooled pooled)
    {
        pooled.Sent++;
        pooled.LastUsed = _timeProvider.GetTimestamp();
        if (pooled.Sent >= MaxMessagesPerConnection || !pooled.Client.IsConnected)
        {
            _ = QuitAsync(pooled.Client);
            return;
        }

        _idle.Add(pooled);
    }

    private async Task<Pooled> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)_options.OperationTimeout.TotalMilliseconds };
        try
        {
            await EmailConnections.ConnectAsync(client, _options.SmtpHost!, _options.SmtpPort, _options.SmtpSecurity, _options.ConnectTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            if (client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
            {
                await client.AuthenticateAsync((_options.SmtpUserName ?? _options.UserName)!, (_options.SmtpPassword ?? _options.Password)!, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            client.Dispose();
            throw;
        }

        Interlocked.Increment(ref _opened);
        return new Pooled(client) { LastUsed = _timeProvider.GetTimestamp() };
    }

    private async Task QuitAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _timeProvider);
                await client.DisconnectAsync(true, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Closing anyway.
        }
        finally
        {
            client.Dispose();
        }
    }

    private sealed class Pooled(SmtpClient client)
    {
        public SmtpClient Client { get; } = client;

        public long LastUsed { get; set; }

        public int Sent { get; set; }
    }
}
