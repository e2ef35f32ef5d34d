using System.Collections.Concurrent;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HotelAgent.Sessions.Redis.Tests.MultiHost;

/// <summary>
/// Two agent hosts in this process (two generic hosts, each with its own Redis connection, inbox consumer and running
/// inbox processor) sharing one Redis and one PMS. The demo PMS keeps reservations in its process, so host B is given
/// host A's PMS instance, as two real hosts would share the hotel's PMS.
/// </summary>
public sealed class TwoHostTests(RedisServerFixture redis)
{
    private const string Channel = "test";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandleAsync_BookingAlternatingBetweenHosts_IsCoherentAndBooksOnce()
    {
        var prefix = RedisTestHost.NewPrefix();
        var replies = new RecordingChannel();
        using var hostA = await StartAsync(prefix, "host-a", replies);
        using var hostB = await StartAsync(prefix, "host-b", replies, hostA.Services.GetRequiredService<IPmsAdapter>());
        var agents = new[] { hostA.Services.GetRequiredService<IHotelAgent>(), hostB.Services.GetRequiredService<IHotelAgent>() };
        var conversation = "guest-" + Guid.NewGuid().ToString("N")[..8];
        string[] script =
        [
            "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas",
            "Ana García",
            "ana@example.com",
            "sí",
        ];

        var responses = new List<AgentResponse>();
        for (var i = 0; i < script.Length; i++)
        {
            responses.Add(await agents[i % 2].HandleAsync(Message(conversation, script[i]), Token));
        }

        var pms = hostA.Services.GetRequiredService<IPmsAdapter>();
        var session = await hostB.Services.GetRequiredService<ISessionStore>().GetAsync(conversation, Token);
        session!.TurnCount.Should().Be(script.Length, "every turn saw the previous one, whichever host ran it");
        var code = responses[^1].ReservationCode;
        code.Should().NotBeNullOrEmpty(string.Join(" | ", responses.SelectMany(r => r.Replies).Select(r => r.Text)));
        var reservation = await pms.GetReservationAsync(code!, Token);
        reservation.Should().NotBeNull();
        reservation!.Guest.Email.Should().Be("ana@example.com");

        // The guest repeats the confirmation on the other host: no second booking.
        var repeat = await agents[script.Length % 2].HandleAsync(Message(conversation, "sí"), Token);
        (repeat.ReservationCode ?? code).Should().Be(code);
        var all = await pms.ListReservationsAsync(new ReservationQuery { Email = "ana@example.com" }, Token);
        all.Should().ContainSingle();
    }

    [Fact]
    public async Task InboxProcessor_HostStoppedUnderLoad_SurvivorAnswersEveryMessageOnce()
    {
        var prefix = RedisTestHost.NewPrefix();
        var replies = new RecordingChannel();
        var hostA = await StartAsync(prefix, "host-a", replies);
        using var hostB = await StartAsync(prefix, "host-b", replies, hostA.Services.GetRequiredService<IPmsAdapter>());
        var inboxes = new[] { hostA.Services.GetRequiredService<IInbox>(), hostB.Services.GetRequiredService<IInbox>() };
        const int Messages = 60;
        var conversations = Enumerable.Range(0, Messages).Select(i => $"load-{i}-{Guid.NewGuid():N}").ToArray();

        // Every enqueue returned, so every message is acknowledged; host A stops (its in-flight turns cancelled,
        // unacknowledged in Redis) while the inbox is still full.
        for (var i = 0; i < Messages; i++)
        {
            await inboxes[i % 2].EnqueueAsync(Message(conversations[i], "¿A qué hora es el check-in?"), Token);
            if (i == Messages / 2)
            {
                await hostA.StopAsync(new CancellationToken(canceled: true));
            }
        }

        hostA.Dispose();
        var sessions = hostB.Services.GetRequiredService<ISessionStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && conversations.Any(c => !replies.Guests.ContainsKey(c)))
        {
            await Task.Delay(100, Token);
        }

        conversations.Where(c => !replies.Guests.ContainsKey(c)).Should().BeEmpty("no acknowledged message is lost");
        foreach (var conversation in conversations)
        {
            (await sessions.GetAsync(conversation, Token))!.TurnCount.Should().Be(1, $"{conversation} is answered once");
        }
    }

    private async Task<IHost> StartAsync(string prefix, string consumer, RecordingChannel channel, IPmsAdapter? sharedPms = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddHotelAgent(o => o.InboxWorkers = 2).AddDemoPms(o => o.CatalogPath = "hotel.json").AddRedisSessionStore(o =>
        {
            o.Configuration = redis.Require();
            o.KeyPrefix = prefix;
            o.Inbox.ConsumerName = consumer;
            o.Inbox.ClaimIdleTime = TimeSpan.FromMilliseconds(500);
            o.Inbox.PollInterval = TimeSpan.FromMilliseconds(20);
        });
        builder.Services.AddSingleton<IMessageChannel>(channel);
        if (sharedPms is not null)
        {
            builder.Services.AddSingleton(sharedPms);
        }

        var host = builder.Build();
        await host.StartAsync(Token);
        return host;
    }

    private static InboundMessage Message(string conversation, string text) => RedisTestHost.Message(conversation, text) with { ChannelName = Channel };

    private sealed class RecordingChannel : IMessageChannel
    {
        public ConcurrentDictionary<string, int> Guests { get; } = new();

        public string Name => Channel;

        public Task<DeliveryResult> SendAsync(string guestId, OutboundMessage message, CancellationToken cancellationToken = default)
        {
            Guests.AddOrUpdate(guestId, 1, (_, n) => n + 1);
            return Task.FromResult(new DeliveryResult(null));
        }
    }
}
