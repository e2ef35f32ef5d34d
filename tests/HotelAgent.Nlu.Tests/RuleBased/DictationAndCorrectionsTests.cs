using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// Phrasings of guests relative to Wednesday 2026-11-25: addresses dictated with any domain, departures corrected in
/// digits, compound surnames with two particles, companions who are replaced or stay behind, a child called by their
/// age, a room chosen after the one given up, a day written before its month next to a holiday, and a message that asks
/// several questions, each read on its own.
/// </summary>
public sealed class DictationAndCorrectionsTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes, Expecting = expecting });

    [Theory]
    [InlineData("Joya. Juan Cruz Fernández Otero, el mail es juancruz punto fo arroba mail punto example", "juancruz.fo@mail.example")]
    [InlineData("o email é anacarol ponto santos arroba email ponto example", "anacarol.santos@email.example")]
    [InlineData("It's priya underscore ph at post dot example", "priya_ph@post.example")]
    [InlineData("my email is ashley dot nguyen at mail dot travel", "ashley.nguyen@mail.travel")]
    public void Parse_AddressDictatedWithAnyDomain_IsTheAddress(string text, string email) =>
        Parse(text, ExpectedAnswer.Email).Entities.Email.Should().Be(email);

    [Theory]
    [InlineData("we arrive at five dot thirty")]
    [InlineData("we arrive at noon. Dinner is at eight")]
    public void Parse_AtAndDotOutsideAnAddress_IsNoEmail(string text) =>
        Parse(text).Entities.Email.Should().BeNull();

    [Fact]
    public void Parse_ContractionBeforeADictatedAddress_IsNoName() =>
        Parse("It's priya underscore ph at post dot example", ExpectedAnswer.Email).Entities.GuestName.Should().BeNull();

    [Theory]
    [InlineData("Uy perdona, me equivoqué, nos vamos el 23/01, no el 22", "2027-01-23")]
    [InlineData("Peço desculpa, afinal a reunião prolonga-se e só saímos a 18/01", "2027-01-18")]
    [InlineData("sorry, we're leaving on 01/23 now", "2027-01-23")]
    public void Parse_DepartureInDigits_IsTheDeparture(string text, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckOut.Should().Be(DateOnly.Parse(checkOut, System.Globalization.CultureInfo.InvariantCulture));
        entities.CheckIn.Should().BeNull();
    }

    [Theory]
    [InlineData("A nombre de María José Fernández de la Vega, mj@correo.es", "María José Fernández de la Vega")]
    [InlineData("Em nome de Ana Carolina dos Santos, ana@uol.com.br", "Ana Carolina dos Santos")]
    [InlineData("under the name of Pieter van der Berg, pieter@mail.nl", "Pieter van der Berg")]
    public void Parse_NameWithParticles_IsWhole(string text, string name) =>
        Parse(text, ExpectedAnswer.GuestDetails).Entities.GuestName.Should().Be(name);

    [Theory]
    [InlineData("Uh, me acaba de decir mi señora que el 2 tenemos un cumple. Mejor del 3 al 6")]
    [InlineData("Ok. the dates are fine")]
    [InlineData("Umm, let me check with my wife")]
    public void Parse_InterjectionBeforeARequest_IsNoName(string text) =>
        Parse(text, ExpectedAnswer.GuestDetails).Entities.GuestName.Should().BeNull();

    [Theory]
    [InlineData("Hola, quiero una habitación con dos camas separadas para mi viejo y yo", 2)]
    [InlineData("Hello, I'm travelling with my brother rather than my girlfriend now", 2)]
    [InlineData("vou com o meu irmão em vez da minha namorada", 2)]
    [InlineData("voy con mi hermana en vez de mi novio", 2)]
    public void Parse_CompanionReplacedOrNamedRegionally_CountsWhoTravels(string text, int adults) =>
        Parse(text).Entities.Adults.Should().Be(adults);

    [Theory]
    [InlineData("Opa, correção: vai só uma criança, a de 6 fica com a avó")]
    [InlineData("al final viene un solo nene, el de 4 se queda con la abuela")]
    [InlineData("only one kid after all, the older one stays with grandma")]
    public void Parse_ChildStayingBehind_IsNoDayAndNoAdults(string text)
    {
        var entities = Parse(text).Entities;
        entities.Children.Should().Be(1);
        entities.Adults.Should().BeNull("the guest said who stays behind, not who the adults are");
        entities.CheckIn.Should().BeNull("a child called by their age names no day");
    }

    [Theory]
    [InlineData("quería cambiar la habitación: en vez de dos camas, una doble", "double")]
    [InlineData("instead of the twin, a double please", "double")]
    [InlineData("em vez do duplo, o quarto familiar", "family")]
    public void Parse_RoomAfterTheOneGivenUp_IsTheRoom(string text, string room) =>
        Parse(text).Entities.RoomType.Should().Be(room);

    [Theory]
    [InlineData("Vamos a pasar Navidad en Valencia. ¿Tienen cuarto familiar 4 noches a partir del 23 de diciembre?", "2026-12-23")]
    [InlineData("We're coming for Christmas. Could we have a double for 3 nights from the 22nd of December?", "2026-12-22")]
    [InlineData("Vamos passar o Natal. Têm quarto duplo por 3 noites a partir de 21 de dezembro?", "2026-12-21")]
    public void Parse_HolidayBesideAnExplicitDate_TakesTheDate(string text, string checkIn) =>
        Parse(text).Entities.CheckIn.Should().Be(DateOnly.Parse(checkIn, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("Oi! Antes de reservar: quais formas de pagamento vocês aceitam? Precisa pagar sinal? E se eu precisar cancelar, como funciona?", Intents.CancellationPolicy)]
    [InlineData("¿Aceptan Bizum? ¿Y a qué hora se puede hacer el check-in?", Intents.CheckInInfo)]
    [InlineData("Do you take Amex? And is there parking at the hotel?", Intents.HotelAmenities)]
    public void Parse_SeveralQuestions_ReadsEachOne(string text, string asked)
    {
        var result = Parse(text);
        result.AdditionalIntents.Append(result.Intent).Should().Contain(asked);
    }
}

