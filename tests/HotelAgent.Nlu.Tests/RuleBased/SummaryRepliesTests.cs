using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// Replies at the summary and in changes that carry more than their request: a holiday wish beside the yes, an address
/// corrected with "there's a 2 after …", the booking's name said after "under my name", "add someone" to a booking,
/// departures said with "saio"/"volto"/"salgo", a weekday corrected away ("não na sexta"), and the check-in and check-out
/// times asked together.
/// </summary>
public sealed class SummaryRepliesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes, Expecting = expecting });

    [Theory]
    [InlineData("Yes that's perfect, please book it! Merry Christmas 🎄")]
    [InlineData("sí, perfecto, confírmala. ¡Feliz Navidad y próspero año nuevo!")]
    [InlineData("Pode confirmar sim, obrigada! Feliz Natal")]
    [InlineData("go ahead, and happy new year!")]
    public void Parse_YesWithAHolidayWish_IsAYesWithoutDates(string text)
    {
        var result = Parse(text, ExpectedAnswer.Confirmation);
        result.Intent.Should().Be(Intents.Affirm);
        result.Entities.CheckIn.Should().BeNull();
        result.Entities.CheckOut.Should().BeNull();
    }

    [Fact]
    public void Parse_HolidayAsTheStay_IsStillADate() =>
        Parse("we'd like to come for Christmas, 3 nights").Entities.CheckIn.Should().Be(new DateOnly(2026, 12, 25));

    [Theory]
    [InlineData("Sorry, it should be eleanor.delahaye2 at mailbox dot example, there's a 2 after delahaye", "eleanor.delahaye2@mailbox.example")]
    [InlineData("no, it's tom.reed at post dot example, with a 7 at the end: tom.reed7@post.example", "tom.reed7@post.example")]
    public void Parse_DigitSpelledInAnAddress_IsNoDay(string text, string email)
    {
        var entities = Parse(text, ExpectedAnswer.Confirmation).Entities;
        entities.Email.Should().Be(email);
        entities.CheckIn.Should().BeNull();
    }

    [Theory]
    [InlineData("It's Margaret and Alan Thistlethwaite, booking under my name please, Margaret Thistlethwaite. mags@post.example", "Margaret Thistlethwaite")]
    [InlineData("Somos Pablo y Lucía Ortega, a mi nombre por favor, Lucía Ortega, lucia@correo.example", "Lucía Ortega")]
    public void Parse_NameAfterItsCue_IsTheBookingName(string text, string name) =>
        Parse(text, ExpectedAnswer.GuestDetails).Entities.GuestName.Should().Be(name);

    [Theory]
    [InlineData("hi there, HA-7K3QX9 kwalsh@homemail.example - need to add someone to my reservation")]
    [InlineData("hola, quiero agregar a alguien a mi reserva")]
    [InlineData("oi, queria adicionar uma pessoa na minha reserva")]
    public void Parse_AddSomeoneToTheBooking_IsAChangeNotAHandoff(string text) =>
        Parse(text).Intent.Should().Be(Intents.ModifyReservation);

    [Theory]
    [InlineData("saio no domingo dia 6", "2026-12-06")]
    [InlineData("salgo el domingo 6", "2026-12-06")]
    [InlineData("eu volto no sábado dia 13, não na sexta", "2027-02-13")] // the next 13th that is a Saturday
    public void Parse_DepartureVerb_IsTheDeparture(string text, string checkOut)
    {
        var entities = Parse(text, ExpectedAnswer.Dates).Entities;
        entities.CheckOut.Should().Be(DateOnly.Parse(checkOut, System.Globalization.CultureInfo.InvariantCulture));
        entities.CheckIn.Should().BeNull();
    }

    [Theory]
    [InlineData("¿A qué hora es la entrada y la salida del cuarto?")]
    [InlineData("what are the check in and check out times?")]
    [InlineData("que horas é o check-in e o check-out?")]
    public void Parse_BothTimesAskedTogether_AsksBoth(string text)
    {
        var result = Parse(text);
        new[] { result.Intent }.Concat(result.AdditionalIntents).Should().Contain([Intents.CheckInInfo, Intents.CheckOutInfo]);
    }

    [Theory]
    [InlineData("Actually, on second thoughts could we do a twin instead?")]
    [InlineData("It's our anniversary that weekend so we'd like to upgrade to the suite")]
    [InlineData("es nuestro aniversario ese fin de semana, ¿podemos pasar a la suite?")]
    public void Parse_SecondThoughtsOrThatWeekend_IsNoDate(string text)
    {
        var entities = Parse(text, ExpectedAnswer.Confirmation).Entities;
        entities.CheckIn.Should().BeNull();
        entities.CheckOut.Should().BeNull();
    }

    [Fact]
    public void Parse_NameWithTwoParticlesAndThreeGivenNames_IsWhole() =>
        Parse("Me llamo María del Carmen Gómez de la Fuente y el correo es mc@correo.example", ExpectedAnswer.GuestDetails).Entities.GuestName
            .Should().Be("María del Carmen Gómez de la Fuente");

    [Theory]
    [InlineData("a minha sogra ligou, afinal eles não vêm. Somos só os dois, passe para um quarto de casal", 2)]
    [InlineData("my in-laws have pulled out, so it's just the two of us now", 2)]
    [InlineData("me and my nan and grandad", 3)]
    public void Parse_PartyAfterOthersDropOut_IsWhoIsLeft(string text, int adults) =>
        Parse(text, ExpectedAnswer.Confirmation).Entities.Adults.Should().Be(adults);

    [Theory]
    [InlineData("Somos cinco: a mais velha tem 11, o do meio fez 10 em outubro. Chegamos na véspera de Natal e saímos no domingo dia 27")]
    [InlineData("arriving on Christmas Eve and leaving on Sunday the 27th, our youngest turned 3 in May")]
    [InlineData("Queremos passar o Natal em Valência. Chegamos na véspera de Natal e saímos no domingo dia 27")]
    public void Parse_HolidayArrivalThenDepartureDay_IsTheStay(string text)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(new DateOnly(2026, 12, 24));
        entities.CheckOut.Should().Be(new DateOnly(2026, 12, 27));
    }

    [Fact]
    public void Parse_DepartureWeekdaySaidTwice_IsOneDay()
    {
        var entities = Engine.Parse(new NluRequest
        {
            Text = "dá pra ficar até terça dia 9. Muda a saída pra terça por favor",
            ReferenceDate = Today,
            RoomTypes = TestCatalog.RoomTypes,
            Expecting = ExpectedAnswer.Confirmation,
            StayAnchor = new DateOnly(2027, 2, 5),
        }).Entities;
        entities.CheckOut.Should().Be(new DateOnly(2027, 2, 9));
        entities.CheckIn.Should().BeNull();
    }

    [Theory]
    [InlineData("Al final en diciembre no podemos, nos vendría mejor en enero, del jueves 7 al domingo 10")]
    [InlineData("we can't make December after all, could we do January instead, Thursday 7th to Sunday 10th?")]
    [InlineData("em dezembro não dá, pode ser em janeiro, de quinta 7 a domingo 10?")]
    public void Parse_MonthGivenUpForAnother_IsTheOtherMonth(string text)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(new DateOnly(2027, 1, 7));
        entities.CheckOut.Should().Be(new DateOnly(2027, 1, 10));
    }

    [Fact]
    public void Parse_DayInsteadOfAnother_IsTheNewDay() =>
        Parse("we arrive on the 12th instead of the 11th").Entities.CheckIn.Should().Be(new DateOnly(2026, 12, 12));

    [Theory]
    [InlineData("It'd be arriving Friday the 19th of February and leaving on the Sunday", "2027-02-19", "2027-02-21")]
    [InlineData("llegamos el viernes 4 de diciembre y nos vamos el domingo", "2026-12-04", "2026-12-06")]
    [InlineData("chegamos sexta dia 4 de dezembro e saímos no domingo", "2026-12-04", "2026-12-06")]
    public void Parse_DatedArrivalThenDepartureWeekday_IsTheStay(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(DateOnly.Parse(checkIn, System.Globalization.CultureInfo.InvariantCulture));
        entities.CheckOut.Should().Be(DateOnly.Parse(checkOut, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_WeekdayWithDiaBeforeTheDay_PicksTheMonthItFits()
    {
        // Thursday 7 and Monday 11 are in January 2027 (7 December 2026 is a Monday).
        var entities = Parse("A gente chega na quinta dia 7 e sai na segunda dia 11", ExpectedAnswer.Dates).Entities;
        entities.CheckIn.Should().Be(new DateOnly(2027, 1, 7));
        entities.CheckOut.Should().Be(new DateOnly(2027, 1, 11));
    }

    [Theory]
    [InlineData("meu email é rodrigo.albuquerque arroba correio.example", "rodrigo.albuquerque@correio.example")]
    [InlineData("mi correo es lu.ferrari arroba mail.example.ar", "lu.ferrari@mail.example.ar")]
    public void Parse_AddressTypedWithArroba_IsTheAddress(string text, string email) =>
        Parse(text, ExpectedAnswer.Email).Entities.Email.Should().Be(email);

    [Theory]
    [InlineData("hi, I booked a room a little while ago and totally forgot the dates lol. code is HA-7K3QX9")]
    [InlineData("hola, hice una reserva y no me acuerdo de las fechas, el código es HA-7K3QX9")]
    [InlineData("oi, esqueci as datas da minha reserva, código HA-7K3QX9")]
    public void Parse_ForgotTheDates_IsAStatusQuestion(string text) =>
        Parse(text).Intent.Should().Be(Intents.ReservationStatus);

    [Fact]
    public void Parse_CancelWithAFreeCancellationQuestion_AsksBoth()
    {
        var result = Parse("hola, quiero cancelar una reserva, se me complicó el viaje. ¿hasta cuándo se puede cancelar gratis?");
        new[] { result.Intent }.Concat(result.AdditionalIntents).Should().Contain([Intents.CancelReservation, Intents.CancellationPolicy]);
    }

    [Fact]
    public void Parse_CheckOutAlone_AsksOnlyCheckOut() =>
        Parse("what time is check out?").AdditionalIntents.Should().NotContain(Intents.CheckInInfo);
}
