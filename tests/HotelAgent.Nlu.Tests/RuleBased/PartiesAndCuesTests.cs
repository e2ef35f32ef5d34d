using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// Parties, nights, names and requests as guests put them without the vocabulary's words: newlyweds, children named
/// with their ages, a child named and then counted again, "the parents", nights listed by weekday with articles between,
/// a booking's name after "under" or "the booking's for", middle initials, a room left behind ("from the double to the
/// suite"), days named beside a holiday, and verbs that only look like request words; relative to Wednesday 2026-11-25.
/// </summary>
public sealed class PartiesAndCuesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes, Expecting = expecting });

    [Theory]
    [InlineData("nos casamos en enero y queremos la suite de luna de miel, del 20 al 24 de enero")]
    [InlineData("We just got married! Honeymoon in Valencia, 2 to 6 February, the suite if you have it")]
    [InlineData("somos recém-casados, queremos passar a lua de mel aí de 10 a 14 de fevereiro")]
    public void Parse_Honeymoon_IsTwoAdults(string text)
    {
        var entities = Parse(text).Entities;

        entities.Adults.Should().Be(2);
        entities.Children.Should().BeNull();
    }

    [Fact]
    public void Parse_HoneymoonWithBothNamed_IsNotCountedTwice()
    {
        Parse("mi marido y yo vamos de luna de miel del 3 al 6 de marzo").Entities.Adults.Should().Be(2);
    }

    [Theory]
    [InlineData("vamos mi mujer y yo con los nenes, Lucas de 9 y Sofía de 4, del 2 al 5 de enero", 2, 2)]
    [InlineData("eu, o meu marido e os miúdos, o Tiago de 11 e a Rita de 7", 2, 2)]
    [InlineData("me, my husband and the kids, Ollie, 8, and Grace, 5", 2, 2)]
    public void Parse_ChildrenNamedWithTheirAges_AreCountedOnceEach(string text, int adults, int children)
    {
        var result = Parse(text);

        result.Entities.Adults.Should().Be(adults);
        result.Entities.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("perdón, también va mi nieta de 4 años, somos 3 adultos y una nena", 3, 1)]
    [InlineData("sorry, my nephew (7) is coming too, so we're 2 adults and one child", 2, 1)]
    public void Parse_ChildNamedThenCountedInTheTotal_IsOneChild(string text, int adults, int children)
    {
        var entities = Parse(text).Entities;

        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Fact]
    public void Parse_ChildNamedAndMoreCounted_AddsThem()
    {
        Parse("viene mi hija de 8 y otros dos niños, sus amigos; somos 2 adultos").Entities.Children.Should().Be(3);
    }

    [Theory]
    [InlineData("Somos os pais e dois miúdos, de 4 e 8 anos", 2, 2)]
    [InlineData("somos los padres y tres chicos de 5, 9 y 12", 2, 3)]
    [InlineData("voy con mis padres y mi hijo de 6", 3, 1)]
    public void Parse_TheParents_AreTheTwoAdultsOfTheParty(string text, int adults, int children)
    {
        var entities = Parse(text).Entities;

        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Fact]
    public void Parse_ChildCalledCria_IsAChild()
    {
        var entities = Parse("al final seríamos 2 adultos y la cría").Entities;

        (entities.Adults, entities.Children).Should().Be((2, 1));
    }

    [Theory]
    [InlineData("queremos el finde del 11 de diciembre, la noche del viernes y la del sábado", "2026-12-11", "2026-12-13")]
    [InlineData("a doble for the 11th of December, the Friday night and the Saturday", "2026-12-11", "2026-12-13")]
    [InlineData("a noite de sexta e a de sábado, dia 11 de dezembro", "2026-12-11", "2026-12-13")]
    public void Parse_NightsListedByWeekdayWithArticles_AreBothNights(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;

        entities.CheckIn.Should().Be(DateOnly.Parse(checkIn, System.Globalization.CultureInfo.InvariantCulture));
        entities.CheckOut.Should().Be(DateOnly.Parse(checkOut, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_OneNightOfAWeekday_IsStillOneNight()
    {
        var entities = Parse("solo la noche del 4 de diciembre").Entities;

        (entities.CheckIn, entities.CheckOut).Should().Be((new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 5)));
    }

    [Theory]
    [InlineData("Lovely, book the double please under Thomas Greene, tgreene@mail.example", "Thomas Greene")]
    [InlineData("The booking's for Aoife Kelly-Byrne, aoife.kb@mail.example", "Aoife Kelly-Byrne")]
    [InlineData("Booking name Sam Patel, sam.patel@mail.example", "Sam Patel")]
    [InlineData("Mary K. Donovan, mkdonovan@mail.example", "Mary K. Donovan")]
    public void Parse_NameAfterACueOrWithAnInitial_IsTheWholeName(string text, string name)
    {
        Parse(text, ExpectedAnswer.GuestDetails).Entities.GuestName.Should().Be(name);
    }

    [Fact]
    public void Parse_CodeCueBeforeACode_IsNotAName()
    {
        var result = Parse("Hola, mi reserva: Código HA-7K2M9Q, mail ana@correo.example");

        result.Entities.GuestName.Should().BeNull();
        result.Entities.BookingCode.Should().Be("HA-7K2M9Q");
    }

    [Theory]
    [InlineData("Tengo la reserva HA-7K2M9Q. Quiero pasar de la doble a la suite, mismas fechas", "suite")]
    [InlineData("Booking HA-7K2M9Q: can we switch from the twin to the family room?", "family")]
    [InlineData("Reserva HA-7K2M9Q, queria mudar do quarto duplo para a suíte", "suite")]
    public void Parse_RoomLeftBehind_IsNotTheRoomAskedFor(string text, string room)
    {
        Parse(text).Entities.RoomType.Should().Be(room);
    }

    [Fact]
    public void Parse_DaysNamedBesideAHoliday_AreTheStay()
    {
        var entities = Parse("mejor llegamos el 22 y nos vamos hasta el 27, así pasamos la navidad ahí").Entities;

        (entities.CheckIn, entities.CheckOut).Should().Be((new DateOnly(2026, 12, 22), new DateOnly(2026, 12, 27)));
    }

    [Fact]
    public void Parse_HolidayThenADay_IsStillTheHolidayToThatDay()
    {
        var entities = Parse("de Nochevieja al 2").Entities;

        (entities.CheckIn, entities.CheckOut).Should().Be((new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 2)));
    }

    [Fact]
    public void Parse_VerbInThePast_IsNotAMisspeltRequestWord()
    {
        Parse("we managed to get the week off, so can we make it the 3rd to the 17th?", ExpectedAnswer.Confirmation).Intent
            .Should().NotBe(Intents.HumanHandoff);
    }

    [Theory]
    [InlineData("me pasás los datos de mi reserva? código HA-7K2M9Q", Intents.ReservationStatus)]
    [InlineData("me pasás con alguien de recepción?", Intents.HumanHandoff)]
    public void Parse_PasarWithAndWithoutAPerson_IsHandoffOnlyWithOne(string text, string intent)
    {
        Parse(text).Intent.Should().Be(intent);
    }

    [Theory]
    [InlineData("what time do we need to be out on the last day?")]
    [InlineData("a que horas temos de sair do quarto?")]
    public void Parse_LeavingTimeInOtherWords_IsCheckOut(string text)
    {
        Parse(text).Intent.Should().Be(Intents.CheckOutInfo);
    }

    [Theory]
    [InlineData("como faço pra chegar no hotel de transporte público?")]
    [InlineData("can we get there by public transport from the station?")]
    public void Parse_GettingThereByPublicTransport_IsLocation(string text)
    {
        Parse(text).Intent.Should().Be(Intents.HotelLocation);
    }

    [Theory]
    [InlineData("we'll leave the dog with my mum, so it's just the two of us", 2)]
    [InlineData("dejamos al perro con mi hermana, vamos los dos", 2)]
    public void Parse_SomeoneLeftBehindWith_IsNotTravelling(string text, int adults)
    {
        Parse(text).Entities.Adults.Should().Be(adults);
    }

    [Fact]
    public void Parse_LeavingOnADayWithSomeone_StillCountsThem()
    {
        Parse("we leave on Friday with my wife").Entities.Adults.Should().Be(2);
    }

    [Fact]
    public void Parse_WholePartyFittingInARoom_IsAHeadCountNotADay()
    {
        var entities = Parse("la familiar, si cabemos los 4 ahí mejor").Entities;

        entities.Adults.Should().Be(4);
        entities.CheckIn.Should().BeNull();
    }

    [Fact]
    public void Parse_RangeWithWeekdaysAfterAHolidayDay_IsTheStay()
    {
        var entities = Parse("aproveitar o feriado do 8 de dezembro: de sexta dia 4 a terça dia 8").Entities;

        (entities.CheckIn, entities.CheckOut).Should().Be((new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 8)));
    }

    [Fact]
    public void Parse_DepartureWeekdayInALaterMonth_TakesTheArrivalWithIt()
    {
        var entities = Parse("mejor entrar el 15 y salir el lunes 18").Entities;

        (entities.CheckIn, entities.CheckOut).Should().Be((new DateOnly(2027, 1, 15), new DateOnly(2027, 1, 18)));
    }

    [Theory]
    [InlineData("we might bring our dog, he's a 25 lb beagle, is that ok?")]
    [InlineData("a nossa cadela tem 8 kg, pode ser?")]
    [InlineData("el taxi desde el aeropuerto cuesta unos 20 euros?")]
    public void Parse_NumberOfWeightsOrMoney_IsNotADay(string text)
    {
        Parse(text).Entities.CheckIn.Should().BeNull();
    }

    [Theory]
    [InlineData("E há receção a noite toda? Chegamos tarde")]
    [InlineData("hay recepción toda la noche? llegamos a medianoche")]
    [InlineData("is there reception at night? our flight lands late")]
    public void Parse_ReceptionAtNight_IsACheckInQuestionNotAComplaint(string text)
    {
        Parse(text).Intent.Should().Be(Intents.CheckInInfo);
    }
}
