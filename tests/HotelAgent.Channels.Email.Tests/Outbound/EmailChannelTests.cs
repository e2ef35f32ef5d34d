using System.Diagnostics;
using HotelAgent.Abstractions;
using HotelAgent.Tests.Shared;
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

        // A staff reply kept for a later try: it answers no guest mail.
        var letter = (await host.Services.GetRequiredService<IEmailDeadLetterStore>().ListAsync()).Should().ContainSingle().Subject;
        letter.GuestId.Should().Be($"{guest}@guest.test");
        letter.Text.Should().Be("Hola\n");
        letter.AnswersMessageId.Should().BeNull();
        letter.Attempts.Should().Be(1);

        var result = await channel.SendAsync($"{guest}@guest.test", new OutboundMessage { Text = "Hola de nuevo" });

        var mail = (await servers.WaitForMailAsync(guest)).Should().ContainSingle().Subject;
        mail.MessageId.Should().Be(result.ChannelMessageId);
        mail.Subject.Should().Be("Your stay");
        mail.TextBody.Should().Be("Hola de nuevo\n");
    }

    [Fact]
    public async Task SendAsync_SmtpConnectStalls_EachAttemptEndsAfterConnectTimeoutThenTransientDeliveryException()
    {
        // No mail server is involved: the channel only ever reaches the stalled port, so the test runs without Dovecot
        // and OpenSMTPD too (the IMAP port is set only to pass validation; the poller is not started).
        using var stalled = await StalledLoopbackPort.StartAsync();
        await using var host = await EmailTestHost.StartAsync(servers, o =>
        {
            o.ImapPort = stalled.Port;
            o.SmtpPort = stalled.Port;
            o.ConnectTimeout = TimeSpan.FromMilliseconds(300);
            o.OperationTimeout = TimeSpan.FromSeconds(30);
            o.MaxSendAttempts = 2;
            o.SendRetryDelay = TimeSpan.FromMilliseconds(50);
        }, start: false);
        var channel = host.Services.GetServices<IMessageChannel>().Single(c => c.Name == ChannelNames.Email);
        var watch = Stopwatch.StartNew();

        var send = () => channel.SendAsync("ivy@guest.test", new OutboundMessage { Text = "Hola" }, TestContext.Current.CancellationToken);

        var thrown = (await send.Should().ThrowAsync<ChannelDeliveryException>()).Which;
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(600), "each of the two attempts waits out the connect timeout")
            .And.BeLessThan(TimeSpan.FromSeconds(10), "the connect timeout, not the 30 s operation timeout, ends each attempt");
        thrown.IsTransient.Should().BeTrue();
        thrown.Message.Should().Contain("after 2 attempt(s)");
        thrown.InnerException.Should().BeOfType<TimeoutException>()
            .Which.Message.Should().Contain($"127.0.0.1:{stalled.Port}").And.Contain("connect timeout");
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
