using System.Diagnostics;
using HotelAgent.Abstractions;
using HotelAgent.Tests.Shared;
using MailKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MimeKit;

namespace HotelAgent.Channels.Email.Tests.Inbound;

/// <summary>The poller against the real Dovecot and OpenSMTPD, with a recording agent instead of the engine.</summary>
public sealed class EmailPollerTests(MailServers servers) : IAsyncLifetime
{
    private readonly RecordingAgent _agent = new();
    private EmailTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        servers.SkipIfMissing();
        _host = await EmailTestHost.StartAsync(servers, services: s => s.AddSingleton<IHotelAgent>(_agent));
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Poll_NewMail_AgentGetsSenderSubjectAndTextAndTheMailIsMarkedOnceAnswered()
    {
        var mail = _host.MailFrom("Ana.Garcia", "Booking for December", "Do you have a double room?\n\n-- \nAna García\nMadrid");
        await servers.AppendAsync(_host.HotelUser, mail);

        var reply = (await servers.WaitForMailAsync("ana.garcia")).Should().ContainSingle().Subject;

        var message = _agent.Messages.Should().ContainSingle().Subject;
        message.MessageId.Should().Be(mail.MessageId);
        message.ChannelName.Should().Be(ChannelNames.Email);
        message.GuestId.Should().Be("ana.garcia@guest.test");
        message.ConversationId.Should().Be("email:ana.garcia@guest.test");
        message.Text.Should().Be("Booking for December\n\nDo you have a double room?");
        reply.InReplyTo.Should().Be(mail.MessageId);
        reply.TextBody.Should().Be("Recibido.\n");
        await WaitForProcessedAsync(1);
        await Task.Delay(500);
        _agent.Messages.Should().HaveCount(1, "a processed mail is not read again");
    }

    [Fact]
    public async Task Poll_AgentFails_MailStaysUnprocessedAndIsAnsweredByALaterPoll()
    {
        var failures = 0;
        _agent.Callback = _ => Interlocked.Increment(ref failures) <= 2 ? throw new InvalidOperationException("store down") : Task.CompletedTask;
        var guest = MailServers.NewUser("eve");
        await servers.AppendAsync(_host.HotelUser, _host.MailFrom(guest, "Hola", "¿Aceptan perros?"));

        (await servers.WaitForMailAsync(guest)).Should().ContainSingle();

        _agent.Messages.Should().HaveCount(3, "two failed turns, then the one answered");
        (await WaitForProcessedAsync(1)).Single().Flags!.Value.Should().HaveFlag(MessageFlags.Seen);
    }

