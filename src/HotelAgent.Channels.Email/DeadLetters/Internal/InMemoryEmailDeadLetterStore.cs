using HotelAgent.Abstractions;

namespace HotelAgent.Channels.Email;

/// <summary>
/// The email view of an <see cref="IChannelDeadLetterStore"/>: one mailbox's dead letters under its channel name
/// (<c>email</c> for the default mailbox, <c>email:{mailbox}</c> for a named one), the reply's subject and thread
/// headers, the guest mail it answers and the mailbox kept in <see cref="ChannelDeadLetter.Properties"/>, so a shared
/// store (Redis) lists and replays them from any host, each through its own mailbox.
/// </summary>
/// <param name="store">The host's channel dead-letter store.</param>
/// <param name="mailbox">The mailbox's name; empty (the default) for the default mailbox.</param>
internal class SharedEmailDeadLetterStore(IChannelDeadLetterStore store, string mailbox = "") : IEmailDeadLetterStore
{
    private const string Subject = "subject";
    private const string InReplyTo = "inReplyTo";
    private const string References = "references";
    private const string AnswersMessageId = "answersMessageId";
    private const string MailboxUid = "mailboxUid";
    private const string Mailbox = "mailbox";

    private readonly string _channel = EmailMailbox.ChannelNameOf(mailbox);

    public ValueTask AddAsync(EmailDeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        ArgumentException.ThrowIfNullOrWhiteSpace(deadLetter.Id, nameof(deadLetter));
        var properties = new Dictionary<string, string>(StringComparer.Ordinal) { [Subject] = deadLetter.Subject };
        if (deadLetter.InReplyTo is { } inReplyTo)
        {
            properties[InReplyTo] = inReplyTo;
        }

        if (deadLetter.References.Count > 0)
        {
            // Message-Ids hold no white space (RFC 5322 msg-id), so one space separates them, as in the header itself.
            properties[References] = string.Join(' ', deadLetter.References);
        }

        if (deadLetter.AnswersMessageId is { } answers)
        {
            properties[AnswersMessageId] = answers;
        }

        if (deadLetter.MailboxUid is { } uid)
        {
            properties[MailboxUid] = uid;
        }

        if ((deadLetter.Mailbox ?? (mailbox.Length == 0 ? null : mailbox)) is { } name)
        {
            properties[Mailbox] = name;
        }

        var letter = new ChannelDeadLetter(
            _channel,
            deadLetter.Id,
            Sender: string.Empty,
            deadLetter.GuestId,
            new OutboundMessage { Text = deadLetter.Text },
            ErrorCode: null,
            deadLetter.Reason,
            deadLetter.IsTransient,
            deadLetter.FailedAt)
        {
            Attempts = deadLetter.Attempts,
            Properties = properties,
        };
        return store.AddAsync(letter, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<EmailDeadLetter>> ListAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var letters = await store.ListAsync(_channel, take, cancellationToken).ConfigureAwait(false);
        return [.. letters.Select(ToEmail)];
    }

    public async ValueTask<EmailDeadLetter?> TryRemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var letter = await store.TryRemoveAsync(_channel, id, cancellationToken).ConfigureAwait(false);
        return letter is null ? null : ToEmail(letter);
    }

    private static EmailDeadLetter ToEmail(ChannelDeadLetter letter) => new()
    {
        Id = letter.Id,
        GuestId = letter.Recipient,
        Subject = letter.Properties.GetValueOrDefault(Subject) ?? string.Empty,
        Text = letter.Message.Text,
        InReplyTo = letter.Properties.GetValueOrDefault(InReplyTo),
        References = letter.Properties.GetValueOrDefault(References) is { Length: > 0 } references
            ? references.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [],
        AnswersMessageId = letter.Properties.GetValueOrDefault(AnswersMessageId),
        MailboxUid = letter.Properties.GetValueOrDefault(MailboxUid),
        Mailbox = letter.Properties.GetValueOrDefault(Mailbox),
        Reason = letter.Reason,
        IsTransient = letter.IsTransient,
        Attempts = letter.Attempts,
        FailedAt = letter.FailedAt,
    };
}

/// <summary>
/// The email dead letters of this process only (the default when no shared store is registered), at most
/// <see cref="Capacity"/> of them: the oldest are dropped first, and their guest mails stay unprocessed in the mailbox
/// and are answered after a restart.
/// </summary>
internal sealed class InMemoryEmailDeadLetterStore() : SharedEmailDeadLetterStore(new InMemoryChannelDeadLetterStore())
{
    public const int Capacity = InMemoryChannelDeadLetterStore.Capacity;
}
