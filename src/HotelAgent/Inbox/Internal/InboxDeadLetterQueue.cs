using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// The inbox's dead letters (guest messages the agent could not handle after every attempt) as an
/// <see cref="IDeadLetterQueue"/> named <c>inbox</c>; replay puts a message back in the inbox.
/// </summary>
internal sealed class InboxDeadLetterQueue(IInbox inbox) : IDeadLetterQueue
{
    public const string QueueName = "inbox";

    public string Name => QueueName;

    public async ValueTask<IReadOnlyList<DeadLetterInfo>> ListAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        var letters = await inbox.GetDeadLettersAsync(take, cancellationToken).ConfigureAwait(false);
        return [.. letters.Select(l => new DeadLetterInfo
        {
            Queue = QueueName,
            Id = l.Id,
            Direction = "inbound",
            ChannelName = l.Message.ChannelName,
            ConversationId = l.Message.ConversationId,
            Content = ContentOf(l.Message),
            Reason = l.Reason,
            Attempts = l.Attempts,
            FailedAt = l.FailedAt,
        })];
    }

    public ValueTask<bool> ReplayAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return inbox.ReplayAsync(id, cancellationToken);
    }

    public ValueTask<bool> DiscardAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return inbox.DiscardAsync(id, cancellationToken);
    }

    /// <summary>What a message holds, without its content.</summary>
    internal static string ContentOf(InboundMessage message)
    {
        var kind = NonTextReplies.KindOf(message);
        return kind switch
        {
            NonTextReplies.Kind.Audio => "voice note",
            NonTextReplies.Kind.Image => "photo",
            NonTextReplies.Kind.Document => "document",
            NonTextReplies.Kind.Location => "location",
            NonTextReplies.Kind.Other => "other",
            _ => message.Interactive is not null ? "button" : "text",
        };
    }
}
