using HotelAgent.Tests.Shared;
using System.Net;
using System.Text.Json;
using StackExchange.Redis;

namespace HotelAgent.MultiHost.Tests;

/// <summary>
/// Two hotels in one deployment: two sample host processes on one redis-server, each serving the default hotel
/// (Valencia, <c>hotel.json</c>) and the property <c>lisbon</c> (<c>hotel-lisbon.json</c>, its own WhatsApp number).
/// Conversations, look-ups, handoff tickets and statistics of one hotel never reach the other.
/// </summary>
public sealed class TwoPropertiesTests(RedisServerFixture redisFixture) : IAsyncLifetime
{
    private const string LisbonNumber = "351210000456";

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
    public async Task TwoProperties_OnTwoHostProcessesAndOneRedis_KeepConversationsLookupsTicketsAndStatsApart()
    {
        var redis = redisFixture.Require();
        var settings = TwoSampleHostsTests.RedisSettings(redis, TwoSampleHostsTests.NewPrefix());
        AddLisbon(settings);

        // The host processes run on the real clock: reception around the clock in both hotels, so a guest asking for a
        // person is handed off whatever the hour the test runs at (after hours the ticket waits and the agent answers).
        settings["HotelAgent:Knowledge:ReceptionOpens"] = "00:00";
        settings["HotelAgent:Knowledge:ReceptionCloses"] = "00:00";
        settings["HotelAgent:Properties:lisbon:Knowledge:ReceptionOpens"] = "00:00";
        settings["HotelAgent:Properties:lisbon:Knowledge:ReceptionCloses"] = "00:00";
        var (hostA, hostB) = await StartPairAsync(settings);
        SampleHostProcess[] hosts = [hostA, hostB];
        var run = Guid.NewGuid().ToString("N")[..10];

        // One conversation id in both hotels, on different hosts: each answers from its own catalogue.
        var valenciaParking = await WebChat.SendAsync(hostA, "web-p-" + run, "Do you have parking?", Token);
        var lisbonParking = await WebChat.SendAsync(hostB, "web-p-" + run, "Do you have parking?", Token, property: "lisbon");
        valenciaParking.AllText.Should().Contain("€15 a day");
        lisbonParking.AllText.Should().Contain("no car park").And.NotContain("€15");

        // A booking in Lisbon, its steps alternating between the hosts; the same conversation id in Valencia sits in
        // another session, which knows nothing of it.
        var booking = "web-b-" + run;
        var email = $"rita.{run}@example.com";
        string[] script = ["Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas", "Rita Sousa", email, "sí"];
        var responses = new List<ChatResponse>();
        for (var i = 0; i < script.Length; i++)
        {
            responses.Add(await WebChat.SendAsync(hosts[i % 2], booking, script[i], Token, property: "lisbon"));
        }

        var transcript = string.Join(Environment.NewLine, responses.Select((r, i) => $"{hosts[i % 2].Name} [{r.State}] {r.AllText}"));
        responses[1].State.Should().Be("awaiting_guest_email", transcript);
        responses[3].State.Should().Be("booked", transcript);
        var code = responses[3].ReservationCode;
        code.Should().NotBeNullOrEmpty(transcript);
        var inValencia = await WebChat.SendAsync(hostA, booking, "Rita Sousa", Token);
        inValencia.State.Should().NotBe("awaiting_guest_email", "Valencia's conversation of that id never collected a stay");

        // The code opens the booking in Lisbon (on host B, whose demo PMS confirmed it) and nowhere in Valencia.
        var lisbonLookup = await WebChat.GetReservationAsync(hostB, code!, Token, property: "lisbon");
        lisbonLookup.Status.Should().Be(HttpStatusCode.OK);
        lisbonLookup.Reservation!.Guest.Email.Should().Be(email);
        (await WebChat.GetReservationAsync(hostB, code!, Token)).Status.Should().Be(HttpStatusCode.NotFound);
        var guestLookup = await WebChat.SendAsync(hostB, "web-l-" + run, $"Quiero cancelar mi reserva {code}", Token);
        guestLookup.AllText.Should().NotContain("Rita").And.NotContain(email);
        guestLookup.ReservationCode.Should().BeNull();

        // A guest of each hotel asks for a person: each ticket is on its own hotel's queue only, on either host.
        (await WebChat.SendAsync(hostA, "web-h-" + run, "Quiero hablar con una persona", Token, property: "lisbon")).State.Should().Be("handed_off");
        (await WebChat.SendAsync(hostB, "web-h-" + run, "Quiero hablar con una persona", Token)).State.Should().Be("handed_off");
        var lisbonTickets = await WebChat.ListHandoffsAsync(hostB, Token, property: "lisbon");
        var valenciaTickets = await WebChat.ListHandoffsAsync(hostA, Token);
        var lisbonTicket = lisbonTickets.Should().ContainSingle().Subject;
        lisbonTicket.ConversationId.Should().Be($"lisbon/webchat:web-h-{run}");
        valenciaTickets.Should().ContainSingle().Which.ConversationId.Should().Be($"webchat:web-h-{run}");
        using (var takeInValencia = await hostA.Client.PostAsync($"/v1/handoffs/{lisbonTicket.Id}/take", Json(new { staff = "Marta" }), Token))
        {
            takeInValencia.StatusCode.Should().Be(HttpStatusCode.NotFound, "Valencia's staff do not see Lisbon's ticket");
        }

        using (var takeInLisbon = await hostA.Client.PostAsync($"/v1/handoffs/{lisbonTicket.Id}/take?property=lisbon", Json(new { staff = "Inês" }), Token))
        {
            takeInLisbon.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // Statistics, shared by the hosts through Redis, per hotel: Valencia 4 messages (parking, the stray name, the
        // look-up, the handoff); Lisbon 6 (parking, four booking steps, the handoff).
        await TwoSampleHostsTests.WaitUntilAsync(
            async () => Messages(await WebChat.GetStatsAsync(hostA, Token, property: "lisbon")) == 6 && Messages(await WebChat.GetStatsAsync(hostB, Token)) == 4,
            TimeSpan.FromSeconds(10),
            () => "the statistics of each hotel count its own messages");
        var lisbonStats = await WebChat.GetStatsAsync(hostB, Token, property: "lisbon");
        var valenciaStats = await WebChat.GetStatsAsync(hostA, Token);
        lisbonStats.GetProperty("totals").GetProperty("bookings").GetInt64().Should().Be(1);
        valenciaStats.GetProperty("totals").GetProperty("bookings").GetInt64().Should().Be(0);
        lisbonStats.GetProperty("handoffs").GetProperty("taken").GetInt32().Should().Be(1);
        valenciaStats.GetProperty("handoffs").GetProperty("open").GetInt32().Should().Be(1);
        valenciaStats.GetProperty("handoffs").GetProperty("taken").GetInt32().Should().Be(0);
        Conversations(lisbonStats).Should().OnlyContain(id => id.StartsWith("lisbon/", StringComparison.Ordinal)).And.HaveCount(3);
        Conversations(valenciaStats).Should().NotContain(id => id.StartsWith("lisbon/", StringComparison.Ordinal)).And.HaveCount(4);
    }

    [Fact]
    public async Task WhatsAppWebhook_RoutesEachPhoneNumberToItsHotel_AndRepliesFromThatNumber()
    {
        var redis = redisFixture.Require();
        var prefix = TwoSampleHostsTests.NewPrefix();
        var graph = await FakeGraphApi.StartAsync();
        _resources.Add(graph);
        var settings = TwoSampleHostsTests.RedisSettings(redis, prefix);
        foreach (var (key, value) in WhatsAppWebhook.Settings(graph))
        {
            settings[key] = value;
        }

        AddLisbon(settings);
        settings["HotelAgent:Properties:lisbon:WhatsApp:PhoneNumberId"] = LisbonNumber;
        settings["HotelAgent:Properties:lisbon:WhatsApp:AccessToken"] = WhatsAppWebhook.AccessToken;
        settings["HotelAgent:Properties:lisbon:WhatsApp:AppSecret"] = WhatsAppWebhook.AppSecret;
        settings["HotelAgent:Properties:lisbon:WhatsApp:VerifyToken"] = WhatsAppWebhook.VerifyToken;
        settings["HotelAgent:Properties:lisbon:WhatsApp:GraphApiBaseUrl"] = graph.BaseUrl.ToString();
        var (hostA, hostB) = await StartPairAsync(settings);
        var run = Guid.NewGuid().ToString("N")[..8];
        var guest = "34" + Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        // One guest writes to both hotels' numbers (through different hosts).
        using (var toValencia = await WhatsAppWebhook.PostAsync(hostA.Client, WhatsAppWebhook.Text("wamid.v-" + run, guest, "Do you have parking?"), Token))
        {
            toValencia.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var toLisbon = await WhatsAppWebhook.PostAsync(hostB.Client, WhatsAppWebhook.Text("wamid.l-" + run, guest, "Do you have parking?", LisbonNumber), Token))
        {
            toLisbon.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await graph.WaitUntilAsync(
            () => graph.Messages.Any(m => m.PhoneNumberId == LisbonNumber) && graph.Messages.Any(m => m.PhoneNumberId == WhatsAppWebhook.PhoneNumberId),
            TimeSpan.FromSeconds(20));
        var sent = graph.Messages;
        sent.Should().OnlyContain(m => m.To == guest);
        var fromValencia = sent.Where(m => m.PhoneNumberId == WhatsAppWebhook.PhoneNumberId).Select(m => m.Text ?? string.Empty).ToArray();
        var fromLisbon = sent.Where(m => m.PhoneNumberId == LisbonNumber).Select(m => m.Text ?? string.Empty).ToArray();
        fromValencia.Should().ContainMatch("*€15 a day*").And.NotContainMatch("*no car park*");
        fromLisbon.Should().ContainMatch("*no car park*").And.NotContainMatch("*€15*");

        // Each hotel keeps the guest's conversation under its own key in the one Redis.
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        (await database.KeyExistsAsync($"{prefix}session:whatsapp:{WhatsAppWebhook.PhoneNumberId}:{guest}")).Should().BeTrue();
        (await database.KeyExistsAsync($"{prefix}session:lisbon/whatsapp:{LisbonNumber}:{guest}")).Should().BeTrue();
        string seen = string.Empty;
        await TwoSampleHostsTests.WaitUntilAsync(
            async () =>
            {
                var lisbon = await WebChat.GetStatsAsync(hostA, Token, property: "lisbon");
                var valencia = await WebChat.GetStatsAsync(hostA, Token);
                seen = $"Lisbon {lisbon.GetProperty("totals")}, Valencia {valencia.GetProperty("totals")}";
                // One turn each. Messages count deliveries: on a loaded machine a host may claim a message whose reply
                // took the other longer than ClaimIdleTime, and finds it handled (a delivery, not a turn).
                return Turns(lisbon) == 1 && Turns(valencia) == 1 && Messages(lisbon) >= 1 && Messages(valencia) >= 1;
            },
            TimeSpan.FromSeconds(10),
            () => $"each hotel counts the one turn it ran ({seen}){Environment.NewLine}{hostA.OutputTail}{Environment.NewLine}{hostB.OutputTail}");
    }

    private static void AddLisbon(Dictionary<string, string> settings)
    {
        settings["HotelAgent:Properties:lisbon:DefaultLanguage"] = "pt";
        settings["HotelAgent:Properties:lisbon:DemoPms:CatalogPath"] = "hotel-lisbon.json";
    }

    private static long Messages(JsonElement stats) => stats.GetProperty("totals").GetProperty("messages").GetInt64();

    private static long Turns(JsonElement stats) => stats.GetProperty("totals").GetProperty("turns").GetInt64();

    private static IReadOnlyList<string> Conversations(JsonElement stats) =>
        [.. stats.GetProperty("live").GetProperty("conversations").EnumerateArray().Select(c => c.GetProperty("conversationId").GetString()!)];

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

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
}
