using System.Collections.Concurrent;
using System.Threading.Channels;
using HotelAgent.Abstractions;
using MailKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Polls the IMAP mailbox and answers each unprocessed guest mail: the agent's turn, one reply mail with the turn's
/// replies as paragraphs, and only then the mail is marked processed (<c>\Seen</c> plus
/// <see cref="EmailOptions.ProcessedKeyword"/>). The mailbox itself is the durable inbox: a mail whose reply has not
/// left stays unprocessed on the server, whatever happens to this process.
/// </summary>
/// <remarks>
/// <para>Mails are answered on <see cref="EmailOptions.MaxConcurrentTurns"/> lanes, one guest always on the same lane,
/// so one guest's mails are answered in order.</para>
/// <para>On shutdown polling stops first; the turns in progress finish (until the host's shutdown timeout cancels
/// them) and mails queued but not started are left unprocessed for the next start.</para>
/// <para>One poller per mailbox: each named mailbox (<c>email:{name}</c>) has its own loop, lanes, IMAP connection,
/// SMTP pool and claims, and its guest mails come in on its own channel name, which routes them to the property that
/// owns the mailbox.</para>
/// <para>IMAP errors (a server restart, a dropped connection, a connect longer than
/// <see cref="EmailOptions.ConnectTimeout"/>) disconnect, wait <see cref="EmailOptions.ReconnectDelay"/> (doubling up
/// to <see cref="EmailOptions.MaxReconnectDelay"/>) and reconnect; nothing escapes to the host.</para>
/// </remarks>
internal sealed class EmailPoller : BackgroundService
{
    private const int LaneCapacity = 16;
    private const int MaxTurnAttempts = 5;

    private readonly EmailOptions _options;
    private readonly EmailMailbox _mailbox;
    private readonly IServiceProvider _services;
    private readonly ImapMailbox _imap;
    private readonly EmailCompletion _completion;
    private readonly EmailComposer _composer;
    private readonly EmailReplies _replies;
    private readonly EmailThreads _threads;
    private readonly ReplyRateLimiter _rateLimiter;
    private readonly EmailMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EmailPoller> _logger;
    private readonly CancellationTokenSource _stopPolling = new();
    private readonly CancellationTokenSource _abortTurns = new();
    private readonly Channel<MailWork>[] _lanes;
    private readonly ConcurrentDictionary<MailboxUid, int> _failures = new();
    private Task[] _workers = [];
    private int _consecutiveFailures;
    private long _lastPollTicks;

    public EmailPoller(
        EmailMailbox mailbox,
        IServiceProvider services,
        ImapMailbox imap,
        EmailCompletion completion,
        EmailComposer composer,
        EmailReplies replies,
        EmailThreads threads,
        ReplyRateLimiter rateLimiter,
        EmailMetrics metrics,
        TimeProvider timeProvider,
        ILogger<EmailPoller> logger)
    {
        _options = mailbox.Options;
        _mailbox = mailbox;
        _services = services;
        _imap = imap;
        _completion = completion;
        _composer = composer;
        _replies = replies;
        _threads = threads;
        _rateLimiter = rateLimiter;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _lanes = [.. Enumerable.Range(0, _options.MaxConcurrentTurns)
            .Select(_ => Channel.CreateBounded<MailWork>(new BoundedChannelOptions(LaneCapacity) { SingleReader = true, SingleWriter = true }))];
    }

    private IHotelAgent Agent => field ??= _services.GetRequiredService<IHotelAgent>();

    /// <summary>Gets how many guest mails this process holds (queued, in a turn, dead-lettered or awaiting their mark).</summary>
    internal int InWork => _completion.InWork;

    /// <summary>Gets the mailbox this poller reads.</summary>
    internal EmailMailbox Mailbox => _mailbox;

