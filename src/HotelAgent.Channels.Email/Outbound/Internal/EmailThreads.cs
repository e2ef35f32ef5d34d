using System.Collections.Concurrent;

namespace HotelAgent.Channels.Email;

/// <summary>
/// The thread each guest last wrote in, so a reply carries <c>In-Reply-To</c>/<c>References</c> and lands in the same
/// conversation in the guest's mail client. Kept in memory: after a restart the first reply to a guest starts a new
/// thread with <see cref="EmailOptions.DefaultSubject"/> until the guest writes again.
/// </summary>
internal sealed class EmailThreads
{
    private const int MaxReferences = 20;
    private const int MaxThreads = 10_000;
    private readonly ConcurrentDictionary<string, EmailThread> _threads = new(StringComparer.OrdinalIgnoreCase);

    public EmailThread? Find(string guestAddress) => _threads.GetValueOrDefault(guestAddress);

    /// <summary>Records a mail of the thread (the guest's, or our reply) as the one to answer next.</summary>
    public void Record(string guestAddress, string? subject, string messageId, IEnumerable<string> references, string? language = null)
    {
        if (_threads.Count >= MaxThreads && !_threads.ContainsKey(guestAddress))
        {
            // A crude bound: forget everyone rather than grow without limit.
            _threads.Clear();
        }

        var chain = references.Where(r => !string.IsNullOrWhiteSpace(r)).Append(messageId).Distinct(StringComparer.Ordinal).TakeLast(MaxReferences).ToArray();
        _threads.AddOrUpdate(
            guestAddress,
            _ => new EmailThread(subject, messageId, chain, language),
            (_, old) => new EmailThread(string.IsNullOrWhiteSpace(subject) ? old.Subject : subject, messageId, chain, language ?? old.Language));
    }
}

/// <summary>One guest's thread.</summary>
/// <param name="Subject">The subject of the guest's mail.</param>
/// <param name="LastMessageId">The Message-Id to answer (without angle brackets).</param>
/// <param name="References">The thread's Message-Ids, oldest first, <paramref name="LastMessageId"/> last.</param>
/// <param name="Language">The language the agent last answered the guest in, if known.</param>
internal sealed record EmailThread(string? Subject, string LastMessageId, IReadOnlyList<string> References, string? Language = null);
