using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// Greetings, thanks, goodbyes, a "yes" or "no" with nothing pending, and what nobody understood: the fallback, and after
/// <see cref="HotelAgentOptions.FallbacksBeforeHandoffOffer"/> of them in a row, the offer of a person. Asked last, it
/// answers any intent no other task took.
/// </summary>
internal sealed class SmallTalkTask : IDialogueTask
{
    public ValueTask<bool> TryHandleAsync(DialogueTurn turn, DialogueStep step, CancellationToken cancellationToken) => ValueTask.FromResult(false);

    public ValueTask<bool> TryAnswerAsync(DialogueTurn turn, string intent, CancellationToken cancellationToken)
    {
        var context = turn.Context;
        switch (intent)
        {
            case Intents.Greeting:
                turn.Say(ReplyKeys.Greeting, context.Hotel.Name);
                break;
            case Intents.Thanks:
                turn.Say(ReplyKeys.Thanks);
                break;
            case Intents.Goodbye:
                turn.Say(ReplyKeys.Goodbye);
                break;
            case Intents.Affirm or Intents.Deny or Intents.Inform:
                turn.Say(ReplyKeys.AnythingElse);
                break;
            default:
                turn.NotUnderstood = true;
                if (context.Session.ConsecutiveFallbacks + 1 >= turn.Services.Options.CurrentValue.FallbacksBeforeHandoffOffer)
                {
                    turn.SayWithYesNo(ReplyKeys.OfferHandoff);
                    turn.State = DialogueStates.OfferingHandoff;
                }
                else
                {
                    turn.Say(ReplyKeys.Fallback);
                }

                break;
        }

        return ValueTask.FromResult(true);
    }
}
