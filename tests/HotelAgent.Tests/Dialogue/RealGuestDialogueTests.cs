using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HotelAgent.Tests.Dialogue;

/// <summary>
/// The dialogue with guests who do not use the agent's words, in Spanish, English and Portuguese: answers taken in
/// context, every question of a message answered, the booking resumed after a question, confirmations and fixes with
/// extra words, the language kept through names and emails, relative changes after booking, and prompts that show
/// the PMS's own code format.
/// </summary>
public sealed class RealGuestDialogueTests
{
    [Theory]
    [InlineData("es", "¿Tienen lugar del 3 al 5 de mayo para dos? ¿Y el desayuno está incluido?", "7:30", "240")]
    [InlineData("en", "Do you have a double for 3 to 5 May for two of us? And is breakfast included?", "7:30", "240")]
    [InlineData("pt", "Vocês têm quarto de casal de 3 a 5 de maio para dois? E o café da manhã está incluído?", "7:30", "240")]
    public async Task SeveralQuestions_EveryOneIsAnswered_AndTheBookingGoesOn(string language, string text, string breakfastFact, string total)
    {
        await using var host = new TestHost();

        var response = await host.SayAsync($"multi-{language}", text);

        var replies = string.Join(" ", response.Replies.Select(r => r.Text));
        replies.Should().Contain(breakfastFact, "the breakfast question is answered");
        replies.Should().Contain(total, "the availability request is answered with a price");
        response.Language.Should().Be(language);
    }

    [Theory]
    [InlineData("es", "Quiero una doble del 10 al 12 de diciembre para mi marido y para mí", "¿A qué hora es el check-in?", "15:00", "Ana Lee, ana.lee@mail.com", "dale, confírmamela")]
    [InlineData("en", "I'd like a double from 10 to 12 December for me and my wife", "what time is check-in?", "15:00", "José García, jose.garcia@mail.com", "yes, go ahead and book it")]
    [InlineData("pt", "Queria um quarto duplo de 10 a 12 de dezembro para mim e o meu marido", "a que horas é o check-in?", "15:00", "Maria das Graças Souza / maria@uol.com.br", "pode confirmar sim")]
    public async Task QuestionMidBooking_IsAnswered_ThenTheBookingResumesAndBooks(string language, string request, string question, string fact, string details, string yes)
    {
        await using var host = new TestHost();
        var id = $"mid-{language}";

        var first = await host.SayAsync(id, request);
        first.State.Should().Be(DialogueStates.AwaitingGuestName, "dates, party and room are known");

        var answer = await host.SayAsync(id, question);
        string.Join(" ", answer.Replies.Select(r => r.Text)).Should().Contain(fact);
        answer.State.Should().Be(DialogueStates.AwaitingGuestName, "the booking waits where it was");

        var summary = await host.SayAsync(id, details);
        summary.State.Should().Be(DialogueStates.AwaitingConfirmation);
        summary.Language.Should().Be(language, "a name and an email never change the conversation's language");

        var booked = await host.SayAsync(id, yes);
        booked.ReservationCode.Should().NotBeNull();
        var reservation = await host.Pms.GetReservationAsync(booked.ReservationCode!);
        reservation!.Adults.Should().Be(2);
        reservation.CheckIn.Should().Be(new DateOnly(2026, 12, 10));
        reservation.CheckOut.Should().Be(new DateOnly(2026, 12, 12));
    }

    [Theory]
    [InlineData("es", "Una familiar del 10 al 12 de diciembre para 2", "Ana Lee, ana.lee@mail.com", "no, mejor para 3", "sí")]
    [InlineData("en", "A family room from 10 to 12 December for 2", "Ana Lee, ana.lee@mail.com", "no, make it 3 people", "yes")]
    [InlineData("pt", "Um quarto familiar de 10 a 12 de dezembro para 2", "Ana Lee, ana.lee@mail.com", "não, melhor para 3", "sim")]
    public async Task NoWithAFix_Requotes_AndTheFixIsBooked(string language, string request, string details, string fix, string yes)
    {
        await using var host = new TestHost();
        var id = $"fix-{language}";
        await host.SayAsync(id, request);
        await host.SayAsync(id, details);

        var requote = await host.SayAsync(id, fix);

        requote.State.Should().Be(DialogueStates.AwaitingConfirmation, "the summary is quoted again, not restarted");
        requote.ReservationCode.Should().BeNull();
        var booked = await host.SayAsync(id, yes);
        (await host.Pms.GetReservationAsync(booked.ReservationCode!))!.Adults.Should().Be(3);
        requote.Language.Should().Be(language);
    }

