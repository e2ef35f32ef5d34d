namespace HotelAgent;

/// <summary>
/// The steps of routing a message to the task that owns it, in the order <see cref="DialogueManager"/> takes them. At
/// each step every task is asked in turn; a message no task takes is answered intent by intent
/// (<see cref="IDialogueTask.TryAnswerAsync"/>).
/// </summary>
internal enum DialogueStep
{
    /// <summary>Staff handle the conversation: the message goes to their ticket (or the ticket ended and the agent resumes).</summary>
    Paused,

    /// <summary>The message answers the detail just asked (a child's age, a phone), whatever else its words could mean.</summary>
    DetailAsked,

    /// <summary>The guest asks for a person or complains, whatever is pending.</summary>
    Escalation,

    /// <summary>The message goes on with what is pending: a booking being made, a change of one, the offer of a person.</summary>
    Pending,

    /// <summary>The message follows up the booking of this chat ("one more night", "I booked under …").</summary>
    FollowUp,

    /// <summary>The message asks for something new: a booking, or a change of a booking beside a question.</summary>
    NewRequest,
}
