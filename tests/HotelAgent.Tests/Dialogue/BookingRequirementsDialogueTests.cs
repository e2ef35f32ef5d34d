using System.Collections.Concurrent;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HotelAgent.Tests.Dialogue;

/// <summary>
/// What the PMS requires beyond the name and email (<see cref="IPmsBookingRequirementsProvider"/>) is asked in the
/// conversation after the email and before the summary: each child's age, then a phone. The answers go into the
/// booking sent to the PMS and into the summary; a PMS that declares nothing gets no extra questions.
/// </summary>
public sealed class BookingRequirementsDialogueTests
{
    private static readonly DateOnly CheckIn = new(2026, 12, 10);

    [Theory]
    [InlineData("es", "Una familiar del 10 al 12 de diciembre para 2 adultos y 2 niños", "6 y 9", new[] { 6, 9 }, "+34 600 123 456", "+34600123456", "2 adultos y 2 niños de 6 y 9 años", "tel. +34600123456", "sí")]
    [InlineData("en", "A family room from 10 to 12 December for 2 adults and 2 children", "4 and 9 years old", new[] { 4, 9 }, "600123456", "600123456", "2 adults and 2 children aged 4 and 9", "tel. 600123456", "yes")]
    [InlineData("pt", "Um quarto familiar de 10 a 12 de dezembro para 2 adultos e 2 crianças", "têm 5 e 8 anos", new[] { 5, 8 }, "o meu número é +351 912 345 678", "+351912345678", "2 adultos e 2 crianças de 5 e 8 anos", "tel. +351912345678", "sim")]
    public async Task Booking_PmsRequiresAgesAndPhone_AsksForThemThenBooksWithThem(
        string language, string request, string agesAnswer, int[] ages, string phoneAnswer, string phone, string party, string contact, string yes)
    {
        await using var host = RequiringHost(out var pms);
        var id = $"req-{language}";
        await host.SayAsync(id, request);

        var askAges = await host.SayAsync(id, "Ana Lee, ana.lee@mail.com");
        var askPhone = await host.SayAsync(id, agesAnswer);
        var summary = await host.SayAsync(id, phoneAnswer);
        var booked = await host.SayAsync(id, yes);

        askAges.State.Should().Be(DialogueStates.AwaitingChildAges, "two children are booked and the PMS needs their ages");
        Text(askAges).Should().Contain(language switch { "es" => "edad", "pt" => "idade", _ => "age" });
        askPhone.State.Should().Be(DialogueStates.AwaitingGuestPhone, "the PMS needs a phone and the guest gave none");
        summary.State.Should().Be(DialogueStates.AwaitingConfirmation);
        Text(summary).Should().Contain(party).And.Contain(contact);
        pms.Creates.Should().ContainSingle("nothing is written before the yes, and the yes books once");
        var sent = pms.Creates.Single().Request;
        (sent.Stay.CheckIn, sent.Stay.Adults, sent.Stay.Children, sent.Stay.RoomType).Should().Be((CheckIn, 2, 2, "family"));
        sent.Stay.ChildAges.Should().Equal(ages);
        sent.Guest.Should().Be(new GuestDetails("Ana Lee", "ana.lee@mail.com", phone));
        booked.State.Should().Be(DialogueStates.Booked);
        (await host.Pms.GetReservationAsync(booked.ReservationCode!))!.Children.Should().Be(2);
    }

    [Fact]
    public async Task Booking_OneBaby_AgeAskedInTheSingularAndShownInTheSummary()
    {
        await using var host = RequiringHost(out var pms, phone: false);
        await host.SayAsync("baby", "Um quarto familiar de 10 a 12 de dezembro para 2 adultos e 1 criança");

        var ask = await host.SayAsync("baby", "Ana Lee, ana.lee@mail.com");
        var summary = await host.SayAsync("baby", "o bebé tem 1 ano");
        await host.SayAsync("baby", "sim");

        Text(ask).Should().Contain("Que idade tem a criança?");
        summary.State.Should().Be(DialogueStates.AwaitingConfirmation, "the PMS of this test needs no phone");
        Text(summary).Should().Contain("2 adultos e 1 criança de 1 ano");
        pms.Creates.Single().Request.Stay.ChildAges.Should().Equal(1);
    }

