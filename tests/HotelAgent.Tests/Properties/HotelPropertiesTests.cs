using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HotelAgent.Tests.Properties;

/// <summary>
/// Two hotels in one host: the default one (Valencia, <c>hotel.json</c>) and <c>lisbon</c> (<c>hotel-lisbon.json</c>).
/// </summary>
public sealed class HotelPropertiesTests
{
    private const string LisbonNumber = "351000000001";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandleAsync_SameConversationIdInTwoProperties_AnswersFromEachHotelAndKeepsSeparateSessions()
    {
        await using var host = TwoHotels();

        var valencia = await host.SayAsync("c1", "Do you have parking?");
        var lisbon = await host.Agent.HandleAsync(Message("c1", "Do you have parking?", property: "lisbon"), Token);

        valencia.Replies.Select(r => r.Text).Should().ContainMatch("*€15 a day*");
        lisbon.Replies.Select(r => r.Text).Should().ContainMatch("*no car park*").And.NotContainMatch("*€15*");
        var sessions = host.Provider.GetRequiredService<ISessionStore>();
        (await sessions.GetAsync("c1", Token))!.TurnCount.Should().Be(1);
        (await sessions.GetAsync("lisbon/c1", Token))!.TurnCount.Should().Be(1);
    }

    [Fact]
    public async Task HandleAsync_MessageToPropertysWhatsAppNumber_RoutedToThatProperty()
    {
        await using var host = TwoHotels();
        var message = Message("whatsapp:" + LisbonNumber + ":34600000001", "Do you have parking?") with { ChannelName = "whatsapp:" + LisbonNumber };

        var response = await host.Agent.HandleAsync(message, Token);

        response.Replies.Select(r => r.Text).Should().ContainMatch("*no car park*");
        var sessions = host.Provider.GetRequiredService<ISessionStore>();
        (await sessions.GetAsync("lisbon/whatsapp:" + LisbonNumber + ":34600000001", Token)).Should().NotBeNull();
        (await sessions.GetAsync("whatsapp:" + LisbonNumber + ":34600000001", Token)).Should().BeNull("the default property never saw it");
    }

    [Fact]
    public async Task HandleAsync_PropertyWithOwnDefaultLanguage_AnswersAGreetingInIt()
    {
        await using var host = TwoHotels();

        var lisbon = await host.Agent.HandleAsync(Message("c1", "ok", property: "lisbon"), Token);
        var valencia = await host.SayAsync("c1", "ok");

        lisbon.Language.Should().Be("pt");
        valencia.Language.Should().Be("es");
    }

    [Fact]
    public async Task HandleAsync_UnknownProperty_ThrowsArgumentException()
    {
        await using var host = TwoHotels();

        var act = () => host.Agent.HandleAsync(Message("c1", "hola", property: "porto"), Token);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*porto*");
    }

    [Fact]
    public async Task KeyedAgent_OfProperty_HandlesEveryMessageAsThatPropertys()
    {
        await using var host = TwoHotels();
        var lisbonAgent = host.Provider.GetRequiredKeyedService<IHotelAgent>("lisbon");

        var response = await lisbonAgent.HandleAsync(Message("c2", "Do you have parking?"), Token);

        response.Replies.Select(r => r.Text).Should().ContainMatch("*no car park*");
    }

