using HotelAgent.Tests.Shared;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace HotelAgent.MultiHost.Tests;

/// <summary>
/// Two sample hosts as real processes on one redis-server: a web-chat booking alternating between them, and a host
/// killed (SIGKILL) while it works a burst of WhatsApp webhooks.
/// </summary>
public sealed partial class TwoSampleHostsTests(RedisServerFixture redisFixture) : IAsyncLifetime
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
    public async Task WebChat_MessagesAlternatingBetweenHostProcesses_BookOnceOnTheConfirmingHost()
    {
        var redis = redisFixture.Require();
        var settings = RedisSettings(redis, NewPrefix());
        var (hostA, hostB) = await StartPairAsync(settings);
        SampleHostProcess[] hosts = [hostA, hostB];
        var conversation = "web-" + Guid.NewGuid().ToString("N")[..12];
        var email = $"ana.{conversation}@example.com";
        string[] script =
        [
            "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas",
            "Ana García",
            email,
            "sí",
        ];

        var responses = new List<ChatResponse>();
        for (var i = 0; i < script.Length; i++)
        {
            responses.Add(await WebChat.SendAsync(hosts[i % 2], conversation, script[i], Token));
        }

        var transcript = string.Join(Environment.NewLine, responses.Select((r, i) => $"{hosts[i % 2].Name} [{r.State}] {r.AllText}"));
        responses[1].State.Should().Be("awaiting_guest_email", "host B saw the dates host A collected: " + transcript);
        responses[2].State.Should().Be("awaiting_confirmation", transcript);
        responses[2].AllText.Should().Contain("Ana García", "host A read the name host B stored");
        responses[3].State.Should().Be("booked", transcript);
        var code = responses[3].ReservationCode;
        code.Should().NotBeNullOrEmpty(transcript);

        // The demo PMS lives in each process: the booking is in host B's (which confirmed), not host A's.
        var onB = await WebChat.GetReservationAsync(hostB, code!, Token);
        onB.Status.Should().Be(HttpStatusCode.OK);
        onB.Reservation!.Guest.Email.Should().Be(email);
        onB.Reservation.CheckIn.Month.Should().Be(12);
        onB.Reservation.CheckIn.Day.Should().Be(10);
        (await WebChat.GetReservationAsync(hostA, code!, Token)).Status.Should().Be(HttpStatusCode.NotFound);

        // The guest confirms again, now on host A: the session says it is booked, so host A books nothing.
        var repeat = await WebChat.SendAsync(hostA, conversation, "sí", Token);
        (repeat.ReservationCode ?? code).Should().Be(code);
        var codes = (await WebChat.ListReservationCodesAsync(hostA, email, Token)).Concat(await WebChat.ListReservationCodesAsync(hostB, email, Token));
        codes.Should().ContainSingle().Which.Should().Be(code);
    }

    [Fact]
    public async Task WhatsAppWebhooks_HostProcessKilledBetweenSavingTurnsAndSendingReplies_EveryAcknowledgedMessageAnswered()
    {
        const int Guests = 60;
        const int KillAfterAcknowledged = 25;
        var output = TestContext.Current.TestOutputHelper!;
        var redis = redisFixture.Require();
        var prefix = NewPrefix();
        var graph = await FakeGraphApi.StartAsync();
        _resources.Add(graph);

        // Each reply takes the fake Graph API 150 ms, so host A has turns in flight and messages waiting when it dies.
        // Until the kill, replies do not get through at all: host A saves each turn (with its replies in the outbox)
        // and dies before any reply is sent; the requests it had open are never recorded.
        graph.Latency = TimeSpan.FromMilliseconds(150);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        graph.HoldMessages = hold.Task;
        var settings = RedisSettings(redis, prefix);
        foreach (var (key, value) in WhatsAppWebhook.Settings(graph))
        {
            settings[key] = value;
        }

        var (hostA, hostB) = await StartPairAsync(settings);
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        var stream = (RedisKey)("{" + prefix + "inbox}");

        var run = Guid.NewGuid().ToString("N")[..8];
        var area = Random.Shared.Next(100, 1000);
        var guests = Enumerable.Range(0, Guests).Select(i => $"34{area}{i:D6}").ToArray();
        var acknowledged = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var acknowledgedByA = 0;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        TimeSpan killedAt = default;
        long pendingOnA = 0;
        long waitingInStream = 0;
        var savedUnsent = 0;
        var killing = false;

        var killer = Task.Run(
            async () =>
            {
                var waiting = Stopwatch.StartNew();
                while (Volatile.Read(ref acknowledgedByA) < KillAfterAcknowledged)
                {
                    waiting.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), $"host A acknowledges webhooks:{Environment.NewLine}{hostA.OutputTail}");
                    await Task.Delay(5, Token);
                }

                Volatile.Write(ref killing, true);
                await hostA.KillAsync();
                killedAt = clock.Elapsed;

                // Host A is gone and nothing is idle long enough to be claimed yet: this is what it left behind.
                var pending = await database.StreamPendingAsync(stream, "hotel-agent");
                pendingOnA = pending.Consumers.Where(c => c.Name == "host-a").Sum(c => (long)c.PendingMessageCount);
                waitingInStream = await database.StreamLengthAsync(stream);
                savedUnsent = await CountSavedUnsentAsync(database, prefix, stream, "host-a");

                // Host A's open requests to the Graph API died with it; replies of the other hosts go through.
                await Task.Delay(300, Token);
                graph.HoldMessages = null;
                hold.SetResult();
                killed.SetResult();
            },
            Token);

        // Webhooks go to host A until it is killed, then (the load balancer having dropped A) to host B. A 200 means
        // the message is in Redis. A request open on host A when it dies gets no 200; Meta would send it again, which
        // WhatsAppWebhook_RedeliveredAfterHostDiedBeforeEnqueue_IsAnswered covers: here it is left out.
        var lost = new ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(6);
        var senders = guests.Select(async (guest, i) =>
        {
            await gate.WaitAsync(Token);
            try
            {
                var json = WhatsAppWebhook.Text($"wamid.load.{run}.{i}", guest, "Hola, ¿a qué hora es el check-in?");
                if (!Volatile.Read(ref killing))
                {
                    try
                    {
                        using var response = await WhatsAppWebhook.PostAsync(hostA.Client, json, Token);
                        response.StatusCode.Should().Be(HttpStatusCode.OK, hostA.OutputTail);
                        acknowledged[guest] = hostA.Name;
                        Interlocked.Increment(ref acknowledgedByA);
                        return;
                    }
                    catch (HttpRequestException ex) when (Volatile.Read(ref killing) && ex.InnerException is not SocketException { SocketErrorCode: SocketError.ConnectionRefused })
                    {
                        lost.Add(guest);
                        return;
                    }
                    catch (HttpRequestException) when (Volatile.Read(ref killing))
                    {
                        // Host A was already gone: the load balancer sends this one to host B.
                    }
                }

                using var toB = await WhatsAppWebhook.PostAsync(hostB.Client, json, Token);
                toB.StatusCode.Should().Be(HttpStatusCode.OK, hostB.OutputTail);
                acknowledged[guest] = hostB.Name;
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        await Task.WhenAll(senders);
        await killer;

        string Unanswered(string[] unanswered)
        {
            var ids = unanswered.Select(g => $"wamid.load.{run}.{Array.IndexOf(guests, g)}").ToArray();
            var lines = hostA.Output.Select(l => "A " + l).Concat(hostB.Output.Select(l => "B " + l))
                .Where(l => ids.Any(id => l.Contains(id, StringComparison.Ordinal)) || unanswered.Any(g => l.Contains(g, StringComparison.Ordinal)));
            return $"unanswered: {string.Join(", ", unanswered.Zip(ids, (g, id) => $"{g} ({id}, acknowledged by {acknowledged[g]})"))}{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
        }

        // Host A comes back under the same consumer name and takes back what it had left pending; what it does
        // not, host B claims after ClaimIdleTime (2 s).
        await hostA.StartAsync();
        var restartedAt = clock.Elapsed;

        acknowledged.Should().HaveCount(Guests - lost.Count, "every webhook not cut off by the kill is acknowledged");
        await WaitUntilAsync(
            () => acknowledged.Keys.All(g => graph.Messages.Any(m => m.To == g)),
            TimeSpan.FromSeconds(30),
            () => Unanswered(acknowledged.Keys.Where(g => graph.Messages.All(m => m.To != g)).ToArray()));
        var allAnsweredAt = clock.Elapsed;

        // Every stream entry is completed (XACK + XDEL after the replies went out): nothing more can be sent.
        await WaitUntilAsync(async () => await database.StreamLengthAsync(stream) == 0, TimeSpan.FromSeconds(15), () => "the inbox stream did not drain");
        var drainedAt = clock.Elapsed;

        var messages = graph.Messages.Where(m => acknowledged.ContainsKey(m.To!)).ToArray();
        var perGuest = messages.GroupBy(m => m.To!).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var duplicates = perGuest.Values.Sum(v => v.Length - 1);
        acknowledged.Keys.Should().OnlyContain(g => perGuest.ContainsKey(g), "every acknowledged message is answered at least once");
        messages.Should().OnlyContain(m => m.Type == "text" && m.Text!.Contains("check-in", StringComparison.OrdinalIgnoreCase));
        (await database.StreamLengthAsync((RedisKey)("{" + prefix + "inbox}:inbox:dead-letters"))).Should().Be(0);
        graph.Requests.Count(r => !r.IsMessage).Should().BeGreaterThan(0, "read receipts are sent too, as separate requests the count above leaves out");
        (await CountSessionsWithUnsentRepliesAsync(connection, prefix)).Should().Be(0, "every outbox was emptied once its replies went out");

        var claimsA = Claimed(hostA.Output);
        var claimsB = Claimed(hostB.Output);
        output.WriteLine(
            $"{Guests} webhooks: {Volatile.Read(ref acknowledgedByA)} acknowledged by host A before it was killed, {lost.Count} cut off by the kill, {acknowledged.Count - acknowledgedByA} acknowledged by host B; " +
            $"host A left {pendingOnA} message(s) pending (delivered to it, not completed), {savedUnsent} of them with the turn saved and the replies in the outbox, unsent, and the stream held {waitingInStream} uncompleted entries; " +
            $"killed at {killedAt.TotalSeconds:F2} s, restarted and ready at {restartedAt.TotalSeconds:F2} s, every guest answered at {allAnsweredAt.TotalSeconds:F2} s ({(allAnsweredAt - restartedAt).TotalSeconds:F2} s after the restart), " +
            $"stream drained at {drainedAt.TotalSeconds:F2} s; claimed by host A (after restart) {claimsA}, by host B {claimsB}; " +
            $"{messages.Length} replies to {perGuest.Count} guests ({duplicates} duplicate(s)), {graph.Requests.Count - graph.Messages.Count} read receipts.");
        savedUnsent.Should().BeGreaterThan(0, "the kill found host A between saving turns and sending their replies, so the test covers the outbox");
        (allAnsweredAt - restartedAt).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(10), "every acknowledged message is answered within 10 s of the restart");
        pendingOnA.Should().BeGreaterThan(0, "the kill found host A with messages in flight, so the test covers recovering them");
    }

    [Fact]
    public async Task WhatsAppWebhook_RedeliveredAfterHostDiedBeforeEnqueue_IsAnswered()
    {
        var redis = redisFixture.Require();
        var prefix = NewPrefix();
        var graph = await FakeGraphApi.StartAsync();
        _resources.Add(graph);
        var settings = RedisSettings(redis, prefix);
        foreach (var (key, value) in WhatsAppWebhook.Settings(graph))
        {
            settings[key] = value;
        }

        settings["HotelAgent:WhatsApp:DeduplicationPendingTime"] = "00:00:02";
        var host = await SampleHostProcess.StartAsync("host-b", settings);
        _resources.Add(host);
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);

        // What host A left when it was killed after the deduplicator's pending SET NX and before its XADD: a
        // registration that lapses after DeduplicationPendingTime, not one for the whole window.
        const string MessageId = "wamid.redelivered.1";
        const string Guest = "34698000001";
        (await connection.GetDatabase().StringSetAsync($"{prefix}dedupe:whatsapp:{MessageId}", "1", TimeSpan.FromSeconds(2), When.NotExists)).Should().BeTrue();
        using (var early = await WhatsAppWebhook.PostAsync(host.Client, WhatsAppWebhook.Text(MessageId, Guest, "Hola, ¿a qué hora es el check-in?"), Token))
        {
            early.StatusCode.Should().Be(HttpStatusCode.OK, "a redelivery while the registration is pending is acknowledged as a duplicate");
        }

        await WaitUntilAsync(
            async () => !await connection.GetDatabase().KeyExistsAsync($"{prefix}dedupe:whatsapp:{MessageId}"),
            TimeSpan.FromSeconds(10),
            () => "the pending registration did not lapse");

        using var response = await WhatsAppWebhook.PostAsync(host.Client, WhatsAppWebhook.Text(MessageId, Guest, "Hola, ¿a qué hora es el check-in?"), Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await WaitUntilAsync(
            () => graph.Messages.Any(m => m.To == Guest),
            TimeSpan.FromSeconds(10),
            () => "the redelivered webhook was acknowledged and never answered" + Environment.NewLine + host.OutputTail);
    }

    internal static string NewPrefix() => "mh-" + Guid.NewGuid().ToString("N")[..8] + ":";

    /// <summary>Counts the entries pending on <paramref name="consumer"/> whose turn is saved with its replies still in the session's outbox.</summary>
    private static async Task<int> CountSavedUnsentAsync(IDatabase database, string prefix, RedisKey stream, string consumer)
    {
        var count = 0;
        foreach (var pending in await database.StreamPendingMessagesAsync(stream, "hotel-agent", 10_000, consumer))
        {
            var entry = (await database.StreamRangeAsync(stream, pending.MessageId, pending.MessageId)).SingleOrDefault();
            if (entry.IsNull)
            {
                continue;
            }

            using var message = System.Text.Json.JsonDocument.Parse((byte[])entry["m"]!);
            var messageId = message.RootElement.GetProperty("messageId").GetString();
            var session = await database.HashGetAsync(prefix + "session:" + message.RootElement.GetProperty("conversationId").GetString(), "d");
            if (session.IsNull)
            {
                continue;
            }

            using var document = System.Text.Json.JsonDocument.Parse((byte[])session!);
            if (document.RootElement.TryGetProperty("outbox", out var outbox)
                && outbox.EnumerateArray().Any(e => e.GetProperty("messageId").GetString() == messageId))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Counts the sessions whose outbox still holds replies (saved with their turn, not yet sent).</summary>
    private static async Task<int> CountSessionsWithUnsentRepliesAsync(IConnectionMultiplexer connection, string prefix)
    {
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var database = connection.GetDatabase();
        var count = 0;
        await foreach (var key in server.KeysAsync(pattern: prefix + "session:*"))
        {
            var json = await database.HashGetAsync(key, "d");
            if (json.IsNull)
            {
                continue;
            }

            using var document = System.Text.Json.JsonDocument.Parse((byte[])json!);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("outbox") || property.NameEquals("Outbox"))
                {
                    count += property.Value.GetArrayLength() > 0 ? 1 : 0;
                }
            }
        }

        return count;
    }

    internal static Dictionary<string, string> RedisSettings(RedisServer redis, string prefix) => new(StringComparer.Ordinal)
    {
        ["HotelAgent:Redis:Configuration"] = redis.Configuration,
        ["HotelAgent:Redis:KeyPrefix"] = prefix,
        ["HotelAgent:Redis:Inbox:ClaimIdleTime"] = "00:00:02",
        ["HotelAgent:Redis:Inbox:PollInterval"] = "00:00:00.050",
    };

    internal static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> because) =>
        await WaitUntilAsync(() => Task.FromResult(condition()), timeout, because);

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> because)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Not reached within {timeout.TotalSeconds} s: {because()}");
            }

            await Task.Delay(50, Token);
        }
    }

    private async Task<(SampleHostProcess A, SampleHostProcess B)> StartPairAsync(Dictionary<string, string> settings)
    {
        var startA = SampleHostProcess.StartAsync("host-a", new Dictionary<string, string>(settings) { ["HotelAgent:Redis:Inbox:ConsumerName"] = "host-a" });
        var startB = SampleHostProcess.StartAsync("host-b", new Dictionary<string, string>(settings) { ["HotelAgent:Redis:Inbox:ConsumerName"] = "host-b" });
        try
        {
            await Task.WhenAll(startA, startB);
        }
        finally
        {
            foreach (var start in new[] { startA, startB }.Where(t => t.IsCompletedSuccessfully))
            {
                _resources.Add(start.Result);
            }
        }

        return (startA.Result, startB.Result);
    }

    private static int Claimed(IReadOnlyList<string> output) =>
        output.Select(line => ClaimedPattern().Match(line)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"Inbox claimed (\d+) message")]
    private static partial Regex ClaimedPattern();
}
