using System.Diagnostics;
using HotelAgent.Abstractions;
using HotelAgent.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HotelAgent.Channels.Email.Tests.EndToEnd;

/// <summary>
/// Nothing lost, nothing answered twice: restarts in the middle of a burst of mail, an SMTP outage, mail loops, against
/// the real Dovecot and OpenSMTPD. Each test prints its counts (answered / lost / answered more than once).
/// </summary>
public sealed class EmailReliabilityTests(MailServers servers, ITestOutputHelper output)
{
    private const int Burst = 40;

    [Theory]
    [InlineData(10_000, false)]
    [InlineData(1, false)]
    [InlineData(10_000, true)]
    [InlineData(1, true)]
    public async Task Restart_HostStoppedMidBurst_EveryMailAnsweredExactlyOnce(int shutdownTimeoutMs, bool redis)
    {
        servers.SkipIfMissing();
        await using var redisServer = redis ? await RedisServer.StartAsync() : null;
        var hotel = MailServers.NewUser("hotel");
        // Claims short enough that one a stopped host could not take back lapses within the wait below: the test is
        // that nothing is lost or answered twice, whichever way a mail comes back.
        var claim = TimeSpan.FromSeconds(5);
        var first = await EmailTestHost.StartAsync(servers, o => { o.MaxConcurrentTurns = 2; o.ClaimTimeout = claim; }, hotelUser: hotel, turnDelay: TimeSpan.FromMilliseconds(100), redis: redisServer?.Configuration);
        var mails = await AppendBurstAsync(first, Burst);
        await WaitUntilAsync(async () => await servers.ProcessedCountAsync(hotel) >= 8, TimeSpan.FromSeconds(30));

        // SIGTERM: the host's shutdown, with its shutdown timeout.
        await first.StopAsync(TimeSpan.FromMilliseconds(shutdownTimeoutMs));
        var processedAtStop = await servers.ProcessedCountAsync(hotel);
        var answeredAtStop = (await servers.CountRepliesAsync(mails)).Answered;
        await first.DisposeAsync();
        await using var second = await EmailTestHost.StartAsync(servers, o => o.ClaimTimeout = claim, hotelUser: hotel, redis: redisServer?.Configuration);

        var counts = await servers.WaitForRepliesAsync(mails, TimeSpan.FromSeconds(60));

        output.WriteLine($"Graceful stop (shutdown timeout {shutdownTimeoutMs} ms, {(redis ? "Redis" : "in memory")}) after {answeredAtStop} replies ({processedAtStop} mails marked), then a new host: {counts}; {await servers.ProcessedCountAsync(hotel)} mails marked");
        counts.Lost.Should().Be(0);
        counts.Duplicated.Should().Be(0);
        processedAtStop.Should().BeLessThanOrEqualTo(answeredAtStop, "a mail is marked processed only once its reply has left");
        await WaitUntilAsync(async () => await servers.ProcessedCountAsync(hotel) == Burst, TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Restart_HostProcessKilledMidBurst_NoMailLost(bool redis)
    {
        servers.SkipIfMissing();
        await using var redisServer = redis ? await RedisServer.StartAsync() : null;
        var hotel = MailServers.NewUser("hotel");
        var lanes = 2;
        using var child = StartChildHost(hotel, turnDelayMs: 100, lanes, redisServer?.Configuration);
        var writer = await EmailTestHost.StartAsync(servers, hotelUser: hotel, start: false);
        var mails = await AppendBurstAsync(writer, Burst);
        await writer.DisposeAsync();
        await WaitUntilAsync(async () => await servers.ProcessedCountAsync(hotel) >= 8, TimeSpan.FromSeconds(60));

        // SIGKILL: no shutdown at all, whatever the process was doing.
        child.Kill();
        await child.WaitForExitAsync();
        var answeredAtKill = (await servers.CountRepliesAsync(mails)).Answered;
        await using var second = await EmailTestHost.StartAsync(servers, o => o.ClaimTimeout = TimeSpan.FromSeconds(3), hotelUser: hotel, observe: true, redis: redisServer?.Configuration);

        var counts = await servers.WaitForRepliesAsync(mails, TimeSpan.FromSeconds(60));

        var runAgain = second.Agent!.Turns.Count(t => t.Message.MessageId.Contains('#', StringComparison.Ordinal));
        output.WriteLine($"Process killed (SIGKILL) after {answeredAtKill} replies, then a new host ({(redis ? "Redis sessions and deduplicator" : "in memory")}): {counts}; {runAgain} turn(s) run again because the dead host had saved them without answering");
        counts.Lost.Should().Be(0);
        counts.ExtraReplies.Should().BeLessThanOrEqualTo(lanes, "only a reply that left in the instant before its mail was marked can go twice, at most one per lane");
        await WaitUntilAsync(async () => await servers.ProcessedCountAsync(hotel) == Burst, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Restart_TurnSavedButReplyNeverSent_MailStillAnswered()
    {
        servers.SkipIfMissing();
        await using var redis = await RedisServer.StartAsync();
        var hotel = MailServers.NewUser("hotel");
        var guest = MailServers.NewUser("ray");
        await using var dead = await EmailTestHost.StartAsync(servers, hotelUser: hotel, start: false, redis: redis.Configuration);
        var mail = dead.MailFrom(guest, "Parking", "¿Tienen parking?");

        // A host that ran the mail's turn (its session, in Redis, records the mail as handled) and died before replying.
        await dead.Services.GetRequiredService<IHotelAgent>().HandleAsync(new InboundMessage
        {
            MessageId = mail.MessageId!,
            ChannelName = ChannelNames.Email,
            ConversationId = $"email:{guest}@guest.test",
            GuestId = $"{guest}@guest.test",
            Text = "Parking\n\n¿Tienen parking?",
        });
        await servers.AppendAsync(hotel, mail);
        await using var host = await EmailTestHost.StartAsync(servers, hotelUser: hotel, observe: true, redis: redis.Configuration);

        var reply = (await servers.WaitForMailAsync(guest)).Should().ContainSingle().Subject;

        reply.InReplyTo.Should().Be(mail.MessageId);
        reply.TextBody.Should().NotBeNullOrWhiteSpace();
        host.Agent!.Turns.Select(t => t.Response.IsDuplicate).Should().Equal([true, false], "the conversation knew the mail as handled, so its turn ran again");
    }

    [Fact]
    public async Task Smtp_OutageThenBack_RepliesDelayedNoneLostNoneTwice()
    {
        servers.SkipIfMissing();
        var outage = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("HOTELAGENT_EMAIL_OUTAGE_SECONDS") ?? "5", System.Globalization.CultureInfo.InvariantCulture));
        await using var host = await EmailTestHost.StartAsync(servers, o =>
        {
            o.MaxSendAttempts = 2;
            o.DeadLetterRetryInterval = TimeSpan.FromMilliseconds(500);
            o.ConnectTimeout = TimeSpan.FromSeconds(1);
        });
        var store = host.Services.GetRequiredService<IEmailDeadLetterStore>();
        var watch = Stopwatch.StartNew();
        await servers.StopSmtpAsync();
        List<(string, string)> mails;
        try
        {
            mails = await AppendBurstAsync(host, 10);
            await WaitUntilAsync(async () => (await store.ListAsync()).Count == 10, TimeSpan.FromSeconds(30));
            (await servers.ProcessedCountAsync(host.HotelUser)).Should().Be(0, "no reply has left");
            var rest = outage - watch.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }
        finally
        {
            await servers.StartSmtpAsync();
        }

        var down = watch.Elapsed;
        var counts = await servers.WaitForRepliesAsync(mails, TimeSpan.FromSeconds(60));

        output.WriteLine($"SMTP down for {down.TotalSeconds:0.0} s with 10 mails waiting: {counts}; answered {watch.Elapsed.TotalSeconds - down.TotalSeconds:0.0} s after it came back");
        counts.Lost.Should().Be(0);
        counts.Duplicated.Should().Be(0);
        (await store.ListAsync()).Should().BeEmpty();
        await WaitUntilAsync(async () => await servers.ProcessedCountAsync(host.HotelUser) == 10, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task DeadLetters_ListReplayDiscard_ReplayedReplyLeavesAndDiscardedMailIsMarked()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers, o =>
        {
            o.MaxSendAttempts = 1;
            o.DeadLetterRetryInterval = TimeSpan.FromHours(1);
        });
        var store = host.Services.GetRequiredService<IEmailDeadLetterStore>();
        var replayer = host.Services.GetRequiredService<IEmailDeadLetterReplayer>();
        var kept = MailServers.NewUser("kim");
        var dropped = MailServers.NewUser("lou");
        IReadOnlyList<EmailDeadLetter> letters;
        await servers.StopSmtpAsync();
        try
        {
            await servers.AppendAsync(host.HotelUser, host.MailFrom(kept, "Parking", "¿Tienen parking?"));
            await servers.AppendAsync(host.HotelUser, host.MailFrom(dropped, "Wifi", "¿Hay wifi?"));
            await WaitUntilAsync(async () => (await store.ListAsync()).Count == 2, TimeSpan.FromSeconds(30));
            letters = await store.ListAsync();
            var failed = async () => await replayer.ReplayAsync(letters[0].Id);
            (await failed.Should().ThrowAsync<ChannelDeliveryException>()).Which.IsTransient.Should().BeTrue();
        }
        finally
        {
            await servers.StartSmtpAsync();
        }

        letters = await store.ListAsync();
        var keptLetter = letters.Single(l => l.GuestId.StartsWith(kept, StringComparison.Ordinal));
        var droppedLetter = letters.Single(l => l.GuestId.StartsWith(dropped, StringComparison.Ordinal));
        keptLetter.IsTransient.Should().BeTrue();
        keptLetter.Subject.Should().Be("Re: Parking");
        keptLetter.AnswersMessageId.Should().NotBeNull();

        // The host's dead-letter queue named "email" (/v1/dead-letters, the staff console) lists them without their text.
        var queue = host.Services.GetServices<IDeadLetterQueue>().Should().ContainSingle(q => q.Name == "email").Subject;
        var listed = await queue.ListAsync();
        listed.Select(l => l.Id).Should().BeEquivalentTo(letters.Select(l => l.Id));
        listed.Should().AllSatisfy(l =>
        {
            l.Direction.Should().Be("outbound");
            l.Content.Should().Be("email reply");
            l.ChannelName.Should().Be(ChannelNames.Email);
        });
        listed.Single(l => l.Id == keptLetter.Id).ConversationId.Should().Be(keptLetter.GuestId);

        (await queue.DiscardAsync(droppedLetter.Id)).Should().BeTrue();
        (await replayer.ReplayAsync(keptLetter.Id)).Should().BeTrue();
        (await replayer.ReplayAsync(keptLetter.Id)).Should().BeFalse("it is gone from the store");

        var reply = (await servers.WaitForMailAsync(kept)).Should().ContainSingle().Subject;
        reply.MessageId.Should().Be(keptLetter.Id);
        reply.InReplyTo.Should().Be(keptLetter.AnswersMessageId);
        (await store.ListAsync()).Should().BeEmpty();
        await WaitUntilAsync(async () => await servers.ProcessedCountAsync(host.HotelUser) == 2, TimeSpan.FromSeconds(20));
        (await servers.MailOfAsync(dropped)).Should().BeEmpty();
    }

    [Fact]
    public async Task AutoReplies_EveryUsualMarker_NoneAnsweredGuestAnswered()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers);
        var automatic = new List<(string User, MimeMessage Mail)>();
        void Add(Action<MimeMessage> mark, string? from = null)
        {
            var user = from ?? MailServers.NewUser("auto");
            var mail = host.MailFrom(user, "Automatic reply: Reserva", "I am out of the office until Monday.");
            mark(mail);
            automatic.Add((user, mail));
        }

        Add(m => m.Headers.Add("Auto-Submitted", "auto-replied"));
        Add(m => m.Headers.Add("Auto-Submitted", "auto-generated"));
        Add(m => m.Headers.Add("X-Autoreply", "yes"));
        Add(m => m.Headers.Add("X-Autorespond", "yes"));
        Add(m => m.Headers.Add("X-Auto-Response-Suppress", "All"));
        Add(m => m.Headers.Add("Precedence", "auto_reply"));
        Add(m => m.Headers.Add("Precedence", "bulk"));
        Add(m => m.Headers.Add("Precedence", "junk"));
        Add(m => m.Headers.Add("Precedence", "list"));
        Add(m => m.Headers.Add("List-Id", "<offers.supplier.test>"));
        Add(m => m.Headers.Add("List-Unsubscribe", "<mailto:leave@supplier.test>"));
        Add(m => m.Headers.Add("Return-Path", "<>"));
        Add(m => m.Headers.Add("X-Failed-Recipients", "nobody@guest.test"));
        Add(_ => { }, "mailer-daemon");
        Add(_ => { }, "postmaster");
        Add(m => m.Body = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = "Delivery failed." },
            new MimePart("message", "delivery-status") { Content = new MimeContent(new MemoryStream("Action: failed\r\n"u8.ToArray())) },
        });
        var guest = MailServers.NewUser("mia");
        var guestMail = host.MailFrom(guest, "Parking", "¿Tienen parking?");
        guestMail.Headers.Add("Auto-Submitted", "no");
        await servers.AppendManyAsync(host.HotelUser, [.. automatic.Select(a => a.Mail), guestMail]);

        (await servers.WaitForMailAsync(guest)).Should().ContainSingle();
        await WaitUntilAsync(async () => await servers.ProcessedCountAsync(host.HotelUser) == automatic.Count + 1, TimeSpan.FromSeconds(20));
        await Task.Delay(500);

        var answered = 0;
        foreach (var (user, _) in automatic)
        {
            answered += (await servers.MailOfAsync(user)).Count;
        }

        output.WriteLine($"{automatic.Count} automatic mails (one per marker): {answered} answered; the guest's mail: answered");
        answered.Should().Be(0);
    }

    [Fact]
    public async Task AttachmentOnly_NoSubjectNoText_AnsweredAskingToWriteInTheDefaultLanguage()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers);
        var guest = MailServers.NewUser("nia");
        var mail = host.MailFrom(guest, string.Empty, string.Empty);
        var body = new BodyBuilder();
        body.Attachments.Add("passport.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, new ContentType("application", "pdf"));
        mail.Body = body.ToMessageBody();
        await servers.AppendAsync(host.HotelUser, mail);

        var reply = (await servers.WaitForMailAsync(guest)).Should().ContainSingle().Subject;

        reply.InReplyTo.Should().Be(mail.MessageId);
        reply.Subject.Should().Be("Su estancia", "the hotel's default language is Spanish and the mail had no subject");
        reply.TextBody.Should().Contain("Escríbeme tu consulta");
    }

    [Theory]
    [InlineData("Hola, ¿tienen parking en el hotel?", "Su estancia")]
    [InlineData("Hello, do you have parking at the hotel?", "Your stay")]
    [InlineData("Olá, vocês têm estacionamento no hotel?", "A sua estadia")]
    public async Task EmptySubject_Reply_SubjectInTheReplysLanguage(string text, string subject)
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers, observe: true);
        var guest = MailServers.NewUser("oli");
        await servers.AppendAsync(host.HotelUser, host.MailFrom(guest, string.Empty, text));

        var reply = (await servers.WaitForMailAsync(guest)).Should().ContainSingle().Subject;

        reply.Subject.Should().Be(subject);
    }

    [Fact]
    public async Task Turn_WithSeveralReplies_OneMailWithEveryReplyAsAParagraph()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers, observe: true);
        var guest = MailServers.NewUser("pia");
        var mail = host.MailFrom(guest, "Reserva", "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas");
        await servers.AppendAsync(host.HotelUser, mail);

        await servers.WaitForMailAsync(guest);
        await Task.Delay(1000);
        var replies = await servers.MailOfAsync(guest);

        var turn = host.Agent!.Turns.Should().ContainSingle().Subject;
        output.WriteLine($"One guest mail, a turn of {turn.Response.Replies.Count} replies: {replies.Count} reply mail(s)");
        turn.Response.Replies.Count.Should().BeGreaterThan(1);
        var reply = replies.Should().ContainSingle().Subject;
        reply.InReplyTo.Should().Be(mail.MessageId);
        var paragraphs = reply.TextBody!.Split("\n\n");
        foreach (var text in turn.Response.Replies.Select(r => r.Text.Trim()))
        {
            reply.TextBody.Should().Contain(text);
        }

        paragraphs.Length.Should().BeGreaterThanOrEqualTo(turn.Response.Replies.Count);
    }

    [Fact]
    public async Task Burst_TwentyReplies_ShareAtMostMaxSmtpConnections()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers, o =>
        {
            o.MaxSmtpConnections = 2;
            o.MaxConcurrentTurns = 8;
        });
        var mails = await AppendBurstAsync(host, 20);

        var counts = await servers.WaitForRepliesAsync(mails, TimeSpan.FromSeconds(60));

        var opened = host.Services.GetRequiredService<SmtpConnectionPool>().Opened;
        output.WriteLine($"Burst of 20 with MaxSmtpConnections = 2: {counts}; {opened} SMTP connections opened");
        counts.Lost.Should().Be(0);
        counts.Duplicated.Should().Be(0);
        opened.Should().BeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task RateLimit_CorrespondentOverTheLimit_LaterMailsMarkedNotAnswered()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers, o => o.MaxRepliesPerCorrespondent = 2);
        var guest = MailServers.NewUser("quin");
        await servers.AppendManyAsync(host.HotelUser, Enumerable.Range(1, 4).Select(i => host.MailFrom(guest, $"Re: Auto {i}", $"Message {i}: thank you for your message.")));

        await WaitUntilAsync(async () => await servers.ProcessedCountAsync(host.HotelUser) == 4, TimeSpan.FromSeconds(20));
        await Task.Delay(1000);

        (await servers.MailOfAsync(guest)).Should().HaveCount(2);
    }

    private async Task<List<(string GuestUser, string MessageId)>> AppendBurstAsync(EmailTestHost host, int count)
    {
        var mails = Enumerable.Range(0, count)
            .Select(i => host.MailFrom(MailServers.NewUser("g"), $"Pregunta {i}", i % 2 == 0 ? "¿A qué hora es el check-in?" : "Do you have parking?"))
            .ToList();
        await servers.AppendManyAsync(host.HotelUser, mails);
        return [.. mails.Select(m => (m.From.Mailboxes.Single().LocalPart, m.MessageId!))];
    }

    private Process StartChildHost(string hotelUser, int turnDelayMs, int lanes, string? redis)
    {
        var assembly = typeof(Program).Assembly.Location;
        var dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", assembly, Program.ChildHostArgument, servers.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture), servers.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), hotelUser, turnDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture), lanes.ToString(System.Globalization.CultureInfo.InvariantCulture), redis ?? "-" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The child host did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.WriteLine("child: " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"The condition did not hold within {timeout}.");
            }

            await Task.Delay(100);
        }
    }
}
