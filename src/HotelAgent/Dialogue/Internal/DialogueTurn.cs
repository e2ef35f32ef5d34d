using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// The frame of one turn: what the message says (<see cref="Intent"/>, <see cref="AdditionalIntents"/>,
/// <see cref="Entities"/>, <see cref="Words"/>, <see cref="Language"/>), what was pending when it came (the state, the
/// booking draft, the change being made, what the agent asked), and what the turn does: the replies it says and what it
/// leaves pending for the next message (<see cref="State"/>, <see cref="Draft"/>, <see cref="Change"/>, …).
/// </summary>
internal sealed class DialogueTurn(TurnContext context, DialogueServices services, DialogueManager dialogue)
{
    public TurnContext Context { get; } = context;

    /// <summary>Gets the property's PMS, stores, replies and options.</summary>
    public DialogueServices Services { get; } = services;

    /// <summary>Gets the intent of the message, after the confidence threshold.</summary>
    public string Intent => Context.Intent;

    /// <summary>Gets the other intents the message carries ("¿tienen lugar del 3 al 5? ¿y el desayuno?").</summary>
    public IReadOnlyList<string> AdditionalIntents => Context.Nlu.AdditionalIntents;

    public NluEntities Entities => Context.Nlu.Entities;

    /// <summary>Gets the words of the message, lower case without accents.</summary>
    public string[] Words => Context.Words;

    public string Language => Context.Language;

    /// <summary>Gets the state the conversation was in when the message came.</summary>
    public string PendingState => Context.Session.State;

    /// <summary>Gets the booking draft the conversation had when the message came.</summary>
    public BookingDraft? PendingDraft => Context.Session.Booking;

    /// <summary>Gets the change of a reservation the conversation had when the message came.</summary>
    public ReservationChange? PendingChange => Context.Session.PendingChange;

    /// <summary>Gets what the agent had just asked the guest.</summary>
    public ExpectedAnswer Expecting => DialogueManager.Expecting(Context.Session);

    /// <summary>Gets or sets the change of a reservation left pending.</summary>
    public ReservationChange? Change { get; set; } = context.Session.PendingChange;

    public IReadOnlyList<string> Verified { get; set; } = context.Session.VerifiedReservationCodes;

    public string? HandoffTicketId { get; set; } = context.Session.HandoffTicketId;

    public string? Topic { get; set; } = context.Session.LastTopic;

    public List<OutboundMessage> Replies { get; } = [];

    /// <summary>Gets or sets the booking draft left pending.</summary>
    public BookingDraft? Draft { get; set; } = context.Session.Booking;

    /// <summary>Gets or sets the state the turn leaves: what the agent now waits for.</summary>
    public string State { get; set; } = context.Session.State;

    public string? ReservationCode { get; set; }

    /// <summary>Gets or sets a value indicating whether the message was not understood (it counts towards the handoff offer).</summary>
    public bool NotUnderstood { get; set; }

    public void Say(string key, params object?[] args) =>
        Replies.Add(new OutboundMessage { Text = Services.Replies.Format(Context.Language, key, args) });

    public void Say(string key, IReadOnlyList<QuickReply> quickReplies, params object?[] args) =>
        Replies.Add(new OutboundMessage { Text = Services.Replies.Format(Context.Language, key, args), QuickReplies = quickReplies });

    public void SayWithYesNo(string key, params object?[] args) => Say(
        key,
        [new QuickReply(Services.Replies.Format(Context.Language, ReplyKeys.Yes)), new QuickReply(Services.Replies.Format(Context.Language, ReplyKeys.No))],
        args);

    /// <summary>Answers the message's main intent, by the task it belongs to.</summary>
    public Task AnswerAsync(CancellationToken cancellationToken) => dialogue.AnswerAsync(this, Intent, cancellationToken);

    /// <summary>Answers one intent, by the task it belongs to: how a task asks another for help.</summary>
    public Task AnswerAsync(string intent, CancellationToken cancellationToken) => dialogue.AnswerAsync(this, intent, cancellationToken);

    /// <summary>Answers the hotel questions the message asks besides its main request.</summary>
    public Task AnswerOtherQuestionsAsync(CancellationToken cancellationToken) => dialogue.AnswerOtherQuestionsAsync(this, cancellationToken);
}
