using System.Globalization;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// Counts and dates the guest puts right in the same message ("bueno no, cuatro", "no sino", "sorry, the 9th", "não é de
/// 8 a 10, é de 9 a 11"), ranges written with a spaced dash or a dated second day, names closing a message after a code
/// or on their own line, names said before "aquí"/"here", booking numbers that are no phone, two rooms compared, people
/// who own the occasion rather than travel, and the adult age taken from the options.
/// </summary>
public sealed class CorrectionsCodesAndClosingNamesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25); // a Wednesday
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, RuleBasedNluEngine? engine = null) =>
        (engine ?? Engine).Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes });

    private static DateOnly Day(string day) => DateOnly.Parse(day, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("Somos cinco adultos, bueno no, cuatro, que mi cuñada al final no viene", 4, null)]
    [InlineData("una habitación para 3, no pará, somos 4 adultos", 4, null)]
    [InlineData("Queremos algo para 3 adultos... bueno, 2 adultos y mi sobrino de 10", 2, 1)]
    [InlineData("3 of us. Actually 4, my cousin's joining. All adults", 4, null)]
    [InlineData("Four adults. Well, three adults and my niece who's 8", 3, 1)]
    [InlineData("anything for 5 people, sorry 6, 4 adults and 2 kids, Dec 26 to 29?", 4, 2)]
    [InlineData("corrigindo: não são 3 adultos, são 2 adultos e 2 crianças", 2, 2)]
    [InlineData("Ah perdón, no somos 4, somos 5 adultos", 5, null)]
    [InlineData("ya no vamos 4 sino 3 adultos", 3, null)]
    [InlineData("agora não somos 4 mas sim 3 adultos", 3, null)]
    [InlineData("we're not 4 anymore but 3 adults", 3, null)]
    public void Parse_CountPutRight_IsTheNewCount(string text, int adults, int? children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("Minha reserva é a HA-5QW8ZE, queria acrescentar mais uma pessoa, minha mãe vai junto. Então fica 3 adultos", 3, null)]
    [InlineData("we need to add one more person to booking HA-2WS4ED, so it'll be 3 adults", 3, null)]
    [InlineData("reserva HA-5PL3MN, quiero agregar un chico más, mi sobrino de 11. O sea 2 adultos y 3 chicos", 2, 3)]
    [InlineData("Tinha marcado para 2 pessoas mas agora vamos 4 (eu, o meu marido e os nossos dois filhos de 9 e 12 anos)", 2, 2)]
    [InlineData("it was for 2 people but now we're 3 adults and a baby", 3, 1)]
    [InlineData("somos 2 adultos y 2 niños, o sea 4 personas", 2, 2)]
    [InlineData("vamos mi mujer, mis dos hijos y yo, en total 4", 2, 2)]
    public void Parse_NewHeadCountAfterAnAddition_IsTheParty(string text, int adults, int? children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
        entities.ExtraAdults.Should().BeNull();
        entities.ExtraChildren.Should().BeNull();
    }

    [Theory]
    [InlineData("add 2 adults to my booking", 2, null)]
    [InlineData("quiero agregar 2 adultos y un niño a la reserva", 2, 1)]
    [InlineData("queria acrescentar mais uma pessoa", 1, null)]
    public void Parse_AdditionAlone_IsExtra(string text, int extraAdults, int? extraChildren)
    {
        var entities = Parse(text).Entities;
        entities.ExtraAdults.Should().Be(extraAdults);
        entities.ExtraChildren.Should().Be(extraChildren);
        entities.Adults.Should().BeNull();
    }

    [Theory]
    [InlineData("coloquei 2 crianças mas é só 1 (de 3 anos)", null, 1)]
    [InlineData("I put 3 adults but it's only 2", 2, null)]
    [InlineData("puse 2 niños pero es solo 1", null, 1)]
    public void Parse_CountButOnlyAnother_IsTheOther(string text, int? adults, int? children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("do you need a deposit for 2 rooms Feb 12-15?")]
    [InlineData("¿cuánto sale para 2 habitaciones del 3 al 5?")]
    [InlineData("preço para 2 quartos de 3 a 5 de dezembro")]
    public void Parse_RoomsCounted_AreNoPeople(string text) =>
        Parse(text).Entities.Adults.Should().BeNull();

    [Fact]
    public void Parse_Dbl_IsTheDouble() =>
        Parse("hi cud i book a dbl for me n my bf 12th-14th dec ta").Entities.Should().BeEquivalentTo(new { RoomType = "double", Adults = (int?)2 });

    [Theory]
    [InlineData("we're 2 adults, can't wait to see Valencia with our 3 kids", 2, 3)]
    [InlineData("somos 2 adultos y estamos deseando ir, espera que te cuento, vamos con 2 niños", 2, 2)]
    public void Parse_CorrectionWordsInsideASentence_CorrectNothing(string text, int adults, int children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("I booked through the hotel website, booking number 4021887356", "4021887356")]
    [InlineData("quiero cancelar, el número de reserva es 4021887356", "4021887356")]
    public void Parse_BookingNumberBesideWordsThatHoldAPhoneCue_IsTheCode(string text, string code) =>
        Parse(text).Entities.BookingCode.Should().Be(code);

    [Fact]
    public void Parse_CountPutRightWithACode_ChangesTheBooking()
    {
        var result = Parse("cambio de planes, ya no vamos 4 sino 3 adultos, codigo BK-48211");

        result.Intent.Should().Be(Intents.ModifyReservation);
        result.AdditionalIntents.Should().NotContain(Intents.CancelReservation);
        result.Entities.Adults.Should().Be(3);
    }

    [Theory]
    [InlineData("not 2 nights but 3", 3)]
    [InlineData("no son 3 noches sino 4", 4)]
    public void Parse_NightsPutRight_IsTheNewCount(string text, int nights)
    {
        var entities = Parse(text).Entities;
        entities.Nights.Should().Be(nights);
        entities.Children.Should().BeNull(); // "no son" is the Spanish verb, not "no sons"
    }

    [Theory]
    [InlineData("llegamos el 2 de febrero y nos vamos el 9, no, perdón, el 10", "2027-02-02", "2027-02-10")]
    [InlineData("llegada el 12 de enero y salida el 15... no, el 16", "2027-01-12", "2027-01-16")]
    [InlineData("arriving the 4th of January, leaving the 8th - sorry, the 9th", "2027-01-04", "2027-01-09")]
    [InlineData("change the dates to the 8th-10th Jan, no hang on, 9th-11th", "2027-01-09", "2027-01-11")]
    [InlineData("Desculpem, afinal não é de 8 a 10 de janeiro, é de 9 a 11", "2027-01-09", "2027-01-11")]
    [InlineData("corrijo: no es el 22, llegamos el 23 de diciembre y nos vamos el 27", "2026-12-23", "2026-12-27")]
    [InlineData("no el 4 de diciembre sino el 5, para 2 noches", "2026-12-05", "2026-12-07")]
    [InlineData("not the 4th but the 5th please, 2 nights", "2026-12-05", "2026-12-07")]
    [InlineData("não é dia 4 mas sim dia 5, duas noites", "2026-12-05", "2026-12-07")]
    public void Parse_DatesPutRight_AreTheNewDates(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("têm disponibilidade para a ponte de 8 de dezembro? chegamos a 5 e saímos a 8, somos 2", "2026-12-05", "2026-12-08")]
    [InlineData("Queremos aprovechar el finde largo del 8. Llegamos el viernes 4 de diciembre y nos vamos el martes 8", "2026-12-04", "2026-12-08")]
    [InlineData("for the bank holiday of the 8th? we're arriving on Friday the 4th and leaving Tuesday the 8th", "2026-12-04", "2026-12-08")]
    [InlineData("Tem disponivel no natal, da vespera até dia 27?", "2026-12-24", "2026-12-27")]
    [InlineData("¿Tienen sitio en Navidad? desde la víspera hasta el 27", "2026-12-24", "2026-12-27")]
    public void Parse_HolidayNamedBesideTheStay_DatesOnlyWhatIsSaid(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("Quiero agregar una noche mas a mi reservacion, que la salida sea el domingo 3 de enero", "2027-01-03")]
    [InlineData("Quero acrescentar uma noite, que a saída seja no domingo 3 de janeiro", "2027-01-03")]
    public void Parse_DepartureThatShouldBe_IsTheCheckOut(string text, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().BeNull();
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("En vez de llegar el sabado 12 llegaremos el domingo 13 de diciembre, y nos vamos el 16 igual", "2026-12-13", "2026-12-16")]
    [InlineData("modificar mi reservación HA-5CW8TL, tenía del 22 al 26 de diciembre y ahora necesito que sea del 23 al 27", "2026-12-23", "2026-12-27")]
    [InlineData("reservé hace una semana una doble del 20 al 23 de enero pero en realidad es del 27 al 30", "2027-01-27", "2027-01-30")]
    [InlineData("Can I push my reservation back a week? Currently 1/15 to 1/18, want 1/22 to 1/25", "2027-01-22", "2027-01-25")]
    [InlineData("teníamos reservado un cuarto doble del 5 al 8 de febrero, entonces necesitaríamos llegar el 12 y salir el 15", "2027-02-12", "2027-02-15")]
    [InlineData("Íamos de 12 a 15 de janeiro, agora seria de 19 a 22", "2027-01-19", "2027-01-22")]
    public void Parse_BookingsOldDatesThenNewOnes_AreTheNewOnes(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
        entities.Nights.Should().BeNull();
    }

    [Theory]
    [InlineData("Me voy el domingo 13 de diciembre, ¿podría entregar el cuarto a las 2 o 3 de la tarde?", "2026-12-13")]
    [InlineData("When's checkout? we fly out Wednesday Dec 2", "2026-12-02")]
    [InlineData("Partimos a 6 de Janeiro, dia de Reis, podemos ficar até mais tarde?", "2027-01-06")]
    [InlineData("Any chance we could hang onto the room till 1 on Sunday 6th December? Coach doesn't leave till 5.", "2026-12-06")]
    public void Parse_DepartureWithHours_IsTheDepartureOnly(string text, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().BeNull();
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Fact]
    public void Parse_NoBeforeAWeekday_DeniesThatDayOnly() =>
        Parse("no, no, que la entrada es el sábado 5, no el viernes").Entities.CheckIn.Should().Be(Day("2026-12-05"));

    [Theory]
    [InlineData("a double for December 1 - 3 please", "2026-12-01", "2026-12-03")]
    [InlineData("habitación doble del 4 – 7 de diciembre", "2026-12-04", "2026-12-07")]
    [InlineData("quero mudar pra 8 a 11/01", "2027-01-08", "2027-01-11")]
    [InlineData("anything for 2 kids under 10, Dec 26 to 29?", "2026-12-26", "2026-12-29")]
    public void Parse_RangeWithADashOrADatedEnd_IsTheStay(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Fact]
    public void Parse_PhoneWithSpacedDashes_IsNoRange() =>
        Parse("room for 2 adults, Jan 8 - 10, my phone is 612 - 455 - 980").Entities.Should().BeEquivalentTo(new
        {
            CheckIn = (DateOnly?)Day("2027-01-08"),
            CheckOut = (DateOnly?)Day("2027-01-10"),
            Phone = "612455980",
        });

    [Theory]
    [InlineData("The heater in our room isn't working. Booking HA-Q9W2ER, Jennifer Alvarez", "Jennifer Alvarez")]
    [InlineData("o ar condicionado não funciona!! reserva BK-55120 - Priscila Antunes", "Priscila Antunes")]
    [InlineData("La ducha no tiene agua caliente. Reserva HA-5TY6UI, Vasco Amaral", "Vasco Amaral")]
    [InlineData("Is a crib available?\n- Rebecca Goldstein", "Rebecca Goldstein")]
    [InlineData("Oi, Beatriz Nogueira aqui. Queria trocar o quarto da reserva HA-6VB3QN", "Beatriz Nogueira")]
    [InlineData("Bom dia, fala o Rui Pedro Magalhães. Tenho a reserva HA-2ZX4CV", "Rui Pedro Magalhães")]
    [InlineData("Aqui é a Sandra Regina Moura. Me liga no +55 (85) 99123-4567", "Sandra Regina Moura")]
    [InlineData("anular la reserva a nombre de Juan Ignacio Del Valle, código HA-4RR8TT", "Juan Ignacio Del Valle")]
    [InlineData("Quería reservar una doble del 4 al 7 de diciembre. Un saludo, Jordi Puig Casals", "Jordi Puig Casals")]
    [InlineData("Se puede pagar con Bizum? Es para la reserva HA-7YT3RE\nFirmado: Ignacio Beltrán", "Ignacio Beltrán")]
    [InlineData("Need to cancel booking HA-Y7U3IO asap, sorry for the hassle. - Greg Kowalski", "Greg Kowalski")]
    [InlineData("Book the double for Dec 3, John Best, john.best@mail.com", "John Best")]
    [InlineData("Para el 14 de febrero (San Valentín) queremos una suite. Mi cel es +54 9 11 4567-8901, Lucrecia Paz", "Lucrecia Paz")]
    [InlineData("quero o quarto duplo de 3 a 5, o meu email é rita.s@sapo.pt - Rita Salgueiro", "Rita Salgueiro")]
    [InlineData("need a twin for the 3rd, call me on 07700 900123, Tom Hardcastle", "Tom Hardcastle")]
    [InlineData("Confirmation code BK-20931, under the name Christopher J. Whitfield", "Christopher J. Whitfield")]
    [InlineData("preciso de nota no nome da empresa. reserva HA-7LM2CV em nome de Eduardo Tavares Lins", "Eduardo Tavares Lins")]
    public void Parse_NameClosingOrOpeningTheMessage_IsTheGuest(string text, string name) =>
        Parse(text).Entities.GuestName.Should().Be(name);

    [Theory]
    [InlineData("Me puede confirmar mi reservación? Folio HA-N3W7QA, correo diego.arriaga@gmail.com")]
    [InlineData("Afraid we need to cancel booking HA-6TG4FR. Email's chris.p@btinternet.com. Cheers")]
    [InlineData("manda pro meu email: larissa_k.oliveira@icloud.com")]
    [InlineData("Tienen single para hoy y mañana? Soy yo solo")]
    [InlineData("Please cancel reservation HA-9TY4RE. Confirmation email was sent to dana.w@icloud.com")]
    [InlineData("See you soon!\nBest Regards")]
    [InlineData("Buen día, quiero confirmar que quedó registrada mi reservación. Mi correo es rodrigo.mtz@gmail.com")]
    [InlineData("Deixo já o meu email: ines.marques@hotmail.com")]
    [InlineData("Cancel HA-Y6P9WE please, email is dave.jenkins@sky.com")]
    public void Parse_WordsAroundContactDetails_AreNoName(string text) =>
        Parse(text).Entities.GuestName.Should().BeNull();

    [Theory]
    [InlineData("Quiero checar el estatus de mi reservación, folio BK-77310", "BK-77310")]
    [InlineData("queria saber o estado da minha reserva, é a NESQDTKLP", "NESQDTKLP")]
    [InlineData("fiz a reserva pelo booking, o número é 4021887356, queria confirmar", "4021887356")]
    [InlineData("I booked through an agency, the booking number is 4021887356", "4021887356")]
    public void Parse_BookingNumber_IsTheCode(string text, string code)
    {
        var entities = Parse(text).Entities;
        entities.BookingCode.Should().Be(code);
        entities.Phone.Should().BeNull();
    }

    [Fact]
    public void Parse_NumberWithAPhoneWord_StaysAPhone() =>
        Parse("tengo una reserva, mi número de teléfono es 612457890").Entities.Phone.Should().Be("612457890");

    [Theory]
    [InlineData("Qué diferencia hay entre la twin y la doble?", "twin", "double")]
    [InlineData("What's the difference between the double and the twin?", "double", "twin")]
    [InlineData("qual a diferença entre a suite e o quarto familiar?", "suite", "family")]
    public void Parse_TwoRoomsSideBySide_NameNoOneRoom(string text, string first, string second)
    {
        var result = Parse(text);
        result.Entities.RoomType.Should().BeNull();
        result.RoomTypesMentioned.Should().Equal(first, second);
    }

    [Theory]
    [InlineData("What time is checkout? We leave Monday the 7th of December", "2026-12-07")]
    [InlineData("É possível deixar as malas depois do check-out? Saímos dia 29/11 de manhã", "2026-11-29")]
    [InlineData("¿a qué hora es el check-out? nos vamos el domingo 29", "2026-11-29")]
    public void Parse_CheckOutQuestionWithTheDeparture_KeepsTheDeparture(string text, string checkOut)
    {
        var result = Parse(text);
        result.Intent.Should().Be(Intents.CheckOutInfo);
        result.Entities.CheckOut.Should().Be(Day(checkOut));
        result.Entities.CheckIn.Should().BeNull();
    }

    [Theory]
    [InlineData("A casa de banho está com uma fuga de água desde ontem!! Reserva HA-W7E2RQ")]
    [InlineData("What's checkout time? We're leaving Sunday 20th Dec quite early")]
    public void Parse_WordsOneLetterFromARoom_NameNoRoom(string text) =>
        Parse(text).Entities.RoomType.Should().BeNull();

    [Fact]
    public void Parse_QuiteEarly_IsNoSuite() =>
        Parse("What's checkout time? We're leaving Sunday 20th Dec quite early").Entities.RoomType.Should().BeNull();

    [Theory]
    [InlineData("Somos una pareja con un perro chiquito. Aceptan mascotas?")]
    [InlineData("Somos um casal com um cachorrinho pequeno, aceitam animais?")]
    [InlineData("We're a couple with a puppy, are dogs allowed?")]
    public void Parse_SmallPet_IsNoChild(string text)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(2);
        entities.Children.Should().BeNull();
    }

    [Theory]
    [InlineData("queriamos cambiar la habitacion de doble a familiar porque se apunta mi cuñada", "family")]
    [InlineData("a gente precisa de duas camas de solteiro separadas, não de casal. Dá pra trocar?", "twin")]
    [InlineData("Era possível fazer upgrade para a suite? Temos reserva de quarto de casal", "suite")]
    [InlineData("pode mudar pra quarto single? era duplo", "single")]
    [InlineData("We currently have a double, can we upgrade to the suite?", "suite")]
    public void Parse_RoomBookedBesideTheNewOne_IsNotTheRoomAsked(string text, string room) =>
        Parse(text).Entities.RoomType.Should().Be(room);

    [Theory]
    [InlineData("vai mais uma pessoa com a gente, minha sogra. Antes eram 2 adultos, agora 3", 3)]
    [InlineData("I booked a double for 2 but my sister-in-law is joining us now, so 3 adults", 3)]
    [InlineData("antes éramos 2 adultos, ahora 4", 4)]
    public void Parse_CountBeforeAndNow_IsTheNewCount(string text, int adults)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.ExtraAdults.Should().BeNull();
    }

    [Theory]
    [InlineData("Os quartos duplos têm cama de casal ou duas camas?", "double")]
    [InlineData("Can we switch our double to a suite?", "suite")]
    public void Parse_BedsOrAChangeOfRoom_StillNameTheRoom(string text, string room) =>
        Parse(text).Entities.RoomType.Should().Be(room);

    [Theory]
    [InlineData("vamos mi pareja y yo a la boda de mi hermana", 2)]
    [InlineData("eu e meu marido vamos ao casamento da minha prima", 2)]
    [InlineData("me and my husband are coming for the wedding of my sister", 2)]
    [InlineData("reservo la habitación de mi madre y la mía, ella y yo", 2)]
    public void Parse_RelativeWhoOwnsTheOccasion_DoesNotTravel(string text, int adults) =>
        Parse(text).Entities.Adults.Should().Be(adults);

    [Theory]
    [InlineData("Hey! A trip with 3 buddies for New Year's. Anything for 4 guys?", 4, null)]
    [InlineData("vou com 2 amigos, tem quarto para 3 amigos?", 3, null)]
    [InlineData("somos 3 amigos y 4 amigas", 7, null)]
    [InlineData("somos dos familias, 4 adultos y 4 nenes", 4, 4)]
    [InlineData("2 y 2 niños de 3 y 7", 2, 2)]
    [InlineData("Two grown-ups and two kiddies, 5 and 8", 2, 2)]
    [InlineData("seriamos 2 + un bebe, 5 noches", 2, 1)]
    [InlineData("casal + 1 criança de 2 anos", 2, 1)]
    [InlineData("somos o casal e o bebé de 10 meses", 2, 1)]
    [InlineData("It'll be me, my husband and our twin boys, they're 11", 2, 2)]
    [InlineData("Queremos ir en Reyes con los niños (3 y 11 años)", null, 2)]
    [InlineData("hay lugar para hoy? una persona, me voy mañana", 1, null)]
    [InlineData("habitacion para 1 del 9 al 11 de febrero", 1, null)]
    [InlineData("Book a queen room for two, Dec 19 thru 22", 2, null)]
    public void Parse_PartyInWords_IsCounted(string text, int? adults, int? children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Fact]
    public void Parse_TwinBoys_AreNoTwinRoom() =>
        Parse("It'll be me, my husband and our twin boys").Entities.RoomType.Should().BeNull();

    [Theory]
    [InlineData("Preciso trocar o quarto para um de casal")]
    [InlineData("las camas son de 90?")]
    public void Parse_NoPartyWords_CountNobody(string text)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().BeNull();
        entities.Children.Should().BeNull();
    }

    [Theory]
    [InlineData("una habitación para mí y mi hija de 15", 1, 1)]
    [InlineData("me, my wife and two teenagers (14 and 16)", 2, 2)]
    [InlineData("eu, o meu marido e os meninos de 12 e 14 anos", 2, 2)]
    public void Parse_TeenagerByDefault_IsAChild(string text, int adults, int children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("una habitación para mí y mi hija de 15", 2, null)]
    [InlineData("me, my wife and two teenagers (14 and 16)", 4, null)]
    [InlineData("eu, o meu marido e os meninos de 12 e 14 anos", 3, 1)]
    [InlineData("vamos con mi marido y el nene de 6", 2, 1)]
    public void Parse_TeenagerWithAnAdultAgeOf13_IsAnAdult(string text, int adults, int? children)
    {
        var engine = new RuleBasedNluEngine(new RuleBasedNluOptions { AdultAge = 13 }, NullLogger<RuleBasedNluEngine>.Instance);
        var entities = Parse(text, engine).Entities;
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }
}
