using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// What the dialogue of one property works with: its PMS, handoff and verification stores, replies, options, metrics,
/// clock and log. The tasks reach it through <see cref="DialogueTurn.Services"/>, so one set of tasks serves every property.
/// </summary>
internal sealed class DialogueServices(
    ResilientPms pms,
    IHandoffStore handoffs,
    IVerificationAttemptStore verificationAttempts,
    ReplyCatalog replies,
    IOptionsMonitor<HotelAgentOptions> options,
    HotelAgentMetrics metrics,
    TimeProvider timeProvider,
    ILogger logger)
{
    public ResilientPms Pms { get; } = pms;

    public IHandoffStore Handoffs { get; } = handoffs;

    public IVerificationAttemptStore VerificationAttempts { get; } = verificationAttempts;

    public ReplyCatalog Replies { get; } = replies;

    public IOptionsMonitor<HotelAgentOptions> Options { get; } = options;

    public HotelAgentMetrics Metrics { get; } = metrics;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ILogger Logger { get; } = logger;

    /// <summary>Calls the PMS and records how long the call took and whether it failed.</summary>
    public async Task<T> TimePmsAsync<T>(string operation, Func<Task<T>> call)
    {
        var started = TimeProvider.GetTimestamp();
        var outcome = "success";
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception)
        {
            outcome = "error";
            throw;
        }
        finally
        {
            Metrics.PmsDuration.Record(
                TimeProvider.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>(HotelAgentTags.Operation, operation),
                new KeyValuePair<string, object?>(HotelAgentTags.Outcome, outcome));
        }
    }

    /// <summary>Opens a ticket for staff about this conversation, with the guest's message as its first line.</summary>
    public async Task<HandoffTicket> AddTicketAsync(DialogueTurn turn, HandoffReason reason, bool pausesAgent, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        var now = TimeProvider.GetUtcNow();
        var ticket = await Handoffs.AddAsync(
            new HandoffTicket
            {
                Id = Guid.NewGuid().ToString("N")[..16],
                ConversationId = context.Session.ConversationId,
                ChannelName = context.Message.ChannelName,
                GuestId = context.Message.GuestId,
                Reason = reason,
                PausesAgent = pausesAgent,
                Language = context.Language,
                ReservationCode = context.Nlu.Entities.BookingCode ?? context.Session.LastReservationCode,
                CreatedAt = now,
                UpdatedAt = now,
                Messages = [new HandoffMessage(HandoffParty.Guest, context.Text, now)],
            },
            cancellationToken).ConfigureAwait(false);
        Metrics.Handoffs.Add(
            1,
            new KeyValuePair<string, object?>(HotelAgentTags.Reason, reason.ToString()),
            new KeyValuePair<string, object?>(HotelAgentTags.Channel, context.Message.ChannelName));
        Log.HandoffOpened(Logger, ticket.Id, reason.ToString(), context.Session.ConversationId);
        return ticket;
    }
}
