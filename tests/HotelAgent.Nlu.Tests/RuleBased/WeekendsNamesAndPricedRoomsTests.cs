using System.Globalization;
using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// The weekend and week after this one, the day of a late check-out however the request was told apart, names with no
/// usual cue (after "under", "titular", "sou o", in lower case, as a signature, as the booking's owner), parties written
/// "2+2", the dearest room named by its price, rooms named by their bed, and room names in the plural.
/// </summary>
public sealed class WeekendsNamesAndPricedRoomsTests
{
    private static readonly DateOnly Today = new(2026, 11, 25); // a Wednesday
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes });

    private static DateOnly Day(string day) => DateOnly.Parse(day, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("tienen cuarto con 2 camas individuales para el proximo fin de semana?", "2026-12-04", "2026-12-06")]
    [InlineData("quiero reservar para el finde que viene", "2026-12-04", "2026-12-06")]
    [InlineData("Quisiera hacer una reservación para el fin de semana que entra, 2 adultos", "2026-12-04", "2026-12-06")]
    [InlineData("any rooms next weekend for two?", "2026-12-04", "2026-12-06")]
    [InlineData("Teriam quarto com duas camas de solteiro pro próximo fim de semana?", "2026-12-04", "2026-12-06")]
    [InlineData("tienen lugar este finde?", "2026-11-27", "2026-11-29")]
    [InlineData("any rooms this weekend?", "2026-11-27", "2026-11-29")]
    [InlineData("vocês têm vaga neste fim de semana?", "2026-11-27", "2026-11-29")]
    public void Parse_NextWeekend_IsTheOneAfterThisOne(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("Have you any rooms the week after next, Tuesday to Thursday? Just myself", "2026-12-08", "2026-12-10")]
    [InlineData("Olá, há quartos livres na semana a seguir à próxima, de segunda a quarta?", "2026-12-07", "2026-12-09")]
    [InlineData("tienen habitación la semana después de la próxima, de martes a jueves?", "2026-12-08", "2026-12-10")]
    [InlineData("next week, Tuesday to Thursday", "2026-12-01", "2026-12-03")]
    public void Parse_WeekAfterNext_IsTwoMondaysAhead(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("Is a 2pm checkout possible on the 6th?", "2026-12-06")]
    [InlineData("Podemos sair às 14h no dia 8 em vez do meio-dia?", "2026-12-08")]
    [InlineData("Podriamos dejar la habitacion a las 2 en vez de a las 12 el domingo? reserva HA-6YH3VB", "2026-11-29")]
    public void Parse_LateCheckoutOnADay_IsThatDeparture(string text, string checkOut)
    {
        var result = Parse(text);
        result.Intent.Should().Be(Intents.LateCheckout);
        result.Entities.CheckIn.Should().BeNull();
        result.Entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("I'd like to book a double room from Friday Dec 11 to Monday Dec 14 under Emily Johnson", "Emily Johnson")]
    [InlineData("We need to add one more kid to our reservation, he's 10. Booking's under Daniel Rodriguez", "Daniel Rodriguez")]
    [InlineData("Can I book a single room for tomorrow night? Just the one night. It's Siobhan O'Neill", "Siobhan O'Neill")]
    [InlineData("Let's do it - book the suite for Feb 12 through 15. Name is Ashley Nguyen-Park", "Ashley Nguyen-Park")]
    [InlineData("please cancel booking ref bk-44190, thanks, Priya Patel", "Priya Patel")]
    [InlineData("ya no vamos a poder ir del 8 al 10 de enero, me la cancelan? soy daniela flores", "Daniela Flores")]
    [InlineData("reserva por favor: llegada 15/01, salida 18/01, 2 personas, titular Joaquín Pérez Lanzani", "Joaquín Pérez Lanzani")]
    [InlineData("Buenas, hay que anular la reserva de Roberto Alonso para el 18 de diciembre, gracias", "Roberto Alonso")]
    [InlineData("quiero cancelar la HA-7KD2QP. Gracias,\nMarta Ibáñez Soler", "Marta Ibáñez Soler")]
    [InlineData("Faz a reserva pra mim: quarto single, 3 noites a partir de segunda dia 14, sou o Rafael Nogueira", "Rafael Nogueira")]
    [InlineData("Faça-me a reserva de um duplo a partir de sexta, 2 noites. Sou o Tiago Ribeiro", "Tiago Ribeiro")]
    [InlineData("preciso cancelar a reserva HA-3MN8TT, obrigada, Joana Prates", "Joana Prates")]
    public void Parse_NameWithoutTheUsualCue_IsTheGuestName(string text, string name) =>
        Parse(text).Entities.GuestName.Should().Be(name);

    [Theory]
    [InlineData("its NESQDTATR")]
    [InlineData("soy celíaco, tienen desayuno sin gluten?")]
    [InlineData("im bringing my dog, is that ok?")]
    [InlineData("la reserva de Navidad sigue en pie?")]
    [InlineData("thanks, see you soon")]
    [InlineData("under 12s stay free?")]
    [InlineData("sou a favor de pagar no check-in")]
    public void Parse_WordsAfterAWeakCue_AreNotAName(string text) =>
        Parse(text).Entities.GuestName.Should().BeNull();

    [Theory]
    [InlineData("Reservadme una habitacion familiar para 2+2 desde el viernes 3 noches porfa", 2, 2)]
    [InlineData("Any availability over the Easter weekend? Good Friday to Easter Monday, we're 2+2", 2, 2)]
    [InlineData("Reserva pra 2+1 (bebê de 1 ano) do dia 20/12 ao dia 27/12", 2, 1)]
    [InlineData("somos 2 + 1 del 3 al 5 de diciembre", 2, 1)]
    public void Parse_AdultsPlusChildren_IsTheParty(string text, int adults, int children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Fact]
    public void Parse_PlusParty_LeavesTheDatesAndPhonesAlone()
    {
        var entities = Parse("somos 2+2 del 3 al 5 de diciembre, mi cel es +54 9 11 5555 2143").Entities;
        entities.CheckIn.Should().Be(Day("2026-12-03"));
        entities.CheckOut.Should().Be(Day("2026-12-05"));
        entities.Phone.Should().Be("+5491155552143");
        (entities.Adults, entities.Children).Should().Be((2, 2));
        Parse("mi cel es +54 9 11 5555 2143, somos 2").Entities.Children.Should().BeNull();
    }

    [Theory]
    [InlineData("reservame porfa el cuarto mas caro que tengan para el 14 de febrero, una noche", "suite")]
    [InlineData("What would your most expensive room cost for this Saturday?", "suite")]
    [InlineData("quero fechar a reserva: o quarto mais caro que vocês tiverem, dia 31 de dezembro, uma noite", "suite")]
    [InlineData("Hi, do you have a king room available 12/18-12/21? Just my wife and me", "double")]
    [InlineData("del lunes 7 al viernes 11 de diciembre, con cama king", "double")]
    [InlineData("tem quarto king de 3 a 5 de dezembro?", "double")]
    [InlineData("como son los cuartos familiares? caben 2 adultos y 3 niños?", "family")]
    [InlineData("do you still have doubles on the 3rd?", "double")]
    [InlineData("os quartos familiares têm berço?", "family")]
    public void Parse_RoomByPriceBedOrPlural_IsThatRoom(string text, string roomType) =>
        Parse(text).Entities.RoomType.Should().Be(roomType);

    [Theory]
    [InlineData("What's the cheapest room?")]
    [InlineData("what's your cheapest room for 2 nights from the 3rd?")]
    [InlineData("la habitación más barata para el 3 de diciembre, una noche")]
    [InlineData("o quarto mais barato de 3 a 5 de dezembro, só pra mim")]
    [InlineData("¿es más cara la habitación para el 3 de diciembre si somos 3?")]
    [InlineData("what kind of rooms do you have for the 3rd?")]
    [InlineData("¿Quién ganó el partido de fútbol ayer?")]
    [InlineData("necesito cancelar la reserva HA-8MW2DC por un tema familiar")]
    [InlineData("we have to cancel HA-8MW2DC, a family emergency came up")]
    [InlineData("preciso cancelar a reserva HA-8MW2DC por motivos familiares")]
    public void Parse_NoRoomNamed_GivesNoRoom(string text) =>
        Parse(text).Entities.RoomType.Should().BeNull();

    [Theory]
    [InlineData("Vale pues lo reservo: del 10 al 13 de diciembre, no perdon, del 11 al 13, a nombre de Jorge Sánchez-Vidal", "2026-12-11", "2026-12-13")]
    [InlineData("la doble del 4 al 6 de diciembre, digo, del 5 al 7", "2026-12-05", "2026-12-07")]
    [InlineData("Let's do it - book the suite for Feb 12 through 15, wait no, Feb 13 to 15", "2027-02-13", "2027-02-15")]
    [InlineData("a room from Dec 3 to Dec 6, sorry I mean Dec 4 to Dec 6", "2026-12-04", "2026-12-06")]
    [InlineData("queria reservar a suite de 19 a 22 de março, não, desculpe, de 18 a 21 de março", "2027-03-18", "2027-03-21")]
    [InlineData("quarto duplo de 3 a 5 de dezembro, ou melhor, de 4 a 6", "2026-12-04", "2026-12-06")]
    public void Parse_DatesPutRightInTheSameMessage_AreTheNewOnes(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("Cambio de fechas: en vez de llegar el 20 de enero llegamos el 22, la salida igual el 25", "2027-01-22", "2027-01-25")]
    [InlineData("em vez de chegar dia 20 de janeiro chegamos dia 22, saída dia 25", "2027-01-22", "2027-01-25")]
    [InlineData("Hay lugar del 30 de diciembre al 2 de enero en la suite?", "2026-12-30", "2027-01-02")]
    [InlineData("Qual é o preço da suite para 2 noites, 4 e 5 de dezembro?", "2026-12-04", "2026-12-06")]
    [InlineData("how much for two nights, the 4th and 5th of December?", "2026-12-04", "2026-12-06")]
    [InlineData("precio de la doble 3 noches, 4, 5 y 6 de diciembre", "2026-12-04", "2026-12-07")]
    public void Parse_InsteadOfAnArrivalAndNightsListed_GiveTheStay(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Fact]
    public void Parse_DepartureRatherThanAnother_IsTheNewDeparture() =>
        Parse("We'd like to stay an extra night, leaving Tuesday 5th January rather than the 4th").Entities.CheckOut.Should().Be(Day("2027-01-05"));

    [Theory]
    [InlineData("É possível mudar para um quarto com cama de casal? A reserva é a BK-10556", "BK-10556")]
    [InlineData("mi reserva es la BK-10556, sigue en pie?", "BK-10556")]
    [InlineData("We have to cancel, conf # 48213", "48213")]
    [InlineData("CANCELAR A RESERVA BK-20931", "BK-20931")]
    public void Parse_CodeAfterAnArticleOrConf_IsTheBookingCode(string text, string code) =>
        Parse(text).Entities.BookingCode.Should().Be(code);

    [Theory]
    [InlineData("Genial. Marta Soler i Puig, martasolerpuig@gmail.com", "Marta Soler i Puig")]
    [InlineData("Perfect. Jordi Puig i Ferrer, jordi@mail.example", "Jordi Puig i Ferrer")]
    [InlineData("Ótimo. Joan Mas i Vidal, joan@mail.example", "Joan Mas i Vidal")]
    public void Parse_CatalanParticleInAnAnswer_IsPartOfTheName(string text, string name) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes, Expecting = ExpectedAnswer.GuestDetails })
            .Entities.GuestName.Should().Be(name);

    [Fact]
    public void Parse_SurnameLikeAPluralRoomWord_StaysInTheName() =>
        Parse("A nombre de Jordi Puig i Casals, el correo es jordi.puig@familia.example").Entities.GuestName.Should().Be("Jordi Puig i Casals");

    [Theory]
    [InlineData("Quero reservar para os meus avós, quarto com duas camas, de 3 a 7 de dezembro")]
    [InlineData("Me gustaria reservar para mis abuelitos, del lunes 7 al viernes 11 de diciembre")]
    [InlineData("I want to reserve a room for my grandparents, Dec 26 thru Jan 1")]
    [InlineData("I want to reserve a room for my grandparents, just the two of them, Dec 26 thru Jan 1")]
    [InlineData("Me gustaria reservar para mis abuelitos, ellos 2 nada mas, del lunes 7 al viernes 11 de diciembre")]
    [InlineData("Quero reservar para os meus pais, eles dois, de 3 a 7 de dezembro")]
    public void Parse_BookingForGrandparents_CountsThemOnly(string text) =>
        Parse(text).Entities.Adults.Should().Be(2);

    [Theory]
    [InlineData("tienen algo libre para el 31 de diciembre, una sola noche? somos mi novio y yo", 2, null)]
    [InlineData("hola! quiero reservar para mañana, una noche sola, somos dos", 2, null)]
    [InlineData("somos 2 grandes y un nene de 5", 2, 1)]
    [InlineData("Disponibilidad para Fallas? del 15 al 19 de marzo, pareja, cama grande", 2, null)]
    [InlineData("Reserve a double for Mr and Mrs Fotheringham please, Sat 16th to Mon 18th January", 2, null)]
    [InlineData("Queremos marcar para a Páscoa, eu, a minha mulher e os dois putos de 7 e 10", 2, 2)]
    public void Parse_PartyWords_CountWhoComes(string text, int adults, int? children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("reservame una single para el lunes 30, dos noches porfa. Nicolás D'Alessandro, cel +54 9 11 4567-8901", "Nicolás D'Alessandro")]
    [InlineData("book me a single for Monday Dec 7, 2 nights. Michael Van Der Berg, (617) 555-0143", "Michael Van Der Berg")]
    [InlineData("Quero reservar um quarto de solteiro na segunda dia 14 de dezembro, 2 noites. João Pedro de Albuquerque, (11) 98765-4321", "João Pedro de Albuquerque")]
    public void Parse_NameBeforeAPhone_IsTheGuestName(string text, string name) =>
        Parse(text).Entities.GuestName.Should().Be(name);

    [Theory]
    [InlineData("Quiero reservar, somos 2 adultos y 3 niños de 2, 5 y 7 años, del 27 de diciembre al 2 de enero. Teléfono +34 699 12 34 56")]
    [InlineData("Quisiera reservar del jueves 25 al domingo 28 de marzo, mi esposo y yo. Contacto: 11 5555 0192")]
    public void Parse_ContactLabelBeforeAPhone_IsNoName(string text) =>
        Parse(text).Entities.GuestName.Should().BeNull();

    [Fact]
    public void Parse_GreetingBeforeAnEmail_IsNoName() =>
        Parse("Bom dia. Desejo reservar um quarto para mim e para o meu pai, de 11 a 14 de janeiro. O meu email é rui.teixeira@gmail.com")
            .Entities.GuestName.Should().BeNull();

    [Theory]
    [InlineData("Qual o preço de 3 noites num quarto duplo com camas separadas?", "twin")]
    [InlineData("a double room with two single beds from the 3rd to the 5th", "twin")]
    [InlineData("una doble con dos camas individuales del 3 al 5", "twin")]
    [InlineData("una doble con vista al mar del 3 al 5", "double")]
    public void Parse_RoomDescribedByItsBeds_IsTheBedsRoom(string text, string roomType) =>
        Parse(text).Entities.RoomType.Should().Be(roomType);

    [Fact]
    public void Parse_DiariasAndEsseFimDeSemana_AreNightsAndThisWeekend()
    {
        Parse("quanto fica 3 diarias no quarto com 2 camas de solteiro?").Entities.Nights.Should().Be(3);
        Parse("quanto custa a diária do quarto de casal?").Entities.Nights.Should().BeNull();
        Parse("VOU PRECISAR CANCELAR A RESERVA DO DIA 5").Entities.BookingCode.Should().BeNull();
        var weekend = Parse("tem vaga pra esse fim de semana? só eu").Entities;
        weekend.CheckIn.Should().Be(Day("2026-11-27"));
        weekend.CheckOut.Should().Be(Day("2026-11-29"));
    }

    [Theory]
    [InlineData("vamos con los niños del 3 al 5")]
    [InlineData("we're coming with the kids, 3rd to 5th")]
    [InlineData("Hola, soy María José. Los niños empiezan el cole más tarde y queremos quedarnos una noche más")]
    [InlineData("Tengo la reserva HA-XSS6Z9, con el correo mj@correo.example, y queremos quedarnos una noche más")]
    [InlineData("a gente vai com os miúdos, de 3 a 5 de dezembro")]
    public void Parse_GroupWithChildrenNotCounted_GivesNoAdults(string text) =>
        Parse(text).Entities.Adults.Should().BeNull();

    [Theory]
    [InlineData("voy con mis hijos del 3 al 5", 1)]
    [InlineData("I need a room with my wife from the 3rd to the 5th", 2)]
    [InlineData("vou com a minha mulher e a bebé", 2)]
    public void Parse_GuestWithSomeone_CountsTheGuest(string text, int adults) =>
        Parse(text).Entities.Adults.Should().Be(adults);
}