    [Fact]
    public async Task ChildAges_OneAgeForTwoChildren_AsksForEachOneAndTakesTheNextAnswer()
    {
        await using var host = RequiringHost(out var pms, phone: false);
        await host.SayAsync("count", "Una familiar del 10 al 12 de diciembre para 2 adultos y 2 niños");
        await host.SayAsync("count", "Ana Lee, ana.lee@mail.com");

        var again = await host.SayAsync("count", "tiene 6");
        var summary = await host.SayAsync("count", "seis y nueve");

        again.State.Should().Be(DialogueStates.AwaitingChildAges);
        Text(again).Should().Contain("una edad por niño, y son 2");
        summary.State.Should().Be(DialogueStates.AwaitingConfirmation);
        Text(summary).Should().Contain("2 niños de 6 y 9 años");
        pms.Creates.Should().BeEmpty();
    }

    [Fact]
    public async Task ChildAges_AnotherCountWithAnAgeForEach_TakesTheNewPartyAndItsAges()
    {
        await using var host = RequiringHost(out var pms, phone: false);
        await host.SayAsync("recount", "Una familiar del 10 al 12 de diciembre para 2 adultos y 2 niños");
        await host.SayAsync("recount", "Ana Lee, ana.lee@mail.com");

        var summary = await host.SayAsync("recount", "perdón, son 3 niños: 4, 6 y 9");
        await host.SayAsync("recount", "sí");

        summary.State.Should().Be(DialogueStates.AwaitingConfirmation, Text(summary));
        Text(summary).Should().Contain("2 adultos y 3 niños de 4, 6 y 9 años");
        var sent = pms.Creates.Single().Request.Stay;
        (sent.Adults, sent.Children).Should().Be((2, 3));
        sent.ChildAges.Should().Equal(4, 6, 9);
    }

    [Fact]
    public async Task ChildAges_BothTheSameAge_CountsOnePerChild()
    {
        await using var host = RequiringHost(out _, phone: false);
        await host.SayAsync("both", "A family room from 10 to 12 December for 2 adults and 2 children");
        await host.SayAsync("both", "Ana Lee, ana.lee@mail.com");

        var summary = await host.SayAsync("both", "they're twins, both are 7");

        Text(summary).Should().Contain("2 children aged 7 and 7");
    }

    [Fact]
    public async Task ChildAges_OneIsOfAdultAgeAtThisHotel_CountsAsAnAdultAndIsRequoted()
    {
        await using var host = RequiringHost(out var pms, phone: false);
        await host.SayAsync("adult", "Una familiar del 10 al 12 de diciembre para 2 adultos y 2 niños");
        await host.SayAsync("adult", "Ana Lee, ana.lee@mail.com");

        var summary = await host.SayAsync("adult", "6 y 13");
        await host.SayAsync("adult", "sí");

        Text(summary).Should().Contain("desde los 12 años se cuenta como adulto").And.Contain("3 adultos y 1 niño de 6 años");
        var sent = pms.Creates.Single().Request.Stay;
        (sent.Adults, sent.Children).Should().Be((3, 1));
        sent.ChildAges.Should().Equal(6);
    }

    [Fact]
    public async Task Phone_NotANumber_IsAskedAgainAndTheBookingWaits()
    {
        await using var host = RequiringHost(out var pms);
        await host.SayAsync("phone", "Una doble del 10 al 12 de diciembre para 2 personas");
        var ask = await host.SayAsync("phone", "Ana Lee, ana.lee@mail.com");

        var invalid = await host.SayAsync("phone", "12");
        var summary = await host.SayAsync("phone", "2345 6789");

        ask.State.Should().Be(DialogueStates.AwaitingGuestPhone, "no children: only the phone is asked");
        invalid.State.Should().Be(DialogueStates.AwaitingGuestPhone);
        Text(invalid).Should().Contain("no parece válido");
        summary.State.Should().Be(DialogueStates.AwaitingConfirmation);
        Text(summary).Should().Contain("tel. 23456789");
        pms.Creates.Should().BeEmpty();
    }

