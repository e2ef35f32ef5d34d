using HotelAgent.Abstractions;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Mails each staff notification to <see cref="EmailStaffNotifierOptions.To"/> over SMTP (MailKit), retrying
/// transient failures (network errors, <c>4xx</c> replies) with a Polly retry. The subject is the notification's
/// title, urgent ones are marked <c>Importance: high</c>, and the <c>Message-Id</c> is derived from the notification
/// id, so a mail client can tell a retry from a new notification.
/// </summary>
internal sealed class EmailStaffNotifier : IStaffNotifier
{
    private readonly IOptionsMonitor<EmailStaffNotifierOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EmailStaffNotifier> _logger;

    public EmailStaffNotifier(IOptionsMonitor<EmailStaffNotifierOptions> options, TimeProvider timeProvider, ILogger<EmailStaffNotifier> logger)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public string Name => "email";

    public async Task NotifyAsync(StaffNotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var options = _options.CurrentValue;
        var mime = Compose(notification, options);
        var attempts = 0;
        try
        {
            await Pipeline(options).ExecuteAsync(
                async ct =>
                {
                    attempts++;
                    await SendOnceAsync(mime, options, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var transient = EmailSender.IsTransient(ex);
            Log.StaffNotificationNotMailed(_logger, notification.Id, attempts, transient, ex);
            throw new ChannelDeliveryException($"The staff notification could not be mailed after {attempts} attempt(s): {ex.Message}", ex) { IsTransient = transient };
        }

        Log.StaffNotificationMailed(_logger, notification.Id, options.To.Count, attempts);
    }

    internal MimeMessage Compose(StaffNotification notification, EmailStaffNotifierOptions options)
    {
        var from = new MailboxAddress(options.DisplayName, options.From!);
        var mime = new MimeMessage();
        mime.From.Add(from);
        foreach (var to in options.To)
        {
            mime.To.Add(MailboxAddress.Parse(to));
        }

        mime.Subject = notification.Title;
        mime.Date = _timeProvider.GetUtcNow();
        mime.MessageId = $"{notification.Id}@{(from.Domain is { Length: > 0 } domain ? domain : "localhost")}";
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Headers.Add("X-Auto-Response-Suppress", "All");
        mime.Headers.Add("X-HotelAgent-Ticket", notification.TicketId);
        if (notification.Priority == HandoffPriority.Urgent)
        {
            mime.Importance = MessageImportance.High;
            mime.Priority = MessagePriority.Urgent;
        }

        mime.Body = new TextPart("plain") { Text = notification.Text };
        return mime;
    }

    private async Task SendOnceAsync(MimeMessage mime, EmailStaffNotifierOptions options, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)Math.Max(options.ConnectTimeout.TotalMilliseconds * 6, 10_000) };
        await EmailConnections.ConnectAsync(client, options.SmtpHost!, options.SmtpPort, options.SmtpSecurity, options.ConnectTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        if (options.UserName is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, options.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(mime, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
    }

    private ResiliencePipeline Pipeline(EmailStaffNotifierOptions options)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _timeProvider };
        if (options.MaxSendAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxSendAttempts - 1,
                Delay = options.SendRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && !args.Context.CancellationToken.IsCancellationRequested && EmailSender.IsTransient(ex)),
            });
        }

        return builder.Build();
    }
}
