using HotelAgent.Tests.Shared;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace HotelAgent.MultiHost.Tests;

/// <summary>
/// Chaos: the redis-server under one sample host process is killed mid-conversation and started again on the same
/// port, with its data (append-only file, fsync always) or without (no persistence).
/// </summary>
public sealed class RedisRestartTests : IAsyncLifetime
{
    /// <summary>How long a request may take while Redis is down before the test calls it a hang.</summary>
    private static readonly TimeSpan OutageRequestLimit = TimeSpan.FromSeconds(15);

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
    public async Task WebChat_RedisKilledMidConversationWithAppendOnlyFile_FailsFastThenConversationContinues()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var (redis, graph, host) = await StartAsync(appendOnly: true);
        var conversation = "chaos-" + Guid.NewGuid().ToString("N")[..12];
        var email = $"ana.{conversation}@example.com";
        (await WebChat.SendAsync(host, conversation, "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas", Token))
            .State.Should().Be("awaiting_guest_name");
        (await WebChat.SendAsync(host, conversation, "Ana García", Token)).State.Should().Be("awaiting_guest_email");

        await redis.KillAsync();
        var outage = await ProbeOutageAsync(host, conversation, email, "wamid.chaos.aof.1");
        output.WriteLine(outage.ToString());

        var restart = Stopwatch.StartNew();
        await redis.StartAsync();
        await WaitReadyAsync(host);
        output.WriteLine($"ready again {restart.Elapsed.TotalSeconds:F2} s after redis-server was started again");

        // The session came back from the append-only file: the guest goes on where the outage stopped them.
        var confirm = await WebChat.SendAsync(host, conversation, email, Token);
        confirm.State.Should().Be("awaiting_confirmation", confirm.AllText);
        confirm.AllText.Should().Contain("Ana García");
        var booked = await WebChat.SendAsync(host, conversation, "sí", Token);
        booked.State.Should().Be("booked", booked.AllText);
        (await WebChat.GetReservationAsync(host, booked.ReservationCode!, Token)).Reservation!.Guest.Email.Should().Be(email);
        (await WebChat.ListReservationCodesAsync(host, email, Token)).Should().ContainSingle();

