using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HotelAgent.Tests.Agent;

public sealed class HotelAgentEngineTests
{
    private const string Booking = "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas";

    [Fact]
    public async Task HandleAsync_SpanishBookingConfirmed_CreatesTheReservation()
    {
        await using var host = new TestHost();

        var quote = await host.SayAsync("c1", Booking);
        quote.Intent.Should().Be(Intents.MakeReservation);
        quote.Language.Should().Be("es");
        quote.State.Should().Be(DialogueStates.AwaitingGuestName);
        string.Join(" ", quote.Replies.Select(r => r.Text)).Should().Contain("240,00 €").And.Contain("nombre");

        var name = await host.SayAsync("c1", "Ana García");
        name.State.Should().Be(DialogueStates.AwaitingGuestEmail);

        var email = await host.SayAsync("c1", "ana@example.com");
        email.State.Should().Be(DialogueStates.AwaitingConfirmation);
        email.Replies.Last().Text.Should().Contain("Ana García").And.Contain("ana@example.com").And.Contain("¿Confirmo");
        email.Replies.Last().QuickReplies.Select(q => q.Title).Should().Equal("Sí", "No");
        (await host.Pms.ListReservationsAsync(new ReservationQuery())).Should().BeEmpty("nothing is booked before the guest confirms");

        var confirmed = await host.SayAsync("c1", "sí");
        confirmed.State.Should().Be(DialogueStates.Booked);
        confirmed.ReservationCode.Should().NotBeNull();
        confirmed.Replies.Single().Text.Should().Contain(confirmed.ReservationCode!);

        var reservation = await host.Pms.GetReservationAsync(confirmed.ReservationCode!);
        reservation.Should().BeEquivalentTo(new
        {
            RoomType = "double",
            CheckIn = new DateOnly(2026, 12, 10),
            CheckOut = new DateOnly(2026, 12, 12),
            Adults = 2,
            Total = 240m,
            Guest = new GuestDetails("Ana García", "ana@example.com"),
            Status = ReservationStatus.Confirmed,
        });
    }

    [Fact]
    public async Task HandleAsync_NameAndEmailInOneMessage_GoesStraightToConfirmation()
    {
        await using var host = new TestHost();
        await host.SayAsync("c1", Booking);

        var response = await host.SayAsync("c1", "Me llamo Ana García y mi correo es ana@example.com");

        response.State.Should().Be(DialogueStates.AwaitingConfirmation);
    }

    [Fact]
    public async Task HandleAsync_EnglishBooking_RepliesInEnglishAndBooks()
    {
        await using var host = new TestHost();

        var quote = await host.SayAsync("c1", "Hi, I'd like to book a double room from December 10 to 12 for 2 people");
        quote.Language.Should().Be("en");
        string.Join(" ", quote.Replies.Select(r => r.Text)).Should().Contain("240.00 €").And.Contain("name");

        await host.SayAsync("c1", "John Smith");
        var summary = await host.SayAsync("c1", "john@example.com");
        summary.Replies.Last().Text.Should().Contain("Shall I confirm");

        var confirmed = await host.SayAsync("c1", "yes");
        confirmed.ReservationCode.Should().NotBeNull();
        confirmed.Replies.Single().Text.Should().Contain("confirmed");
    }

    [Fact]
    public async Task HandleAsync_NoAtConfirmation_CreatesNothing()
    {
        await using var host = new TestHost();
        await host.SayAsync("c1", Booking);
        await host.SayAsync("c1", "Ana García");
        await host.SayAsync("c1", "ana@example.com");

        var response = await host.SayAsync("c1", "no");

        response.State.Should().Be(DialogueStates.Idle);
        response.ReservationCode.Should().BeNull();
        (await host.Pms.ListReservationsAsync(new ReservationQuery())).Should().BeEmpty();
    }

    [Fact]
    public async Task HandleAsync_YesRepeatedAfterBooking_BooksOnce()
    {
        await using var host = new TestHost();
        await host.SayAsync("c1", Booking);
        await host.SayAsync("c1", "Me llamo Ana García y mi correo es ana@example.com");

        await Task.WhenAll(host.SayAsync("c1", "sí"), host.SayAsync("c1", "sí"), host.SayAsync("c1", "sí"));

        (await host.Pms.ListReservationsAsync(new ReservationQuery())).Should().ContainSingle();
    }

    [Fact]
    public async Task HandleAsync_SameMessageIdRedelivered_IsNotAnsweredOrActedOnTwice()
    {
        await using var host = new TestHost();
        await host.SayAsync("c1", Booking);
        await host.SayAsync("c1", "Me llamo Ana García y mi correo es ana@example.com");
        var yes = new InboundMessage { MessageId = "wamid.42", ChannelName = "webchat", ConversationId = "c1", GuestId = "c1", Text = "sí" };

        var first = await host.Agent.HandleAsync(yes);
        var again = await host.Agent.HandleAsync(yes);

        first.ReservationCode.Should().NotBeNull();
        again.IsDuplicate.Should().BeTrue();
        again.Replies.Should().BeEmpty();
        (await host.Pms.ListReservationsAsync(new ReservationQuery())).Should().ContainSingle();
    }

