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

    /// <summary>The agent asked for the age of each child, which the PMS needs to book them (<see cref="PmsBookingRequirements.ChildAgesRequired"/>).</summary>
    public const string AwaitingChildAges = "awaiting_child_ages";

    /// <summary>The agent asked for the guest's phone number, which the PMS needs to book (<see cref="PmsBookingRequirements.PhoneRequired"/>).</summary>
    public const string AwaitingGuestPhone = "awaiting_guest_phone";

    /// <summary>The agent summarised the booking and waits for an explicit yes or no.</summary>
    public const string AwaitingConfirmation = "awaiting_confirmation";

    /// <summary>The booking was created.</summary>
    public const string Booked = "booked";

    /// <summary>The agent asked for a reservation code.</summary>
    public const string AwaitingBookingCode = "awaiting_booking_code";

    /// <summary>The agent asked for the email of the reservation, to verify the guest.</summary>
    public const string AwaitingVerificationEmail = "awaiting_verification_email";

    /// <summary>The agent asked what to change in a reservation.</summary>
    public const string CollectingModification = "collecting_modification";

    /// <summary>
    /// A change of a reservation brings children whose ages the PMS needs (<see cref="PmsBookingRequirements.ChildAgesRequired"/>):
    /// the agent asked for the age of each child.
    /// </summary>
    public const string AwaitingModificationChildAges = "awaiting_modification_child_ages";

    /// <summary>The agent quoted a change and waits for an explicit yes or no.</summary>
    public const string AwaitingModificationConfirmation = "awaiting_modification_confirmation";

    /// <summary>The agent quoted the cancellation policy and waits for an explicit yes or no.</summary>
    public const string AwaitingCancellationConfirmation = "awaiting_cancellation_confirmation";

    /// <summary>The agent offered a person after not understanding twice and waits for a yes or no.</summary>
    public const string OfferingHandoff = "offering_handoff";

    /// <summary>A member of staff handles the conversation; the agent is silent.</summary>
    public const string HandedOff = "handed_off";
}
