using HotelAgent.Abstractions;
using HotelAgent.Testing;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HotelAgent.Tests.History;

/// <summary>The in-memory conversation history passes the history conformance suite.</summary>
public sealed class InMemoryConversationHistoryStoreConformanceTests(InMemoryConversationHistoryStoreConformanceTests.StoreFactory factory)
    : ConversationHistoryStoreConformanceTests<InMemoryConversationHistoryStoreConformanceTests.StoreFactory>(factory)
{
    public sealed class StoreFactory : IStoreFactory<IConversationHistoryStore>
    {
        private readonly InMemoryConversationHistoryStore _store = new(TimeProvider.System);

        public Task<IConversationHistoryStore> CreateStoreAsync(CancellationToken cancellationToken = default) => Task.FromResult<IConversationHistoryStore>(_store);
    }
}

/// <summary>What the agent keeps of each conversation for the staff console: every message, its time, personal data redacted, for the session's time to live.</summary>
public sealed class ConversationHistoryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandleAsync_Turn_KeepsTheGuestsMessageThenTheRepliesWithTheirTimes()
    {
        await using var host = new TestHost();

        var response = await host.SayAsync("c1", "Hola, ¿a qué hora es el check-in?");

        var history = await History(host).GetAsync("c1", DateTimeOffset.MinValue, Token);
        history.Should().HaveCount(1 + response.Replies.Count);
        history[0].Should().Be(new ConversationHistoryEntry(TestHost.Now, ConversationParticipant.Guest, "Hola, ¿a qué hora es el check-in?"));
        history.Skip(1).Select(e => e.Text).Should().Equal(response.Replies.Select(r => r.Text));
        history.Skip(1).Should().OnlyContain(e => e.From == ConversationParticipant.Agent && e.At == TestHost.Now);
    }

    [Fact]
    public async Task HandleAsync_EmailAndPhoneWithoutARedactor_KeepsThePlaceholder()
    {
        await using var host = new TestHost();

        await host.SayAsync("c2", "Mi correo es ana.garcia@example.com y mi móvil +34 600 123 456");

        var guest = (await History(host).GetAsync("c2", DateTimeOffset.MinValue, Token))[0];
        guest.Text.Should().Be("Mi correo es *** y mi móvil ***");
    }

    [Fact]
    public async Task HandleAsync_HostRedactorForGuestData_IsWhatTheHistoryKeeps()
    {
        var provider = new TaggingRedactorProvider();
        await using var host = new TestHost(services => services.AddSingleton<IRedactorProvider>(provider));

        await host.SayAsync("c3", "Escríbanme a ana.garcia@example.com");

        // Staff notifications ask the same host redactor for the same class; the history asks for nothing else.
        provider.Asked.Should().NotBeEmpty().And.OnlyContain(set => set.Equals(new DataClassificationSet(HotelAgentTaxonomy.GuestData)));
        var guest = (await History(host).GetAsync("c3", DateTimeOffset.MinValue, Token))[0];
        guest.Text.Should().Be("Escríbanme a <guest:22>");
    }

    [Fact]
    public async Task HandleAsync_BookingConversation_TheGuestsNameIsRedactedInEveryMessage()
    {
        await using var host = new TestHost();

        await host.SayAsync("c4", "Quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas");
        await host.SayAsync("c4", "Ana García");
        await host.SayAsync("c4", "ana.garcia@example.com");

        var history = await History(host).GetAsync("c4", DateTimeOffset.MinValue, Token);
        history.Where(e => e.From == ConversationParticipant.Guest).Select(e => e.Text).Should().HaveCount(3).And.Contain("***");
        history.Should().NotContain(e => e.Text.Contains("García", StringComparison.OrdinalIgnoreCase) || e.Text.Contains("example.com", StringComparison.OrdinalIgnoreCase));
        history.Should().Contain(e => e.From == ConversationParticipant.Agent && e.Text.Contains("12", StringComparison.Ordinal), "dates and prices are not personal data");
    }

    [Fact]
    public async Task History_SessionTimeToLivePassedWithoutAMessage_IsForgotten()
    {
        await using var host = new TestHost();
        var timeToLive = host.Provider.GetRequiredService<IOptions<HotelAgentOptions>>().Value.SessionTimeToLive;
        await host.SayAsync("c5", "Hola");
        host.Clock.Advance(timeToLive - TimeSpan.FromMinutes(1));
        await host.SayAsync("c5", "¿Tienen parking?");

        host.Clock.Advance(timeToLive - TimeSpan.FromMinutes(1));
        var kept = await History(host).GetAsync("c5", DateTimeOffset.MinValue, Token);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var forgotten = await History(host).GetAsync("c5", DateTimeOffset.MinValue, Token);

        kept.Where(e => e.From == ConversationParticipant.Guest).Select(e => e.Text).Should().Equal("Hola", "¿Tienen parking?");
        forgotten.Should().BeEmpty();
    }

    [Fact]
    public async Task ReplyAsync_StaffReply_IsKeptWithTheStaffMembersName()
    {
        await using var host = new TestHost();
        await host.SayAsync("c6", "Quiero hablar con una persona");
        var desk = host.Provider.GetRequiredService<IHandoffDesk>();
        var ticket = (await desk.ListAsync(HandoffStatus.Open, Token)).Should().ContainSingle(t => t.ConversationId == "c6").Subject;

        host.Clock.Advance(TimeSpan.FromMinutes(3));
        await desk.ReplyAsync(ticket.Id, "Marta", "Hola, soy Marta de recepción.", Token);

        var last = (await History(host).GetAsync("c6", DateTimeOffset.MinValue, Token))[^1];
        last.Should().Be(new ConversationHistoryEntry(TestHost.Now.AddMinutes(3), ConversationParticipant.Staff, "Hola, soy Marta de recepción.", "Marta"));
    }

    [Theory]
    [InlineData("Del 2026-12-10 al 2026-12-12, 2 adultos", "Del 2026-12-10 al 2026-12-12, 2 adultos")]
    [InlineData("2026-12-10 2026-12-12", "2026-12-10 2026-12-12")]
    [InlineData("Su reserva HA-7K3QX9: 190,00 € en total", "Su reserva HA-7K3QX9: 190,00 € en total")]
    [InlineData("Llámeme al 600123456", "Llámeme al ***")]
    [InlineData("tel. (+351) 912-345-678, gracias", "tel. ***, gracias")]
    [InlineData("tarjeta 4111 1111 1111 1111", "tarjeta ***")]
    [InlineData("Soy ana GARCÍA, ana@example.pt", "Soy ***, ***")]
    public void Redact_PersonalDataOnly(string text, string expected)
    {
        var redactor = new ConversationTextRedactor(null);

        redactor.Redact(text, ["Ana García", "a"]).Should().Be(expected);
    }

    [Fact]
    public void Redact_AgentsReply_KeepsTheHotelsContactsAndHidesTheGuests()
    {
        var redactor = new ConversationTextRedactor(null);

        var text = redactor.Redact("Gracias, Ana. Le escribimos a ana@example.pt; si lo necesita, llámenos al +34 960 000 123 o a recepcion@hotel.example.", ["Ana García", "ana@example.pt", "Ana"], anyContact: false);

        text.Should().Be("Gracias, ***. Le escribimos a ***; si lo necesita, llámenos al +34 960 000 123 o a recepcion@hotel.example.");
    }

    private static IConversationHistoryStore History(TestHost host) => host.Provider.GetRequiredService<IConversationHistoryStore>();

    /// <summary>Stands for a host's redactor of guest data: writes the length of what it hides.</summary>
    private sealed class TaggingRedactorProvider : IRedactorProvider
    {
        public List<DataClassificationSet> Asked { get; } = [];

        public Redactor GetRedactor(DataClassificationSet classifications)
        {
            Asked.Add(classifications);
            return new TaggingRedactor();
        }
    }

    private sealed class TaggingRedactor : Redactor
    {
        public override int GetRedactedLength(ReadOnlySpan<char> input) => Tag(input).Length;

        public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
        {
            var tag = Tag(source);
            tag.CopyTo(destination);
            return tag.Length;
        }

        private static string Tag(ReadOnlySpan<char> input) => "<guest:" + input.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ">";
    }
}
