using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HotelAgent.Tests.Issues;

/// <summary>
/// Issue 16 in the core: the reply outbox (a turn saved with its replies; a redelivery sends what was not sent),
/// messages without text answered, conversation ids hashed in logs.
/// </summary>
public sealed class IssuesTests_Delivery_16
{
    private static InboundMessage Message(string conversation, string? text, string id, IReadOnlyList<MediaAttachment>? media = null, GeoLocation? location = null) => new()
    {
        MessageId = id,
        ChannelName = "fake",
        ConversationId = "fake:" + conversation,
        GuestId = conversation,
        Text = text,
        Media = media ?? [],
        Location = location,
        ReceivedAt = TestHost.Now,
    };

    [Fact]
    public async Task Processor_HostDiesBetweenSavingTheTurnAndSending_TheRedeliveryIsAnsweredFromTheOutbox()
    {
        var channel = new DyingChannel();
        await using var host = new TestHost(services =>
        {
            services.AddSingleton<IMessageChannel>(channel);
            services.AddFakeLogging();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        });
        var processor = host.Provider.GetServices<IHostedService>().OfType<InboxProcessor>().Single();
        var inbox = host.Provider.GetRequiredService<IInbox>();
        var sessions = host.Provider.GetRequiredService<ISessionStore>();
        await inbox.EnqueueAsync(Message("g1", "¿A qué hora es el check-in?", "m-1"));
        var delivery = await inbox.ReceiveAsync();

        // The first host saves the turn and dies as it starts sending.
        using (var dying = new CancellationTokenSource())
        {
            channel.OnSend = dying.Cancel;
            var first = () => processor.ProcessAsync(delivery, dying.Token);
            await first.Should().ThrowAsync<OperationCanceledException>();
        }

        channel.Sent.Should().BeEmpty();
        var saved = await sessions.GetAsync("fake:g1");
        saved!.HandledMessageIds.Should().Contain("m-1");
        var pending = saved.Outbox.Should().ContainSingle().Subject;
        pending.MessageId.Should().Be("m-1");
        pending.Replies.Should().NotBeEmpty();

        // The message comes back (claimed by another host): it is handled already, and its replies go out now.
        channel.OnSend = null;
        await processor.ProcessAsync(delivery, CancellationToken.None);

        channel.Sent.Select(s => s.Message.Text).Should().Equal(pending.Replies.Select(r => r.Text));
        var found = host.Provider.GetRequiredService<FakeLogCollector>().GetSnapshot().Should().ContainSingle(r => r.Id.Id == 1008).Subject;
        found.Level.Should().Be(LogLevel.Information);
        found.Message.Should().Be($"Message m-1 was handled but {pending.Replies.Count} of its replies were not confirmed sent; sending them now");
        (await sessions.GetAsync("fake:g1"))!.Outbox.Should().BeEmpty("sent replies leave the outbox");
        (await sessions.GetAsync("fake:g1"))!.TurnCount.Should().Be(1, "the turn itself is not run again");

        // A further redelivery sends nothing more.
        await processor.ProcessAsync(delivery, CancellationToken.None);
        channel.Sent.Should().HaveCount(pending.Replies.Count);
    }

    [Fact]
    public async Task Processor_NormalTurn_LeavesTheOutboxEmpty_AndTheWebChatKeepsNone()
    {
        var channel = new DyingChannel();
        await using var host = new TestHost(services => services.AddSingleton<IMessageChannel>(channel));
        var processor = host.Provider.GetServices<IHostedService>().OfType<InboxProcessor>().Single();
        var inbox = host.Provider.GetRequiredService<IInbox>();
        var sessions = host.Provider.GetRequiredService<ISessionStore>();
        await inbox.EnqueueAsync(Message("g2", "Hola", "m-2"));

        await processor.ProcessAsync(await inbox.ReceiveAsync(), CancellationToken.None);
        var web = await host.SayAsync("web-1", "Hola");

        channel.Sent.Should().NotBeEmpty();
        (await sessions.GetAsync("fake:g2"))!.Outbox.Should().BeEmpty();
        web.Replies.Should().NotBeEmpty();
        (await sessions.GetAsync("web-1"))!.Outbox.Should().BeEmpty("the web chat answers in its HTTP response");
    }

