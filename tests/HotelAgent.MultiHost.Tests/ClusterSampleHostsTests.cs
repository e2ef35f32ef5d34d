using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotelAgent.Tests.Shared;

namespace HotelAgent.MultiHost.Tests;

/// <summary>
/// Two sample hosts as real processes on a real Redis Cluster (3 primaries, 3 replicas): a web-chat booking alternating
/// between them, then a burst of WhatsApp webhooks to both while the primary holding the inbox is killed (SIGKILL).
/// </summary>
/// <remarks>
/// A webhook whose <c>XADD</c> failed as the primary died forgets its message id so that the redelivery is taken in;
/// when the id's own shard is the killed primary that forgetting fails too, and the id stays registered (pending). Such
/// a redelivery was once answered 200 as a duplicate and the message never queued (one guest in a few runs unanswered);
/// now it is answered 503 until the registration lapses (5 s here), then taken in.
/// </remarks>
public sealed class ClusterSampleHostsTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _resources = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var resource in Enumerable.Reverse(_resources))
        {
            await resource.DisposeAsync();
        }
    }

    [Fact]
    public async Task Cluster_PrimaryOfTheInboxKilledMidLoad_EveryAcknowledgedWebhookAnsweredAndStatsShared()
    {
        const int Guests = 40;
        const int KillAfterAcknowledged = 12;
        var output = TestContext.Current.TestOutputHelper!;
        var cluster = await RedisCluster.StartAsync(masters: 3, replicasPerMaster: 1);
        _resources.Add(cluster);
        var graph = await FakeGraphApi.StartAsync();
        _resources.Add(graph);
        var prefix = TwoSampleHostsTests.NewPrefix();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HotelAgent:Redis:Configuration"] = cluster.Configuration,
            ["HotelAgent:Redis:KeyPrefix"] = prefix,
            ["HotelAgent:Redis:Inbox:ClaimIdleTime"] = "00:00:02",
            ["HotelAgent:Redis:Inbox:PollInterval"] = "00:00:00.050",
            ["HotelAgent:Redis:Inbox:ReplicasToAcknowledge"] = "1",
            ["HotelAgent:Redis:Inbox:ReplicationTimeout"] = "00:00:00.500",

            // A webhook whose message id is registered but not yet recorded is answered 503; when the id's shard is
            // the killed primary, a failed attempt cannot forget it, and its redeliveries wait for this to lapse.
            ["HotelAgent:WhatsApp:DeduplicationPendingTime"] = "00:00:05",

            // The output tails then show the webhooks' decisions rather than every Graph API call.
            ["Logging:LogLevel:System.Net.Http"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Warning",
            ["Logging:LogLevel:HotelAgent.Channels.WhatsApp"] = "Debug",
        };
        foreach (var (key, value) in WhatsAppWebhook.Settings(graph))
        {
            settings[key] = value;
        }

        var startA = SampleHostProcess.StartAsync("host-a", new Dictionary<string, string>(settings) { ["HotelAgent:Redis:Inbox:ConsumerName"] = "host-a" });
        var startB = SampleHostProcess.StartAsync("host-b", new Dictionary<string, string>(settings) { ["HotelAgent:Redis:Inbox:ConsumerName"] = "host-b" });
        await Task.WhenAll(startA, startB);
        var hostA = await startA;
        var hostB = await startB;
        _resources.Add(hostA);
        _resources.Add(hostB);
        SampleHostProcess[] hosts = [hostA, hostB];

        // Sessions on the cluster: each message of one booking on the other host.
        var conversation = "web-" + Guid.NewGuid().ToString("N")[..12];
        string[] script = ["Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas", "Ana García", $"ana.{conversation}@example.com", "sí"];
        var states = new List<string?>();
        for (var i = 0; i < script.Length; i++)
        {
            states.Add((await WebChat.SendAsync(hosts[i % 2], conversation, script[i], Token)).State);
        }

        states.Skip(1).Should().Equal("awaiting_guest_email", "awaiting_confirmation", "booked");

        // Webhooks alternate between the hosts; a 503 (Redis failing over, or the message not yet on a replica) is
        // sent again after 200 ms, as Meta redelivers. A 200 means the message is on the primary and one replica.
        var stream = "{" + prefix + "inbox}";
        var slot = await cluster.SlotOfAsync(stream);
        var primary = await cluster.PrimaryOfSlotAsync(slot);
        var run = Guid.NewGuid().ToString("N")[..8];
        var area = Random.Shared.Next(100, 1000);
        var guests = Enumerable.Range(0, Guests).Select(i => $"34{area}{i:D6}").ToArray();
        var acknowledged = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var redeliveries = 0;
        var kill = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(4);
        var senders = guests.Select(async (guest, i) =>
        {
            await gate.WaitAsync(Token);
            try
            {
                var json = WhatsAppWebhook.Text($"wamid.cluster.{run}.{i}", guest, "Hola, ¿a qué hora es el check-in?");
                var host = hosts[i % 2];
                while (true)
                {
                    clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(90), host.OutputTail);
                    using var response = await WhatsAppWebhook.PostAsync(host.Client, json, Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged[guest] = true;
                        if (acknowledged.Count >= KillAfterAcknowledged)
                        {
                            kill.TrySetResult();
                        }

                        return;
                    }

                    response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, host.OutputTail);
                    Interlocked.Increment(ref redeliveries);
                    await Task.Delay(200, Token);
                }
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();

        await kill.Task.WaitAsync(TimeSpan.FromSeconds(60), Token);
        var acknowledgedAtKill = acknowledged.Count;
        await cluster.KillAsync(primary);
        var killedAt = clock.Elapsed;
        await cluster.WaitForFailoverAsync(primary, slot, TimeSpan.FromSeconds(30));
        var promotedAt = clock.Elapsed;

        // The promoted replica has none of its own until the killed node is back (as its replica): until then the
        // inbox refuses messages (ReplicasToAcknowledge = 1) and the webhooks are sent again.
        await cluster.RestartAsync(primary, replicas: 3, TimeSpan.FromSeconds(30));
        var rejoinedAt = clock.Elapsed;
        await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(90), Token);

        acknowledged.Should().HaveCount(Guests);
        await TwoSampleHostsTests.WaitUntilAsync(
            () => guests.All(g => graph.Messages.Any(m => m.To == g)),
            TimeSpan.FromSeconds(45),
            () => $"unanswered: {string.Join(", ", guests.Where(g => graph.Messages.All(m => m.To != g)))}{Environment.NewLine}A:{Environment.NewLine}{hostA.OutputTail}{Environment.NewLine}B:{Environment.NewLine}{hostB.OutputTail}");
        var answeredAt = clock.Elapsed;

        // The staff console's numbers are the hotel's, not one host's: either host counts both hosts' messages.
        var statsA = await StatsAsync(hostA);
        var statsB = await StatsAsync(hostB);
        var messagesA = statsA.GetProperty("totals").GetProperty("messages").GetInt64();
        messagesA.Should().BeGreaterThanOrEqualTo(Guests + script.Length, "the web chat's and every webhook's messages, from both hosts");
        statsB.GetProperty("totals").GetProperty("messages").GetInt64().Should().BeGreaterThanOrEqualTo(Guests + script.Length);
        statsB.GetProperty("live").GetProperty("conversations").EnumerateArray().Select(c => c.GetProperty("conversationId").GetString())
            .Should().Contain("webchat:" + conversation).And.Contain(c => c!.Contains(guests[1], StringComparison.Ordinal));

        var duplicates = graph.Messages.Where(m => guests.Contains(m.To)).GroupBy(m => m.To).Sum(g => g.Count() - 1);
        output.WriteLine(
            $"{Guests} webhooks to two hosts on a 3+3 cluster: {acknowledgedAtKill} acknowledged when the inbox's primary ({primary}) was killed at {killedAt.TotalSeconds:F2} s; " +
            $"replica promoted at {promotedAt.TotalSeconds:F2} s ({(promotedAt - killedAt).TotalSeconds:F2} s), killed node back as a replica at {rejoinedAt.TotalSeconds:F2} s; " +
            $"{redeliveries} webhooks answered 503 and sent again; all {Guests} acknowledged and answered at {answeredAt.TotalSeconds:F2} s; {duplicates} duplicate replies; " +
            $"console totals: {messagesA} messages.");
    }

    private static async Task<JsonElement> StatsAsync(SampleHostProcess host)
    {
        using var response = await host.Client.GetAsync("/v1/stats", Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK, host.OutputTail);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }
}
