using HotelAgent.Abstractions;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Polls the IMAP mailbox: takes in each unprocessed guest mail, queues it in the <see cref="IInbox"/> and only then
/// marks it processed (<c>\Seen</c> plus <see cref="EmailOptions.ProcessedKeyword"/>).
/// </summary>
/// <remarks>
/// A crash between queueing and marking leaves the mail unprocessed; the next poll finds it again and the
/// <see cref="IMessageDeduplicator"/> drops it, so it is answered once. IMAP errors (a server restart, a dropped
/// connection, a connect longer than <see cref="EmailOptions.ConnectTimeout"/>) disconnect, wait
/// <see cref="EmailOptions.ReconnectDelay"/> (doubling up to <see cref="EmailOptions.MaxReconnectDelay"/>) and
/// reconnect; nothing escapes to the host.
/// </remarks>
internal sealed class EmailPoller(
    IOptions<EmailOptions> options,
    IInbox inbox,
    IMessageDeduplicator deduplicator,
    EmailThreads threads,
    EmailMetrics metrics,
    TimeProvider timeProvider,
    ILogger<EmailPoller> logger) : BackgroundService
{
    private readonly EmailOptions _options = options.Value;
    private ImapClient? _client;
    private IMailFolder? _folder;
    private bool _keywords;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan delay;
                try
                {
                    await PollOnceAsync(stoppingToken).ConfigureAwait(false);
                    failures = 0;
                    delay = _options.PollInterval;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    failures++;
                    delay = BackoffOf(failures);
                    Log.PollFailed(logger, _options.ImapHost!, _options.ImapPort, failures, delay, ex);
                    metrics.PollFailures.Add(1);
                    await DisconnectAsync().ConfigureAwait(false);
                }

                await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await DisconnectAsync().ConfigureAwait(false);
        }
    }

    private TimeSpan BackoffOf(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.ReconnectDelay.Ticks * factor, _options.MaxReconnectDelay.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    /// <summary>Connects if needed and takes in one batch of unprocessed mail.</summary>
    internal async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var folder = await ConnectAsync(cancellationToken).ConfigureAwait(false);

        // NOOP makes the server report changes made by other sessions (and finds a dead connection early).
        await _client!.NoOpAsync(cancellationToken).ConfigureAwait(false);
        var since = timeProvider.GetUtcNow() - _options.MaxMessageAge;
        SearchQuery query = SearchQuery.DeliveredAfter(since.UtcDateTime.Date.AddDays(-1));
        query = _keywords
            ? query.And(SearchQuery.NotKeyword(_options.ProcessedKeyword))
            : query.And(SearchQuery.NotSeen);
        var uids = await folder.SearchAsync(query, cancellationToken).ConfigureAwait(false);
        if (uids.Count == 0)
        {
            return;
        }

        Log.PollFound(logger, uids.Count);
        foreach (var uid in uids.OrderBy(u => u.Id).Take(_options.BatchSize))
        {
            var message = await folder.GetMessageAsync(uid, cancellationToken).ConfigureAwait(false);
            if (!await TakeInAsync(folder, uid, message, cancellationToken).ConfigureAwait(false))
            {
                // The inbox is full or failing: leave this and later mails for the next poll, in order.
                return;
            }
        }
    }

    /// <summary>Takes in one mail; returns <see langword="false"/> when it could not be queued.</summary>
    private async Task<bool> TakeInAsync(IMailFolder folder, UniqueId uid, MimeMessage message, CancellationToken cancellationToken)
    {
        if (SkipReasonOf(message) is { } reason)
        {
            Log.MessageSkipped(logger, uid.Id, reason);
            metrics.Skipped.Add(1, new KeyValuePair<string, object?>(EmailTags.Reason, reason));
            await MarkProcessedAsync(folder, uid, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var inbound = ToInbound(message, folder.UidValidity, uid);
        if (string.IsNullOrWhiteSpace(inbound.Text) && inbound.Media.Count == 0)
        {
            Log.MessageSkipped(logger, uid.Id, "empty");
            metrics.Skipped.Add(1, new KeyValuePair<string, object?>(EmailTags.Reason, "empty"));
            await MarkProcessedAsync(folder, uid, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (!await deduplicator.TryRegisterAsync(ChannelNames.Email, inbound.MessageId, _options.DeduplicationWindow, cancellationToken).ConfigureAwait(false))
        {
            Log.DuplicateMessage(logger, inbound.MessageId, uid.Id);
            metrics.Duplicates.Add(1);
            await MarkProcessedAsync(folder, uid, cancellationToken).ConfigureAwait(false);
            return true;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.EnqueueTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            await inbox.EnqueueAsync(inbound, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.EnqueueFailed(logger, inbound.MessageId, ex);
            await deduplicator.ForgetAsync(ChannelNames.Email, inbound.MessageId, CancellationToken.None).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException)
        {
            await deduplicator.ForgetAsync(ChannelNames.Email, inbound.MessageId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (message.MessageId is { Length: > 0 } headerId)
        {
            await threads.RecordAsync(inbound.GuestId, message.Subject, headerId, message.References, CancellationToken.None).ConfigureAwait(false);
        }

        metrics.MessagesReceived.Add(1);
        Log.MessageTakenIn(logger, inbound.MessageId, uid.Id);
        if (logger.IsEnabled(LogLevel.Trace))
        {
            Log.MessageContent(logger, inbound.MessageId, inbound.GuestId, message.Subject, inbound.Text);
        }

        await MarkProcessedAsync(folder, uid, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private string? SkipReasonOf(MimeMessage message)
    {
        if (message.From.Mailboxes.FirstOrDefault()?.Address is not { Length: > 0 } address)
        {
            return "no sender";
        }

        if (string.Equals(address, _options.Address, StringComparison.OrdinalIgnoreCase))
        {
            return "own mail";
        }

        var local = address.Split('@')[0];
        if (local.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase) || local.Equals("postmaster", StringComparison.OrdinalIgnoreCase)
            || message.Body?.ContentType.IsMimeType("multipart", "report") == true)
        {
            return "bounce";
        }

        // RFC 3834: never answer automatic mail (out-of-office replies, our own replies bounced back), or mail loops.
        var autoSubmitted = message.Headers["Auto-Submitted"];
        var precedence = message.Headers["Precedence"];
        if ((autoSubmitted is not null && !autoSubmitted.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
            || precedence?.Trim().ToUpperInvariant() is "BULK" or "JUNK" or "LIST"
            || message.Headers.Contains("List-Id"))
        {
            return "automatic";
        }

        return null;
    }

    internal InboundMessage ToInbound(MimeMessage message, uint uidValidity, UniqueId uid)
    {
        var address = message.From.Mailboxes.First().Address.Trim().ToLowerInvariant();
        var messageId = message.MessageId is { Length: > 0 } id ? id : $"{uidValidity}:{uid.Id}";
        var text = EmailText.Extract(message);
        var subject = message.Subject?.Trim();
        if (!string.IsNullOrEmpty(subject) && !EmailText.IsReplySubject(subject) && !text.Contains(subject, StringComparison.OrdinalIgnoreCase))
        {
            // The subject of a first mail often says what the guest wants ("Booking for December"): the agent reads it first.
            text = text.Length == 0 ? subject : subject + "\n\n" + text;
        }

        return new InboundMessage
        {
            MessageId = messageId,
            ChannelName = ChannelNames.Email,
            ConversationId = $"{ChannelNames.Email}:{address}",
            GuestId = address,
            Text = text.Length == 0 ? null : text,
            ReceivedAt = timeProvider.GetUtcNow(),
            Media = MediaOf(message, messageId),
        };
    }

    private List<MediaAttachment> MediaOf(MimeMessage message, string messageId)
    {
        var media = new List<MediaAttachment>();
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            var type = part.ContentType;
            var isMedia = type.MediaType.Equals("audio", StringComparison.OrdinalIgnoreCase) || type.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase);
            if (!part.IsAttachment && !isMedia)
            {
                continue;
            }

            using var buffer = new MemoryStream();
            part.Content?.DecodeTo(buffer);
            if (buffer.Length > _options.MaxAttachmentBytes)
            {
                Log.AttachmentTooLarge(logger, messageId, buffer.Length);
                continue;
            }

            media.Add(new MediaAttachment
            {
                Kind = type.MediaType.ToUpperInvariant() switch
                {
                    "AUDIO" => MediaKind.Audio,
                    "IMAGE" => MediaKind.Image,
                    _ => MediaKind.Document,
                },
                ContentType = type.MimeType,
                Content = buffer.ToArray(),
                MediaId = part.FileName,
            });
        }

        return media;
    }

    private async Task MarkProcessedAsync(IMailFolder folder, UniqueId uid, CancellationToken cancellationToken)
    {
        var request = new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true };
        if (_keywords)
        {
            request.Keywords.Add(_options.ProcessedKeyword);
        }

        await folder.StoreAsync(uid, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IMailFolder> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true, IsAuthenticated: true } && _folder is { IsOpen: true })
        {
            return _folder;
        }

        await DisconnectAsync().ConfigureAwait(false);
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
            Log.KeywordsUnsupported(logger, _options.Folder);
        }

        _folder = folder;
        Log.ImapConnected(logger, _options.ImapHost!, _options.ImapPort, _options.Folder);
        return folder;
    }

    private async Task DisconnectAsync()
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
