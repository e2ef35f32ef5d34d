using MailKit;

namespace HotelAgent.Channels.Email;

/// <summary>Connects the IMAP and SMTP clients within <see cref="EmailOptions.ConnectTimeout"/>.</summary>
internal static class EmailConnections
{
    /// <summary>
    /// Connects <paramref name="client"/> (TCP, TLS, the greeting and the capabilities), giving up after
    /// <paramref name="connectTimeout"/>.
    /// </summary>
    /// <exception cref="TimeoutException">The connect took longer than <paramref name="connectTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async Task ConnectAsync(
        IMailService client,
        string host,
        int port,
        EmailSecurity security,
        TimeSpan connectTimeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(connectTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await client.ConnectAsync(host, port, EmailSecurities.ToMailKit(security), linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Our timeout, not the caller's cancellation (MailKit reports it as a cancellation, or as the I/O error
            // of the aborted TLS handshake): a connection problem like any other, so a TimeoutException.
            throw new TimeoutException($"Connecting to {host}:{port} took longer than the connect timeout ({connectTimeout}).", ex);
        }
    }
}