    [Fact]
    public async Task Poll_AnsweredButTheMarkWasLost_MarkedAgainWithoutASecondAnswer()
    {
        var guest = MailServers.NewUser("fay");
        await servers.AppendAsync(_host.HotelUser, _host.MailFrom(guest, "Hi", "Is breakfast included?"));
        await servers.WaitForMailAsync(guest);
        await WaitForProcessedAsync(1);

        // As if the host had died after the reply left and before the mail was marked: the flags are gone.
        using (var client = await servers.LoginAsync(_host.HotelUser))
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
            var request = new StoreFlagsRequest(StoreAction.Remove, MessageFlags.Seen) { Keywords = { "$HotelAgentProcessed" } };
            await client.Inbox.StoreAsync(await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.All), request);
        }

        await WaitForProcessedAsync(1);
        await Task.Delay(500);
        _agent.Messages.Should().HaveCount(1);
        (await servers.MailOfAsync(guest)).Should().ContainSingle();
    }

    [Fact]
    public async Task Poll_SmtpDown_MailStaysUnprocessedUntilItsReplyLeaves()
    {
        await using var host = await EmailTestHost.StartAsync(servers, o =>
        {
            o.MaxSendAttempts = 1;
            o.DeadLetterRetryInterval = TimeSpan.FromMilliseconds(200);
        }, services: s => s.AddSingleton<IHotelAgent>(new RecordingAgent()));
        var guest = MailServers.NewUser("gus");
        await servers.StopSmtpAsync();
        try
        {
            await servers.AppendAsync(host.HotelUser, host.MailFrom(guest, "Hola", "¿Tienen parking?"));
            var store = host.Services.GetRequiredService<IEmailDeadLetterStore>();
            await WaitUntilAsync(async () => (await store.ListAsync()).Count == 1);
            (await servers.FlagsAsync(host.HotelUser)).Single().Keywords.Should().NotContain("$HotelAgentProcessed");
        }
        finally
        {
            await servers.StartSmtpAsync();
        }

        (await servers.WaitForMailAsync(guest)).Should().ContainSingle();
        await WaitUntilAsync(async () => (await servers.FlagsAsync(host.HotelUser)).Single().Keywords.Contains("$HotelAgentProcessed"));
    }

    [Fact]
    public async Task Poll_AutoReplyOrOwnMail_SkippedAndMarked()
    {
        var outOfOffice = _host.MailFrom("gil", "Out of office", "I am away until Monday.");
        outOfOffice.Headers.Add("Auto-Submitted", "auto-replied");
        var own = _host.MailFrom("x", "Re: Reserva", "Our own reply");
        own.From.Clear();
        own.From.Add(new MailboxAddress("Hotel", _host.HotelAddress));
        await servers.AppendAsync(_host.HotelUser, outOfOffice);
        await servers.AppendAsync(_host.HotelUser, own);

        await WaitForProcessedAsync(2);

        _agent.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Poll_HtmlMailWithVoiceNote_AgentGetsTextAndAudio()
    {
        var mail = _host.MailFrom("hal", "Re: Reserva", string.Empty);
        var body = new BodyBuilder { HtmlBody = "<html><body><p>Please see my <b>voice note</b>.</p><div class=\"gmail_quote\">On Mon wrote:<blockquote>old</blockquote></div></body></html>" };
        body.Attachments.Add("note.ogg", new byte[] { 0x4F, 0x67, 0x67, 0x53, 1, 2, 3 }, new ContentType("audio", "ogg"));
        mail.Body = body.ToMessageBody();
        await servers.AppendAsync(_host.HotelUser, mail);

        await WaitForProcessedAsync(1);

        var message = _agent.Messages.Should().ContainSingle().Subject;
        message.Text.Should().Be("Please see my voice note.");
        var audio = message.Media.Should().ContainSingle().Subject;
        audio.Kind.Should().Be(MediaKind.Audio);
        audio.ContentType.Should().Be("audio/ogg");
        audio.Content.ToArray().Should().Equal(0x4F, 0x67, 0x67, 0x53, 1, 2, 3);
        audio.MediaId.Should().Be("note.ogg");
    }

    [Fact]
    public async Task Poll_PdfWithoutDispositionAndNoText_AgentGetsItAsADocument()
    {
        var mail = _host.MailFrom("ida", string.Empty, string.Empty);
        var multipart = new Multipart("mixed") { new MimePart("application", "pdf") { Content = new MimeContent(new MemoryStream([0x25, 0x50, 0x44, 0x46])) } };
        mail.Body = multipart;
        await servers.AppendAsync(_host.HotelUser, mail);

        await WaitForProcessedAsync(1);

        var message = _agent.Messages.Should().ContainSingle().Subject;
        message.Text.Should().BeNull();
        message.Media.Should().ContainSingle().Which.Kind.Should().Be(MediaKind.Document);
    }

    private async Task<IReadOnlyList<IMessageSummary>> WaitForProcessedAsync(int count)
    {
        IReadOnlyList<IMessageSummary> flags = [];
        await WaitUntilAsync(async () =>
        {
            flags = await servers.FlagsAsync(_host.HotelUser);
            return flags.Count(f => f.Keywords.Contains("$HotelAgentProcessed")) >= count;
        });
        return flags;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException("The condition did not hold within 20 s.");
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task ExecuteAsync_ImapConnectStalls_GivesUpEachConnectAfterConnectTimeoutBacksOffAndKeepsPolling()
    {
        using var stalled = await StalledLoopbackPort.StartAsync();
        await using var host = await EmailTestHost.StartAsync(servers, o =>
        {
            o.ImapPort = stalled.Port;
            o.ConnectTimeout = TimeSpan.FromMilliseconds(300);
            o.OperationTimeout = TimeSpan.FromSeconds(30);
            o.ReconnectDelay = TimeSpan.FromMilliseconds(100);
            o.MaxReconnectDelay = TimeSpan.FromMilliseconds(200);
        }, services: s => s.AddFakeLogging());
        var logs = host.Services.GetFakeLogCollector();
        var watch = Stopwatch.StartNew();

        var failures = new List<FakeLogRecord>();
        while (failures.Count < 3 && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            failures = [.. logs.GetSnapshot().Where(r => r.Id.Id == 1205)];
        }

        failures.Should().HaveCountGreaterThanOrEqualTo(3);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "three connects that each end after 300 ms, not after the 30 s operation timeout");
        failures.Should().AllSatisfy(r =>
        {
            r.Level.Should().Be(LogLevel.Warning);
            r.Exception.Should().BeOfType<TimeoutException>().Which.Message.Should().Contain($"127.0.0.1:{stalled.Port}");
        });
        failures[0].Message.Should().Be($"IMAP poll of mailbox default (127.0.0.1:{stalled.Port}) failed (attempt 1); reconnecting in 00:00:00.1000000");
        failures[1].Message.Should().EndWith("(attempt 2); reconnecting in 00:00:00.2000000");
        (failures[1].Timestamp - failures[0].Timestamp).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(380), "the 100 ms backoff, then a connect that waits out its 300 ms");
        host.Services.GetServices<IHostedService>().OfType<EmailPoller>().Single().ExecuteTask!.IsCompleted.Should().BeFalse("the poller keeps running");
    }
}
