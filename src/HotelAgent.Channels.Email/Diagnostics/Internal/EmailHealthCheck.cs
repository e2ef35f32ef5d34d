using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotelAgent.Channels.Email;

/// <summary>
/// The health of one mailbox (<c>email</c>, or <c>email:{mailbox}</c>): degraded while its IMAP polls fail or replies
/// wait as dead letters. It names the mailbox and its servers, never its user name or password.
/// </summary>
internal sealed class EmailHealthCheck(EmailPoller poller, IEmailDeadLetterStore deadLetters) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var mailbox = poller.Mailbox;
        var options = mailbox.Options;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["mailbox"] = mailbox.Label,
            ["channel"] = mailbox.ChannelName,
            ["imap"] = string.Create(CultureInfo.InvariantCulture, $"{options.ImapHost}:{options.ImapPort}"),
            ["smtp"] = string.Create(CultureInfo.InvariantCulture, $"{options.SmtpHost}:{options.SmtpPort}"),
            ["inWork"] = poller.InWork,
        };
        if (poller.LastPollAt is { } last)
        {
            data["lastPollAt"] = last;
        }

        var failures = poller.ConsecutiveFailures;
        if (failures > 0)
        {
            data["pollFailures"] = failures;
            return HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"Mailbox '{mailbox.Label}': the last {failures} IMAP poll(s) of {options.ImapHost}:{options.ImapPort} failed; it keeps reconnecting."),
                data: data);
        }

        IReadOnlyList<EmailDeadLetter> waiting;
        try
        {
            waiting = await deadLetters.ListAsync(100, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Degraded($"Mailbox '{mailbox.Label}': its dead letters cannot be read for now: {ex.GetType().Name}.", data: data);
        }

        if (waiting.Count > 0)
        {
            data["deadLetters"] = waiting.Count;
            return HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"Mailbox '{mailbox.Label}': {waiting.Count} replies could not be sent and wait for replay."),
                data: data);
        }

        return HealthCheckResult.Healthy(
            poller.LastPollAt is null ? $"Mailbox '{mailbox.Label}': waiting for its first poll." : $"Mailbox '{mailbox.Label}': polled, no undelivered replies.",
            data);
    }
}