    [Fact]
    public async Task HandleAsync_YesOutsideConfirmation_WritesNothing()
    {
        await using var host = new TestHost();
        await host.SayAsync("c1", Booking);

        var response = await host.SayAsync("c1", "sí");

        response.State.Should().NotBe(DialogueStates.Booked);
        (await host.Pms.ListReservationsAsync(new ReservationQuery())).Should().BeEmpty();
    }

    [Fact]
    public async Task HandleAsync_DatesChangedAtConfirmation_RequotesAndAsksAgain()
    {
        await using var host = new TestHost();
        await host.SayAsync("c1", Booking);
        await host.SayAsync("c1", "Me llamo Ana García y mi correo es ana@example.com");

        var response = await host.SayAsync("c1", "mejor del 11 al 14");

        response.State.Should().Be(DialogueStates.AwaitingConfirmation);
        response.Replies.Last().Text.Should().Contain("360,00 €");
        var confirmed = await host.SayAsync("c1", "sí");
        (await host.Pms.GetReservationAsync(confirmed.ReservationCode!))!.CheckIn.Should().Be(new DateOnly(2026, 12, 11));
    }

    [Fact]
    public async Task HandleAsync_MissingSlots_AsksForThemOneByOne()
    {
        await using var host = new TestHost();

        var first = await host.SayAsync("c1", "Quiero reservar una habitación");
        first.State.Should().Be(DialogueStates.CollectingBooking);
        first.Replies.Last().Text.Should().Contain("fechas");

        var second = await host.SayAsync("c1", "del 10 al 12 de diciembre");
        second.Replies.Last().Text.Should().Contain("personas");

        var third = await host.SayAsync("c1", "somos 2");
        third.Replies.Last().QuickReplies.Should().NotBeEmpty("the guest picks one of the room types that fit");
        third.State.Should().Be(DialogueStates.CollectingBooking);

        var fourth = await host.SayAsync("c1", "la doble");
        fourth.State.Should().Be(DialogueStates.AwaitingGuestName);
    }

    [Fact]
    public async Task HandleAsync_PmsDownAtConfirmation_KeepsTheDraftAndBooksOnRetry()
    {
        var flaky = new FlakyPms();
        await using var host = new TestHost(services => services.AddSingleton<IPmsAdapter>(sp =>
        {
            flaky.Inner = sp.GetRequiredService<DemoPmsAdapter>();
            return flaky;
        }));
        await host.SayAsync("c1", Booking);
        await host.SayAsync("c1", "Me llamo Ana García y mi correo es ana@example.com");
        flaky.FailCreates = 1;

        var degraded = await host.SayAsync("c1", "sí");
        degraded.State.Should().Be(DialogueStates.AwaitingConfirmation);
        degraded.Replies.Single().Text.Should().Contain("No se pierde nada");
        (await host.Provider.GetRequiredService<IHandoffDesk>().ListAsync()).Should().ContainSingle()
            .Which.Reason.Should().Be(HandoffReason.PmsUnavailable, "staff follow up a confirmation the PMS could not take");

        var retried = await host.SayAsync("c1", "sí");
        retried.ReservationCode.Should().NotBeNull();
        (await host.Pms.ListReservationsAsync(new ReservationQuery())).Should().ContainSingle();
    }

    [Fact]
    public async Task HandleAsync_AnotherHandlerSavesFirst_RetriesTheTurn()
    {
        await using var host = new TestHost(services => services.Replace(ServiceDescriptor.Singleton<ISessionStore>(sp =>
            new InterferingStore(new InMemorySessionStore(sp.GetRequiredService<TimeProvider>())))));
        using var conflicts = new MetricCollector<long>(host.Provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), HotelAgentMetrics.MeterName, "hotel_agent.sessions.conflicts");

        var response = await host.SayAsync("c1", "hola");

        response.Intent.Should().Be(Intents.Greeting);
        conflicts.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task HandleAsync_NoText_ThrowsArgumentException(string text)
    {
        await using var host = new TestHost();

        var act = () => host.SayAsync("c1", text);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*no text*");
    }

    [Fact]
    public async Task HandleAsync_TooLong_UnderstandsTheFirstMaxMessageLengthCharactersAndAnswers()
    {
        await using var host = new TestHost();

        var response = await host.SayAsync("c1", "¿A qué hora es el check-in? " + new string('a', 5000));

        response.Replies.Should().NotBeEmpty("a long message is answered: only its understanding is cut to MaxMessageLength");
        response.Intent.Should().NotBe(Intents.OutOfScope);
    }

