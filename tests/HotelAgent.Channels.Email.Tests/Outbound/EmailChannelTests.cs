using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Channels.Email.Tests.Outbound;

public sealed class EmailChannelTests(MailServers servers)
{
    [Fact]
    public async Task SendAsync_SmtpServerDownThenBack_ThrowsTransientDeliveryExceptionThenDelivers()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers, o => o.MaxSendAttempts = 2, start: false);
        var channel = host.Services.GetServices<IMessageChannel>().Single(c => c.Name == ChannelNames.Email);
        var guest = MailServers.NewUser("ivy");

        await servers.StopSmtpAsync();
        try
        {
            var send = () => channel.SendAsync($"{guest}@guest.test", new OutboundMessage { Text = "Hola" });
            (await send.Should().ThrowAsync<ChannelDeliveryException>()).Which.IsTransient.Should().BeTrue();
        }
        finally
        {
            await servers.StartSmtpAsync();
        }

        var result = await channel.SendAsync($"{guest}@guest.test", new OutboundMessage { Text = "Hola de nuevo" });

        var mail = (await servers.WaitForMailAsync(guest)).Should().ContainSingle().Subject;
        mail.MessageId.Should().Be(result.ChannelMessageId);
        mail.Subject.Should().Be("Your stay");
        mail.TextBody.Should().Be("Hola de nuevo\n");
    }

    [Fact]
    public async Task SendAsync_GuestIdNotAnAddress_ThrowsPermanentDeliveryException()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers, start: false);
        var channel = host.Services.GetServices<IMessageChannel>().Single(c => c.Name == ChannelNames.Email);

        var send = () => channel.SendAsync("not an address", new OutboundMessage { Text = "Hola" });

        (await send.Should().ThrowAsync<ChannelDeliveryException>()).Which.IsTransient.Should().BeFalse();
    }
}
