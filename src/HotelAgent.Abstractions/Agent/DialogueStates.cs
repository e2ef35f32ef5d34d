namespace HotelAgent.Abstractions;

/// <summary>
/// The states a conversation can be in, as reported in <see cref="AgentResponse.State"/>.
/// </summary>
public static class DialogueStates
{
    /// <summary>Nothing is in progress.</summary>
    public const string Idle = "idle";

    /// <summary>A booking is being assembled; the agent asked for dates, people or a room type.</summary>
    public const string CollectingBooking = "collecting_booking";

    /// <summary>The agent asked for the guest's name.</summary>
    public const string AwaitingGuestName = "awaiting_guest_name";

    /// <summary>The agent asked for the guest's email.</summary>
    public const string AwaitingGuestEmail = "awaiting_guest_email";

    /// <summary>The agent summarised the booking and waits for an explicit yes or no.</summary>
    public const string AwaitingConfirmation = "awaiting_confirmation";

    /// <summary>The booking was created.</summary>
    public const string Booked = "booked";
}
