using System.Diagnostics.Metrics;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace HotelAgent.Sessions.Redis.Tests.Inbox;

public sealed class RedisInboxTests(RedisServerFixture redis)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReceiveAsync_EnqueuedBeforeAnyConsumer_DeliversWholeMessageAndCompleteRemovesIt()
    {
        await using var host = new RedisTestHost(redis.Require(), RedisTestHost.NewPrefix());
        var inbox = host.Get<IInbox>();
        var message = RedisTestHost.Message("c1", "Hola ¿hay habitación?") with
        {
            Language = "es",
            Media = [new MediaAttachment { Kind = MediaKind.Audio, ContentType = "audio/ogg; codecs=opus", Content = new byte[] { 1, 2, 3, 250 }, Caption = "nota" }],
            Location = new GeoLocation(40.416775, -3.703790, "Sol", "Madrid"),
            Interactive = new InteractiveReply("book", "Reservar"),
        };

        await inbox.EnqueueAsync(message, Token);
        var delivery = await ReceiveAsync(inbox);
        await inbox.CompleteAsync(delivery, Token);

        delivery.Attempt.Should().Be(1);
        delivery.Message.Should().BeEquivalentTo(message, o => o.Excluding(m => m.Media));
        delivery.Message.Media.Should().ContainSingle().Which.Content.ToArray().Should().Equal(1, 2, 3, 250);
        var database = (await host.MultiplexerAsync()).GetDatabase();
        (await database.StreamLengthAsync("{" + host.Options.KeyPrefix + "inbox}")).Should().Be(0);
        (await database.StreamPendingAsync("{" + host.Options.KeyPrefix + "inbox}", "hotel-agent")).PendingMessageCount.Should().Be(0);
    }

    [Fact]
    public async Task ReceiveAsync_ConsumerDiesWithoutAnswer_AnotherHostClaimsItAfterIdleTime()
    {
        var prefix = RedisTestHost.NewPrefix();
        var message = RedisTestHost.Message("c1", "hola");
        await using (var dying = new RedisTestHost(redis.Require(), prefix, Claim("host-a")))
        {
            var inbox = dying.Get<IInbox>();
            await inbox.EnqueueAsync(message, Token);
            (await ReceiveAsync(inbox)).Message.MessageId.Should().Be(message.MessageId);

            // The host stops mid-turn: no Complete, no Fail.
        }

        await using var survivor = new RedisTestHost(redis.Require(), prefix, Claim("host-b"));
        var claimed = await ReceiveAsync(survivor.Get<IInbox>());
        await survivor.Get<IInbox>().CompleteAsync(claimed, Token);

        claimed.Message.MessageId.Should().Be(message.MessageId);
        claimed.Attempt.Should().Be(2, "the claim counts as a second attempt");
        var database = (await survivor.MultiplexerAsync()).GetDatabase();
        (await database.StreamPendingAsync("{" + prefix + "inbox}", "hotel-agent")).PendingMessageCount.Should().Be(0);
    }

    [Fact]
    public async Task ReceiveAsync_RestartedWithSameConsumerName_TakesBackItsPendingAtOnce()
    {
        var prefix = RedisTestHost.NewPrefix();
        var message = RedisTestHost.Message("c1", "hola");
        await using (var before = new RedisTestHost(redis.Require(), prefix, o => o.Inbox.ConsumerName = "pod-1"))
        {
            await before.Get<IInbox>().EnqueueAsync(message, Token);
            await ReceiveAsync(before.Get<IInbox>());
        }

        await using var after = new RedisTestHost(redis.Require(), prefix, o => o.Inbox.ConsumerName = "pod-1");
        var again = await ReceiveAsync(after.Get<IInbox>(), TimeSpan.FromSeconds(2));

        again.Message.MessageId.Should().Be(message.MessageId);
    }

    [Fact]
    public async Task ReceiveAsync_RestartedWithMorePendingThanABatch_TakesThemAllBackAtOnce()
    {
        // Issue 16, item 6: a restarted host read only its first batch (16) back; the rest waited for a claim.
        const int Pending = 40;
        var prefix = RedisTestHost.NewPrefix();
        var messages = Enumerable.Range(0, Pending).Select(i => RedisTestHost.Message("c" + i, "hola")).ToArray();
        await using (var before = new RedisTestHost(redis.Require(), prefix, o => o.Inbox.ConsumerName = "pod-2"))
        {
            foreach (var message in messages)
            {
                await before.Get<IInbox>().EnqueueAsync(message, Token);
            }

            for (var i = 0; i < Pending; i++)
            {
                await ReceiveAsync(before.Get<IInbox>());
            }
        }

        await using var after = new RedisTestHost(redis.Require(), prefix, o => o.Inbox.ConsumerName = "pod-2");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var again = new List<string>();
        for (var i = 0; i < Pending; i++)
        {
            again.Add((await ReceiveAsync(after.Get<IInbox>(), TimeSpan.FromSeconds(2))).Message.MessageId);
        }

        again.Should().BeEquivalentTo(messages.Select(m => m.MessageId), "every pending entry comes back, not only the first batch");
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "without waiting for ClaimIdleTime (1 minute by default)");
        after.Options.Inbox.BatchSize.Should().BeLessThan(Pending);
    }

    [Fact]
    public async Task FailAsync_EveryAttempt_DeadLettersThenReplayDeliversItAgain()
    {
        await using var host = new RedisTestHost(redis.Require(), RedisTestHost.NewPrefix(), o =>
        {
            o.Inbox.MaxAttempts = 3;
            o.Inbox.RetryDelay = TimeSpan.FromMilliseconds(20);
        });
        var inbox = host.Get<IInbox>();
        var message = RedisTestHost.Message("c1", "hola");
        await inbox.EnqueueAsync(message, Token);

        var attempts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var delivery = await ReceiveAsync(inbox);
            attempts.Add(delivery.Attempt);
            await inbox.FailAsync(delivery, "HotelAgentException: PMS down", Token);
        }

        attempts.Should().Equal(1, 2, 3);
        var letters = await inbox.GetDeadLettersAsync(cancellationToken: Token);
        var letter = letters.Should().ContainSingle().Which;
        letter.Message.MessageId.Should().Be(message.MessageId);
        letter.Attempts.Should().Be(3);
        letter.Reason.Should().Be("HotelAgentException: PMS down");

        (await inbox.ReplayAsync(letter.Id, Token)).Should().BeTrue();
        var replayed = await ReceiveAsync(inbox);
        await inbox.CompleteAsync(replayed, Token);

        replayed.Message.MessageId.Should().Be(message.MessageId);
        replayed.Attempt.Should().Be(1);
        (await inbox.GetDeadLettersAsync(cancellationToken: Token)).Should().BeEmpty();
        (await inbox.ReplayAsync(letter.Id, Token)).Should().BeFalse();
        (await inbox.ReplayAsync("not-an-id", Token)).Should().BeFalse();
    }

    [Fact]
    public async Task DiscardAsync_DeadLetter_RemovedForGood()
    {
        await using var host = new RedisTestHost(redis.Require(), RedisTestHost.NewPrefix(), o => o.Inbox.MaxAttempts = 1);
        var inbox = host.Get<IInbox>();
        await inbox.EnqueueAsync(RedisTestHost.Message("c1", "hola"), Token);
        await inbox.FailAsync(await ReceiveAsync(inbox), "HotelAgentException: PMS down", Token);
        var letter = (await inbox.GetDeadLettersAsync(cancellationToken: Token)).Should().ContainSingle().Subject;

        (await inbox.DiscardAsync(letter.Id, Token)).Should().BeTrue();

        (await inbox.GetDeadLettersAsync(cancellationToken: Token)).Should().BeEmpty();
        (await inbox.DiscardAsync(letter.Id, Token)).Should().BeFalse();
        (await inbox.ReplayAsync(letter.Id, Token)).Should().BeFalse();
        (await inbox.DiscardAsync("not-an-id", Token)).Should().BeFalse();
    }

    [Fact]
    public async Task FailAsync_NotLastAttempt_WaitsForTheRetryDelay()
    {
        await using var host = new RedisTestHost(redis.Require(), RedisTestHost.NewPrefix(), o => o.Inbox.RetryDelay = TimeSpan.FromMilliseconds(600));
        var inbox = host.Get<IInbox>();
        await inbox.EnqueueAsync(RedisTestHost.Message("c1", "hola"), Token);
        var first = await ReceiveAsync(inbox);
        var failedAt = System.Diagnostics.Stopwatch.StartNew();

        await inbox.FailAsync(first, "boom", Token);
        var retry = await ReceiveAsync(inbox);

        failedAt.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(550));
        retry.Attempt.Should().Be(2);
    }

    [Fact]
    public async Task ReceiveAsync_AbandonedMoreThanMaxAttempts_DeadLettersIt()
    {
        var prefix = RedisTestHost.NewPrefix();
        await using (var dying = new RedisTestHost(redis.Require(), prefix, o => { Claim("a")(o); o.Inbox.MaxAttempts = 1; }))
        {
            await dying.Get<IInbox>().EnqueueAsync(RedisTestHost.Message("c1", "hola"), Token);
            await ReceiveAsync(dying.Get<IInbox>());
        }

        await using var survivor = new RedisTestHost(redis.Require(), prefix, o => { Claim("b")(o); o.Inbox.MaxAttempts = 1; });
        var inbox = survivor.Get<IInbox>();
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var receive = inbox.ReceiveAsync(receiving.Token).AsTask();

        IReadOnlyList<DeadLetter> letters = [];
        for (var i = 0; i < 100 && letters.Count == 0; i++)
        {
            await Task.Delay(50, Token);
            letters = await inbox.GetDeadLettersAsync(cancellationToken: Token);
        }

        await receiving.CancelAsync();
        await FluentActions.Awaiting(() => receive).Should().ThrowAsync<OperationCanceledException>();
        letters.Should().ContainSingle().Which.Reason.Should().Contain("unanswered");
    }

    [Fact]
    public async Task Gauges_ReportTheSharedStreamRetriesNotYetDueAndDeadLetters()
    {
        await using var host = new RedisTestHost(redis.Require(), RedisTestHost.NewPrefix(), o =>
        {
            o.Inbox.MaxAttempts = 2;
            o.Inbox.RetryDelay = TimeSpan.FromMinutes(30);
        });
        var inbox = host.Get<IInbox>();
        var metrics = host.Get<RedisInbox>().Metrics!;
        using var depth = new MetricCollector<long>(host.Get<IMeterFactory>(), RedisInboxMetrics.MeterName, "hotel_agent.inbox.depth");
        using var deadLetters = new MetricCollector<long>(host.Get<IMeterFactory>(), RedisInboxMetrics.MeterName, "hotel_agent.inbox.dead_letters");
        async Task<(long Depth, long DeadLetters)> ObserveAsync()
        {
            await metrics.RefreshAsync();
            depth.RecordObservableInstruments();
            deadLetters.RecordObservableInstruments();
            return (depth.LastMeasurement!.Value, deadLetters.LastMeasurement!.Value);
        }

        // The first observation has nothing read yet: it reports nothing and starts the read, which the next reports.
        depth.RecordObservableInstruments();
        depth.LastMeasurement.Should().BeNull();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (depth.LastMeasurement is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Token);
            depth.RecordObservableInstruments();
        }

        depth.LastMeasurement!.Value.Should().Be(0);

        await inbox.EnqueueAsync(RedisTestHost.Message("a", "hola"), Token);
        await inbox.EnqueueAsync(RedisTestHost.Message("b", "hola"), Token);
        await inbox.EnqueueAsync(RedisTestHost.Message("c", "hola"), Token);
        (await ObserveAsync()).Should().Be((3, 0));

        var first = await ReceiveAsync(inbox);
        (await ObserveAsync()).Should().Be((3, 0), "a message being handled is still in the stream");
        await inbox.FailAsync(first, "boom", Token);
        (await ObserveAsync()).Should().Be((3, 0), "its retry is not due for 30 minutes and still waits");

        var second = await ReceiveAsync(inbox);
        await inbox.FailAsync(second with { Attempt = 2 }, "boom", Token);
        (await ObserveAsync()).Should().Be((2, 1), "the last attempt failed");

        var third = await ReceiveAsync(inbox);
        await inbox.CompleteAsync(third, Token);
        (await ObserveAsync()).Should().Be((1, 1));
        (await inbox.ReplayAsync((await inbox.GetDeadLettersAsync(cancellationToken: Token)).Single().Id, Token)).Should().BeTrue();
        (await ObserveAsync()).Should().Be((2, 0));
    }

    internal static async Task<InboxDelivery> ReceiveAsync(IInbox inbox, TimeSpan? within = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(within ?? TimeSpan.FromSeconds(10));
        return await inbox.ReceiveAsync(timeout.Token);
    }

    private static Action<RedisSessionStoreOptions> Claim(string consumer) => o =>
    {
        o.Inbox.ConsumerName = consumer;
        o.Inbox.ClaimIdleTime = TimeSpan.FromMilliseconds(300);
    };
}
