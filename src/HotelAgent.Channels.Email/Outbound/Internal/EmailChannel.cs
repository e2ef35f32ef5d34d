using System.Net.Sockets;
using HotelAgent.Abstractions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace HotelAgent.Channels.Email;

/// <summary>
/// The email channel's sender: each reply is one SMTP session (connect, authenticate when offered, send, quit), so a
/// restarted server costs nothing but a retry. Replies carry <c>In-Reply-To</c>/<c>References</c> of the guest's
/// thread and <c>Auto-Submitted: auto-replied</c> (RFC 3834), so auto-responders do not answer them.
/// </summary>
internal sealed class EmailChannel(
    IOptions<EmailOptions> options,
    EmailThreads threads,
    EmailMetrics metrics,
    TimeProvider timeProvider,
    ILogger<EmailChannel> logger) : IMessageChannel
{
    private readonly EmailOptions _options = options.Value;

    public string Name => ChannelNames.Email;

    public async Task<DeliveryResult> SendAsync(string guestId, OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(guestId);
        ArgumentNullException.ThrowIfNull(message);
        if (!MailboxAddress.TryParse(guestId, out var to))
        {
            metrics.MessagesFailed.Add(1);
            throw new ChannelDeliveryException("The guest id is not an email address.") { IsTransient = false };
        }

        var thread = await threads.FindAsync(guestId, cancellationToken).ConfigureAwait(false);
        var mime = Compose(to, thread, message);
        var started = timeProvider.GetTimestamp();
        var delay = _options.SendRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SendOnceAsync(mime, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var transient = IsTransient(ex);
                Log.SendAttemptFailed(logger, _options.SmtpHost!, _options.SmtpPort, attempt, _options.MaxSendAttempts, transient, ex);
                if (!transient || attempt >= _options.MaxSendAttempts)
                {
                    metrics.MessagesFailed.Add(1);
                    throw new ChannelDeliveryException($"The reply could not be sent over SMTP after {attempt} attempt(s): {ex.Message}", ex) { IsTransient = transient };
                }

                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }

        await threads.RecordAsync(guestId, thread?.Subject ?? mime.Subject, mime.MessageId!, thread?.References ?? [], CancellationToken.None).ConfigureAwait(false);
        metrics.MessagesSent.Add(1);
        metrics.SendDuration.Record(timeProvider.GetElapsedTime(started).TotalSeconds);
        Log.MessageSent(logger, mime.MessageId!, thread?.LastMessageId);
        return new DeliveryResult(mime.MessageId);
    }

    private MimeMessage Compose(MailboxAddress to, ConversationThread? thread, OutboundMessage message)
    {
        var from = new MailboxAddress(_options.DisplayName, _options.Address!);
        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.Add(to);
        mime.Subject = thread?.Subject is { Length: > 0 } subject
            ? EmailText.IsReplySubject(subject) ? subject : "Re: " + subject
            : _options.DefaultSubject;
        mime.Date = timeProvider.GetUtcNow();
        mime.MessageId = MimeUtils.GenerateMessageId(from.Domain is { Length: > 0 } domain ? domain : "localhost");
        mime.Headers.Add("Auto-Submitted", "auto-replied");
        if (thread is not null)
        {
            mime.InReplyTo = thread.LastMessageId;
            foreach (var reference in thread.References)
            {
                mime.References.Add(reference);
            }
        }

        mime.Body = new TextPart("plain") { Text = EmailText.Render(message) };
        return mime;
    }

    private async Task SendOnceAsync(MimeMessage mime, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)_options.OperationTimeout.TotalMilliseconds };
        await EmailConnections.ConnectAsync(client, _options.SmtpHost!, _options.SmtpPort, _options.SmtpSecurity, _options.ConnectTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
        if (client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
        {
            await client.AuthenticateAsync((_options.SmtpUserName ?? _options.UserName)!, (_options.SmtpPassword ?? _options.Password)!, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(mime, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether another attempt may succeed: network errors and 4xx replies are transient; 5xx and authentication failures are not.</summary>
    internal static bool IsTransient(Exception exception) => exception switch
    {
        SmtpCommandException command => (int)command.StatusCode < 500,
        AuthenticationException => false,
        ParseException => false,
        SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutException or OperationCanceledException => true,
        _ => false,
    };
}
