using System.Collections.Concurrent;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Channels.Email;

/// <summary>
/// The thread each guest last wrote in, so a reply carries <c>In-Reply-To</c>/<c>References</c> and lands in the same
/// conversation in the guest's mail client, and the language the agent last answered the guest in. Kept in the
/// <see cref="IConversationThreadStore"/>: in memory by default (after a restart the first reply to a guest starts a
/// new thread with <see cref="EmailOptions.DefaultSubject"/> until the guest writes again), or shared by every host and
/// kept across restarts (Redis).
/// </summary>
/// <remarks>Threads are kept under the mailbox's channel name: a guest who writes to two mailboxes (two hotels) has a
/// thread in each, and a reply of one never continues the other's.</remarks>
internal sealed class EmailThreads(IConversationThreadStore store, EmailMailbox mailbox, ILogger<EmailThreads> logger)
{
    private readonly string _channel = mailbox.ChannelName;

    /// <summary>How long a guest's thread is kept without a new mail.</summary>
    internal static readonly TimeSpan TimeToLive = TimeSpan.FromDays(30);

    private const int MaxReferences = 20;

    /// <summary>
    /// Reads a guest's thread. A store that fails is logged and read as no thread: the reply still leaves, in a new
    /// thread.
    /// </summary>
    public async ValueTask<ConversationThread?> FindAsync(string guestAddress, CancellationToken cancellationToken)
    {
        try
        {
            return await store.GetAsync(_channel, guestAddress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ThreadNotRead(logger, ex);
            return null;
        }
    }

    /// <summary>
    /// Records a mail of the thread (the guest's, or our reply) as the one to answer next. A store that fails is
    /// logged and otherwise ignored: the mail was already taken in or sent, and the next reply only starts a new thread.
    /// </summary>
    public async ValueTask RecordAsync(string guestAddress, string? subject, string messageId, IEnumerable<string> references, string? language, CancellationToken cancellationToken)
    {
        try
        {
            var old = await store.GetAsync(_channel, guestAddress, cancellationToken).ConfigureAwait(false);
            var chain = references.Where(r => !string.IsNullOrWhiteSpace(r)).Append(messageId).Distinct(StringComparer.Ordinal).TakeLast(MaxReferences).ToArray();
            var thread = new ConversationThread(string.IsNullOrWhiteSpace(subject) ? old?.Subject : subject, messageId, chain, language ?? old?.Language);
            await store.SetAsync(_channel, guestAddress, thread, TimeToLive, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ThreadNotRecorded(logger, messageId, ex);
        }
    }
}

/// <summary>
/// Keeps the threads in this process, at most <see cref="MaxThreads"/> of them.
/// </summary>
internal sealed class InMemoryConversationThreadStore : IConversationThreadStore
{
    internal const int MaxThreads = 10_000;
    private readonly ConcurrentDictionary<(string Channel, string Guest), ConversationThread> _threads = new(KeyComparer.Instance);

    public ValueTask<ConversationThread?> GetAsync(string channelName, string guestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(guestId);
        return ValueTask.FromResult(_threads.GetValueOrDefault((channelName, guestId)));
    }

    public ValueTask SetAsync(string channelName, string guestId, ConversationThread thread, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        ArgumentException.ThrowIfNullOrWhiteSpace(guestId);
        ArgumentNullException.ThrowIfNull(thread);
        if (_threads.Count >= MaxThreads && !_threads.ContainsKey((channelName, guestId)))
        {
            // A crude bound: forget everyone rather than grow without limit.
            _threads.Clear();
        }

        _threads[(channelName, guestId)] = thread;
        return ValueTask.CompletedTask;
    }

    private sealed class KeyComparer : IEqualityComparer<(string Channel, string Guest)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string Channel, string Guest) x, (string Channel, string Guest) y) =>
            string.Equals(x.Channel, y.Channel, StringComparison.Ordinal) && string.Equals(x.Guest, y.Guest, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Channel, string Guest) obj) =>
            HashCode.Combine(StringComparer.Ordinal.GetHashCode(obj.Channel), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Guest));
    }
}
