using HotelAgent.Abstractions;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// Feeds the <see cref="IConversationHistoryStore"/> the staff console's conversation view reads: the guest's message
/// and the agent's replies after each saved turn, and staff replies, kept for the session's time to live
/// (<see cref="HotelAgentOptions.SessionTimeToLive"/>) with the guest's personal data redacted
/// (<see cref="ConversationTextRedactor"/>).
/// </summary>
/// <remarks>
/// The turn does not wait for the store: a store that fails (Redis down) loses those entries, logged at Debug, and the
/// guest is answered all the same. Safe for concurrent use.
/// </remarks>
internal sealed class ConversationHistory(
    IConversationHistoryStore store,
    IOptionsMonitor<HotelAgentOptions> options,
    ILogger<ConversationHistory> logger,
    IRedactorProvider? redactorProvider = null)
{
    private readonly ConversationTextRedactor _redactor = new(redactorProvider);

    /// <summary>Records a saved turn: the guest's message, then the agent's replies.</summary>
    /// <param name="session">The session as saved after the turn (it names the guest data to redact).</param>
    /// <param name="guestText">What the guest wrote (or a description of what they sent).</param>
    /// <param name="receivedAt">When the guest's message arrived.</param>
    /// <param name="replies">The agent's replies.</param>
    /// <param name="answeredAt">When the turn was saved.</param>
    public void RecordTurn(ConversationSession session, string guestText, DateTimeOffset receivedAt, IReadOnlyList<OutboundMessage> replies, DateTimeOffset answeredAt)
    {
        // The guest data the conversation knows, made into patterns once for the guest's message and every reply.
        var known = session.Booking is null ? [] : ConversationTextRedactor.Patterns(Known(session.Booking));
        var entries = new List<ConversationHistoryEntry>(replies.Count + 1);
        if (guestText.Length > 0)
        {
            entries.Add(new ConversationHistoryEntry(receivedAt, ConversationParticipant.Guest, _redactor.RedactWithPatterns(guestText, known)));
        }

        foreach (var reply in replies)
        {
            if (!string.IsNullOrWhiteSpace(reply.Text))
            {
                entries.Add(new ConversationHistoryEntry(answeredAt, ConversationParticipant.Agent, _redactor.RedactWithPatterns(reply.Text, known, anyContact: false)));
            }
        }

        Append(session.ConversationId, entries);
    }

    /// <summary>Records what a member of staff wrote to the guest.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <param name="staffName">Who wrote it.</param>
    /// <param name="text">What they wrote.</param>
    /// <param name="at">When it was sent.</param>
    public void RecordStaffReply(string conversationId, string staffName, string text, DateTimeOffset at) =>
        Append(conversationId, [new ConversationHistoryEntry(at, ConversationParticipant.Staff, _redactor.Redact(text, [], anyContact: false), staffName)]);

    // The name, and the parts of it that are names ("Ana", "García"; not "del" of "María del Mar"), the email and the phone.
    private static string?[] Known(BookingDraft booking) =>
    [
        booking.GuestName,
        booking.Email,
        booking.Phone,
        .. (booking.GuestName ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(part => part.Length >= 3 && char.IsUpper(part[0])),
    ];

    private void Append(string conversationId, IReadOnlyList<ConversationHistoryEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        ValueTask write;
        try
        {
            write = store.AppendAsync(conversationId, entries, options.CurrentValue.SessionTimeToLive);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HistoryNotRecorded(logger, ex.GetType().Name);
            return;
        }

        if (!write.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(write);
        }
    }

    private async Task ObserveAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HistoryNotRecorded(logger, ex.GetType().Name);
        }
    }
}
