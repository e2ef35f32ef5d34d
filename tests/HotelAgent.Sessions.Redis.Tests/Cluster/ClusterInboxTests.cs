using System.Collections.Concurrent;
using System.Diagnostics;
using HotelAgent.Abstractions;
using HotelAgent.Sessions.Redis.Tests.Inbox;
using HotelAgent.Tests.Shared;
using StackExchange.Redis;

namespace HotelAgent.Sessions.Redis.Tests.Cluster;

/// <summary>
/// The multi-key scripts on a real Redis Cluster (each would fail with CROSSSLOT if its keys spread over slots), and a
/// primary killed mid-load: its replica is promoted and no message whose enqueue returned is lost.
/// </summary>
public sealed class ClusterInboxTests(RedisClusterFixture cluster, ITestOutputHelper output)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Inbox_RetryDeadLetterReplayAndComplete_WorkOnACluster()
    {
        await using var host = new RedisTestHost((await cluster.RequireAsync()).Configuration, RedisTestHost.NewPrefix(), o =>
        {
            o.Inbox.MaxAttempts = 2;
            o.Inbox.RetryDelay = TimeSpan.Zero;
        });
        var inbox = host.Get<IInbox>();
        var message = RedisTestHost.Message("c1", "hola");

        await inbox.EnqueueAsync(message, Token);
        var first = await RedisInboxTests.ReceiveAsync(inbox);
        await inbox.FailAsync(first, "PMS down", Token);
        var retried = await RedisInboxTests.ReceiveAsync(inbox);
        await inbox.FailAsync(retried, "PMS down again", Token);
        var dead = (await inbox.GetDeadLettersAsync(10, Token)).Should().ContainSingle().Subject;
        (await inbox.ReplayAsync(dead.Id, Token)).Should().BeTrue();
        var replayed = await RedisInboxTests.ReceiveAsync(inbox);
        await inbox.CompleteAsync(replayed, Token);

        retried.Attempt.Should().Be(2);
        dead.Reason.Should().Be("PMS down again");
        replayed.Message.MessageId.Should().Be(message.MessageId);
        (await inbox.GetDeadLettersAsync(10, Token)).Should().BeEmpty();
    }

    [Fact]
    public async Task HandoffStore_AddListUpdate_WorkOnACluster()
    {
        await using var host = new RedisTestHost((await cluster.RequireAsync()).Configuration, RedisTestHost.NewPrefix());
        var store = host.Get<IHandoffStore>();
        var ticket = new HandoffTicket
        {
            Id = Guid.NewGuid().ToString("N"),
            ConversationId = "webchat:c1",
            ChannelName = ChannelNames.WebChat,
            GuestId = "c1",
            Reason = HandoffReason.GuestRequest,
            CreatedAt = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero),
        };

        var added = await store.AddAsync(ticket, Token);
        var again = await store.AddAsync(ticket with { Id = Guid.NewGuid().ToString("N") }, Token);
        var taken = await store.UpdateAsync(ticket.Id, t => t with { Status = HandoffStatus.Taken }, Token);

        again.Id.Should().Be(added.Id, "the conversation already has an open ticket for that reason");
        taken!.Status.Should().Be(HandoffStatus.Taken);
        (await store.ListAsync(null, Token)).Should().ContainSingle().Which.Status.Should().Be(HandoffStatus.Taken);
    }

    [Fact]
    public async Task EnqueueAsync_PrimaryKilledMidLoad_ReplicaTakesOverAndNoAcknowledgedMessageIsLost()
    {
        await using var own = await RedisCluster.StartAsync(masters: 3, replicasPerMaster: 1);
        var prefix = RedisTestHost.NewPrefix();
        await using var producer = new RedisTestHost(own.Configuration, prefix, o =>
        {
            o.Inbox.ReplicasToAcknowledge = 1;
            o.Inbox.ReplicationTimeout = TimeSpan.FromMilliseconds(500);
        });
        var inbox = producer.Get<IInbox>();
        var stream = "{" + prefix + "inbox}";
        var primary = await own.PrimaryOfSlotAsync(await own.SlotOfAsync(stream));

        // Four producers, like webhooks arriving: each message is retried until its enqueue returns (as Meta
        // redelivers a webhook answered 503); only messages whose enqueue returned count as acknowledged.
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var refused = 0;
        const int Total = 400;
        var next = -1;
        var killAt = new TaskCompletionSource();
        var watch = Stopwatch.StartNew();
        var producers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Total)
            {
                var message = RedisTestHost.Message($"guest-{i}", $"message {i}", messageId: $"m{i:D4}");
                while (true)
                {
                    try
                    {
                        await inbox.EnqueueAsync(message, Token);
                        acknowledged[message.MessageId] = true;
                        break;
                    }
                    catch (Exception ex) when (ex is HotelAgentException or RedisException or TimeoutException)
                    {
                        Interlocked.Increment(ref refused);
                        await Task.Delay(100, Token);
                    }
                }

                if (acknowledged.Count == Total / 4)
                {
                    killAt.TrySetResult();
                }
            }
        })).ToArray();

        await killAt.Task.WaitAsync(TimeSpan.FromSeconds(60), Token);
        var ackedBeforeKill = acknowledged.Count;
        await own.KillAsync(primary);
        var killedAt = watch.Elapsed;
        await own.WaitForFailoverAsync(primary, await own.SlotOfAsync(stream), TimeSpan.FromSeconds(30));
        var promotedAfter = watch.Elapsed - killedAt;

        // The promoted replica has no replica of its own: with ReplicasToAcknowledge = 1 its enqueues are refused (the
        // channel redelivers) until the killed node is back, as its replica.
        await own.RestartAsync(primary, replicas: 3, TimeSpan.FromSeconds(30));
        var rejoinedAfter = watch.Elapsed - killedAt;
        await Task.WhenAll(producers).WaitAsync(TimeSpan.FromSeconds(60), Token);

        await using var consumer = new RedisTestHost(own.Configuration, prefix);
        var consumerInbox = consumer.Get<IInbox>();
        var received = new HashSet<string>(StringComparer.Ordinal);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (!acknowledged.Keys.All(received.Contains))
        {
            var delivery = await consumerInbox.ReceiveAsync(deadline.Token);
            received.Add(delivery.Message.MessageId);
            await consumerInbox.CompleteAsync(delivery, deadline.Token);
        }

        output.WriteLine($"{ackedBeforeKill} acknowledged before the kill of primary {primary}; replica promoted {promotedAfter.TotalSeconds:F1} s after it, killed node back as a replica {rejoinedAfter.TotalSeconds:F1} s after it; {refused} enqueue attempts refused or failed during the failover; {acknowledged.Count} acknowledged, {received.Count} received in {watch.Elapsed.TotalSeconds:F1} s.");
        acknowledged.Should().HaveCount(Total);
        received.Should().BeSubsetOf(Enumerable.Range(0, Total).Select(i => $"m{i:D4}"));
        acknowledged.Keys.Should().BeSubsetOf(received, "every message whose enqueue returned was on a replica that took over");
        (await own.PrimaryOfSlotAsync(await own.SlotOfAsync(stream))).Should().NotBe(primary);
    }
}