    /// <summary>Gets how many polls in a row have failed (0 after a poll that worked).</summary>
    internal int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    /// <summary>Gets when the last poll that worked ended, or <see langword="null"/> before the first.</summary>
    internal DateTimeOffset? LastPollAt => Volatile.Read(ref _lastPollTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _workers = [.. _lanes.Select(lane => Task.Run(() => RunLaneAsync(lane.Reader), CancellationToken.None))];
        using var polling = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _stopPolling.Token);
        var token = polling.Token;
        var failures = 0;
        try
        {
            while (!token.IsCancellationRequested)
            {
                TimeSpan delay;
                try
                {
                    await PollOnceAsync(token).ConfigureAwait(false);
                    failures = 0;
                    Volatile.Write(ref _consecutiveFailures, 0);
                    Volatile.Write(ref _lastPollTicks, _timeProvider.GetUtcNow().UtcTicks);
                    delay = _options.PollInterval;
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    failures++;
                    Volatile.Write(ref _consecutiveFailures, failures);
                    delay = BackoffOf(failures);
                    Log.PollFailed(_logger, _mailbox.Label, _options.ImapHost!, _options.ImapPort, failures, delay, ex);
                    _metrics.PollFailures.Add(1, _mailbox.Tag);
                    await _imap.DisconnectAsync().ConfigureAwait(false);
                }

                await Task.Delay(delay, _timeProvider, token).ConfigureAwait(false);
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // Stopping: a poll cancelled, or one that failed while the host stopped (a connection that cannot be
            // cancelled, such as a name lookup), ends polling quietly; the host's stop must not fail because of it.
        }
    }

    /// <summary>
    /// Stops polling first, then lets the turns in progress finish and their replies leave; the host's shutdown timeout
    /// (<paramref name="cancellationToken"/>) cancels what is still running. Mails not answered stay unprocessed.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopPolling.CancelAsync().ConfigureAwait(false);
        using var abort = cancellationToken.Register(() => _abortTurns.Cancel());
        try
        {
            if (ExecuteTask is { } polling)
            {
                await polling.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var lane in _lanes)
            {
                lane.Writer.TryComplete();
            }

            Log.ShuttingDown(_logger, _mailbox.Label, _completion.InWork);
            await Task.WhenAll(_workers).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The shutdown timeout: what did not finish stays unprocessed in the mailbox.
        }
        finally
        {
            await base.StopAsync(CancellationToken.None).ConfigureAwait(false);

            // Replies already handed to the SMTP server finish leaving, and their mails are marked, before the mailbox
            // is let go: otherwise the next host would answer them again.
            await _replies.CloseAsync(2 * _options.OperationTimeout).ConfigureAwait(false);
            await _completion.ReleaseAllAsync().ConfigureAwait(false);
            await _imap.DisconnectAsync().ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _stopPolling.Dispose();
        _abortTurns.Dispose();
        base.Dispose();
    }

