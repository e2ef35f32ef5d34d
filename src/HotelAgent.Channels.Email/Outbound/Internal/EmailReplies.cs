using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Delivers composed replies: sends them (with retries), then completes the guest mail they answer (marks it
/// processed); a reply that still fails becomes an <see cref="EmailDeadLetter"/> and its guest mail stays unprocessed
/// until the reply leaves.
/// </summary>
internal sealed class EmailReplies(
    EmailSender sender,
    IEmailDeadLetterStore deadLetters,
    EmailCompletion completion,
    EmailThreads threads,
    EmailMetrics metrics,
    TimeProvider timeProvider,
    ILogger<EmailReplies> logger)
{
    /// <summary>Sends a reply; on failure dead-letters it and throws.</summary>
    /// <exception cref="ChannelDeliveryException">The reply was not sent; it is in the dead-letter store.</exception>
    public async Task SendAsync(PendingReply reply, int attempts, CancellationToken cancellationToken)
    {
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
                Reason = ex.InnerException is { } inner ? $"{inner.GetType().Name}: {inner.Message}" : ex.Message,
                IsTransient = ex.IsTransient,
                Attempts = attempts,
                FailedAt = timeProvider.GetUtcNow(),
            };
            await deadLetters.AddAsync(letter, CancellationToken.None).ConfigureAwait(false);
            metrics.DeadLettered.Add(1);
            Log.ReplyDeadLettered(logger, letter.Id, letter.Attempts, letter.IsTransient);
            throw;
        }

        // The reply has left: its thread is recorded even when the host is stopping.
        await threads.RecordAsync(reply.GuestId, reply.Mime.Subject, reply.Mime.MessageId!, reply.Mime.References, reply.Language, CancellationToken.None).ConfigureAwait(false);
        Log.MessageSent(logger, reply.Mime.MessageId!, reply.Mime.InReplyTo);
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
