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

/// <summary>One poll at a time against the real Dovecot, with a recording inbox instead of the agent.</summary>
public sealed class EmailPollerTests(MailServers servers) : IAsyncLifetime
{
    private readonly RecordingInbox _inbox = new();
    private EmailTestHost _host = null!;

    private EmailPoller Poller => _host.Services.GetServices<IHostedService>().OfType<EmailPoller>().Single();

    public async ValueTask InitializeAsync()
    {
        servers.SkipIfMissing();
        _host = await EmailTestHost.StartAsync(servers, services: s => s.AddSingleton<IInbox>(_inbox), start: false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await Poller.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task PollOnceAsync_NewMail_QueuesItWithSenderSubjectAndTextThenMarksIt()
    {
        var mail = _host.MailFrom("Ana.Garcia", "Booking for December", "Do you have a double room?\n\n-- \nAna García\nMadrid");
        await servers.AppendAsync(_host.HotelUser, mail);

        await Poller.PollOnceAsync(CancellationToken.None);

        var message = _inbox.Messages.Should().ContainSingle().Subject;
        message.MessageId.Should().Be(mail.MessageId);
        message.ChannelName.Should().Be(ChannelNames.Email);
        message.GuestId.Should().Be("ana.garcia@guest.test");
        message.ConversationId.Should().Be("email:ana.garcia@guest.test");
        message.Text.Should().Be("Booking for December\n\nDo you have a double room?");
        var summary = (await servers.FlagsAsync(_host.HotelUser)).Single();
        summary.Flags!.Value.Should().HaveFlag(MessageFlags.Seen);
        summary.Keywords.Should().Contain("$HotelAgentProcessed");

        await Poller.PollOnceAsync(CancellationToken.None);
        _inbox.Messages.Should().HaveCount(1);
    }

    [Fact]
    public async Task PollOnceAsync_EnqueueFails_MailStaysUnprocessedAndIsQueuedByTheNextPoll()
    {
        await servers.AppendAsync(_host.HotelUser, _host.MailFrom("eve", "Hola", "¿Aceptan perros?"));
        _inbox.EnqueueCallback = _ => throw new InvalidOperationException("inbox down");

        await Poller.PollOnceAsync(CancellationToken.None);

        _inbox.Messages.Should().BeEmpty();
        (await servers.FlagsAsync(_host.HotelUser)).Single().Keywords.Should().BeEmpty();

        _inbox.EnqueueCallback = null;
        await Poller.PollOnceAsync(CancellationToken.None);
        _inbox.Messages.Should().ContainSingle().Which.Text.Should().Contain("¿Aceptan perros?");
    }

    [Fact]
    public async Task PollOnceAsync_CrashBeforeMarking_DeduplicatorDropsTheMailAndItIsMarked()
    {
        await servers.AppendAsync(_host.HotelUser, _host.MailFrom("fay", "Hi", "Is breakfast included?"));
        await Poller.PollOnceAsync(CancellationToken.None);

        // As if the host had died after queueing and before marking: the flags are gone.
        using (var client = await servers.LoginAsync(_host.HotelUser))
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
            var request = new StoreFlagsRequest(StoreAction.Remove, MessageFlags.Seen) { Keywords = { "$HotelAgentProcessed" } };
            await client.Inbox.StoreAsync(await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.All), request);
        }

        await Poller.PollOnceAsync(CancellationToken.None);

        _inbox.Messages.Should().HaveCount(1);
        (await servers.FlagsAsync(_host.HotelUser)).Single().Keywords.Should().Contain("$HotelAgentProcessed");
    }

    [Fact]
    public async Task PollOnceAsync_AutoReplyOrOwnMail_SkippedAndMarked()
    {
        var outOfOffice = _host.MailFrom("gil", "Out of office", "I am away until Monday.");
        outOfOffice.Headers.Add("Auto-Submitted", "auto-replied");
        var own = _host.MailFrom("x", "Re: Reserva", "Our own reply");
        own.From.Clear();
        own.From.Add(new MailboxAddress("Hotel", _host.HotelAddress));
        await servers.AppendAsync(_host.HotelUser, outOfOffice);
        await servers.AppendAsync(_host.HotelUser, own);

        await Poller.PollOnceAsync(CancellationToken.None);

        _inbox.Messages.Should().BeEmpty();
        (await servers.FlagsAsync(_host.HotelUser)).Should().HaveCount(2).And.OnlyContain(m => m.Keywords.Contains("$HotelAgentProcessed"));
    }

    [Fact]
    public async Task PollOnceAsync_HtmlMailWithVoiceNote_QueuesTextAndAudio()
    {
        var mail = _host.MailFrom("hal", "Re: Reserva", string.Empty);
        var body = new BodyBuilder { HtmlBody = "<html><body><p>Please see my <b>voice note</b>.</p><div class=\"gmail_quote\">On Mon wrote:<blockquote>old</blockquote></div></body></html>" };
        body.Attachments.Add("note.ogg", new byte[] { 0x4F, 0x67, 0x67, 0x53, 1, 2, 3 }, new ContentType("audio", "ogg"));
        mail.Body = body.ToMessageBody();
        await servers.AppendAsync(_host.HotelUser, mail);

        await Poller.PollOnceAsync(CancellationToken.None);

        var message = _inbox.Messages.Should().ContainSingle().Subject;
        message.Text.Should().Be("Please see my voice note.");
        var audio = message.Media.Should().ContainSingle().Subject;
        audio.Kind.Should().Be(MediaKind.Audio);
        audio.ContentType.Should().Be("audio/ogg");
        audio.Content.ToArray().Should().Equal(0x4F, 0x67, 0x67, 0x53, 1, 2, 3);
        audio.MediaId.Should().Be("note.ogg");
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
        failures[0].Message.Should().Be($"IMAP poll of 127.0.0.1:{stalled.Port} failed (attempt 1); reconnecting in 00:00:00.1000000");
        failures[1].Message.Should().EndWith("(attempt 2); reconnecting in 00:00:00.2000000");
        (failures[1].Timestamp - failures[0].Timestamp).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(380), "the 100 ms backoff, then a connect that waits out its 300 ms");
        host.Services.GetServices<IHostedService>().OfType<EmailPoller>().Single().ExecuteTask!.IsCompleted.Should().BeFalse("the poller keeps running");
    }
}
