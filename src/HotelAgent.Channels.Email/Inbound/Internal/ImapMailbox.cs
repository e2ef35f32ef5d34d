using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace HotelAgent.Channels.Email;

/// <summary>
/// The one IMAP connection of the channel, shared by the poller (search, fetch) and the replies (marking a mail
/// processed once it is answered). MailKit's client serves one command at a time, so every use takes a gate; the
/// connection is opened on first use and again after any failure.
/// </summary>
internal sealed class ImapMailbox(
    EmailMailbox mailbox,
    TimeProvider timeProvider,
    ILogger<ImapMailbox> logger) : IAsyncDisposable, IDisposable
{
    private readonly EmailOptions _options = mailbox.Options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ImapClient? _client;
    private IMailFolder? _folder;
    private bool _keywords;
    private int _disposed;

    /// <summary>Gets the UIDVALIDITY of the open folder (0 before the first connect).</summary>
    public uint UidValidity { get; private set; }

    /// <summary>Finds the unprocessed mail that arrived within <see cref="EmailOptions.MaxMessageAge"/>, in UID order.</summary>
    public async Task<IReadOnlyList<UniqueId>> SearchUnprocessedAsync(CancellationToken cancellationToken)
    {
        return await UseAsync(
            async (client, folder, ct) =>
            {
                // NOOP makes the server report changes made by other sessions (and finds a dead connection early).
                await client.NoOpAsync(ct).ConfigureAwait(false);
                var since = timeProvider.GetUtcNow() - _options.MaxMessageAge;
                SearchQuery query = SearchQuery.DeliveredAfter(since.UtcDateTime.Date.AddDays(-1));
                query = _keywords
                    ? query.And(SearchQuery.NotKeyword(_options.ProcessedKeyword))
                    : query.And(SearchQuery.NotSeen);
                var uids = await folder.SearchAsync(query, ct).ConfigureAwait(false);
                return (IReadOnlyList<UniqueId>)[.. uids.OrderBy(u => u.Id)];
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches one mail.</summary>
    public Task<MimeMessage> GetMessageAsync(UniqueId uid, CancellationToken cancellationToken) =>
        UseAsync((_, folder, ct) => folder.GetMessageAsync(uid, ct), cancellationToken);

    /// <summary>
    /// Marks a mail <c>\Seen</c> plus <see cref="EmailOptions.ProcessedKeyword"/>. A mail of another UIDVALIDITY (the
    /// folder was rebuilt) is left alone: its UID no longer names it.
    /// </summary>
    public Task MarkProcessedAsync(MailboxUid mail, CancellationToken cancellationToken) =>
        UseAsync(
            async (_, folder, ct) =>
            {
                if (mail.UidValidity != UidValidity)
                {
                    return true;
                }

                var request = new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true };
                if (_keywords)
                {
                    request.Keywords.Add(_options.ProcessedKeyword);
                }

                await folder.StoreAsync(new UniqueId(mail.Uid), request, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Closes the connection (it is opened again on next use). Once the mailbox is disposed there is nothing to close:
    /// a host whose stop outlasted its shutdown timeout may dispose the services while the poller is still stopping.
    /// </summary>
    public async Task DisconnectAsync()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            await _gate.WaitAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return; // disposed between the check and the wait: the connection is already closed.
        }

        try
        {
            await DisconnectCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            ReleaseGate();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _gate.Dispose();
        }
    }

    public void Dispose()
    {
        // A host disposed without DisposeAsync: drop the connection without a LOGOUT.
        _client?.Dispose();
        _client = null;
        _folder = null;
    }

    private void ReleaseGate()
    {
        try
        {
            _gate.Release();
        }
        catch (ObjectDisposedException)
        {
            // Disposed while this call held the gate (the host's stop and its disposal overlapped): nothing waits on it.
        }
    }

    private async Task<T> UseAsync<T>(Func<ImapClient, IMailFolder, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var folder = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            return await action(_client!, folder, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failed or cancelled command leaves the connection in an unknown state: start over next time.
            await DisconnectCoreAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            ReleaseGate();
        }
    }

    private async Task<IMailFolder> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true, IsAuthenticated: true } && _folder is { IsOpen: true })
        {
            return _folder;
        }

        await DisconnectCoreAsync().ConfigureAwait(false);
        var client = new ImapClient { Timeout = (int)_options.OperationTimeout.TotalMilliseconds };
        _client = client;
        await EmailConnections.ConnectAsync(client, _options.ImapHost!, _options.ImapPort, _options.ImapSecurity, _options.ConnectTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
        await client.AuthenticateAsync(_options.UserName!, _options.Password!, cancellationToken).ConfigureAwait(false);
        var folder = string.Equals(_options.Folder, "INBOX", StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(_options.Folder, cancellationToken).ConfigureAwait(false);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken).ConfigureAwait(false);
        _keywords = folder.PermanentFlags.HasFlag(MessageFlags.UserDefined);
        if (!_keywords)
        {
            Log.KeywordsUnsupported(logger, mailbox.Label, _options.Folder);
        }

        UidValidity = folder.UidValidity;
        _folder = folder;
        Log.ImapConnected(logger, mailbox.Label, _options.ImapHost!, _options.ImapPort, _options.Folder);
        return folder;
    }

    private async Task DisconnectCoreAsync()
    {
        var client = _client;
        _client = null;
        _folder = null;
        if (client is null)
        {
            return;
        }

        try
        {
            if (client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), timeProvider);
                await client.DisconnectAsync(true, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // The connection is gone anyway.
        }
        finally
        {
            client.Dispose();
        }
    }
}

/// <summary>Where a mail is in the mailbox: its folder's UIDVALIDITY and its UID.</summary>
/// <param name="UidValidity">The folder's UIDVALIDITY.</param>
/// <param name="Uid">The mail's UID.</param>
internal readonly record struct MailboxUid(uint UidValidity, uint Uid)
{
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{UidValidity}:{Uid}");

    public static bool TryParse(string? value, out MailboxUid uid)
    {
        uid = default;
        var parts = value?.Split(':');
        if (parts is not { Length: 2 }
            || !uint.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var validity)
            || !uint.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        uid = new MailboxUid(validity, id);
        return true;
    }
}