/// <summary>
/// Parties told as a story and nights corrected, relative to Wednesday 2026-11-25: companions who cannot come or whose
/// children come without them, a child said twice in apposition, "lads" as grown men, who joins said beside the verb,
/// a head count said after someone joins, a count of nights corrected away, and a holiday with its departure's month.
/// </summary>
public sealed class PartyStoriesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes, Expecting = expecting });

    [Theory]
    [InlineData("mis papás, mi esposa y yo, y como mi hermana no puede nos llevamos a su hija, mi sobrina, que tiene 12", 4, 1)]
    [InlineData("me, my wife and my parents, my brother can't make it", 4, null)]
    [InlineData("eu, o meu marido e a minha mãe, a minha irmã não vai", 3, null)]
    [InlineData("vamos mi marido y yo, mi madre y los dos críos de mi hermana, que tienen 6 y 9 años", 3, 2)]
    [InlineData("me, my husband and the two kids of my sister, 6 and 9", 2, 2)]
    [InlineData("eu, o meu marido e os dois filhos da minha irmã, de 6 e 9 anos", 2, 2)]
    public void Parse_PartyToldAsAStory_CountsWhoTravels(string text, int adults, int? children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        (entities.Children is null or 0 ? null : entities.Children).Should().Be(children);
    }

    [Theory]
    [InlineData("We're a family of four (two kids, 5 and 11)", 2, 2)]
    [InlineData("Somos una familia de cuatro, dos críos de 5 y 11 años", 2, 2)]
    [InlineData("Somos uma família de quatro, dois miúdos de 5 e 11 anos", 2, 2)]
    [InlineData("voy con mi novia y no con mi colega", 2, null)]
    [InlineData("vou com o meu irmão e não com a minha namorada", 2, null)]
    [InlineData("I'm going with my brother and not with my girlfriend", 2, null)]
    [InlineData("yo, need a room with 2 separate beds, 2 guys", 2, null)]
    public void Parse_FamilyAndCompanions_CountWhoTravels(string text, int adults, int? children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        (entities.Children is null or 0 ? null : entities.Children).Should().Be(children);
    }

    [Theory]
    [InlineData("Alright, four lads, all adults, family room please", 4)]
    [InlineData("Hello! So it's going to be me and my husband, and my parents decided they're coming too", 4)]
    [InlineData("acabo de hablar con mi madre y se viene también. Seríamos 3 adultos y el bebé", 3)]
    public void Parse_HeadCount_IsTheAdults(string text, int adults) =>
        Parse(text).Entities.Adults.Should().Be(adults);

    [Theory]
    [InlineData("no, perdón, son 4 noches, no 3. Nos vamos el martes 19", 4)]
    [InlineData("sorry, it's 4 nights, not 3", 4)]
    [InlineData("não, são 4 noites, não 3", 4)]
    public void Parse_NightsCorrected_NamesNoDay(string text, int nights)
    {
        var entities = Parse(text).Entities;
        entities.Nights.Should().Be(nights);
        entities.CheckIn.Should().NotBe(new DateOnly(2026, 12, 3), "the 3 corrected away is a count of nights, not the 3rd");
    }

    [Theory]
    [InlineData("from Boxing Day to the 29th December", "2026-12-26", "2026-12-29")]
    [InlineData("de Nochebuena al 27 de diciembre", "2026-12-24", "2026-12-27")]
    [InlineData("da véspera de Natal até 27 de dezembro", "2026-12-24", "2026-12-27")]
    public void Parse_HolidayToADatedDay_IsTheStay(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(DateOnly.Parse(checkIn, System.Globalization.CultureInfo.InvariantCulture));
        entities.CheckOut.Should().Be(DateOnly.Parse(checkOut, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Is the gym open 24/7?")]
    [InlineData("¿El gimnasio abre 24/7?")]
    [InlineData("O ginásio está aberto 24/7?")]
    public void Parse_AroundTheClock_IsNoDate(string text) =>
        Parse(text).Entities.CheckIn.Should().BeNull();

    [Theory]
    [InlineData("Lautaro Ferreyra es el titular, lauti@outlook.com", "Lautaro Ferreyra")]
    [InlineData("Megan Price is the lead guest, megan@mail.com", "Megan Price")]
    [InlineData("Rui Costa é o titular, rui@sapo.pt", "Rui Costa")]
    public void Parse_NameFollowedByWords_EndsAtTheName(string text, string name) =>
        Parse(text, ExpectedAnswer.GuestDetails).Entities.GuestName.Should().Be(name);

    [Theory]
    [InlineData("Ok y cuánto sale toda la estadía en total? así lo paso al grupo de la familia")]
    [InlineData("vou mandar para a família, quanto fica tudo?")]
    [InlineData("la familia está encantada, ¿cuánto es en total?")]
    public void Parse_TheFamily_IsNoFamilyRoom(string text) =>
        Parse(text).Entities.RoomType.Should().BeNull();

    [Fact]
    public void Parse_NameWithJunior_KeepsItsPoint() =>
        Parse("Put it under Marcus Whitfield Jr., marcus@mailbox.example", ExpectedAnswer.GuestDetails).Entities.GuestName.Should().Be("Marcus Whitfield Jr.");

    [Theory]
    [InlineData("hasta el 14")]
    [InlineData("until the 14th")]
    [InlineData("até o dia 14")]
    public void Parse_DepartureWhenDatesAreAsked_IsTheDeparture(string text) =>
        Parse(text, ExpectedAnswer.Dates).Entities.CheckOut.Should().Be(new DateOnly(2026, 12, 14));
}
