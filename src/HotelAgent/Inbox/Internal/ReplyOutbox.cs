using HotelAgent.Abstractions;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// The outbox of the replies to inbox messages (<see cref="ConversationSession.Outbox"/>): the engine saves a turn and
/// its replies in one session save, <see cref="InboxProcessor"/> sends them and then removes them here. A host that
/// takes a message again after the first host died between the save and the sends finds the replies still here and
/// sends them. A guest may get a reply twice (the host died after sending but before removing it), never zero times.
/// </summary>
/// <remarks>
/// The engine keeps an outbox only for turns run inside a <see cref="Scope"/>, which the inbox processor opens around
/// <see cref="IHotelAgent.HandleAsync"/> (through any decorators, such as voice-note transcription). The web chat
/// answers in its HTTP response and keeps none.
/// </remarks>
internal sealed class ReplyOutbox(ISessionStore sessions, IOptionsMonitor<HotelAgentOptions> options)
{
    private const int MaxAttempts = 5;
    private static readonly AsyncLocal<Scope?> CurrentScope = new();

    /// <summary>Gets the scope of the inbox turn running on this flow, if any.</summary>
    public static Scope? Current => CurrentScope.Value;

    /// <summary>Opens a scope: turns handled inside it keep their replies in the outbox.</summary>
    public static Scope Open()
    {
        var scope = new Scope();
        CurrentScope.Value = scope;
        return scope;
    }

    /// <summary>Removes the replies of a message from the outbox once they were sent.</summary>
    public async ValueTask MarkSentAsync(Scope scope, InboundMessage message, CancellationToken cancellationToken)
    {
        var session = scope.Saved;
        if (session is null || !Holds(session, message.MessageId))
        {
            return;
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var result = await sessions.SaveAsync(
                session with { Outbox = [.. session.Outbox.Where(e => e.MessageId != message.MessageId)] },
                options.CurrentValue.SessionTimeToLive,
                cancellationToken).ConfigureAwait(false);
            if (result.Saved)
            {
                return;
            }

            // Another turn of the conversation saved in between: remove the entry from what it saved.
            // The saved session's id: a named property keeps the conversation under its scoped id.
            session = await sessions.GetAsync(session.ConversationId, cancellationToken).ConfigureAwait(false);
            if (session is null || !Holds(session, message.MessageId))
            {
                return;
            }
        }
    }

    /// <summary>The outbox entries to keep beside a turn: those of messages still remembered as handled, plus the new one.</summary>
    public static IReadOnlyList<OutboxEntry> WithEntry(ConversationSession before, IReadOnlyList<string> handled, string messageId, IReadOnlyList<OutboundMessage> replies)
    {
        var kept = before.Outbox.Where(e => handled.Contains(e.MessageId, StringComparer.Ordinal)).ToList();
        if (replies.Count > 0)
        {
            kept.Add(new OutboxEntry { MessageId = messageId, Replies = replies });
        }

        return kept;
    }

    private static bool Holds(ConversationSession session, string messageId) =>
        session.Outbox.Any(e => e.MessageId == messageId);

    /// <summary>One inbox turn: the engine records the session it saved (or found) so that the sent replies can be removed in one save.</summary>
    internal sealed class Scope
    {
        /// <summary>Gets or sets the session as saved by the turn, with its stored version.</summary>
        public ConversationSession? Saved { get; set; }
    }
}