    [Fact]
    public async Task ReservationCode_OfOneProperty_OpensNoBookingOfTheOther()
    {
        await using var host = TwoHotels();
        var lisbonPms = host.Provider.GetRequiredKeyedService<IPmsAdapter>("lisbon");
        var checkIn = DateOnly.FromDateTime(TestHost.Now.UtcDateTime).AddDays(10);
        var created = await lisbonPms.CreateReservationAsync(
            new CreateReservationRequest
            {
                Stay = new StayRequest { RoomType = "river", CheckIn = checkIn, CheckOut = checkIn.AddDays(2), Adults = 2 },
                Guest = new GuestDetails("Rita Sousa", "rita@example.com"),
            },
            "k1",
            Token);
        var code = created.Reservation!.Code;

        var inValencia = await host.SayAsync("c3", $"I want to cancel my booking {code}");
        var inValenciaPms = await host.Pms.GetReservationAsync(code, Token);
        var inLisbonPms = await lisbonPms.GetReservationAsync(code, Token);

        inValenciaPms.Should().BeNull();
        inLisbonPms!.Guest.Name.Should().Be("Rita Sousa");
        var said = string.Join(" | ", inValencia.Replies.Select(r => r.Text));
        said.Should().NotContain("Rita").And.NotContain("river");
        inValencia.ReservationCode.Should().BeNull();
    }

    [Fact]
    public async Task Handoff_InProperty_TicketOnlyOnItsDesk()
    {
        await using var host = TwoHotels();
        var lisbonDesk = host.Provider.GetRequiredKeyedService<IHandoffDesk>("lisbon");
        var directory = host.Provider.GetRequiredService<IHotelPropertyDirectory>();
        var defaultView = new PropertyHandoffStore(host.Provider.GetRequiredService<IHandoffStore>(), null, directory);

        var opened = await host.Agent.HandleAsync(Message("c4", "I want to speak to a person", property: "lisbon"), Token);
        await host.SayAsync("c5", "Quiero hablar con una persona");

        opened.State.Should().Be(DialogueStates.HandedOff);
        var lisbonTicket = (await lisbonDesk.ListAsync(cancellationToken: Token)).Should().ContainSingle().Subject;
        lisbonTicket.ConversationId.Should().Be("lisbon/c4");
        var valenciaTicket = (await defaultView.ListAsync(cancellationToken: Token)).Should().ContainSingle().Subject;
        valenciaTicket.ConversationId.Should().Be("c5");
        (await lisbonDesk.GetAsync(valenciaTicket.Id, Token)).Should().BeNull();
        (await lisbonDesk.TakeAsync(valenciaTicket.Id, "Marta", Token)).Should().BeNull();
        (await defaultView.GetAsync(lisbonTicket.Id, Token)).Should().BeNull();
    }

    [Fact]
    public async Task Statistics_OfEachProperty_CountOnlyItsOwnMessages()
    {
        await using var host = TwoHotels();
        await host.SayAsync("c6", "Hola");
        await host.Agent.HandleAsync(Message("c6", "Olá", property: "lisbon"), Token);
        await host.Agent.HandleAsync(Message("c7", "Do you have parking?", property: "lisbon"), Token);

        var valencia = host.Provider.GetRequiredService<IConversationStatisticsStore>();
        var lisbon = host.Provider.GetRequiredKeyedService<IConversationStatisticsStore>("lisbon");

        (await valencia.GetTotalAsync(ConversationCounter.MessagesReceived, Token)).Should().Be(1);
        (await lisbon.GetTotalAsync(ConversationCounter.MessagesReceived, Token)).Should().Be(2);
        (await lisbon.GetActivityAsync(TestHost.Now.AddHours(-1), cancellationToken: Token)).Select(a => a.ConversationId)
            .Should().BeEquivalentTo(["lisbon/c6", "lisbon/c7"]);
        (await valencia.GetActivityAsync(TestHost.Now.AddHours(-1), cancellationToken: Token)).Select(a => a.ConversationId).Should().Equal("c6");
    }

