using System.Net.Sockets;
using HotelAgent.Abstractions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using Polly;
using Polly.Retry;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Sends a composed mail through the <see cref="SmtpConnectionPool"/>, retrying transient failures (network errors, a
/// connect longer than <see cref="EmailOptions.ConnectTimeout"/>, <c>4xx</c> replies) with a Polly retry:
/// <see cref="EmailOptions.MaxSendAttempts"/> attempts, <see cref="EmailOptions.SendRetryDelay"/> doubling.
/// </summary>
internal sealed class EmailSender
{
    private readonly EmailOptions _options;
    private readonly string _mailbox;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly SmtpConnectionPool _pool;
    private readonly EmailMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EmailSender> _logger;
    private readonly ResiliencePipeline _pipeline;

    public EmailSender(EmailMailbox mailbox, SmtpConnectionPool pool, EmailMetrics metrics, TimeProvider timeProvider, ILogger<EmailSender> logger)
    {
        _options = mailbox.Options;
        _mailbox = mailbox.Label;
        _tag = mailbox.Tag;
        _pool = pool;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (_options.MaxSendAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.MaxSendAttempts - 1,
                Delay = _options.SendRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && !args.Context.CancellationToken.IsCancellationRequested && IsTransient(ex)),
                OnRetry = args =>
                {
                    Log.SendAttemptFailed(_logger, _mailbox, _options.SmtpHost!, _options.SmtpPort, args.AttemptNumber + 1, _options.MaxSendAttempts, true, args.Outcome.Exception!);
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>Sends <paramref name="mime"/>, with retries.</summary>
    /// <exception cref="ChannelDeliveryException">Every attempt failed, or the failure is not transient (<see cref="HotelAgentException.IsTransient"/> says which).</exception>
    public async Task SendAsync(MimeMessage mime, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var attempts = 0;
        try
        {
            await _pipeline.ExecuteAsync(
                async ct =>
                {
                    attempts++;
                    await _pool.SendAsync(mime, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var transient = IsTransient(ex);
            Log.SendAttemptFailed(_logger, _mailbox, _options.SmtpHost!, _options.SmtpPort, attempts, _options.MaxSendAttempts, transient, ex);
            _metrics.MessagesFailed.Add(1, _tag);
            throw new ChannelDeliveryException($"The reply could not be sent over SMTP after {attempts} attempt(s): {ex.Message}", ex) { IsTransient = transient };
        }

        _metrics.MessagesSent.Add(1, _tag);
        _metrics.SendDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, _tag);
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
