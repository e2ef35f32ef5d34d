using System.Collections.Concurrent;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Channels.Email;

/// <summary>
/// The guest mails this process is answering, and their completion: a mail is marked processed in the mailbox (and
/// recorded as answered in the <see cref="IMessageDeduplicator"/>) only once its reply has been sent. Until then it
/// stays unprocessed on the server, so a host that dies (or stops) before answering it answers it after the restart.
/// </summary>
/// <remarks>
/// Two deduplicator records per mail: a claim (<see cref="EmailMailbox.ClaimChannel"/>, <c>email.claim</c> for the
/// default mailbox, <see cref="EmailOptions.ClaimTimeout"/>, renewed while the mail is in work) that keeps other hosts
/// polling the same mailbox off it, and the answered record (<see cref="EmailMailbox.ChannelName"/>,
/// <see cref="EmailOptions.DeduplicationWindow"/>) written after the reply left, so a mail whose marking failed (or
/// that arrives again) is not answered twice. Both are kept under the mailbox's channel name: another mailbox's mail
/// of the same <c>Message-Id</c> (a guest writing to two hotels at once) or UID is its own.
/// </remarks>
internal sealed class EmailCompletion(
    ImapMailbox mailbox,
    IMessageDeduplicator deduplicator,
    EmailMailbox settings,
    ILogger<EmailCompletion> logger)
{
    private readonly EmailOptions _options = settings.Options;
    private readonly string _claimChannel = settings.ClaimChannel;
    private readonly string _answeredChannel = settings.ChannelName;
    private readonly ConcurrentDictionary<MailboxUid, string> _inWork = new();
    private readonly ConcurrentDictionary<MailboxUid, string> _unmarked = new();

    /// <summary>Gets how many mails are in work (being answered, dead-lettered, or answered but not yet marked).</summary>
    public int InWork => _inWork.Count;

    public bool IsInWork(MailboxUid mail) => _inWork.ContainsKey(mail);

    /// <summary>Claims a mail for this process; <see langword="false"/> when another process (or lane) has it.</summary>
    public async Task<bool> TryClaimAsync(MailboxUid mail, string messageId, CancellationToken cancellationToken)
    {
        if (!_inWork.TryAdd(mail, messageId))
        {
            return false;
        }

        try
        {
            if (await deduplicator.TryRegisterAsync(_claimChannel, messageId, _options.ClaimTimeout, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }
        catch (Exception)
        {
            _inWork.TryRemove(mail, out _);
            throw;
        }

        _inWork.TryRemove(mail, out _);
        return false;
    }

    /// <summary>Whether the mail was answered before (by this or another process); call with the claim held.</summary>
    public async Task<bool> WasAnsweredAsync(string messageId, CancellationToken cancellationToken)
    {
        // The deduplicator only registers: a successful registration means "not answered", and is taken back at once.
        if (await deduplicator.TryRegisterAsync(_answeredChannel, messageId, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false))
        {
            await deduplicator.ForgetAsync(_answeredChannel, messageId, CancellationToken.None).ConfigureAwait(false);
            return false;
        }

        return true;
    }

    /// <summary>Lets a mail go without answering it: it stays unprocessed and the next poll (or host) takes it again.</summary>
    public async Task ReleaseAsync(MailboxUid mail, string messageId)
    {
        _inWork.TryRemove(mail, out _);
        try
        {
            await deduplicator.ForgetAsync(_claimChannel, messageId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The claim lapses after ClaimTimeout anyway.
        }
    }

    /// <summary>
    /// Lets go of every mail still in work when the host stops (dead-lettered replies of an in-memory store, turns the
    /// shutdown timeout cut short), so that the next host, or another one, takes them at once rather than after
    /// <see cref="EmailOptions.ClaimTimeout"/>.
    /// </summary>
    public async Task ReleaseAllAsync()
    {
        foreach (var (mail, messageId) in _inWork.ToArray())
        {
            if (!_unmarked.ContainsKey(mail))
            {
                await ReleaseAsync(mail, messageId).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Records a mail answered (or not to be answered) and marks it processed.</summary>
    public async Task CompleteAsync(string messageId, MailboxUid mail, bool answered, CancellationToken cancellationToken)
    {
        _inWork.TryAdd(mail, messageId);
        if (answered)
        {
            try
            {
                await deduplicator.ConfirmAsync(_answeredChannel, messageId, _options.DeduplicationWindow, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The mark below is what keeps the mail from being answered again; the record only backs it up.
                Log.AnsweredNotRecorded(logger, messageId, ex);
            }
        }

        try
        {
            await mailbox.MarkProcessedAsync(mail, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Kept in work (not answered again by this process) and marked by the next poll.
            _unmarked[mail] = messageId;
            Log.MarkFailed(logger, mail.Uid, settings.Label, ex);
            return;
        }

        _unmarked.TryRemove(mail, out _);
        await ReleaseAsync(mail, messageId).ConfigureAwait(false);
    }

    /// <summary>Marks the answered mails whose marking failed, and renews the claims of the mails in work.</summary>
    public async Task MaintainAsync(CancellationToken cancellationToken)
    {
        foreach (var (mail, messageId) in _unmarked.ToArray())
        {
            await CompleteAsync(messageId, mail, answered: false, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (_, messageId) in _inWork.ToArray())
        {
            await deduplicator.ConfirmAsync(_claimChannel, messageId, _options.ClaimTimeout, cancellationToken).ConfigureAwait(false);
        }
    }
}
