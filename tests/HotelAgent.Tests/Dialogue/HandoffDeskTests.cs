using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Tests.Dialogue;

public sealed class HandoffDeskTests
{
    [Fact]
    public async Task Handoff_StaffReplyAndRelease_ReachTheGuestAndResumeTheAgent()
    {
        await using var host = new TestHost();
        var desk = host.Provider.GetRequiredService<IHandoffDesk>();
        var mailbox = host.Provider.GetRequiredService<IConversationMailbox>();

        var opened = await host.SayAsync("c1", "Quiero hablar con una persona");
        var ticket = (await desk.ListAsync(HandoffStatus.Open)).Should().ContainSingle().Subject;
        (await host.SayAsync("c1", "¿sigue ahí?")).Replies.Should().BeEmpty();
        await desk.TakeAsync(ticket.Id, "Marta");
        await desk.ReplyAsync(ticket.Id, "Marta", "Hola, soy Marta");
        var released = await desk.ReleaseAsync(ticket.Id);

        opened.State.Should().Be(DialogueStates.HandedOff);
        released!.Status.Should().Be(HandoffStatus.Closed);
        released.Messages.Select(m => m.From).Should().Equal(HandoffParty.Guest, HandoffParty.Guest, HandoffParty.Staff);
        (await mailbox.DrainAsync("c1")).Select(m => m.Text).Should().Equal("Hola, soy Marta", "Le vuelve a atender el asistente virtual. ¿En qué más puedo ayudarle?");
        (await host.SayAsync("c1", "¿A qué hora es el check-in?")).Replies.Single().Text.Should().Contain("15:00");
    }

    [Fact]
    public async Task ReplyAsync_ClosedTicket_ThrowsInvalidOperation()
    {
        await using var host = new TestHost();
        var desk = host.Provider.GetRequiredService<IHandoffDesk>();
        await host.SayAsync("c1", "Quiero hablar con una persona");
        var ticket = (await desk.ListAsync()).Single();
        await desk.ReleaseAsync(ticket.Id);

        var act = async () => await desk.ReplyAsync(ticket.Id, "Marta", "hola");

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*closed*");
    }

    [Fact]
    public async Task OpenHandoff_SameConversationTwice_KeepsOneTicket()
    {
        await using var host = new TestHost();
        var desk = host.Provider.GetRequiredService<IHandoffDesk>();

        await host.SayAsync("c1", "Puedo hacer el late checkout? salida tardía");
        await host.SayAsync("c1", "Me gustaría una salida tardía el último día");

        (await desk.ListAsync()).Should().ContainSingle().Which.Reason.Should().Be(HandoffReason.LateCheckout);
    }

    [Fact]
    public async Task UnknownTicket_ReturnsNull()
    {
        await using var host = new TestHost();
        var desk = host.Provider.GetRequiredService<IHandoffDesk>();

        (await desk.TakeAsync("nope", "Marta")).Should().BeNull();
        (await desk.ReleaseAsync("nope")).Should().BeNull();
        (await desk.ReplyAsync("nope", "Marta", "hola")).Should().BeNull();
    }
}
