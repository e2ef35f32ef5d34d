namespace HotelAgent.Abstractions;

/// <summary>
/// One place where messages that failed every attempt are kept: the inbox (guest messages the agent could not
/// handle), a channel's undelivered replies (WhatsApp), and so on. Each registers itself with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IDeadLetterQueue, ...&gt;())</c>, and
/// <c>MapHotelAgent()</c> lists, replays and discards the dead letters of all of them (<c>/v1/dead-letters</c>, admin).
/// </summary>
/// <remarks>
/// Dead letters hold guest content: <see cref="DeadLetterInfo"/> carries none, and implementations never log it above
/// <c>Trace</c>. Implementations must be safe for concurrent use.
/// </remarks>
public interface IDeadLetterQueue
{
    /// <summary>Gets the name of the queue, unique in the host and safe in a URL path (<c>inbox</c>, <c>whatsapp</c>, <c>email</c>).</summary>
    string Name { get; }

    /// <summary>Lists dead letters, oldest first.</summary>
    /// <param name="take">The most dead letters to return.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The dead letters, without guest content.</returns>
    ValueTask<IReadOnlyList<DeadLetterInfo>> ListAsync(int take = 100, CancellationToken cancellationToken = default);

    /// <summary>Tries a dead letter again: an inbound message goes back to the agent, an undelivered reply is sent again.</summary>
    /// <param name="id">The id of the dead letter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when it was replayed; <see langword="false"/> when no dead letter has that id.</returns>
    /// <exception cref="HotelAgentException">The replay failed; the dead letter is kept.</exception>
    ValueTask<bool> ReplayAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Removes a dead letter for good (staff dealt with it some other way).</summary>
    /// <param name="id">The id of the dead letter.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when it was removed; <see langword="false"/> when no dead letter has that id.</returns>
    ValueTask<bool> DiscardAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>
/// What staff see of a dead letter: where it is, why it failed; no guest content.
/// </summary>
public sealed record DeadLetterInfo
{
    /// <summary>Gets the name of the <see cref="IDeadLetterQueue"/> that holds it.</summary>
    public required string Queue { get; init; }

    /// <summary>Gets the id of the dead letter in its queue.</summary>
    public required string Id { get; init; }

    /// <summary>Gets <c>inbound</c> for a guest message the agent could not handle, <c>outbound</c> for a reply that could not be delivered.</summary>
    public required string Direction { get; init; }

    /// <summary>Gets the channel of the message (<c>whatsapp:{phone-number-id}</c>, <c>email</c>...).</summary>
    public required string ChannelName { get; init; }

    /// <summary>Gets the conversation of the message, when known (it holds the guest's phone number or address).</summary>
    public string? ConversationId { get; init; }

    /// <summary>Gets what the message holds, without its content: <c>text</c>, <c>voice note</c>, <c>photo</c>, <c>template</c>...</summary>
    public required string Content { get; init; }

    /// <summary>Gets why the last attempt failed (no guest content).</summary>
    public required string Reason { get; init; }

    /// <summary>Gets how many attempts were made, when counted.</summary>
    public int? Attempts { get; init; }

    /// <summary>Gets whether trying again later may succeed, when known.</summary>
    public bool? IsTransient { get; init; }

    /// <summary>Gets when the last attempt failed.</summary>
    public DateTimeOffset FailedAt { get; init; }
}
