using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// Stays described the way guests correct and qualify them: a range said in full after a day corrected away, a day said
/// twice, numbers that count anniversaries or a family, "same dates", and the name a booking goes under; relative to
/// Wednesday 2026-11-25.
/// </summary>
public sealed class StayCorrectionsTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes, Expecting = expecting });

    [Theory]
    [InlineData("Uy espera, que me dice mi amigo que hasta el 16 no puede. Ponlo mejor del 16 al 19", "2026-12-16", "2026-12-19")]
    [InlineData("the 3rd doesn't work for my sister, so from the 4th to the 7th of January instead", "2027-01-04", "2027-01-07")]
    [InlineData("Hello! It's our 10th anniversary over New Year so we'd love the suite - arriving 30th Dec, leaving 2nd Jan", "2026-12-30", "2027-01-02")]
    [InlineData("vamos por mi 40 cumpleaños, del 5 al 7 de marzo", "2027-03-05", "2027-03-07")]
    [InlineData("Llegarían el 29 de diciembre y se irían el 2 de enero. Son dos, una doble estaría bien", "2026-12-29", "2027-01-02")]
    public void Parse_RangeAfterOtherNumbers_IsTheStay(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(DateOnly.Parse(checkIn, System.Globalization.CultureInfo.InvariantCulture));
        entities.CheckOut.Should().Be(DateOnly.Parse(checkOut, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_DepartureSaidTwice_IsOneDeparture()
    {
        var entities = Parse("Ah, y una corrección: mejor nomás hasta el 8, el 8 en la mañana nos vamos a Madrid").Entities;

        entities.CheckIn.Should().BeNull();
        entities.CheckOut.Should().Be(new DateOnly(2026, 12, 8));
    }

    [Theory]
    [InlineData("Somos una familia de 5, mi marido, yo y los tres chicos (12, 9 y 5 años). Queremos ir del 2 al 16 de febrero", 2, 3)]
    [InlineData("Quiero regalarles a mis padres unos días. Llegarían el 29 de diciembre y se irían el 2 de enero. Son dos", 2, null)]
    [InlineData("Boa noite! Quarto família de 2 a 5 de janeiro, somos 4 adultos", 4, null)]
    public void Parse_HeadCountSaidApart_IsTheParty(string text, int adults, int? children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Fact]
    public void Parse_FamilyRoomFromDayToDay_KeepsTheRoomAndTheDates()
    {
        var entities = Parse("Boa noite! Quarto família de 2 a 5 de janeiro, somos 4 adultos").Entities;

        entities.RoomType.Should().Be("family");
        (entities.CheckIn, entities.CheckOut).Should().Be((new DateOnly(2027, 1, 2), new DateOnly(2027, 1, 5)));
    }

    [Theory]
    [InlineData("tengo la reserva HA-UARTED. Es por San Valentín y me gustaría cambiarla a la suite, mismas fechas. ¿Cuánto quedaría?")]
    [InlineData("can we switch to the suite? same dates, it's for Valentine's Day")]
    [InlineData("dá pra mudar pra suíte nas mesmas datas? é pro dia dos namorados, 12 de junho")]
    public void Parse_SameDates_ChangesNoDate(string text)
    {
        var entities = Parse(text).Entities;
        (entities.CheckIn, entities.CheckOut).Should().Be((null, null));
        entities.RoomType.Should().Be("suite");
    }

    [Fact]
    public void Parse_WholeStayDescribedWithoutABooking_IsANewBooking() =>
        Parse("Olá! A gente vai passar o Carnaval na Espanha e queria ficar aí de sábado 6 a quarta 10 de fevereiro. Somos 2 adultos e 2 crianças (9 e 3 anos). Dá pra ficar todo mundo numa suíte?")
            .Intent.Should().NotBe(Intents.ModifyReservation);

    [Theory]
    [InlineData("Two adults. Thomas and Emma Fletcher - put it under Thomas Fletcher please. tom.fletcher@gmail.com", "Thomas Fletcher")]
    [InlineData("Please put it under Margaret Hughes", "Margaret Hughes")]
    [InlineData("Nombre y apellido: Facundo Ibarra, mail: facu.ibarra@yahoo.com.ar", "Facundo Ibarra")]
    public void Parse_NameTheBookingGoesUnder_IsTheGuestName(string text, string name) =>
        Parse(text, ExpectedAnswer.GuestDetails).Entities.GuestName.Should().Be(name);

    [Theory]
    [InlineData("Hey! We'd like a room from January 2nd for 4 nights. It's my husband and me plus our 9 month old, can we fit in a double?", 2, 1)]
    [InlineData("just me and my wife with our 2 year old", 2, 1)]
    public void Parse_ChildNamedByAgeAlone_IsAChild(string text, int adults, int children)
    {
        var entities = Parse(text).Entities;
        (entities.Adults, entities.Children).Should().Be((adults, children));
    }

    [Fact]
    public void Parse_DaysSaidOutrightBesideAHoliday_DateTheStay()
    {
        var entities = Parse("Hi!! do you have a double room for tonight and tomorrow night? It's Thanksgiving tomorrow so not how we planned it lol").Entities;

        (entities.CheckIn, entities.CheckOut).Should().Be((Today, Today.AddDays(2)));
    }

    [Theory]
    [InlineData("Good to know. We also travel with our chihuahua, she's like 6 pounds. Is that ok? Any fee?")]
    [InlineData("Y la pile va a estar abierta en esa época? Los chicos se mueren por meterse al agua")]
    [InlineData("a gente leva a nossa cachorrinha, pode?")]
    public void Parse_PetOrPoolAskedInPassing_IsAFacilityQuestion(string text) =>
        Parse(text).Intent.Should().Be(Intents.HotelAmenities);

    [Fact]
    public void Parse_CodeAndAChangeNamed_IsThatChange()
    {
        var result = Parse("Hola, tengo una reserva con vosotros, el código es HA-K2ZPGT y el email pablonavarro@gmail.com. Necesito moverla");

        result.Intent.Should().Be(Intents.ModifyReservation);
        result.Entities.GuestName.Should().BeNull("'Necesito moverla' is a sentence, not a name");
    }

    [Theory]
    [InlineData("Boa tarde, tenho uma reserva com o código {0}, email manuel@mail.pt. Pode confirmar-me as datas e o valor?")]
    [InlineData("hola, mi reserva es la {0}, ¿a qué hora puedo llegar?")]
    public void Parse_AnyBookingCode_ReadsTheMessageTheSameWay(string template)
    {
        var results = new[] { "HA-7K3QX9", "HA-GY4G99", "HA-F6UZBK", "ha-2b8mnq" }
            .Select(code => Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, code)))
            .ToArray();

        results.Select(r => (r.Intent, r.Confidence, string.Join(",", r.AdditionalIntents))).Distinct().Should().ContainSingle("a code's random characters say nothing of what the guest wants");
    }

    [Theory]
    [InlineData("Hola, tengo la reserva HA-5R38UR (mail eze.romero@outlook.com). Necesito hablar con una persona de recepción, es por un tema de la factura a nombre de mi empresa")]
    [InlineData("I have booking HA-2B8MNQ and I need to speak to a person about changing the name on the invoice")]
    public void Parse_PersonAskedForBesideABooking_IsAHandoff(string text) =>
        Parse(text).Intent.Should().Be(Intents.HumanHandoff);

    [Theory]
    [InlineData("Thanks. Could we change it to a double bed instead of the two singles?", "double")]
    [InlineData("¿Nos la pueden cambiar a la suite en vez de la doble?", "suite")]
    [InlineData("Dá para mudar para o quarto familiar em vez do duplo?", "family")]
    public void Parse_RoomGivenUp_IsNotTheRoomAskedFor(string text, string room) =>
        Parse(text).Entities.RoomType.Should().Be(room);

    [Theory]
    [InlineData("Ai, desculpe, enganei-me no email. O correto é pedro.galves@gmail.com")]
    [InlineData("Uy, perdón, el correcto es pedro.galves@gmail.com")]
    public void Parse_EmailCorrectedWithAnInterjection_NamesNobody(string text) =>
        Parse(text).Entities.GuestName.Should().BeNull();
}