    [Fact]
    public async Task Phone_GivenWithTheName_IsNotAskedAgain()
    {
        await using var host = RequiringHost(out _);
        await host.SayAsync("given", "Una doble del 10 al 12 de diciembre para 2 personas");

        var summary = await host.SayAsync("given", "Me llamo Ana García, mi correo es ana.garcia@example.com y mi teléfono es +34 600 123 456");

        summary.State.Should().Be(DialogueStates.AwaitingConfirmation);
        Text(summary).Should().Contain("tel. +34600123456");
    }

    [Fact]
    public async Task Booking_EngineReportsTheAges_TheyAreNotAskedAgain()
    {
        await using var host = RequiringHost(out var pms, phone: false, services => services.Replace(ServiceDescriptor.Singleton<INluEngine>(
            sp => new AgesReportingNlu(sp.GetRequiredKeyedService<INluEngine>(NluHotelAgentBuilderExtensions.RuleBasedEngineKey)))));
        await host.SayAsync("told", "Una familiar del 10 al 12 de diciembre para 2 adultos y 2 niños de 6 y 9 años");

        var summary = await host.SayAsync("told", "Ana Lee, ana.lee@mail.com");
        await host.SayAsync("told", "sí");

        summary.State.Should().Be(DialogueStates.AwaitingConfirmation, "the ages came with the request");
        Text(summary).Should().Contain("2 adultos y 2 niños de 6 y 9 años");
        pms.Creates.Single().Request.Stay.ChildAges.Should().Equal(6, 9);
    }

    [Fact]
    public async Task Booking_PmsWithoutRequirements_AsksNothingMore()
    {
        await using var host = new TestHost();
        await host.SayAsync("demo", "Una familiar del 10 al 12 de diciembre para 2 adultos y 2 niños");

        var summary = await host.SayAsync("demo", "Ana Lee, ana.lee@mail.com");

        summary.State.Should().Be(DialogueStates.AwaitingConfirmation, "the demo PMS declares no requirements");
        Text(summary).Should().Contain("2 adultos y 2 niños").And.NotContain("años").And.NotContain("tel.");
    }

    [Fact]
    public async Task Confirm_RefusedForAMissingPhone_AsksForItAndTheRetryReachesThePmsUnderANewKey()
    {
        // The hotel starts requiring a phone after the summary was shown: the yes is refused, the phone asked for, and the
        // next yes must reach the PMS instead of replaying the refusal cached under the first key.
        await using var host = RequiringHost(out var pms, phone: false);
        await host.SayAsync("refused", "Una doble del 10 al 12 de diciembre para 2 personas");
        var first = await host.SayAsync("refused", "Ana Lee, ana.lee@mail.com");
        pms.Requirements = pms.Requirements with { PhoneRequired = true };

        var refused = await host.SayAsync("refused", "sí");
        var summary = await host.SayAsync("refused", "600123456");
        var booked = await host.SayAsync("refused", "sí");

        first.State.Should().Be(DialogueStates.AwaitingConfirmation);
        refused.State.Should().Be(DialogueStates.AwaitingGuestPhone);
        Text(refused).Should().Contain("teléfono");
        summary.State.Should().Be(DialogueStates.AwaitingConfirmation);
        booked.State.Should().Be(DialogueStates.Booked);
        pms.Creates.Should().HaveCount(2);
        var (withoutPhone, withPhone) = (pms.Creates.First(), pms.Creates.Last());
        withoutPhone.Request.Guest.Phone.Should().BeNull();
        withPhone.Request.Guest.Phone.Should().Be("600123456");
        withPhone.Key.Should().NotBe(withoutPhone.Key, "a refusal is not replayed for the request that completes it");
        (await host.Pms.GetReservationAsync(booked.ReservationCode!)).Should().NotBeNull();
    }

    [Fact]
    public async Task Confirm_RefusedWithNothingLeftToAsk_SendsTheGuestToReception()
    {
        await using var host = RequiringHost(out var pms, phone: false);
        pms.RefuseEverything = true;
        await host.SayAsync("stuck", "Una doble del 10 al 12 de diciembre para 2 personas");
        await host.SayAsync("stuck", "Ana Lee, ana.lee@mail.com");

        var refused = await host.SayAsync("stuck", "sí");

        refused.State.Should().Be(DialogueStates.AwaitingConfirmation);
        Text(refused).Should().Contain("No he podido completar la reserva");
    }