    private TimeSpan BackoffOf(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.ReconnectDelay.Ticks * factor, _options.MaxReconnectDelay.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    /// <summary>Connects if needed, marks answered mail whose mark failed, and takes in one batch of unprocessed mail.</summary>
    internal async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        await _completion.MaintainAsync(cancellationToken).ConfigureAwait(false);
        var uids = await _imap.SearchUnprocessedAsync(cancellationToken).ConfigureAwait(false);
        var validity = _imap.UidValidity;
        var fresh = uids.Select(u => new MailboxUid(validity, u.Id)).Where(m => !_completion.IsInWork(m)).Take(_options.BatchSize).ToArray();
        if (fresh.Length == 0)
        {
            return;
        }

        Log.PollFound(_logger, _mailbox.Label, fresh.Length);
        foreach (var mail in fresh)
        {
            var message = await _imap.GetMessageAsync(new UniqueId(mail.Uid), cancellationToken).ConfigureAwait(false);
            await TakeInAsync(mail, message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task TakeInAsync(MailboxUid mail, MimeMessage message, CancellationToken cancellationToken)
    {
        var messageId = message.MessageId is { Length: > 0 } id ? id : mail.ToString();
        if (AutomaticMail.ReasonOf(message, _options.Address) is { } reason)
        {
            await SkipAsync(mail, messageId, reason, cancellationToken).ConfigureAwait(false);
            return;
        }

        var inbound = ToInbound(message, mail);
        if (string.IsNullOrWhiteSpace(inbound.Text) && inbound.Media.Count == 0)
        {
            await SkipAsync(mail, messageId, "empty", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!await _completion.TryClaimAsync(mail, inbound.MessageId, cancellationToken).ConfigureAwait(false))
        {
            // Another host polling the same mailbox is answering it.
            return;
        }

        try
        {
            if (await _completion.WasAnsweredAsync(inbound.MessageId, cancellationToken).ConfigureAwait(false))
            {
                // Answered before (the mark was lost, or the same mail arrived again): only marked.
                Log.DuplicateMessage(_logger, inbound.MessageId, mail.Uid);
                _metrics.Duplicates.Add(1, _mailbox.Tag);
                await _completion.CompleteAsync(inbound.MessageId, mail, answered: false, cancellationToken).ConfigureAwait(false);
                return;
            }

            // A mail retried after a failed turn has had its permit.
            if (!_failures.ContainsKey(mail) && !_rateLimiter.TryAcquire(inbound.GuestId))
            {
                Log.RateLimited(_logger, mail.Uid, _mailbox.Label, _options.MaxRepliesPerCorrespondent, _options.ReplyRateWindow);
                _metrics.Skipped.Add(1, new KeyValuePair<string, object?>(EmailTags.Reason, "rate limited"), _mailbox.Tag);
                await _completion.CompleteAsync(inbound.MessageId, mail, answered: false, cancellationToken).ConfigureAwait(false);
                return;
            }

            _metrics.MessagesReceived.Add(1, _mailbox.Tag);
            Log.MessageTakenIn(_logger, inbound.MessageId, mail.Uid, _mailbox.Label);
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                Log.MessageContent(_logger, inbound.MessageId, inbound.GuestId, message.Subject, inbound.Text);
            }

            var work = new MailWork(mail, inbound, message.MessageId, message.Subject, [.. message.References]);
            var lane = _lanes[(inbound.ConversationId.GetHashCode(StringComparison.Ordinal) & int.MaxValue) % _lanes.Length];
            await lane.Writer.WriteAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await _completion.ReleaseAsync(mail, inbound.MessageId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task SkipAsync(MailboxUid mail, string messageId, string reason, CancellationToken cancellationToken)
    {
        Log.MessageSkipped(_logger, mail.Uid, _mailbox.Label, reason);
        _metrics.Skipped.Add(1, new KeyValuePair<string, object?>(EmailTags.Reason, reason), _mailbox.Tag);
        await _completion.CompleteAsync(messageId, mail, answered: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunLaneAsync(ChannelReader<MailWork> reader)
    {
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (reader.TryRead(out var work))
            {
                if (_stopPolling.IsCancellationRequested)
                {
                    // Shutting down: not started, so left unprocessed for the next start.
                    await _completion.ReleaseAsync(work.Mail, work.Message.MessageId).ConfigureAwait(false);
                    continue;
                }

                try
                {
                    await AnswerAsync(work, _abortTurns.Token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    Log.TurnFailed(_logger, work.Message.MessageId, _mailbox.Label, 0, ex);
                    await _completion.ReleaseAsync(work.Mail, work.Message.MessageId).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Runs the agent's turn for one mail and sends its reply; the mail is marked processed once the reply left.</summary>
    internal async Task AnswerAsync(MailWork work, CancellationToken cancellationToken)
    {
        var message = work.Message;
        if (work.HeaderMessageId is { Length: > 0 } headerId)
        {
            await _threads.RecordAsync(message.GuestId, work.Subject, headerId, work.References, null, CancellationToken.None).ConfigureAwait(false);
        }

        AgentResponse response;
        try
        {
            response = await Agent.HandleAsync(message, cancellationToken).ConfigureAwait(false);
            if (response.IsDuplicate && response.Replies.Count == 0)
            {
                // The conversation records this mail as handled, but its reply never left (a host died between the
                // turn and the reply): a mail counts as handled only once answered, so its turn runs again.
                Log.TurnRunAgain(_logger, message.MessageId);
                var again = message with { MessageId = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{message.MessageId}#{_timeProvider.GetUtcNow().ToUnixTimeMilliseconds()}") };
                response = await Agent.HandleAsync(again, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _completion.ReleaseAsync(work.Mail, message.MessageId).ConfigureAwait(false);
            return;
        }
        catch (ArgumentException ex)
        {
            // Nothing in it the agent can answer: another turn would not help.
            Log.MailUnanswerable(_logger, message.MessageId, ex.Message);
            await _completion.CompleteAsync(message.MessageId, work.Mail, answered: false, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            var attempt = _failures.AddOrUpdate(work.Mail, 1, (_, n) => n + 1);
            Log.TurnFailed(_logger, message.MessageId, _mailbox.Label, attempt, ex);
            if (attempt < MaxTurnAttempts)
            {
                // Left unprocessed: the next poll takes it again.
                await _completion.ReleaseAsync(work.Mail, message.MessageId).ConfigureAwait(false);
            }

            // Otherwise it stays in work (unprocessed on the server), not retried by this process until it restarts.
            return;
        }

        _failures.TryRemove(work.Mail, out _);
        if (response.Replies.Count == 0)
        {
            // Staff hold the conversation: the agent has nothing to say, and the mail is handled.
            await _completion.CompleteAsync(message.MessageId, work.Mail, answered: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        var thread = await _threads.FindAsync(message.GuestId, CancellationToken.None).ConfigureAwait(false);
        var mime = _composer.Compose(MailboxAddress.Parse(message.GuestId), thread, response.Replies, response.Language);
        try
        {
            await _replies.SendAsync(new PendingReply(mime, message.GuestId, message.MessageId, work.Mail, response.Language), 1, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelDeliveryException)
        {
            // Dead-lettered: the mail stays in work (and unprocessed on the server) until the reply leaves.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _completion.ReleaseAsync(work.Mail, message.MessageId).ConfigureAwait(false);
        }
    }

    internal InboundMessage ToInbound(MimeMessage message, MailboxUid mail)
    {
        var address = message.From.Mailboxes.First().Address.Trim().ToLowerInvariant();
        var messageId = message.MessageId is { Length: > 0 } id ? id : mail.ToString();
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
            ChannelName = _mailbox.ChannelName,
            ConversationId = $"{_mailbox.ChannelName}:{address}",
            GuestId = address,
            Text = text.Length == 0 ? null : text,
            ReceivedAt = _timeProvider.GetUtcNow(),
            Media = MediaOf(message, messageId),
        };
    }

    /// <summary>
    /// Every part that is not the mail's text: attachments of any type, and inline audio, images and other non-text
    /// parts. One larger than <see cref="EmailOptions.MaxAttachmentBytes"/> is kept without its content (as a
    /// document), so a mail that holds only that is still answered.
    /// </summary>
    private List<MediaAttachment> MediaOf(MimeMessage message, string messageId)
    {
        var media = new List<MediaAttachment>();
        foreach (var part in message.BodyParts)
        {
            var type = part.ContentType;
            var isText = type.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase);
            if (!part.IsAttachment && isText)
            {
                continue;
            }

            var kind = type.MediaType.ToUpperInvariant() switch
            {
                "AUDIO" => MediaKind.Audio,
                "IMAGE" => MediaKind.Image,
                _ => MediaKind.Document,
            };
            using var buffer = new MemoryStream();
            switch (part)
            {
                case MimePart mimePart:
                    mimePart.Content?.DecodeTo(buffer);
                    break;
                case MessagePart { Message: { } attached }:
                    attached.WriteTo(buffer);
                    break;
            }

            var fileName = part.ContentDisposition?.FileName ?? type.Name;
            if (buffer.Length > _options.MaxAttachmentBytes)
            {
                Log.AttachmentTooLarge(_logger, messageId, buffer.Length);
                media.Add(new MediaAttachment { Kind = MediaKind.Document, ContentType = type.MimeType, MediaId = fileName });
                continue;
            }

            media.Add(new MediaAttachment { Kind = kind, ContentType = type.MimeType, Content = buffer.ToArray(), MediaId = fileName });
        }

        return media;
    }
}

/// <summary>One guest mail waiting for its turn.</summary>
internal sealed record MailWork(MailboxUid Mail, InboundMessage Message, string? HeaderMessageId, string? Subject, IReadOnlyList<string> References);
