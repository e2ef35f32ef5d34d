using System.Diagnostics;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace HotelAgent.Channels.Email.Tests.EndToEnd;

/// <summary>
/// A hotel group in one host against the real servers: the Valencia hotel (<c>hotel.json</c>) and the Lisbon one
/// (<c>hotel-lisbon.json</c>) as two properties, each with its own mailbox on the same Dovecot and OpenSMTPD.
/// </summary>
public sealed class EmailPropertiesTests(MailServers servers)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoProperties_SameGuestMailInBothMailboxes_EachAnsweredByItsHotelFromItsAddress()
    {
        servers.SkipIfMissing();
        await using var group = await HotelGroup.StartAsync(servers);
        var guest = MailServers.NewUser("gil");

        // One mail to both hotels (To: both): the same Message-Id lands in both mailboxes, likely with the same UID and
        // UIDVALIDITY (two fresh maildirs on one server). Each mailbox claims and answers its own copy.
        var mail = GuestMail(guest, [group.ValenciaAddress, group.LisbonAddress], "Parking", "Hello, do you have parking?");
        await servers.AppendAsync(group.ValenciaUser, mail);
        await servers.AppendAsync(group.LisbonUser, mail);

        var replies = await servers.WaitForMailAsync(guest, m => m.Count(r => r.InReplyTo == mail.MessageId) >= 2);
        await Task.Delay(500, Token);
        replies = await servers.MailOfAsync(guest);

        replies.Where(r => r.InReplyTo == mail.MessageId).Should().HaveCount(2, "one answer from each hotel, none twice");
        var fromValencia = replies.Should().ContainSingle(r => r.From.Mailboxes.Single().Address == group.ValenciaAddress).Subject;
        var fromLisbon = replies.Should().ContainSingle(r => r.From.Mailboxes.Single().Address == group.LisbonAddress).Subject;
        fromValencia.TextBody.Should().Contain("€15 a day").And.NotContain("no car park");
        fromValencia.From.Mailboxes.Single().Name.Should().Be("Mirador del Puerto");
        fromLisbon.TextBody.Should().Contain("no car park").And.NotContain("€15");
        fromLisbon.From.Mailboxes.Single().Name.Should().Be("Miradouro do Tejo");
        foreach (var user in new[] { group.ValenciaUser, group.LisbonUser })
        {
            (await servers.FlagsAsync(user)).Should().ContainSingle().Which.Keywords.Should().Contain("$HotelAgentProcessed");
        }

        // Each hotel keeps its own conversation with the guest, under its property's scoped id; the default property has none.
        var sessions = group.Services.GetRequiredService<ISessionStore>();
        (await sessions.GetAsync($"valencia/email:valencia:{guest}@guest.test", Token)).Should().NotBeNull();
        (await sessions.GetAsync($"lisbon/email:lisbon:{guest}@guest.test", Token)).Should().NotBeNull();
        (await sessions.GetAsync($"email:{guest}@guest.test", Token)).Should().BeNull();
        group.Turns.Select(t => (t.ChannelName, t.Property)).Should().BeEquivalentTo([("email:valencia", (string?)null), ("email:lisbon", (string?)null)],
            "each mailbox's mail comes in on its own channel, which routes it to its property");
    }

    [Fact]
    public async Task TwoProperties_GuestAnswersLisbonsThread_OnlyLisbonAnswersInItsOwnThread()
    {
        servers.SkipIfMissing();
        await using var group = await HotelGroup.StartAsync(servers);
        var guest = MailServers.NewUser("ines");
        var toValencia = GuestMail(guest, [group.ValenciaAddress], "Check-in", "What time is check-in?");
        var toLisbon = GuestMail(guest, [group.LisbonAddress], "Check-in", "What time is check-in?");
        await servers.AppendAsync(group.ValenciaUser, toValencia);
        await servers.AppendAsync(group.LisbonUser, toLisbon);
        var first = await servers.WaitForMailAsync(guest, m => m.Any(r => r.InReplyTo == toValencia.MessageId) && m.Any(r => r.InReplyTo == toLisbon.MessageId));
        var valenciaReply = first.Single(r => r.InReplyTo == toValencia.MessageId);
        var lisbonReply = first.Single(r => r.InReplyTo == toLisbon.MessageId);
        valenciaReply.TextBody.Should().Contain("15:00");
        lisbonReply.TextBody.Should().Contain("14:00");
        valenciaReply.From.Mailboxes.Single().Address.Should().Be(group.ValenciaAddress);
        lisbonReply.From.Mailboxes.Single().Address.Should().Be(group.LisbonAddress);

        // The guest answers Lisbon's reply only.
        var again = GuestMail(guest, [group.LisbonAddress], "Re: Check-in", "And check-out?");
        again.InReplyTo = lisbonReply.MessageId;
        again.References.Add(toLisbon.MessageId!);
        again.References.Add(lisbonReply.MessageId!);
        await servers.AppendAsync(group.LisbonUser, again);

        var replies = await servers.WaitForMailAsync(guest, m => m.Any(r => r.InReplyTo == again.MessageId));
        var second = replies.Should().ContainSingle(r => r.InReplyTo == again.MessageId).Subject;
        second.From.Mailboxes.Single().Address.Should().Be(group.LisbonAddress);
        second.TextBody.Should().Contain("12:00", "Lisbon's check-out").And.NotContain("11:00");
        second.References.Should().Equal(toLisbon.MessageId, lisbonReply.MessageId, again.MessageId);
        second.References.Should().NotContain(valenciaReply.MessageId, "Valencia's thread is another conversation");
        await Task.Delay(500, Token);
        (await servers.MailOfAsync(guest)).Where(r => r.From.Mailboxes.Single().Address == group.ValenciaAddress).Should().ContainSingle("Valencia was not written to again");
        (await servers.FlagsAsync(group.ValenciaUser)).Should().ContainSingle();
    }

    [Fact]
    public async Task TwoProperties_LisbonStaffAnswersAHandoff_ReplyLeavesFromLisbonsMailboxInTheGuestsThread()
    {
        servers.SkipIfMissing();
        await using var group = await HotelGroup.StartAsync(servers);
        var guest = MailServers.NewUser("rui");
        var mail = GuestMail(guest, [group.LisbonAddress], "Help", "I want to speak to a person, please");
        await servers.AppendAsync(group.LisbonUser, mail);
        await servers.WaitForMailAsync(guest, m => m.Any(r => r.InReplyTo == mail.MessageId));

        var lisbonDesk = group.Services.GetRequiredKeyedService<IHandoffDesk>("lisbon");
        var ticket = (await lisbonDesk.ListAsync(cancellationToken: Token)).Should().ContainSingle().Subject;
        ticket.ChannelName.Should().Be("email:lisbon");
        (await group.Services.GetRequiredKeyedService<IHandoffDesk>("valencia").ListAsync(cancellationToken: Token)).Should().BeEmpty();

        await lisbonDesk.ReplyAsync(ticket.Id, "Marta", "Olá, sou a Marta da receção de Lisboa.", Token);

        var replies = await servers.WaitForMailAsync(guest, m => m.Any(r => r.TextBody?.Contains("Marta", StringComparison.Ordinal) == true));
        var staff = replies.Single(r => r.TextBody!.Contains("Marta", StringComparison.Ordinal));
        staff.From.Mailboxes.Single().Address.Should().Be(group.LisbonAddress);
        staff.References.Should().StartWith(mail.MessageId, "the staff reply continues the guest's thread with Lisbon");
        replies.Should().NotContain(r => r.From.Mailboxes.Single().Address == group.ValenciaAddress);
    }

    [Fact]
    public async Task TwoProperties_SmtpDownForALisbonReply_DeadLetterTaggedAndReplayedFromLisbon()
    {
        servers.SkipIfMissing();
        await using var group = await HotelGroup.StartAsync(servers, o =>
        {
            o.MaxSendAttempts = 1;
            o.DeadLetterRetryInterval = TimeSpan.FromMilliseconds(300);
        });
        var guest = MailServers.NewUser("luis");
        var lisbonStore = group.Services.GetRequiredKeyedService<IEmailDeadLetterStore>("lisbon");
        await servers.StopSmtpAsync();
        EmailDeadLetter letter;
        try
        {
            await servers.AppendAsync(group.LisbonUser, GuestMail(guest, [group.LisbonAddress], "Wifi", "Do you have wifi?"));
            var watch = Stopwatch.StartNew();
            IReadOnlyList<EmailDeadLetter> letters = [];
            while (letters.Count == 0 && watch.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100, Token);
                letters = await lisbonStore.ListAsync(cancellationToken: Token);
            }

            letter = letters.Should().ContainSingle().Subject;
            letter.Mailbox.Should().Be("lisbon");
            (await group.Services.GetRequiredService<IChannelDeadLetterStore>().ListAsync("email:valencia", 10, Token)).Should().BeEmpty();
            var health = await group.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name.StartsWith("email", StringComparison.Ordinal), Token);
            health.Entries["email:lisbon"].Status.Should().Be(HealthStatus.Degraded);
            health.Entries["email:lisbon"].Description.Should().StartWith("Mailbox 'lisbon': 1 replies could not be sent");
            health.Entries["email:valencia"].Status.Should().Be(HealthStatus.Healthy);
        }
        finally
        {
            await servers.StartSmtpAsync();
        }

        var replies = await servers.WaitForMailAsync(guest);
        replies.Should().ContainSingle().Which.From.Mailboxes.Single().Address.Should().Be(group.LisbonAddress, "a dead letter is sent again through its own mailbox");
        replies[0].MessageId.Should().Be(letter.Id);
    }

    private static MimeMessage GuestMail(string guestUser, string[] to, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Guest", $"{guestUser}@guest.test"));
        foreach (var address in to)
        {
            message.To.Add(MailboxAddress.Parse(address));
        }

        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("guest.test");
        message.Date = DateTimeOffset.Now;
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    /// <summary>The host of the group: a default property (the Valencia catalogue, no mailbox) and the two hotels.</summary>
    private sealed class HotelGroup : IAsyncDisposable
    {
        private readonly List<InboundMessage> _turns = [];
        private IHost _host = null!;

        public string ValenciaUser { get; } = MailServers.NewUser("valencia");

        public string LisbonUser { get; } = MailServers.NewUser("lisbon");

        public string ValenciaAddress => $"{ValenciaUser}@hotel.test";

        public string LisbonAddress => $"{LisbonUser}@hotel.test";

        public IServiceProvider Services => _host.Services;

        public IReadOnlyList<InboundMessage> Turns
        {
            get
            {
                lock (_turns)
                {
                    return [.. _turns];
                }
            }
        }

        public static async Task<HotelGroup> StartAsync(MailServers servers, Action<EmailOptions>? configure = null)
        {
            var group = new HotelGroup();
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddHotelAgent(o => o.InboxRetryDelay = TimeSpan.Zero)
                .AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
                .AddProperty("valencia", p => p
                    .AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
                    .Configure(o => o.DefaultLanguage = "en")
                    .AddEmailChannel(o =>
                    {
                        EmailTestHost.Configure(o, servers, group.ValenciaUser);
                        o.DisplayName = "Mirador del Puerto";
                        configure?.Invoke(o);
                    }))
                .AddProperty("lisbon", p => p
                    .AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel-lisbon.json"))
                    .Configure(o => o.DefaultLanguage = "en")
                    .AddEmailChannel(o =>
                    {
                        EmailTestHost.Configure(o, servers, group.LisbonUser);
                        o.DisplayName = "Miradouro do Tejo";
                        configure?.Invoke(o);
                    }));

            // Records what each mailbox hands the agent (before the router scopes it to its property).
            var inner = builder.Services.Last(d => d.ServiceType == typeof(IHotelAgent) && !d.IsKeyedService);
            builder.Services.Remove(inner);
            builder.Services.AddSingleton<IHotelAgent>(sp => new RecordingRouter((IHotelAgent)inner.ImplementationFactory!(sp), group._turns));
            group._host = builder.Build();
            await group._host.StartAsync();
            return group;
        }

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    private sealed class RecordingRouter(IHotelAgent inner, List<InboundMessage> turns) : IHotelAgent
    {
        public Task<AgentResponse> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default)
        {
            lock (turns)
            {
                turns.Add(message);
            }

            return inner.HandleAsync(message, cancellationToken);
        }
    }
}