    [Theory]
    [InlineData("es", "Una familiar del 10 al 12 de diciembre para 2 adultos", "sí", "quiero modificar mi reserva, vamos a ser 2 adultos y 1 niño", "tiene 6", "2 adultos y 1 niño de 6 años", "edad")]
    [InlineData("en", "A family room from 10 to 12 December for 2 adults", "yes", "I'd like to change my booking to 2 adults and 1 child", "she's 6", "2 adults and 1 child aged 6", "old")]
    [InlineData("pt", "Um quarto familiar de 10 a 12 de dezembro para 2 adultos", "sim", "queria alterar a reserva para 2 adultos e 1 criança", "tem 6 anos", "2 adultos e 1 criança de 6 anos", "idade")]
    public async Task Modify_AddsAChild_AsksItsAgeBeforeTheQuoteAndSendsIt(
        string language, string request, string yes, string change, string ageAnswer, string party, string askWord)
    {
        await using var host = RequiringHost(out var pms, phone: false);
        var id = $"modify-{language}";
        await host.SayAsync(id, request);
        await host.SayAsync(id, "Ana Lee, ana.lee@mail.com");
        var booked = await host.SayAsync(id, yes);
        booked.State.Should().Be(DialogueStates.Booked);

        var ask = await host.SayAsync(id, change);
        var quote = await host.SayAsync(id, ageAnswer);
        var beforeYes = pms.Modifies.Count;
        var done = await host.SayAsync(id, yes);

        ask.State.Should().Be(DialogueStates.AwaitingModificationChildAges, Text(ask));
        Text(ask).Should().Contain(askWord);
        beforeYes.Should().Be(0, "nothing is changed before the guest confirms the quote");
        quote.State.Should().Be(DialogueStates.AwaitingModificationConfirmation, Text(quote));
        Text(quote).Should().Contain(party);
        done.State.Should().Be(DialogueStates.Idle, Text(done));
        var sent = pms.Modifies.Should().ContainSingle().Subject.Request;
        (sent.Adults, sent.Children).Should().Be((2, 1));
        sent.ChildAges.Should().Equal(6);
        (await host.Pms.GetReservationAsync(booked.ReservationCode!))!.Children.Should().Be(1);
    }

    [Fact]
    public async Task Modify_AgesAsked_NoLeavesTheReservationAsItWas()
    {
        await using var host = RequiringHost(out var pms, phone: false);
        await host.SayAsync("modify-no", "Una familiar del 10 al 12 de diciembre para 2 adultos");
        await host.SayAsync("modify-no", "Ana Lee, ana.lee@mail.com");
        var booked = await host.SayAsync("modify-no", "sí");
        await host.SayAsync("modify-no", "quiero modificar mi reserva, vamos a ser 2 adultos y 2 niños");

        var declined = await host.SayAsync("modify-no", "no, mejor lo dejamos como estaba");

        declined.State.Should().Be(DialogueStates.Idle, Text(declined));
        pms.Modifies.Should().BeEmpty();
        (await host.Pms.GetReservationAsync(booked.ReservationCode!))!.Children.Should().Be(0);
    }

    [Fact]
    public async Task Modify_AgesAsked_NotOnePerChild_AsksAgainAndWritesNothing()
    {
        await using var host = RequiringHost(out var pms, phone: false);
        await host.SayAsync("modify-again", "A family room from 10 to 12 December for 2 adults");
        await host.SayAsync("modify-again", "Ana Lee, ana.lee@mail.com");
        await host.SayAsync("modify-again", "yes");
        await host.SayAsync("modify-again", "I'd like to change my booking to 2 adults and 2 children");

        var again = await host.SayAsync("modify-again", "the oldest is 9");
        var quote = await host.SayAsync("modify-again", "9 and 4");

        again.State.Should().Be(DialogueStates.AwaitingModificationChildAges, Text(again));
        Text(again).Should().Contain("2");
        quote.State.Should().Be(DialogueStates.AwaitingModificationConfirmation, Text(quote));
        Text(quote).Should().Contain("2 children aged 9 and 4");
        pms.Modifies.Should().BeEmpty();
    }