    [Theory]
    [InlineData("es", "Una doble del 10 al 12 de diciembre para 2", "¿me la podés correr un día?")]
    [InlineData("en", "A double from 10 to 12 December for 2", "can you move it one day later?")]
    [InlineData("pt", "Um quarto duplo de 10 a 12 de dezembro para 2", "dá para adiar um dia?")]
    public async Task MoveTheBookingOneDay_AfterBooking_ModifiesThatBooking(string language, string request, string move)
    {
        await using var host = new TestHost();
        var id = $"move-{language}";
        await host.SayAsync(id, request);
        await host.SayAsync(id, "Ana Lee, ana.lee@mail.com");
        var booked = await host.SayAsync(id, language == "en" ? "yes" : "sí");
        booked.ReservationCode.Should().NotBeNull();

        var quote = await host.SayAsync(id, move);
        quote.State.Should().Be(DialogueStates.AwaitingModificationConfirmation);
        await host.SayAsync(id, language == "pt" ? "sim" : language == "en" ? "yes" : "sí");

        var moved = await host.Pms.GetReservationAsync(booked.ReservationCode!);
        moved!.CheckIn.Should().Be(new DateOnly(2026, 12, 11));
        moved.CheckOut.Should().Be(new DateOnly(2026, 12, 13));
    }

    [Fact]
    public async Task AskingForACode_ShowsAnExampleInThePmsFormat()
    {
        await using var host = new TestHost(services => services.Replace(ServiceDescriptor.Singleton<IPmsAdapter>(sp =>
            new OwnCodes(sp.GetRequiredService<DemoPmsAdapter>()))));

        var response = await host.SayAsync("codes", "I want to cancel my booking");

        response.State.Should().Be(DialogueStates.AwaitingBookingCode);
        string.Join(" ", response.Replies.Select(r => r.Text)).Should().Contain("QZXWVUTSR").And.NotContain("HA-7K3QX9");
    }

    private sealed class OwnCodes(IPmsAdapter inner) : IPmsAdapter
    {
        public BookingCodeFormat BookingCodeFormat { get; } = new("[A-Z]{9}", "QZXWVUTSR");

        public Task<HotelInfo> GetHotelInfoAsync(CancellationToken cancellationToken = default) => inner.GetHotelInfoAsync(cancellationToken);

        public Task<IReadOnlyList<RoomType>> GetRoomTypesAsync(CancellationToken cancellationToken = default) => inner.GetRoomTypesAsync(cancellationToken);

        public Task<AvailabilityResult> GetAvailabilityAsync(StayRequest request, CancellationToken cancellationToken = default) => inner.GetAvailabilityAsync(request, cancellationToken);

        public Task<ReservationResult> CreateReservationAsync(CreateReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
            inner.CreateReservationAsync(request, idempotencyKey, cancellationToken);

        public Task<Reservation?> GetReservationAsync(string code, CancellationToken cancellationToken = default) => inner.GetReservationAsync(code, cancellationToken);

        public Task<IReadOnlyList<Reservation>> ListReservationsAsync(ReservationQuery query, CancellationToken cancellationToken = default) => inner.ListReservationsAsync(query, cancellationToken);

        public Task<ReservationResult> ModifyReservationAsync(ModifyReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
            inner.ModifyReservationAsync(request, idempotencyKey, cancellationToken);

        public Task<ReservationResult> CancelReservationAsync(string code, string idempotencyKey, CancellationToken cancellationToken = default) =>
            inner.CancelReservationAsync(code, idempotencyKey, cancellationToken);
    }

    [Fact]
    public async Task MoreChildrenInAQuestion_AreACorrectionOfTheParty()
    {
        await using var host = new TestHost();
        await host.SayAsync("more-kids", "Una doble del 10 al 12 de diciembre para mi esposa y yo con el niño");

        var requote = await host.SayAsync("more-kids", "no perdón, me equivoqué, son dos niños, de 6 y 11 años. ¿Nos conviene la familiar?");

        string.Join(" ", requote.Replies.Select(r => r.Text)).Should().Contain("2 adultos y 2 niños", "the guest corrected one child to two");
    }

    [Fact]
    public async Task QuestionAboutTheChildren_KeepsTheParty()
    {
        await using var host = new TestHost();
        await host.SayAsync("kids-question", "Una familiar del 10 al 12 de diciembre para 2 adultos y 2 niños");

        var answer = await host.SayAsync("kids-question", "¿y el niño paga?");
        var summary = await host.SayAsync("kids-question", "Ana Lee, ana.lee@mail.com");

        answer.Replies.Should().NotBeEmpty();
        string.Join(" ", summary.Replies.Select(r => r.Text)).Should().Contain("2 adultos y 2 niños", "a question about a child is not a new head count");
    }
}
