namespace HotelAgent.Tests.Dialogue;

/// <summary>
/// Wanting a cancellation against asking about one, and signing off against saying yes, in the three languages.
/// </summary>
public sealed class CancellationWishTests
{
    [Theory]
    [InlineData("I need to cancel my booking")]
    [InlineData("can you cancel it please")]
    [InlineData("tengo que cancelar la reserva")]
    [InlineData("quiero que se cancele la reserva")]
    [InlineData("¿me la puede cancelar?")]
    [InlineData("vou ter q cancelar")]
    [InlineData("cancela a reserva, por favor")]
    public void WantsToCancel_AWishOrARequest_IsTrue(string text) =>
        DialogueManager.WantsToCancel(DialogueManager.Words(text)).Should().BeTrue();

    [Theory]
    [InlineData("what's the latest I can cancel without being charged?")]
    [InlineData("if I have to cancel, do I pay anything?")]
    [InlineData("¿hasta cuándo se puede cancelar gratis?")]
    [InlineData("si tengo que cancelar, ¿me cobran?")]
    [InlineData("posso cancelar sem pagar?")]
    [InlineData("se eu cancelar, até quando não pago nada?")]
    public void WantsToCancel_AQuestionAboutCancelling_IsFalse(string text) =>
        DialogueManager.WantsToCancel(DialogueManager.Words(text)).Should().BeFalse();

    [Theory]
    [InlineData("ok cheers, that's all")]
    [InlineData("vale, gracias, eso es todo")]
    [InlineData("ok obrigada, é só isso")]
    public void SignsOff_AClosingWithoutAYes_IsTrue(string text) =>
        DialogueManager.SignsOff(DialogueManager.Words(text)).Should().BeTrue();

    [Theory]
    [InlineData("yes, cancel it, that's all")]
    [InlineData("sí, eso es todo, cancélala")]
    [InlineData("sim, é só isso")]
    [InlineData("ok")]
    public void SignsOff_AYesOrNoClosing_IsFalse(string text) =>
        DialogueManager.SignsOff(DialogueManager.Words(text)).Should().BeFalse();
}