    [Fact]
    public async Task Modify_RefusedForMissingAges_AsksForThemAndTheNextYesReachesThePmsUnderANewKey()
    {
        // The booking was made while the PMS did not need ages (as one made elsewhere): a change of dates keeps the
        // child, the PMS refuses it without the age, the agent asks for it and quotes again.
        await using var host = RequiringHost(out var pms, phone: false);
        pms.Requirements = pms.Requirements with { ChildAgesRequired = false };
        await host.SayAsync("modify-refused", "Una familiar del 10 al 12 de diciembre para 2 adultos y 1 niño");
        await host.SayAsync("modify-refused", "Ana Lee, ana.lee@mail.com");
        var booked = await host.SayAsync("modify-refused", "sí");
        pms.Requirements = pms.Requirements with { ChildAgesRequired = true };
        await host.SayAsync("modify-refused", "¿me la podés correr un día?");

        var refused = await host.SayAsync("modify-refused", "sí");
        var quote = await host.SayAsync("modify-refused", "5 años");
        var done = await host.SayAsync("modify-refused", "sí");

        booked.State.Should().Be(DialogueStates.Booked);
        refused.State.Should().Be(DialogueStates.AwaitingModificationChildAges, Text(refused));
        quote.State.Should().Be(DialogueStates.AwaitingModificationConfirmation, Text(quote));
        Text(quote).Should().Contain("1 niño de 5 años");
        done.State.Should().Be(DialogueStates.Idle, Text(done));
        pms.Modifies.Should().HaveCount(2);
        var (first, second) = (pms.Modifies.First(), pms.Modifies.Last());
        first.Request.ChildAges.Should().BeNull();
        second.Request.ChildAges.Should().Equal(5);
        second.Key.Should().NotBe(first.Key, "a refusal is not replayed for the request that completes it");
        var moved = await host.Pms.GetReservationAsync(booked.ReservationCode!);
        (moved!.CheckIn, moved.Children).Should().Be((new DateOnly(2026, 12, 11), 1));
    }

    [Theory]
    [InlineData("6 y 9", 2, new[] { 6, 9 })]
    [InlineData("4 and 9 years old", 2, new[] { 4, 9 })]
    [InlineData("o bebé tem 1 ano", 1, new[] { 1 })]
    [InlineData("un año", 1, new[] { 1 })]
    [InlineData("la nena tiene 8 meses y el nene 3 años", 2, new[] { 0, 3 })]
    [InlineData("uno tiene 4 y el otro 11", 2, new[] { 4, 11 })]
    [InlineData("los dos tienen 5", 2, new[] { 5, 5 })]
    [InlineData("seis, ocho y doce", 3, new[] { 6, 8, 12 })]
    [InlineData("my 2 kids are 4 and 9", 2, new[] { 4, 9 })]
    [InlineData("o mais velho tem 10 e o mais novo 7", 2, new[] { 10, 7 })]
    [InlineData("no sé", 2, new int[0])]
    [InlineData("+34 600 123 456", 2, new int[0])]
    public void ReadAges_GuestAnswers_ReadsOneAgePerChildMentioned(string text, int expected, int[] ages) =>
        DialogueManager.ReadAges(text, expected).Should().Equal(ages);

    [Theory]
    [InlineData("2345 6789", "23456789")]
    [InlineData("+44 (20) 7946-0000", "+442079460000")]
    [InlineData("12", null)]
    [InlineData("llámame mañana", null)]
    [InlineData("6 y 9", null)]
    public void ReadPhone_Answers_ReadsOnlyANumber(string text, string? phone) =>
        DialogueManager.ReadPhone(text).Should().Be(phone);

    private static TestHost RequiringHost(out RequiringPms pms, bool phone = true, Action<IServiceCollection>? configure = null)
    {
        var fake = new RequiringPms[1];
        var host = new TestHost(services =>
        {
            services.AddSingleton(sp => fake[0] = new RequiringPms(sp.GetRequiredService<DemoPmsAdapter>())
            {
                Requirements = new PmsBookingRequirements { PhoneRequired = phone, ChildAgesRequired = true, AdultAge = 12 },
            });
            services.Replace(ServiceDescriptor.Singleton<IPmsAdapter>(sp => sp.GetRequiredService<RequiringPms>()));
            configure?.Invoke(services);
        });
        _ = host.Provider.GetRequiredService<IPmsAdapter>();
        pms = fake[0];
        return host;
    }

