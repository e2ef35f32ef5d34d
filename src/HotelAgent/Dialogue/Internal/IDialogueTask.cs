namespace HotelAgent;

/// <summary>
/// One task of the dialogue (making a booking, managing one, answering hotel questions, handing off to staff, small
/// talk). <see cref="DialogueManager"/> asks the tasks, step by step of <see cref="DialogueStep"/> and in the order they
/// are registered, which one owns the message; the first that handles it ends the routing.
/// </summary>
/// <remarks>
/// A task reads the turn's frame (<see cref="DialogueTurn"/>: what the message says and what was pending) and either
/// declines, touching nothing, or handles it: it says its replies and leaves in the turn what it still needs (the state,
/// that is what it asked, the booking draft or the change it keeps). It can ask the others for help through the turn
/// (<see cref="DialogueTurn.AnswerAsync(string, CancellationToken)"/>). Tasks are singletons shared by every property and
/// conversation: they keep nothing between calls, and a property's PMS and stores come with the turn.
/// To add a task, write a class and register it in <c>AddHotelAgent</c> at its place in the order.
/// </remarks>
internal interface IDialogueTask
{
    /// <summary>Handles the message at one step of the routing, or declines.</summary>
    /// <returns><see langword="true"/> when the task handled the message; <see langword="false"/> when it declined.</returns>
    ValueTask<bool> TryHandleAsync(DialogueTurn turn, DialogueStep step, CancellationToken cancellationToken);

    /// <summary>Answers one intent of the message (its main intent, or a question asked besides it), or declines.</summary>
    /// <returns><see langword="true"/> when the task answered; <see langword="false"/> when the intent is not its own.</returns>
    ValueTask<bool> TryAnswerAsync(DialogueTurn turn, string intent, CancellationToken cancellationToken);
}
