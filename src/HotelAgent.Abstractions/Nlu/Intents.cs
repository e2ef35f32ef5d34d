namespace HotelAgent.Abstractions;

/// <summary>
/// The intents every NLU engine reports; the names are a public contract.
/// </summary>
public static class Intents
{
    /// <summary>Hello.</summary>
    public const string Greeting = "greeting";

    /// <summary>Goodbye.</summary>
    public const string Goodbye = "goodbye";

    /// <summary>Thanks.</summary>
    public const string Thanks = "thanks";

    /// <summary>Yes, confirm.</summary>
    public const string Affirm = "affirm";

    /// <summary>No, do not.</summary>
    public const string Deny = "deny";

    /// <summary>The message only gives slot values (dates, people, a room type, a name, an email).</summary>
    public const string Inform = "inform";

    /// <summary>Is there a room for these dates?</summary>
    public const string CheckAvailability = "check_availability";

    /// <summary>Book a room.</summary>
    public const string MakeReservation = "make_reservation";

    /// <summary>Change a reservation.</summary>
    public const string ModifyReservation = "modify_reservation";

    /// <summary>Cancel a reservation.</summary>
    public const string CancelReservation = "cancel_reservation";

    /// <summary>Where does my reservation stand?</summary>
    public const string ReservationStatus = "reservation_status";

    /// <summary>How much is it?</summary>
    public const string PricingInfo = "pricing_info";

    /// <summary>What rooms are there?</summary>
    public const string RoomOptions = "room_options";

    /// <summary>Wifi, breakfast, parking, pool, gym, spa, pets...</summary>
    public const string HotelAmenities = "hotel_amenities";

    /// <summary>Check-in time, early check-in.</summary>
    public const string CheckInInfo = "check_in_info";

    /// <summary>Check-out time.</summary>
    public const string CheckOutInfo = "check_out_info";

    /// <summary>Asking to leave later.</summary>
    public const string LateCheckout = "late_checkout";

    /// <summary>Address, directions, the location.</summary>
    public const string HotelLocation = "hotel_location";

    /// <summary>The cancellation policy.</summary>
    public const string CancellationPolicy = "cancellation_policy";

    /// <summary>Payment methods, deposit.</summary>
    public const string PaymentInfo = "payment_info";

    /// <summary>Asking for a person.</summary>
    public const string HumanHandoff = "human_handoff";

    /// <summary>A complaint.</summary>
    public const string Complaint = "complaint";

    /// <summary>Anything else, or not understood.</summary>
    public const string OutOfScope = "out_of_scope";

    /// <summary>Gets every intent name.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Greeting, Goodbye, Thanks, Affirm, Deny, Inform, CheckAvailability, MakeReservation, ModifyReservation,
        CancelReservation, ReservationStatus, PricingInfo, RoomOptions, HotelAmenities, CheckInInfo, CheckOutInfo,
        LateCheckout, HotelLocation, CancellationPolicy, PaymentInfo, HumanHandoff, Complaint, OutOfScope,
    ];
}
