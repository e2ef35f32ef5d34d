using System.Collections.Concurrent;
using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// The web chat's channel: it cannot push, so messages sent outside a turn (staff replies, notices) wait in a
/// per-conversation mailbox until the client fetches them. The web chat's guest id is its conversation id.
/// </summary>
internal sealed class WebChatMailbox : IMessageChannel, IConversationMailbox
{
    private const int MaxWaitingPerConversation = 100;
    private readonly ConcurrentDictionary<string, Queue<OutboundMessage>> _waiting = new(StringComparer.Ordinal);

    public string Name => ChannelNames.WebChat;

    public Task<DeliveryResult> SendAsync(string guestId, OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(guestId);
        ArgumentNullException.ThrowIfNull(message);
        var queue = _waiting.GetOrAdd(guestId, _ => new Queue<OutboundMessage>());
        lock (queue)
        {
            if (queue.Count >= MaxWaitingPerConversation)
            {
                throw new ChannelDeliveryException($"The web-chat mailbox of conversation '{guestId}' is full ({MaxWaitingPerConversation} messages).");
            }

            queue.Enqueue(message);
        }

        return Task.FromResult(new DeliveryResult(null));
    }

    public ValueTask<IReadOnlyList<OutboundMessage>> DrainAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        if (!_waiting.TryGetValue(conversationId, out var queue))
        {
            return ValueTask.FromResult<IReadOnlyList<OutboundMessage>>([]);
        }

        lock (queue)
        {
            IReadOnlyList<OutboundMessage> messages = queue.ToArray();
            queue.Clear();
            return ValueTask.FromResult(messages);
        }
    }
}
