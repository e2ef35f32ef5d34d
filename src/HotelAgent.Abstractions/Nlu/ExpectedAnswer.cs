namespace HotelAgent.Abstractions;

/// <summary>
/// What the dialogue has just asked the guest, so that understanding can read a bare answer ("3", "Ana Lee,
/// ana@mail.com", "dale, hacela") for what it is. Engines read the message against it first and fall back to their
/// usual reading when the message is not such an answer.
/// </summary>
public enum ExpectedAnswer
{
    /// <summary>Nothing in particular: the message is read on its own.</summary>
    None = 0,

    /// <summary>The stay's dates (arrival, departure or number of nights).</summary>
    Dates = 1,

    /// <summary>How many people: adults and children ("3", "me and my wife", "dos adultos y un nene de 6").</summary>
    PartySize = 2,

    /// <summary>Which room type.</summary>
    RoomType = 3,

    /// <summary>The guest's full name and email, in one message or the name alone ("Ana Lee, ana@mail.com").</summary>
    GuestDetails = 4,

    /// <summary>An email address (the booking's, or the one a look-up is verified with).</summary>
    Email = 5,

    /// <summary>Yes or no to a summary the agent showed (a booking, a change or a cancellation), possibly with a fix ("no, mejor para 3").</summary>
    Confirmation = 6,

    /// <summary>A booking code, in the PMS's format (<see cref="NluRequest.BookingCodeFormat"/>).</summary>
    BookingCode = 7,
}