    [Fact]
    public async Task HandleAsync_Booking_RecordsMetrics()
    {
        await using var host = new TestHost();
        var factory = host.Provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var received = new MetricCollector<long>(factory, HotelAgentMetrics.MeterName, "hotel_agent.messages.received");
        using var bookings = new MetricCollector<long>(factory, HotelAgentMetrics.MeterName, "hotel_agent.bookings.created");
        using var turns = new MetricCollector<double>(factory, HotelAgentMetrics.MeterName, "hotel_agent.turn.duration");

        await host.SayAsync("c1", Booking);
        await host.SayAsync("c1", "Me llamo Ana García y mi correo es ana@example.com");
        await host.SayAsync("c1", "sí");

        received.GetMeasurementSnapshot().Should().HaveCount(3).And.OnlyContain(m => (string?)m.Tags[HotelAgentTags.Channel] == "webchat");
        bookings.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(1);
        turns.GetMeasurementSnapshot().Should().HaveCount(3).And.Contain(m => (string?)m.Tags[HotelAgentTags.Intent] == Intents.Affirm);
    }

    [Fact]
    public async Task HandleAsync_LoggingAboveTrace_NeverLogsGuestText()
    {
        var collector = new FakeLogCollector();
        await using var host = new TestHost(services => services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Debug)));

        await host.SayAsync("c1", Booking);
        await host.SayAsync("c1", "Me llamo Ana García y mi correo es ana@example.com");

        collector.GetSnapshot().Should().NotBeEmpty();
        collector.GetSnapshot().Should().NotContain(r => r.Message.Contains("Ana") || r.Message.Contains("ana@example.com") || r.Message.Contains("doble")
            || (r.StructuredState != null && r.StructuredState.Any(p => p.Value != null && (p.Value.Contains("Ana") || p.Value.Contains("doble")))));
    }

    [Fact]
    public async Task HandleAsync_LoggingAtTrace_WritesTheTextEventAtTraceWithTheTextClassifiedAsGuestData()
    {
        var collector = new FakeLogCollector();
        await using var host = new TestHost(services => services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Trace)));

        await host.SayAsync("c1", "Me llamo Ana");

        // The text is a classified tag: it reaches the output only through a redactor the host configures
        // (EnableRedaction + AddRedaction), so a plain logger never prints it.
        var textEvent = collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 1001).Subject;
        textEvent.Level.Should().Be(LogLevel.Trace);
        collector.GetSnapshot().Should().NotContain(r => r.Message.Contains("Ana"));
    }

    private sealed class FlakyPms : IPmsAdapter
    {
        public IPmsAdapter Inner { get; set; } = null!;

        public int FailCreates { get; set; }

        public Task<HotelInfo> GetHotelInfoAsync(CancellationToken cancellationToken = default) => Inner.GetHotelInfoAsync(cancellationToken);

        public Task<IReadOnlyList<RoomType>> GetRoomTypesAsync(CancellationToken cancellationToken = default) => Inner.GetRoomTypesAsync(cancellationToken);

        public Task<AvailabilityResult> GetAvailabilityAsync(StayRequest request, CancellationToken cancellationToken = default) => Inner.GetAvailabilityAsync(request, cancellationToken);

        public Task<ReservationResult> CreateReservationAsync(CreateReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
        {
            if (FailCreates > 0)
            {
                FailCreates--;
                throw new PmsUnavailableException("PMS timed out.");
            }

            return Inner.CreateReservationAsync(request, idempotencyKey, cancellationToken);
        }

        public Task<Reservation?> GetReservationAsync(string code, CancellationToken cancellationToken = default) => Inner.GetReservationAsync(code, cancellationToken);

        public Task<IReadOnlyList<Reservation>> ListReservationsAsync(ReservationQuery query, CancellationToken cancellationToken = default) => Inner.ListReservationsAsync(query, cancellationToken);

        public Task<ReservationResult> ModifyReservationAsync(ModifyReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default) => Inner.ModifyReservationAsync(request, idempotencyKey, cancellationToken);

        public Task<ReservationResult> CancelReservationAsync(string code, string idempotencyKey, CancellationToken cancellationToken = default) => Inner.CancelReservationAsync(code, idempotencyKey, cancellationToken);
    }

    /// <summary>Saves a change of its own just before the first save, as another host would.</summary>
    private sealed class InterferingStore(ISessionStore inner) : ISessionStore
    {
        private bool _interfered;

        public ValueTask<ConversationSession?> GetAsync(string conversationId, CancellationToken cancellationToken = default) => inner.GetAsync(conversationId, cancellationToken);

        public async ValueTask<SessionSaveResult> SaveAsync(ConversationSession session, TimeSpan timeToLive, CancellationToken cancellationToken = default)
        {
            if (!_interfered)
            {
                _interfered = true;
                await inner.SaveAsync(session with { Version = 0, State = DialogueStates.Idle, HandledMessageIds = ["another-message"] }, timeToLive, cancellationToken);
            }

            return await inner.SaveAsync(session, timeToLive, cancellationToken);
        }

        public ValueTask<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default) => inner.DeleteAsync(conversationId, cancellationToken);
    }
}