    private static string Text(AgentResponse response) => string.Join(" ", response.Replies.Select(r => r.Text));

    /// <summary>An engine that also reports children's ages ("2 niños de 6 y 9 años"), as <see cref="NluEntities.ChildAges"/> allows.</summary>
    private sealed class AgesReportingNlu(INluEngine inner) : INluEngine
    {
        public async ValueTask<NluResult> ParseAsync(NluRequest request, CancellationToken cancellationToken = default)
        {
            var result = await inner.ParseAsync(request, cancellationToken);
            return request.Text.Contains("de 6 y 9 años", StringComparison.Ordinal)
                ? result with { Entities = result.Entities with { ChildAges = [6, 9] } }
                : result;
        }
    }

    /// <summary>
    /// A PMS that requires what <see cref="Requirements"/> says and refuses a booking without it, as QloApps does
    /// (<see cref="ReservationError.MissingGuestDetails"/>); it books in the demo PMS and records every create.
    /// </summary>
    private sealed class RequiringPms(IPmsAdapter inner) : IPmsAdapter, IPmsBookingRequirementsProvider
    {
        public PmsBookingRequirements Requirements { get; set; } = new();

        public bool RefuseEverything { get; set; }

        public ConcurrentQueue<(CreateReservationRequest Request, string Key)> Creates { get; } = new();

        public ConcurrentQueue<(ModifyReservationRequest Request, string Key)> Modifies { get; } = new();

        public BookingCodeFormat BookingCodeFormat => inner.BookingCodeFormat;

        public ValueTask<PmsBookingRequirements> GetBookingRequirementsAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Requirements);

        public Task<ReservationResult> CreateReservationAsync(CreateReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
        {
            Creates.Enqueue((request, idempotencyKey));
            var stay = request.Stay;
            if (RefuseEverything || (Requirements.PhoneRequired && request.Guest.Phone is null)
                || (Requirements.ChildAgesRequired && stay.Children > 0 && stay.ChildAges?.Count != stay.Children))
            {
                return Task.FromResult(ReservationResult.Failure(ReservationError.MissingGuestDetails, "phone or ages missing"));
            }

            return inner.CreateReservationAsync(request, idempotencyKey, cancellationToken);
        }

        public Task<HotelInfo> GetHotelInfoAsync(CancellationToken cancellationToken = default) => inner.GetHotelInfoAsync(cancellationToken);

        public Task<IReadOnlyList<RoomType>> GetRoomTypesAsync(CancellationToken cancellationToken = default) => inner.GetRoomTypesAsync(cancellationToken);

        public Task<AvailabilityResult> GetAvailabilityAsync(StayRequest request, CancellationToken cancellationToken = default) => inner.GetAvailabilityAsync(request, cancellationToken);

        public Task<Reservation?> GetReservationAsync(string code, CancellationToken cancellationToken = default) => inner.GetReservationAsync(code, cancellationToken);

        public Task<IReadOnlyList<Reservation>> ListReservationsAsync(ReservationQuery query, CancellationToken cancellationToken = default) => inner.ListReservationsAsync(query, cancellationToken);

        public Task<ReservationResult> ModifyReservationAsync(ModifyReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
        {
            Modifies.Enqueue((request, idempotencyKey));
            if (Requirements.ChildAgesRequired && request.Children is > 0 and var children && request.ChildAges?.Count != children)
            {
                return Task.FromResult(ReservationResult.Failure(ReservationError.MissingGuestDetails, "ages missing"));
            }

            return inner.ModifyReservationAsync(request, idempotencyKey, cancellationToken);
        }

        public Task<ReservationResult> CancelReservationAsync(string code, string idempotencyKey, CancellationToken cancellationToken = default) =>
            inner.CancelReservationAsync(code, idempotencyKey, cancellationToken);
    }
}