    [Fact]
    public void Directory_RoutesByExplicitPropertyThenChannelThenScopedId()
    {
        using var host = TwoHotelsProvider(p => p.Configure(o => o.Channels.Add("email")));
        var directory = host.GetRequiredService<IHotelPropertyDirectory>();

        directory.Names.Should().Equal("lisbon");
        directory.PropertyOf(Message("c", "x", property: "LISBON")).Should().Be("lisbon");
        directory.PropertyOf(Message("c", "x") with { ChannelName = "whatsapp:" + LisbonNumber }).Should().Be("lisbon");
        directory.PropertyOf(Message("c", "x") with { ChannelName = "whatsapp:34999" }).Should().BeNull();
        directory.PropertyOf(Message("c", "x") with { ChannelName = ChannelNames.Email }).Should().Be("lisbon");
        directory.PropertyOf(Message("lisbon/c", "x")).Should().Be("lisbon");
        directory.PropertyOf(Message("c", "x")).Should().BeNull();
        directory.ScopeConversationId("lisbon", "c").Should().Be("lisbon/c");
        directory.ScopeConversationId("lisbon", "lisbon/c").Should().Be("lisbon/c");
        directory.ScopeConversationId(null, "c").Should().Be("c");
        directory.PropertyOfConversation("porto/c").Should().BeNull();
    }

