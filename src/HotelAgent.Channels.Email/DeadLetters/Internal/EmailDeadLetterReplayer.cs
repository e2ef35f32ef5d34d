using HotelAgent.Abstractions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Replays and discards email dead letters; as a hosted service it also retries the transient ones every
/// <see cref="EmailOptions.DeadLetterRetryInterval"/>, so an SMTP outage delays replies without losing them.
/// </summary>
internal sealed class EmailDeadLetterReplayer(
    IEmailDeadLetterStore store,
    EmailComposer composer,
    EmailReplies replies,
    EmailCompletion completion,
    EmailMetrics metrics,
    EmailMailbox mailbox,
    TimeProvider timeProvider,
    ILogger<EmailDeadLetterReplayer> logger) : BackgroundService, IEmailDeadLetterReplayer
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<bool> ReplayAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var letter = await store.TryRemoveAsync(id, cancellationToken).ConfigureAwait(false);
        if (letter is null)
        {
            return false;
        }

        MailboxUid? mail = MailboxUid.TryParse(letter.MailboxUid, out var uid) ? uid : null;
        var reply = new PendingReply(composer.FromDeadLetter(letter), letter.GuestId, letter.AnswersMessageId, mail, null);
        try
        {
            await replies.SendAsync(reply, letter.Attempts + 1, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Not sent and not stored again by the sender: back in the store as it was.
            await store.AddAsync(letter, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        metrics.Replayed.Add(1, mailbox.Tag);
        Log.DeadLetterReplayed(logger, mailbox.Label, letter.Id, letter.Attempts + 1);
        return true;
    }

    public async Task<bool> DiscardAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var letter = await store.TryRemoveAsync(id, cancellationToken).ConfigureAwait(false);
        if (letter is null)
        {
            return false;
        }

        if (letter.AnswersMessageId is { } answers && MailboxUid.TryParse(letter.MailboxUid, out var mail))
        {
            await completion.CompleteAsync(answers, mail, answered: false, cancellationToken).ConfigureAwait(false);
        }

        Log.DeadLetterDiscarded(logger, mailbox.Label, letter.Id);
        return true;
    }

    /// <summary>Sends every transient dead letter again, oldest first; stops at the first that fails (the server is still down).</summary>
    internal async Task RetryTransientAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var letters = await store.ListAsync(InMemoryEmailDeadLetterStore.Capacity, cancellationToken).ConfigureAwait(false);
            foreach (var letter in letters.Where(l => l.IsTransient))
            {
                try
                {
                    await ReplayAsync(letter.Id, cancellationToken).ConfigureAwait(false);
                }
                catch (ChannelDeliveryException)
                {
                    // Stored again with one more attempt; the rest wait for the next round.
                    return;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(mailbox.Options.DeadLetterRetryInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                try
                {
                    await RetryTransientAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    Log.DeadLetterRetryFailed(logger, mailbox.Label, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
