namespace HotelAgent.Abstractions;

/// <summary>
/// Tells the hotel's staff that a guest needs them (by email, a webhook, a WhatsApp template, ...). The agent calls
/// every registered notifier once per ticket and event, across hosts.
/// </summary>
/// <remarks>
/// Implementations must be safe for concurrent use. A failure is thrown (a <see cref="HotelAgentException"/> whose
/// <see cref="HotelAgentException.IsTransient"/> says whether a later try may succeed); the agent tries again later,
/// for that notifier only.
/// </remarks>
public interface IStaffNotifier
{
    /// <summary>Gets the notifier's name, unique in the host (for example <c>email</c> or <c>webhook</c>).</summary>
    string Name { get; }

    /// <summary>Sends one notification.</summary>
    /// <param name="notification">What to tell staff.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the notification was delivered.</returns>
    /// <exception cref="HotelAgentException">The notification could not be delivered.</exception>
    Task NotifyAsync(StaffNotification notification, CancellationToken cancellationToken = default);
}

/// <summary>
/// What staff are told about a handoff ticket. It carries no more guest data than staff need to act: no guest id,
/// phone number, name or email; the guest's words only as a short excerpt, redacted as
/// <see cref="HotelAgentTaxonomy.GuestData"/> when the application configures redaction.
/// </summary>
public sealed record StaffNotification
{
    /// <summary>Gets the id of this notification, the same on every retry (receivers can deduplicate by it).</summary>
    public required string Id { get; init; }

    /// <summary>Gets what happened.</summary>
    public required StaffNotificationKind Kind { get; init; }

    /// <summary>Gets the ticket id.</summary>
    public required string TicketId { get; init; }

    /// <summary>Gets why the ticket was opened.</summary>
    public required HandoffReason Reason { get; init; }

    /// <summary>Gets the ticket's priority.</summary>
    public HandoffPriority Priority { get; init; }

    /// <summary>Gets the channel the guest wrote through (not the guest's id on it).</summary>
    public required string ChannelName { get; init; }

    /// <summary>Gets the language of the conversation, if known.</summary>
    public string? Language { get; init; }

    /// <summary>Gets when the ticket was opened.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets how long the ticket has waited for staff when the notification was made.</summary>
    public TimeSpan Waiting { get; init; }

    /// <summary>Gets the number of the reminder (1, 2, ...) for <see cref="StaffNotificationKind.Reminder"/>; otherwise 0.</summary>
    public int Reminder { get; init; }

    /// <summary>Gets the reservation the ticket is about, if any (redacted like the excerpt).</summary>
    [GuestData]
    public string? ReservationCode { get; init; }

    /// <summary>Gets the start of the guest's first message in the ticket, redacted, or <see langword="null"/> when excerpts are off.</summary>
    [GuestData]
    public string? Excerpt { get; init; }

    /// <summary>Gets the address of the ticket in the staff console, if one is configured.</summary>
    public Uri? ConsoleUrl { get; init; }

    /// <summary>Gets a one-line headline in the staff's language, for subjects and titles.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the notification as plain text in the staff's language (the headline, then one fact per line).</summary>
    public required string Text { get; init; }
}

/// <summary>
/// What a <see cref="StaffNotification"/> is about.
/// </summary>
public enum StaffNotificationKind
{
    /// <summary>A ticket was opened.</summary>
    Opened = 0,

    /// <summary>A ticket has waited longer than it should without staff taking it.</summary>
    Reminder = 1,

    /// <summary>The guest marked a message of an open ticket urgent.</summary>
    Escalated = 2,
}
