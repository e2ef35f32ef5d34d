using HotelAgent.Abstractions;
using HotelAgent.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace HotelAgent.Channels.Email.Tests;

/// <summary>
/// Staff notifications end to end: the signed webhook reaches a real HTTP server on loopback and the email a real
/// SMTP server (OpenSMTPD, read back over IMAP), each exactly once per ticket, with retries when they fail, and once
/// in all when two hosts share one Redis.
/// </summary>
public sealed class StaffNotificationDeliveryTests(MailServers servers, ITestOutputHelper output)
{
    private const string Secret = "Zq8v-Lm3k-Rt7w-Pn2x-Hb5c";

    [Fact]
    public async Task Tickets_SignedWebhookAndEmail_ArriveExactlyOncePerTicket_AfterRetries()
    {
        servers.SkipIfMissing();
        var staff = MailServers.NewUser("staff");
        using var receiver = WebhookReceiver.Start(Secret, failFirst: 2);
        using var host = await StartHostAsync(receiver, staff);
        var agent = host.Services.GetRequiredService<IHotelAgent>();

        await SayAsync(agent, "34600111222", "Quiero poner una queja: la ducha no funciona");
        await SayAsync(agent, "34600111222", "¿Hay alguien ahí?");
        await SayAsync(agent, "34600333444", "I'd like to speak to a person please");

        await receiver.WaitUntilAsync(r => r.Accepted.Count >= 2, TimeSpan.FromSeconds(30));
        var mails = await servers.WaitForMailAsync(staff, 2, TimeSpan.FromSeconds(30));
        await Task.Delay(1500); // several scans: nothing is sent again
        mails = await servers.MailOfAsync(staff);

        var tickets = await host.Services.GetRequiredService<IHandoffDesk>().ListAsync();
        output.WriteLine($"{receiver.Requests.Count} webhook requests ({string.Join(", ", receiver.Requests.Select(r => r.Status))}), {mails.Count} mails for {tickets.Count} tickets");
        tickets.Should().HaveCount(2);
        receiver.Accepted.Select(r => r.Json.GetProperty("ticketId").GetString()).Should().BeEquivalentTo(tickets.Select(t => t.Id));
        receiver.Accepted.Should().OnlyContain(r => r.SignatureValid && r.Event == "handoff.opened");
        receiver.Requests.Should().HaveCount(4, "the first two POSTs were answered 503 and retried by the resilience handler");
        // The two tickets' deliveries may be in flight together, so the refused requests can belong to either: a retry
        // repeats its delivery id, so the four requests carry exactly the two deliveries' ids.
        receiver.Requests.Select(r => r.DeliveryId).Distinct().Should().HaveCount(2, "a retry repeats the delivery id");
        receiver.Requests.Should().OnlyContain(r => !r.Body.Contains("34600111222") && !r.Body.Contains("34600333444"));
        var complaint = receiver.Accepted.Single(r => r.Json.GetProperty("reason").GetString() == "complaint");
        complaint.Json.GetProperty("excerpt").GetString().Should().Be("Quiero poner una queja: la ducha no funciona");
        complaint.Json.GetProperty("text").GetString().Should().StartWith("Guest complaint (ticket ");

        mails.Should().HaveCount(2);
        mails.Select(m => m.Headers["X-HotelAgent-Ticket"]).Should().BeEquivalentTo(tickets.Select(t => t.Id));
        mails.Should().OnlyContain(m => m.From.Mailboxes.Single().Address == "assistant@hotel.test" && !m.TextBody!.Contains("34600"));
        mails.Select(m => m.Subject).Should().Contain(s => s != null && s.StartsWith("Guest complaint", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmailNotifier_SmtpServerDown_TriedAgainUntilItIsBack_DeliveredOnce()
    {
        servers.SkipIfMissing();
        var staff = MailServers.NewUser("staff");
        using var receiver = WebhookReceiver.Start(Secret);
        await servers.StopSmtpAsync();
        IHost? host = null;
        try
        {
            host = await StartHostAsync(receiver, staff);
            await SayAsync(host.Services.GetRequiredService<IHotelAgent>(), "34600555666", "URGENTE: hay agua en el suelo del baño");
            await receiver.WaitUntilAsync(r => r.Accepted.Count >= 1, TimeSpan.FromSeconds(30));
            await Task.Delay(1000); // the email notifier fails on a few scans meanwhile
        }
        finally
        {
            await servers.StartSmtpAsync();
        }

        using (host)
        {
            var mails = await servers.WaitForMailAsync(staff, 1, TimeSpan.FromSeconds(30));
            await Task.Delay(1500);
            mails = await servers.MailOfAsync(staff);

            mails.Should().ContainSingle().Which.Subject.Should().StartWith("URGENT: ");
            mails[0].Importance.Should().Be(MessageImportance.High);
            receiver.Accepted.Should().ContainSingle().Which.Json.GetProperty("priority").GetString().Should().Be("urgent");
        }
    }

    [Fact]
    public async Task TwoHostsOnOneRedis_OneTicket_NotifiedOnceInAll()
    {
        servers.SkipIfMissing();
        await using var redis = await RedisServer.StartAsync();
        var staff = MailServers.NewUser("staff");
        using var receiver = WebhookReceiver.Start(Secret);
        using var first = await StartHostAsync(receiver, staff, redis.Configuration);
        using var second = await StartHostAsync(receiver, staff, redis.Configuration);

        await SayAsync(first.Services.GetRequiredService<IHotelAgent>(), "34600777888", "Quiero hablar con una persona");
        await receiver.WaitUntilAsync(r => r.Accepted.Count >= 1, TimeSpan.FromSeconds(30));
        await servers.WaitForMailAsync(staff, 1, TimeSpan.FromSeconds(30));
        await Task.Delay(2000); // both hosts scan the shared queue many times

        (await second.Services.GetRequiredService<IHandoffDesk>().ListAsync()).Should().ContainSingle();
        receiver.Requests.Should().ContainSingle();
        (await servers.MailOfAsync(staff)).Should().ContainSingle();
    }

    private async Task<IHost> StartHostAsync(WebhookReceiver receiver, string staffUser, string? redis = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var agent = builder.Services
            .AddHotelAgent(o =>
            {
                o.InboxRetryDelay = TimeSpan.Zero;

                // The test runs at any hour on the real clock: reception around the clock, so a request for a person is
                // a handoff that pauses the agent (after hours each request would open a ticket of its own).
                o.Knowledge.ReceptionOpens = TimeOnly.MinValue;
                o.Knowledge.ReceptionCloses = TimeOnly.MinValue;
            })
            .AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
            .AddStaffNotifications(o =>
            {
                o.Language = "en";
                o.ScanInterval = TimeSpan.FromMilliseconds(100);
                o.NotifyOutsideReceptionHours = true; // the test runs at any hour
                o.SendTimeout = TimeSpan.FromSeconds(20);
            })
            .AddStaffWebhookNotifier(o =>
            {
                o.Url = receiver.Url;
                o.Secret = Secret;
                o.RetryDelay = TimeSpan.FromMilliseconds(20);
            })
            .AddEmailStaffNotifier(o =>
            {
                o.SmtpHost = "127.0.0.1";
                o.SmtpPort = servers.SmtpPort;
                o.SmtpSecurity = EmailSecurity.None;
                o.From = "assistant@hotel.test";
                o.To.Add($"{staffUser}@hotel.test");
                o.MaxSendAttempts = 2;
                o.SendRetryDelay = TimeSpan.FromMilliseconds(20);
                o.ConnectTimeout = TimeSpan.FromSeconds(1);
            });
        if (redis is not null)
        {
            agent.AddRedisSessionStore(o => o.Configuration = redis);
        }

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static Task<AgentResponse> SayAsync(IHotelAgent agent, string guest, string text) =>
        agent.HandleAsync(new InboundMessage
        {
            MessageId = Guid.NewGuid().ToString("N"),
            ChannelName = ChannelNames.WebChat,
            ConversationId = guest,
            GuestId = guest,
            Text = text,
            ReceivedAt = DateTimeOffset.UtcNow,
        });
}
