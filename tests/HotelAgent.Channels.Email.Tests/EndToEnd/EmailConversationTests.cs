using MailKit;

namespace HotelAgent.Channels.Email.Tests.EndToEnd;

/// <summary>
/// The whole path against real servers: a guest's mail in the Dovecot mailbox → poller → inbox → agent → reply by
/// OpenSMTPD into the guest's own mailbox.
/// </summary>
public sealed class EmailConversationTests(MailServers servers)
{
    [Fact]
    public async Task Conversation_GuestAsksForARoom_ReplyArrivesInTheSameThread()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers);
        var guest = MailServers.NewUser("ana");
        var mail = host.MailFrom(guest, "Reserva", "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas\n\nEl lun, 1 dic 2026 a las 10:00, Hotel <x@hotel.test> escribió:\n> Bienvenida\n");
        await servers.AppendAsync(host.HotelUser, mail);

        var replies = await servers.WaitForMailAsync(guest, m => m.Any(r => r.TextBody?.Contains("240,00", StringComparison.Ordinal) == true));

        replies.Should().AllSatisfy(reply =>
        {
            reply.References.Should().StartWith(mail.MessageId);
            reply.Subject.Should().Be("Re: Reserva");
            reply.From.Mailboxes.Single().Address.Should().Be(host.HotelAddress);
            reply.Headers["Auto-Submitted"].Should().Be("auto-replied");
            reply.Headers["X-Auto-Response-Suppress"].Should().Be("All");
        });
        // Replies are separate SMTP deliveries, so the mailbox may hold them out of order: one of them answers the
        // guest's mail directly, the later ones continue the thread.
        replies.Should().ContainSingle(r => r.InReplyTo == mail.MessageId)
            .Which.References.Should().Equal(mail.MessageId);
        var flags = (await servers.FlagsAsync(host.HotelUser)).Should().ContainSingle().Subject;
        flags.Flags!.Value.Should().HaveFlag(MessageFlags.Seen);
        flags.Keywords.Should().Contain("$HotelAgentProcessed");
    }

    [Fact]
    public async Task Conversation_GuestAnswersInTheThread_SecondReplyReferencesTheWholeThread()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers);
        var guest = MailServers.NewUser("bob");
        var first = host.MailFrom(guest, "Room", "Hello, I want to book a double room from 10 to 12 December for 2 people");
        await servers.AppendAsync(host.HotelUser, first);
        var firstReplies = await servers.WaitForMailAsync(guest, m => m.Any(r => r.TextBody?.Contains("nombre", StringComparison.OrdinalIgnoreCase) == true || r.TextBody?.Contains("name", StringComparison.OrdinalIgnoreCase) == true));
        var firstReply = firstReplies[^1];

        var second = host.MailFrom(guest, "Re: Room", "Bob Smith\n\nOn Mon, 1 Dec 2026 at 10:00, Hotel <hotel@hotel.test> wrote:\n> " + firstReply.TextBody!.Replace("\n", "\n> ", StringComparison.Ordinal));
        second.InReplyTo = firstReply.MessageId;
        second.References.Add(first.MessageId!);
        second.References.Add(firstReply.MessageId!);
        await servers.AppendAsync(host.HotelUser, second);

        var replies = await servers.WaitForMailAsync(guest, m => m.Any(r => r.InReplyTo == second.MessageId));
        var secondReply = replies.First(r => r.InReplyTo == second.MessageId);
        secondReply.References.Should().Equal(first.MessageId, firstReply.MessageId, second.MessageId);
        secondReply.Subject.Should().Be("Re: Room");
    }

    [Fact]
    public async Task Poller_ImapServerRestarts_ReconnectsAndAnswersNewMail()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers);
        var guest = MailServers.NewUser("carla");
        await servers.AppendAsync(host.HotelUser, host.MailFrom(guest, "Hola", "Hola, ¿a qué hora es el check-in?"));
        await servers.WaitForMailAsync(guest);

        await servers.StopImapAsync();
        await Task.Delay(600);
        await servers.StartImapAsync();
        var later = host.MailFrom(guest, "Re: Hola", "¿Tienen parking?");
        await servers.AppendAsync(host.HotelUser, later);

        (await servers.WaitForMailAsync(guest, m => m.Any(r => r.InReplyTo == later.MessageId))).Should().NotBeEmpty();
    }

    [Fact]
    public async Task Poller_SameMessageIdTwice_AnsweredOnce()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers);
        var guest = MailServers.NewUser("dan");
        var mail = host.MailFrom(guest, "Check-in", "What time is check-in?");
        await servers.AppendAsync(host.HotelUser, mail);
        var firstTurn = (await servers.WaitForMailAsync(guest)).Count;

        // The same mail delivered again (a resend by the guest's server, a copy after a crash), then a new one.
        await servers.AppendAsync(host.HotelUser, mail);
        var next = host.MailFrom(guest, "Parking", "Do you have parking?");
        await servers.AppendAsync(host.HotelUser, next);

        var replies = await servers.WaitForMailAsync(guest, m => m.Any(r => r.InReplyTo == next.MessageId));
        await Task.Delay(500);
        replies = await servers.WaitForMailAsync(guest, 1);
        replies.Count(r => r.InReplyTo == mail.MessageId).Should().Be(firstTurn);
        (await servers.FlagsAsync(host.HotelUser)).Should().HaveCount(3).And.OnlyContain(m => m.Keywords.Contains("$HotelAgentProcessed"));
    }
}
