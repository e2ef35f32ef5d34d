using System.Diagnostics.Metrics;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Tests.Inbox;

public sealed class InboxTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static InboundMessage Message(string conversation, string text, string? id = null) => new()
    {
        MessageId = id ?? Guid.NewGuid().ToString("N"),
        ChannelName = "fake",
        ConversationId = conversation,
        GuestId = "guest-" + conversation,
        Text = text,
    };

    [Fact]
    public async Task TryRegisterAsync_SameMessageManyTimesAtOnce_AcceptsItOnce()
    {
        var deduplicator = new InMemoryMessageDeduplicator(new FakeTimeProvider(Now));

        var results = await Task.WhenAll(Enumerable.Range(0, 100)
            .Select(_ => Task.Run(() => deduplicator.TryRegisterAsync("whatsapp", "wamid.1", TimeSpan.FromDays(7)).AsTask())));

        results.Count(accepted => accepted).Should().Be(1);
    }

    [Fact]
    public async Task TryRegisterAsync_AfterTheWindowOrForget_AcceptsAgain()
    {
        var clock = new FakeTimeProvider(Now);
        var deduplicator = new InMemoryMessageDeduplicator(clock);
        (await deduplicator.TryRegisterAsync("whatsapp", "m", TimeSpan.FromHours(1))).Should().BeTrue();
        (await deduplicator.TryRegisterAsync("whatsapp", "m", TimeSpan.FromHours(1))).Should().BeFalse();
        (await deduplicator.TryRegisterAsync("email", "m", TimeSpan.FromHours(1))).Should().BeTrue("ids are per channel");

        clock.Advance(TimeSpan.FromHours(1));
        (await deduplicator.TryRegisterAsync("whatsapp", "m", TimeSpan.FromHours(1))).Should().BeTrue();

        await deduplicator.ForgetAsync("whatsapp", "m");
        (await deduplicator.TryRegisterAsync("whatsapp", "m", TimeSpan.FromHours(1))).Should().BeTrue();
    }

    [Fact]
    public async Task IsConfirmedAsync_PendingThenConfirmedThenForgotten_TellsThemApart()
    {
        var clock = new FakeTimeProvider(Now);
        var deduplicator = new InMemoryMessageDeduplicator(clock);
        (await deduplicator.IsConfirmedAsync("whatsapp", "m")).Should().BeFalse("unknown");
        (await deduplicator.TryRegisterAsync("whatsapp", "m", TimeSpan.FromMinutes(1))).Should().BeTrue();
        (await deduplicator.IsConfirmedAsync("whatsapp", "m")).Should().BeFalse("only registered");

        await deduplicator.ConfirmAsync("whatsapp", "m", TimeSpan.FromDays(7));
        (await deduplicator.IsConfirmedAsync("whatsapp", "m")).Should().BeTrue();
        (await deduplicator.IsConfirmedAsync("email", "m")).Should().BeFalse("ids are per channel");

        await deduplicator.ForgetAsync("whatsapp", "m");
        (await deduplicator.IsConfirmedAsync("whatsapp", "m")).Should().BeFalse();
        (await deduplicator.TryRegisterAsync("whatsapp", "m", TimeSpan.FromMinutes(1))).Should().BeTrue();
        (await deduplicator.IsConfirmedAsync("whatsapp", "m")).Should().BeFalse("registered again, not yet confirmed");

        await deduplicator.ConfirmAsync("whatsapp", "m", TimeSpan.FromMinutes(5));
        clock.Advance(TimeSpan.FromMinutes(6));
        (await deduplicator.IsConfirmedAsync("whatsapp", "m")).Should().BeFalse("expired");
    }

    [Fact]
    public async Task TryRegisterAsync_ConfirmedIdExpiredThenRegisteredAgain_IsPendingUntilConfirmedAgain()
    {
        var clock = new FakeTimeProvider(Now);
        var deduplicator = new InMemoryMessageDeduplicator(clock);
        (await deduplicator.TryRegisterAsync("whatsapp", "m", TimeSpan.FromMinutes(1))).Should().BeTrue();
        await deduplicator.ConfirmAsync("whatsapp", "m", TimeSpan.FromMinutes(10));

        clock.Advance(TimeSpan.FromMinutes(11));
        (await deduplicator.TryRegisterAsync("whatsapp", "m", TimeSpan.FromMinutes(1))).Should().BeTrue("the confirmation lapsed");
        (await deduplicator.IsConfirmedAsync("whatsapp", "m")).Should().BeFalse("the new registration is only pending");
        (await deduplicator.TryRegisterAsync("whatsapp", "m", TimeSpan.FromMinutes(1))).Should().BeFalse();

        // The pending registration lapses on its own time, not on the longer confirmation it replaced.
        clock.Advance(TimeSpan.FromMinutes(2));
        (await deduplicator.TryRegisterAsync("whatsapp", "other", TimeSpan.FromMinutes(1))).Should().BeTrue();
        (await deduplicator.TryRegisterAsync("whatsapp", "m", TimeSpan.FromMinutes(1))).Should().BeTrue();
    }

    [Fact]
    public async Task EnqueueAsync_ManyAtOnce_EachDeliveryHasItsOwnId()
    {
        var inbox = new InMemoryInbox(Options.Create(new HotelAgentOptions()), new FakeTimeProvider(Now));
        var other = new InMemoryInbox(Options.Create(new HotelAgentOptions()), new FakeTimeProvider(Now));

        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => inbox.EnqueueAsync(Message("c" + i, "hola")).AsTask())));
        await other.EnqueueAsync(Message("c", "hola"));
        var ids = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            ids.Add((await inbox.ReceiveAsync()).DeliveryId);
        }

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().NotContain((await other.ReceiveAsync()).DeliveryId, "ids differ between inboxes too (a dead letter replayed into the right one)");
    }

    [Fact]
    public async Task ConfirmAsync_PendingRegistration_IsKeptForTheWholeWindow()
    {
        var clock = new FakeTimeProvider(Now);
        var deduplicator = new InMemoryMessageDeduplicator(clock);
        (await deduplicator.TryRegisterAsync("whatsapp", "pending", TimeSpan.FromMinutes(1))).Should().BeTrue();
        (await deduplicator.TryRegisterAsync("whatsapp", "confirmed", TimeSpan.FromMinutes(1))).Should().BeTrue();

        await deduplicator.ConfirmAsync("whatsapp", "confirmed", TimeSpan.FromDays(7));
        clock.Advance(TimeSpan.FromMinutes(2));

        (await deduplicator.TryRegisterAsync("whatsapp", "pending", TimeSpan.FromMinutes(1))).Should().BeTrue("a registration never confirmed lapses, so the redelivery is taken in");
        (await deduplicator.TryRegisterAsync("whatsapp", "confirmed", TimeSpan.FromMinutes(1))).Should().BeFalse();
    }

    [Fact]
    public async Task TryRegisterAsync_ExpiredIds_AreDroppedAsNewOnesArriveWithoutTouchingLiveOnes()
    {
        var clock = new FakeTimeProvider(Now);
        var deduplicator = new InMemoryMessageDeduplicator(clock);
        for (var i = 0; i < 100; i++)
        {
            (await deduplicator.TryRegisterAsync("whatsapp", $"short-{i}", TimeSpan.FromMinutes(1))).Should().BeTrue();
        }

        (await deduplicator.TryRegisterAsync("whatsapp", "confirmed", TimeSpan.FromMinutes(1))).Should().BeTrue();
        await deduplicator.ConfirmAsync("whatsapp", "confirmed", TimeSpan.FromDays(7));
        (await deduplicator.TryRegisterAsync("whatsapp", "long", TimeSpan.FromDays(7))).Should().BeTrue();
        deduplicator.Count.Should().Be(102);

        clock.Advance(TimeSpan.FromMinutes(2));

        // Each registration removes a bounded number of expired ids: two are enough for these 101 expired entries
        // (the confirmed id's pending entry among them), and the ids still inside their window stay.
        (await deduplicator.TryRegisterAsync("whatsapp", "new-1", TimeSpan.FromMinutes(1))).Should().BeTrue();
        deduplicator.Count.Should().Be(103 - InMemoryMessageDeduplicator.MaxRemovalsPerCall);
        (await deduplicator.TryRegisterAsync("whatsapp", "new-2", TimeSpan.FromMinutes(1))).Should().BeTrue();
        deduplicator.Count.Should().Be(4, "'confirmed', 'long', 'new-1' and 'new-2' are within their windows");
        (await deduplicator.TryRegisterAsync("whatsapp", "confirmed", TimeSpan.FromMinutes(1))).Should().BeFalse();
        (await deduplicator.TryRegisterAsync("whatsapp", "long", TimeSpan.FromMinutes(1))).Should().BeFalse();
        (await deduplicator.TryRegisterAsync("whatsapp", "short-7", TimeSpan.FromMinutes(1))).Should().BeTrue();
    }

    [Fact]
    public async Task TryRegisterAsync_ReRegisteredAfterExpiry_IsNotDroppedByItsOldExpiry()
    {
        var clock = new FakeTimeProvider(Now);
        var deduplicator = new InMemoryMessageDeduplicator(clock);
        (await deduplicator.TryRegisterAsync("whatsapp", "m", TimeSpan.FromMinutes(1))).Should().BeTrue();
        clock.Advance(TimeSpan.FromMinutes(1));
        await deduplicator.ConfirmAsync("whatsapp", "m", TimeSpan.FromDays(7));

        (await deduplicator.TryRegisterAsync("whatsapp", "other", TimeSpan.FromMinutes(1))).Should().BeTrue();

        (await deduplicator.TryRegisterAsync("whatsapp", "m", TimeSpan.FromMinutes(1))).Should().BeFalse("its old expiry was queued, but the id now has a later one");
    }

    [Fact]
    public async Task Processor_ChannelWithReadReceipts_MarksEachMessageReadAsTheAgentTakesIt()
    {
        var channel = new RecordingChannel();
        await using var host = new TestHost(services => services.AddSingleton<IMessageChannel>(channel));
        var processor = host.Provider.GetServices<IHostedService>().OfType<InboxProcessor>().Single();
        var inbox = host.Provider.GetRequiredService<IInbox>();
        var first = Message("c1", "hola", "m-1");
        var second = Message("c2", "¿A qué hora es el check-in?", "m-2");
        await inbox.EnqueueAsync(first);
        await inbox.EnqueueAsync(second);
        channel.ReadReceipts.Should().BeEmpty("nothing is read while it waits in the inbox");

        await processor.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((channel.ReadReceipts.Count < 2 || !channel.Sent.Any(s => s.GuestId == "guest-c2")) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await processor.StopAsync(CancellationToken.None);
        channel.ReadReceipts.Should().BeEquivalentTo(["m-1", "m-2"]);
        channel.Sent.Select(s => s.GuestId).Should().Contain(["guest-c1", "guest-c2"]);
    }

    [Fact]
    public async Task Processor_ReadReceiptThrows_TheMessageIsStillAnswered()
    {
        var channel = new RecordingChannel { FailReadReceipts = true };
        await using var host = new TestHost(services => services.AddSingleton<IMessageChannel>(channel));
        var processor = host.Provider.GetServices<IHostedService>().OfType<InboxProcessor>().Single();
        var inbox = host.Provider.GetRequiredService<IInbox>();
        await processor.StartAsync(CancellationToken.None);

        await inbox.EnqueueAsync(Message("c1", "hola"));
        await channel.WaitForAsync(_ => true, TimeSpan.FromSeconds(10));
        await processor.StopAsync(CancellationToken.None);

        channel.Sent.Should().NotBeEmpty();
        (await inbox.GetDeadLettersAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task FailAsync_BeforeTheLastAttempt_RedeliversAfterTheDelay()
    {
        var clock = new FakeTimeProvider(Now);
        var inbox = new InMemoryInbox(Options.Create(new HotelAgentOptions { InboxMaxAttempts = 3, InboxRetryDelay = TimeSpan.FromSeconds(2) }), clock);
        await inbox.EnqueueAsync(Message("c1", "hola"));
        var first = await inbox.ReceiveAsync();

        await inbox.FailAsync(first, "boom");
        inbox.Pending.Should().Be(0);
        clock.Advance(TimeSpan.FromSeconds(2));
        var second = await inbox.ReceiveAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        second.Attempt.Should().Be(2);
        second.Message.Should().BeSameAs(first.Message);
    }

    [Fact]
    public async Task FailAsync_OnTheLastAttempt_DeadLettersAndReplayRedelivers()
    {
        var inbox = new InMemoryInbox(Options.Create(new HotelAgentOptions { InboxMaxAttempts = 1 }), new FakeTimeProvider(Now));
        await inbox.EnqueueAsync(Message("c1", "hola"));
        var delivery = await inbox.ReceiveAsync();

        await inbox.FailAsync(delivery, "PmsUnavailableException: down");
        var letters = await inbox.GetDeadLettersAsync();

        letters.Should().ContainSingle().Which.Reason.Should().Contain("PmsUnavailableException");
        (await inbox.ReplayAsync(letters[0].Id)).Should().BeTrue();
        (await inbox.GetDeadLettersAsync()).Should().BeEmpty();
        (await inbox.ReceiveAsync()).Message.Text.Should().Be("hola");
        (await inbox.ReplayAsync("unknown")).Should().BeFalse();
    }

    [Fact]
    public async Task InMemoryInbox_Gauges_ReportTheBacklogRetriesAndDeadLetters()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var clock = new FakeTimeProvider(Now);
        var inbox = new InMemoryInbox(
            Options.Create(new HotelAgentOptions { InboxMaxAttempts = 2, InboxRetryDelay = TimeSpan.FromSeconds(2) }), clock, new HotelAgentMetrics(meterFactory));
        using var depth = new MetricCollector<int>(meterFactory, HotelAgentMetrics.MeterName, "hotel_agent.inbox.depth");
        using var deadLetters = new MetricCollector<int>(meterFactory, HotelAgentMetrics.MeterName, "hotel_agent.inbox.dead_letters");
        (int Depth, int DeadLetters) Observe()
        {
            depth.RecordObservableInstruments();
            deadLetters.RecordObservableInstruments();
            return (depth.LastMeasurement!.Value, deadLetters.LastMeasurement!.Value);
        }

        Observe().Should().Be((0, 0));
        await inbox.EnqueueAsync(Message("c1", "hola"));
        await inbox.EnqueueAsync(Message("c2", "hola"));
        Observe().Should().Be((2, 0));

        var first = await inbox.ReceiveAsync();
        Observe().Should().Be((1, 0), "a received message is no longer waiting");
        await inbox.FailAsync(first, "boom");
        Observe().Should().Be((2, 0), "a retry not yet due still waits");
        (await inbox.ReceiveAsync()).Message.ConversationId.Should().Be("c2");
        Observe().Should().Be((1, 0));
        clock.Advance(TimeSpan.FromSeconds(2));
        var retry = await inbox.ReceiveAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        retry.Attempt.Should().Be(2);
        Observe().Should().Be((0, 0));

        await inbox.FailAsync(retry, "boom again");
        Observe().Should().Be((0, 1), "the last attempt failed");
        (await inbox.ReplayAsync((await inbox.GetDeadLettersAsync()).Single().Id)).Should().BeTrue();
        Observe().Should().Be((1, 0));
    }

    [Fact]
    public async Task DiscardAsync_DeadLetter_RemovedForGoodAndListedThroughTheQueue()
    {
        var inbox = new InMemoryInbox(Options.Create(new HotelAgentOptions { InboxMaxAttempts = 1 }), new FakeTimeProvider(Now));
        var queue = new InboxDeadLetterQueue(inbox);
        await inbox.EnqueueAsync(Message("whatsapp:1:34600", "hola") with
        {
            Text = null,
            Media = [new MediaAttachment { Kind = MediaKind.Audio, ContentType = "audio/ogg", MediaId = "m1" }],
        });
        await inbox.FailAsync(await inbox.ReceiveAsync(), "VoiceNoteTranscriptionException: down");

        var listed = (await queue.ListAsync()).Should().ContainSingle().Subject;
        listed.Queue.Should().Be("inbox");
        listed.Direction.Should().Be("inbound");
        listed.Content.Should().Be("voice note");
        listed.ConversationId.Should().Be("whatsapp:1:34600");
        listed.Attempts.Should().Be(1);
        listed.FailedAt.Should().Be(Now);
        (await queue.DiscardAsync(listed.Id)).Should().BeTrue();
        (await inbox.GetDeadLettersAsync()).Should().BeEmpty();
        (await queue.DiscardAsync(listed.Id)).Should().BeFalse();
        (await queue.ReplayAsync(listed.Id)).Should().BeFalse();
    }

    [Fact]
    public async Task Processor_QueuedMessages_AreAnsweredThroughTheirChannelInOrder()
    {
        var channel = new RecordingChannel();
        await using var host = new TestHost(services => services.AddSingleton<IMessageChannel>(channel));
        var processor = host.Provider.GetServices<IHostedService>().OfType<InboxProcessor>().Single();
        var inbox = host.Provider.GetRequiredService<IInbox>();
        await processor.StartAsync(CancellationToken.None);

        await inbox.EnqueueAsync(Message("c1", "Quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas"));
        await inbox.EnqueueAsync(Message("c1", "Me llamo Ana García y mi correo es ana@example.com"));
        await inbox.EnqueueAsync(Message("c1", "sí"));
        await channel.WaitForAsync(m => m.Text.Contains("HA-", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        await processor.StopAsync(CancellationToken.None);

        channel.Sent.Should().OnlyContain(s => s.GuestId == "guest-c1");
        var texts = channel.Sent.Select(s => s.Message.Text).ToList();
        texts.FindIndex(t => t.Contains("240,00 €", StringComparison.Ordinal)).Should().BeLessThan(texts.FindIndex(t => t.Contains("¿Confirmo", StringComparison.Ordinal)));
        (await host.Pms.ListReservationsAsync(new ReservationQuery())).Should().ContainSingle();
    }

    [Fact]
    public async Task Processor_AgentFails_MessageIsRetriedThenDeadLettered()
    {
        await using var host = new TestHost(services =>
        {
            services.Configure<HotelAgentOptions>(o =>
            {
                o.InboxMaxAttempts = 2;
                o.InboxRetryDelay = TimeSpan.Zero;
            });
            services.AddSingleton<IHotelAgent, FailingAgent>();
        });
        var processor = host.Provider.GetServices<IHostedService>().OfType<InboxProcessor>().Single();
        var inbox = host.Provider.GetRequiredService<IInbox>();
        await processor.StartAsync(CancellationToken.None);

        await inbox.EnqueueAsync(Message("c1", "hola"));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        IReadOnlyList<DeadLetter> letters;
        while ((letters = await inbox.GetDeadLettersAsync()).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await processor.StopAsync(CancellationToken.None);
        letters.Should().ContainSingle().Which.Attempts.Should().Be(2);
    }

    private sealed class FailingAgent : IHotelAgent
    {
        public Task<AgentResponse> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default) =>
            throw new HotelAgentException("store down") { IsTransient = true };
    }

    private sealed class RecordingChannel : IMessageChannel, IReadReceiptChannel
    {
        private readonly List<(string GuestId, OutboundMessage Message)> _sent = [];
        private readonly List<string> _read = [];

        public bool FailReadReceipts { get; init; }

        public IReadOnlyList<string> ReadReceipts
        {
            get
            {
                lock (_read)
                {
                    return _read.ToArray();
                }
            }
        }

        public Task MarkAsReadAsync(InboundMessage message, CancellationToken cancellationToken = default)
        {
            if (FailReadReceipts)
            {
                throw new InvalidOperationException("receipts are down");
            }

            lock (_read)
            {
                _read.Add(message.MessageId);
            }

            return Task.CompletedTask;
        }

        public string Name => "fake";

        public IReadOnlyList<(string GuestId, OutboundMessage Message)> Sent
        {
            get
            {
                lock (_sent)
                {
                    return _sent.ToArray();
                }
            }
        }

        public Task<DeliveryResult> SendAsync(string guestId, OutboundMessage message, CancellationToken cancellationToken = default)
        {
            lock (_sent)
            {
                _sent.Add((guestId, message));
            }

            return Task.FromResult(new DeliveryResult(null));
        }

        public async Task WaitForAsync(Func<OutboundMessage, bool> predicate, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!Sent.Any(s => predicate(s.Message)))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"No matching message within {timeout}; sent: {string.Join(" | ", Sent.Select(s => s.Message.Text))}");
                }

                await Task.Delay(20);
            }
        }
    }
}