        await AssertWebhookAnsweredAsync(host, graph, "wamid.chaos.aof.2", "34699000002");
        host.HasExited.Should().BeFalse();
        AssertOneWarningForTheOutage(host);
    }

    /// <summary>The outage is told once (warning 1510, then 1512 when Redis is back), with no unhandled exception.</summary>
    private static void AssertOneWarningForTheOutage(SampleHostProcess host)
    {
        host.Output.Count(l => l.Contains("[1510]", StringComparison.Ordinal)).Should().Be(1, host.OutputTail);
        host.Output.Should().Contain(l => l.Contains("[1512]", StringComparison.Ordinal), "Redis coming back is logged");
        host.Output.Should().NotContain(l => l.Contains("Unhandled", StringComparison.OrdinalIgnoreCase) || l.Contains("ExceptionHandlerMiddleware", StringComparison.Ordinal));
        host.Output.Where(l => l.Contains("warn: HotelAgent", StringComparison.Ordinal) && !l.Contains("[1510]", StringComparison.Ordinal))
            .Should().BeEmpty("one warning per outage");
    }

    [Fact]
    public async Task WebChat_RedisRestartedEmpty_FailsFastThenNewBookingCompletes()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var (redis, _, host) = await StartAsync(appendOnly: false);
        var conversation = "chaos-" + Guid.NewGuid().ToString("N")[..12];
        (await WebChat.SendAsync(host, conversation, "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas", Token))
            .State.Should().Be("awaiting_guest_name");

        await redis.KillAsync();
        var outage = await ProbeOutageAsync(host, conversation, "Ana García", "wamid.chaos.empty.2");
        output.WriteLine(outage.ToString());

        var restart = Stopwatch.StartNew();
        await redis.StartAsync();
        await WaitReadyAsync(host);
        output.WriteLine($"ready again {restart.Elapsed.TotalSeconds:F2} s after redis-server was started again (empty)");

        // Everything in Redis is gone, the session included: the guest starts over, and a new booking completes.
        var again = "chaos-" + Guid.NewGuid().ToString("N")[..12];
        var email = $"luis.{again}@example.com";
        (await WebChat.SendAsync(host, again, "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas", Token))
            .State.Should().Be("awaiting_guest_name");
        (await WebChat.SendAsync(host, again, "Luis Pérez", Token)).State.Should().Be("awaiting_guest_email");
        (await WebChat.SendAsync(host, again, email, Token)).State.Should().Be("awaiting_confirmation");
        var booked = await WebChat.SendAsync(host, again, "sí", Token);
        booked.State.Should().Be("booked", booked.AllText);
        (await WebChat.GetReservationAsync(host, booked.ReservationCode!, Token)).Status.Should().Be(HttpStatusCode.OK);
        host.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task WhatsAppWebhook_RedisRestartedEmpty_IsAnsweredAgain()
    {
        var (redis, graph, host) = await StartAsync(appendOnly: false);
        await AssertWebhookAnsweredAsync(host, graph, "wamid.chaos.group.1", "34699200001");

        await redis.KillAsync();
        await redis.StartAsync();
        await WaitReadyAsync(host);

        // The inbox stream and its consumer group were lost with the data; webhooks are queued and answered again.
        await AssertWebhookAnsweredAsync(host, graph, "wamid.chaos.group.2", "34699200002");
    }

    private async Task<(RedisServer Redis, FakeGraphApi Graph, SampleHostProcess Host)> StartAsync(bool appendOnly)
    {
        var redis = await RedisServer.StartAsync(appendOnly);
        _resources.Add(redis);
        var graph = await FakeGraphApi.StartAsync();
        _resources.Add(graph);
        var settings = TwoSampleHostsTests.RedisSettings(redis, TwoSampleHostsTests.NewPrefix());
        foreach (var (key, value) in WhatsAppWebhook.Settings(graph))
        {
            settings[key] = value;
        }

        settings["HotelAgent:Redis:Inbox:ConsumerName"] = "chaos-host";
        var host = await SampleHostProcess.StartAsync("chaos-host", settings);
        _resources.Add(host);
        return (redis, graph, host);
    }

    /// <summary>
    /// While Redis is down: a web-chat message and a webhook each get an answer (an error or a polite reply) within
    /// <see cref="OutageRequestLimit"/>, the host stays alive, and readiness reports the lost dependency.
    /// </summary>
    private static async Task<OutageProbe> ProbeOutageAsync(SampleHostProcess host, string conversation, string text, string webhookMessageId)
    {
        using var client = new HttpClient { BaseAddress = host.Client.BaseAddress, Timeout = OutageRequestLimit };
        var clock = Stopwatch.StartNew();
        using var chat = await client.PostAsJsonAsync($"/v1/conversations/{conversation}/messages", new { text }, Token);
        var chatTook = clock.Elapsed;
        var chatBody = await chat.Content.ReadAsStringAsync(Token);
        ((int)chat.StatusCode).Should().BeOneOf([200, 503], chatBody);
        if (chat.StatusCode == HttpStatusCode.OK)
        {
            chatBody.Should().Contain("\"replies\"", "a 200 during the outage carries a reply for the guest");
        }
        else
        {
            chat.Headers.RetryAfter.Should().NotBeNull("a 503 says when to try again");
        }

        clock.Restart();
        using var webhook = await WhatsAppWebhook.PostAsync(client, WhatsAppWebhook.Text(webhookMessageId, "34699999999", "hola"), Token);
        var webhookTook = clock.Elapsed;
        webhook.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a webhook is acknowledged only once it is in Redis; Meta sends it again");
        webhook.Headers.RetryAfter.Should().NotBeNull();

        // More deliveries during the same outage: each a 503, never a 500, and still one warning in the log.
        for (var i = 2; i <= 4; i++)
        {
            using var again = await WhatsAppWebhook.PostAsync(client, WhatsAppWebhook.Text($"{webhookMessageId}.{i}", "34699999999", "hola"), Token);
            again.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, host.OutputTail);
            again.Headers.RetryAfter.Should().NotBeNull();
        }

        using (var live = await client.GetAsync("/health/live", Token))
        {
            live.StatusCode.Should().Be(HttpStatusCode.OK, "the process is alive while Redis is down");
        }

        clock.Restart();
        HttpStatusCode ready;
        do
        {
            using var response = await client.GetAsync("/health/ready", Token);
            ready = response.StatusCode;
        }
        while (ready == HttpStatusCode.OK && clock.Elapsed < OutageRequestLimit && await Delay());
        ready.Should().Be(HttpStatusCode.ServiceUnavailable, "readiness takes the host out of the load balancer while Redis is down");
        host.HasExited.Should().BeFalse();
        return new OutageProbe(chat.StatusCode, chatTook, webhook.StatusCode, webhookTook, clock.Elapsed);

        static async Task<bool> Delay()
        {
            await Task.Delay(100, Token);
            return true;
        }
    }

    private static async Task WaitReadyAsync(SampleHostProcess host) =>
        await TwoSampleHostsTests.WaitUntilAsync(
            async () =>
            {
                using var response = await host.Client.GetAsync("/health/ready", Token);
                return response.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(30),
            () => "the host is not ready again after Redis came back:" + Environment.NewLine + host.OutputTail);

    private static async Task AssertWebhookAnsweredAsync(SampleHostProcess host, FakeGraphApi graph, string messageId, string guest)
    {
        using var response = await WhatsAppWebhook.PostAsync(host.Client, WhatsAppWebhook.Text(messageId, guest, "Hola, ¿a qué hora es el check-in?"), Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK, host.OutputTail);
        await TwoSampleHostsTests.WaitUntilAsync(
            () => graph.Messages.Any(m => m.To == guest),
            TimeSpan.FromSeconds(15),
            () => $"no reply to {messageId}:{Environment.NewLine}{host.OutputTail}");
        graph.Messages.Where(m => m.To == guest).Should().ContainSingle().Which.Text.Should().Contain("check-in");
    }

    private sealed record OutageProbe(HttpStatusCode Chat, TimeSpan ChatTook, HttpStatusCode Webhook, TimeSpan WebhookTook, TimeSpan ReadyFailedAfter)
    {
        public override string ToString() =>
            $"Redis down: web chat answered {(int)Chat} in {ChatTook.TotalSeconds:F2} s, webhook {(int)Webhook} in {WebhookTook.TotalSeconds:F2} s, /health/ready 503 after {ReadyFailedAfter.TotalSeconds:F2} s";
    }
}