    [Fact]
    public void AddProperty_CalledTwiceForOneName_RegistersItOnceWithBothConfigurations()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = "hotel.json");
        builder.AddProperty("Lisbon", p => p.AddDemoPms(o => o.CatalogPath = "hotel-lisbon.json"));
        builder.AddProperty("lisbon", p => p.Configure(o => o.DefaultLanguage = "pt"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IHotelPropertyDirectory>().Names.Should().Equal("lisbon");
        provider.GetRequiredService<IOptionsMonitor<HotelPropertyOptions>>().Get("lisbon").DefaultLanguage.Should().Be("pt");
        provider.GetKeyedServices<IHotelAgent>("lisbon").Should().ContainSingle();
    }

    [Theory]
    [InlineData("")]
    [InlineData("-madrid")]
    [InlineData("lisbon/baixa")]
    [InlineData("hotel lisboa")]
    public void AddProperty_InvalidName_Throws(string name)
    {
        var builder = new ServiceCollection().AddHotelAgent();

        var act = () => builder.AddProperty(name, _ => { });

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task Start_PropertyWithoutPms_FailsNamingTheFix()
    {
        var hostBuilder = Host.CreateApplicationBuilder();
        hostBuilder.Services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = "hotel.json").AddProperty("lisbon", _ => { });
        using var app = hostBuilder.Build();

        var act = () => app.StartAsync(Token);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*'lisbon' has no PMS*AddDemoPms*");
    }

    [Fact]
    public async Task Start_ChannelClaimedByTwoProperties_Fails()
    {
        var hostBuilder = Host.CreateApplicationBuilder();
        hostBuilder.Services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = "hotel.json")
            .AddProperty("lisbon", p => p.AddDemoPms(o => o.CatalogPath = "hotel-lisbon.json").Configure(o => o.WhatsAppPhoneNumberIds.Add("1")))
            .AddProperty("porto", p => p.AddDemoPms(o => o.CatalogPath = "hotel-lisbon.json").Configure(o => o.Channels.Add("whatsapp:1")));
        using var app = hostBuilder.Build();

        var act = () => app.StartAsync(Token);

        await act.Should().ThrowAsync<OptionsValidationException>().WithMessage("*whatsapp:1*both*");
    }

    [Fact]
    public void Directory_ChannelDeclaredByAPackage_RoutedToItsProperty()
    {
        using var host = TwoHotelsProvider(p => p.Services.AddSingleton(new HotelPropertyChannel(p.Name, "email:lisbon")));
        var directory = host.GetRequiredService<IHotelPropertyDirectory>();

        directory.PropertyOf(Message("c", "x") with { ChannelName = "email:lisbon" }).Should().Be("lisbon");
        directory.PropertyOf(Message("c", "x") with { ChannelName = ChannelNames.Email }).Should().BeNull("the default mailbox stays the default property's");
    }

    [Fact]
    public async Task Start_ChannelDeclaredForOnePropertyAndNamedByAnother_Fails()
    {
        var hostBuilder = Host.CreateApplicationBuilder();
        hostBuilder.Services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = "hotel.json")
            .AddProperty("lisbon", p => p.AddDemoPms(o => o.CatalogPath = "hotel-lisbon.json").Services.AddSingleton(new HotelPropertyChannel("lisbon", "email:lisbon")))
            .AddProperty("porto", p => p.AddDemoPms(o => o.CatalogPath = "hotel-lisbon.json").Configure(o => o.Channels.Add("email:lisbon")));
        using var app = hostBuilder.Build();

        var act = () => app.StartAsync(Token);

        await act.Should().ThrowAsync<OptionsValidationException>().WithMessage("*email:lisbon*both*lisbon*porto*");
    }

    [Fact]
    public async Task Start_ChannelDeclaredForAnUnknownProperty_FailsNamingTheFix()
    {
        var hostBuilder = Host.CreateApplicationBuilder();
        hostBuilder.Services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = "hotel.json")
            .AddProperty("lisbon", p => p.AddDemoPms(o => o.CatalogPath = "hotel-lisbon.json"));
        hostBuilder.Services.AddSingleton(new HotelPropertyChannel("porto", "email:porto"));
        using var app = hostBuilder.Build();

        var act = () => app.StartAsync(Token);

        await act.Should().ThrowAsync<OptionsValidationException>().WithMessage("*email:porto*'porto'*AddProperty*");
    }

    [Fact]
    public void PropertyOptions_OverHostOptions_ReplaceKnowledgeAndLanguageAndAddReplies()
    {
        var hostOptions = new HotelAgentOptions { DefaultLanguage = "es" };
        hostOptions.Knowledge.Amenities["spa"] = new() { ["en"] = "Spa in Valencia." };
        hostOptions.Knowledge.TimeZone = "Europe/Madrid";
        hostOptions.Replies["greeting"] = new() { ["es"] = "Hola desde Valencia", ["en"] = "Hello from Valencia" };
        var property = new HotelPropertyOptions { DefaultLanguage = "pt" };
        property.Knowledge.Amenities["wifi"] = new() { ["pt"] = "Wi-fi grátis." };
        property.Knowledge.TimeZone = "Europe/Lisbon";
        property.Replies["greeting"] = new() { ["en"] = "Hello from Lisbon" };

        var merged = PropertyAgentOptions.Build(hostOptions, property);

        merged.DefaultLanguage.Should().Be("pt");
        merged.Knowledge.Amenities.Keys.Should().Equal("wifi");
        merged.Knowledge.TimeZone.Should().Be("Europe/Lisbon");
        merged.Replies["greeting"].Should().BeEquivalentTo(new Dictionary<string, string> { ["es"] = "Hola desde Valencia", ["en"] = "Hello from Lisbon" });
    }

    private static TestHost TwoHotels(Action<IHotelPropertyBuilder>? configure = null) =>
        new(services => services.AddHotelAgent().AddProperty("lisbon", p =>
        {
            p.AddDemoPms(o => o.CatalogPath = "hotel-lisbon.json")
                .Configure(o =>
                {
                    o.DefaultLanguage = "pt";
                    o.WhatsAppPhoneNumberIds.Add(LisbonNumber);
                });
            configure?.Invoke(p);
        }));

    private static ServiceProvider TwoHotelsProvider(Action<IHotelPropertyBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHotelAgent().AddDemoPms(o => o.CatalogPath = "hotel.json").AddProperty("lisbon", p =>
        {
            p.AddDemoPms(o => o.CatalogPath = "hotel-lisbon.json").Configure(o => o.WhatsAppPhoneNumberIds.Add(LisbonNumber));
            configure(p);
        });
        return services.BuildServiceProvider();
    }

    private static InboundMessage Message(string conversationId, string text, string? property = null) => new()
    {
        MessageId = Guid.NewGuid().ToString("N"),
        ChannelName = ChannelNames.WebChat,
        ConversationId = conversationId,
        GuestId = conversationId,
        Text = text,
        ReceivedAt = TestHost.Now,
        Property = property,
    };
}