    public static TheoryData<string, string, string> NonTextCases() => new()
    {
        { "es", "audio", "No puedo escuchar audios" },
        { "en", "audio", "I can't listen to audio" },
        { "pt", "audio", "Não consigo ouvir áudios" },
        { "es", "image", "Gracias por la foto" },
        { "en", "image", "Thanks for the photo" },
        { "pt", "image", "Obrigado pela foto" },
        { "es", "location", "ubicación" },
        { "en", "location", "location" },
        { "pt", "location", "localização" },
        { "es", "sticker", "Solo puedo leer mensajes de texto" },
        { "en", "sticker", "I can only read text messages" },
        { "pt", "sticker", "Só consigo ler mensagens de texto" },
    };

    [Theory]
    [MemberData(nameof(NonTextCases))]
    public async Task HandleAsync_MessageWithoutText_IsAnsweredInTheConversationsLanguage(string language, string kind, string expected)
    {
        await using var host = new TestHost();
        var opening = language switch
        {
            "es" => "Hola, buenos días, ¿qué tal están?",
            "en" => "Hello there, good morning, how are you?",
            _ => "Olá, bom dia, tudo bem com vocês?",
        };
        (await host.Agent.HandleAsync(Message("g", opening, "m-0"))).Language.Should().Be(language);
        var message = kind switch
        {
            "audio" => Message("g", null, "m-1", [new MediaAttachment { Kind = MediaKind.Audio, ContentType = "audio/ogg" }]),
            "image" => Message("g", null, "m-1", [new MediaAttachment { Kind = MediaKind.Image, ContentType = "image/jpeg" }]),
            "location" => Message("g", null, "m-1", location: new GeoLocation(38.72, -9.14)),
            _ => Message("g", null, "m-1", [new MediaAttachment { Kind = MediaKind.Other, ContentType = "image/webp" }]),
        };

        var response = await host.Agent.HandleAsync(message);

        response.Replies.Should().ContainSingle().Which.Text.Should().Contain(expected);
        response.Language.Should().Be(language);
    }

    [Fact]
    public async Task HandleAsync_NothingToAnswer_StillThrowsArgumentException()
    {
        await using var host = new TestHost();

        var act = () => host.Agent.HandleAsync(Message("g", "   ", "m-1"));

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public void LogIds_WhatsAppConversation_HidesThePhoneAndIsStable()
    {
        var id = LogIds.Of("whatsapp:106540352242922:34600111222");

        id.Should().StartWith("whatsapp#").And.HaveLength("whatsapp#".Length + 16);
        id.Should().NotContain("34600111222").And.NotContain("106540352242922");
        LogIds.Of("whatsapp:106540352242922:34600111222").Should().Be(id);
        LogIds.Of("whatsapp:106540352242922:34600111223").Should().NotBe(id);
        LogIds.Of("email:ana@example.com").Should().StartWith("email#").And.NotContain("ana");
    }

    [Fact]
    public async Task Processor_StoreOutage_IsLoggedAtDebugPerMessageNotAsAWarning()
    {
        await using var host = new TestHost(services =>
        {
            services.AddSingleton<IHotelAgent, DownAgent>();
            services.AddFakeLogging();
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        });
        var processor = host.Provider.GetServices<IHostedService>().OfType<InboxProcessor>().Single();
        var inbox = host.Provider.GetRequiredService<IInbox>();
        await inbox.EnqueueAsync(Message("g3", "hola", "m-3"));

        await processor.ProcessAsync(await inbox.ReceiveAsync(), CancellationToken.None);

        var logs = host.Provider.GetRequiredService<FakeLogCollector>().GetSnapshot();
        logs.Should().ContainSingle(r => r.Id.Id == 1037).Which.Level.Should().Be(LogLevel.Debug);
        logs.Should().NotContain(r => r.Id.Id == 1031, "the store logs the outage once; each message it fails is no warning");
    }

    private sealed class DownAgent : IHotelAgent
    {
        public Task<AgentResponse> HandleAsync(InboundMessage message, CancellationToken cancellationToken = default) =>
            throw new HotelAgentException("Redis is unavailable; try again later.") { IsTransient = true };
    }

    private sealed class DyingChannel : IMessageChannel
    {
        private readonly List<(string GuestId, OutboundMessage Message)> _sent = [];

        public Action? OnSend { get; set; }

        public string Name => "fake";

        public IReadOnlyList<(string GuestId, OutboundMessage Message)> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        public Task<DeliveryResult> SendAsync(string guestId, OutboundMessage message, CancellationToken cancellationToken = default)
        {
            OnSend?.Invoke();
            cancellationToken.ThrowIfCancellationRequested();
            lock (_sent)
            {
                _sent.Add((guestId, message));
            }

            return Task.FromResult(new DeliveryResult(null));
        }
    }
}
