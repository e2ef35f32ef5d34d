using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Delivers composed replies: sends them (with retries), then completes the guest mail they answer (marks it
/// processed); a reply that still fails becomes an <see cref="EmailDeadLetter"/> and its guest mail stays unprocessed
/// until the reply leaves.
/// </summary>
/// <remarks>
/// A reply handed to the SMTP server is not cut short by the host stopping (the server may have taken it), and neither
/// is the marking of its guest mail: <see cref="CloseAsync"/> waits for the replies on their way before the host lets go
/// of its mailbox, so a mail whose reply left is never answered again by the next host.
/// </remarks>
internal sealed class EmailReplies(
    EmailSender sender,
    IEmailDeadLetterStore deadLetters,
    EmailCompletion completion,
    EmailThreads threads,
    EmailMetrics metrics,
    EmailMailbox mailbox,
    TimeProvider timeProvider,
    ILogger<EmailReplies> logger)
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _inFlight = [];
    private bool _closed;

    /// <summary>Sends a reply; on failure dead-letters it and throws.</summary>
    /// <exception cref="ChannelDeliveryException">The reply was not sent; it is in the dead-letter store.</exception>
    /// <exception cref="OperationCanceledException">The host is stopping and the reply was not handed over.</exception>
    public async Task SendAsync(PendingReply reply, int attempts, CancellationToken cancellationToken)
    {
        Task delivery;
        lock (_gate)
        {
            if (_closed)
            {
                throw new OperationCanceledException("The host is stopping: the reply was not sent.");
            }

            delivery = DeliverAsync(reply, attempts, cancellationToken);
            _inFlight.Add(delivery);
        }

        try
        {
            await delivery.ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight.Remove(delivery);
            }
        }
    }

    /// <summary>
    /// Takes no more replies and waits (at most <paramref name="grace"/>) for those on their way: sent and their guest
    /// mails marked, or failed.
    /// </summary>
    public async Task CloseAsync(TimeSpan grace)
    {
        Task[] pending;
        lock (_gate)
        {
            _closed = true;
            pending = [.. _inFlight];
        }

        if (pending.Length == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(grace, timeProvider).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException)
        {
            Log.RepliesStillLeaving(logger, pending.Count(t => !t.IsCompleted), mailbox.Label, grace);
        }
        catch (Exception)
        {
            // Each delivery's own failure was dealt with (dead-lettered, or its mail released) by its caller.
        }
    }

    private async Task DeliverAsync(PendingReply reply, int attempts, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await sender.SendAsync(reply.Mime, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelDeliveryException ex)
        {
            var letter = new EmailDeadLetter
            {
                Id = reply.Mime.MessageId!,
                GuestId = reply.GuestId,
                Subject = reply.Mime.Subject ?? string.Empty,
                Text = reply.Mime.TextBody ?? string.Empty,
                InReplyTo = reply.Mime.InReplyTo,
                References = [.. reply.Mime.References],
                AnswersMessageId = reply.AnswersMessageId,
                MailboxUid = reply.Mail?.ToString(),
                Mailbox = mailbox.Name.Length == 0 ? null : mailbox.Name,
                Reason = ex.InnerException is { } inner ? $"{inner.GetType().Name}: {inner.Message}" : ex.Message,
                IsTransient = ex.IsTransient,
                Attempts = attempts,
                FailedAt = timeProvider.GetUtcNow(),
            };
            await deadLetters.AddAsync(letter, CancellationToken.None).ConfigureAwait(false);
            metrics.DeadLettered.Add(1, mailbox.Tag);
            Log.ReplyDeadLettered(logger, letter.Id, mailbox.Label, letter.Attempts, letter.IsTransient);
            throw;
        }

        // The reply has left: its thread is recorded even when the host is stopping.
        await threads.RecordAsync(reply.GuestId, reply.Mime.Subject, reply.Mime.MessageId!, reply.Mime.References, reply.Language, CancellationToken.None).ConfigureAwait(false);
        Log.MessageSent(logger, reply.Mime.MessageId!, mailbox.Label, reply.Mime.InReplyTo);
        if (reply.Mail is { } mail && reply.AnswersMessageId is { } answers)
        {
            // The reply has left: the mark must not be given up because the host is stopping (the IMAP client's
            // OperationTimeout bounds it).
            await completion.CompleteAsync(answers, mail, answered: true, CancellationToken.None).ConfigureAwait(false);
        }
    }
}

/// <summary>A composed reply on its way out.</summary>
/// <param name="Mime">The mail.</param>
/// <param name="GuestId">The guest's address.</param>
/// <param name="AnswersMessageId">The id of the guest mail it answers, if any.</param>
/// <param name="Mail">Where that guest mail is in the mailbox, if any.</param>
/// <param name="Language">The language of the reply, if known.</param>
internal sealed record PendingReply(MimeMessage Mime, string GuestId, string? AnswersMessageId, MailboxUid? Mail, string? Language);
