using System.Globalization;
using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// Days placed by what is said around them: bare day numbers beside a holiday or season are near it ("para fin de año,
/// del 30 al 2"), weekends counted within a month ("the last weekend in January"), and days of next month that are not
/// the counts beside them ("un cuarto doble de 10 a 12 del mes que viene", "el 3 del mes que viene por 2 noches").
/// </summary>
public sealed class SeasonsAndMonthsTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluEntities Parse(string text) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes }).Entities;

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("hola! para fin de año, del 30 al 2, ¿tienen doble?", "2026-12-30", "2027-01-02")]
    [InlineData("para Nochevieja, del 29 al 1, somos cuatro", "2026-12-29", "2027-01-01")]
    [InlineData("over New Year, 30th to the 2nd, a double please", "2026-12-30", "2027-01-02")]
    [InlineData("we're coming for Christmas, 23rd to the 26th", "2026-12-23", "2026-12-26")]
    [InlineData("queremos passar a virada aí, de 29 a 2", "2026-12-29", "2027-01-02")]
    [InlineData("para a passagem de ano, do dia 30 ao dia 3", "2026-12-30", "2027-01-03")]
    [InlineData("para Reyes, del 4 al 7", "2027-01-04", "2027-01-07")]
    [InlineData("no Carnaval, de 5 a 9", "2027-02-05", "2027-02-09")]
    [InlineData("el puente de la Constitución, del sábado 5 al martes 8", "2026-12-05", "2026-12-08")]
    public void Parse_BareDaysBesideAHoliday_AreNearIt(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text);
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("I booked a twin for New Year, can we add a friend? same dates")]
    [InlineData("Ana de los Reyes, ana@mail.example")]
    [InlineData("Eduardo Pacheco dos Reis, eduardo@mail.example")]
    public void Parse_HolidayWordsThatDateNothing_GiveNoDates(string text) =>
        Parse(text).CheckIn.Should().BeNull();

    [Theory]
    [InlineData("have you got a twin the last weekend in January, Friday to Sunday?", "2027-01-29", "2027-01-31")]
    [InlineData("the first weekend of January for two", "2027-01-01", "2027-01-03")]
    [InlineData("el primer finde de febrero para dos", "2027-02-05", "2027-02-07")]
    [InlineData("el último fin de semana de enero", "2027-01-29", "2027-01-31")]
    [InlineData("o último fim de semana do mês que vem, de sexta a segunda", "2026-12-25", "2026-12-28")]
    [InlineData("o segundo fim de semana de fevereiro", "2027-02-12", "2027-02-14")]
    public void Parse_WeekendCountedInAMonth_IsThatWeekend(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text);
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("Olá, preciso de um quarto individual de 10 a 12 do mês que vem", "2026-12-10", "2026-12-12")]
    [InlineData("un cuarto doble del 10 al 12 del mes que viene", "2026-12-10", "2026-12-12")]
    [InlineData("dos habitaciones de 10 a 12 del mes que viene", "2026-12-10", "2026-12-12")]
    [InlineData("el 3 del mes que viene por 2 noches", "2026-12-03", "2026-12-05")]
    [InlineData("a double for two, the 18th to the 21st next month", "2026-12-18", "2026-12-21")]
    [InlineData("a room next month, 18th to 21st, 2 single beds", "2026-12-18", "2026-12-21")]
    public void Parse_DaysOfNextMonth_AreNotTheCountsBesideThem(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text);
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("I'd like a single room this weekend, just Saturday night", "2026-11-28", "2026-11-29")]
    [InlineData("este finde, solo la noche del sábado", "2026-11-28", "2026-11-29")]
    [InlineData("este fim de semana, só sábado à noite", "2026-11-28", "2026-11-29")]
    [InlineData("this weekend, Friday and Saturday night", "2026-11-27", "2026-11-29")]
    public void Parse_OneNightPickedFromAWeekend_IsThatNight(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text);
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("mejor hasta el 3, que el 2 es sábado", "2026-12-03")]
    [InlineData("let's leave on the 3rd instead, the 2nd is a Saturday", "2026-12-03")]
    [InlineData("melhor até dia 3, o dia 2 cai num sábado", "2026-12-03")]
    public void Parse_DaySaidWithItsWeekday_IsAReasonNotTheStay(string text, string checkOut)
    {
        var entities = Parse(text);
        entities.CheckIn.Should().BeNull();
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("¿os queda alguna twin para mañana jueves y el viernes? dos noches", "2026-11-26", "2026-11-28")]
    [InlineData("tomorrow and Friday, a double", "2026-11-26", "2026-11-28")]
    [InlineData("amanhã e sexta, duas noites", "2026-11-26", "2026-11-28")]
    [InlineData("arriving Thursday and leaving Saturday", "2026-11-26", "2026-11-28")]
    public void Parse_WeekdaysJoinedByAnd_NameTheNights(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text);
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("a double from the second to the fifth of April over the Easter holidays", "2027-04-02", "2027-04-05")]
    [InlineData("para Semana Santa, del primero al cuatro de abril", "2027-04-01", "2027-04-04")]
    [InlineData("na Páscoa, de dois a cinco de abril", "2027-04-02", "2027-04-05")]
    public void Parse_DaysInWordsBesideAHoliday_WinOverIt(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text);
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("i wanna reserve a single room tomorrow night", "2026-11-26", "2026-11-27", 1)]
    [InlineData("para esta noche, una doble", "2026-11-25", "2026-11-26", 1)]
    [InlineData("quero um quarto para amanhã à noite", "2026-11-26", "2026-11-27", 1)]
    [InlineData("any rooms tonight and tomorrow night?", "2026-11-25", "2026-11-27", 2)]
    [InlineData("can I get a double room tomorrow night?", "2026-11-26", "2026-11-27", 1)]
    [InlineData("há vaga pro fds, sexta e sábado?", "2026-11-27", "2026-11-29", 2)]
    public void Parse_NightsNamedOneByOne_AreACountToo(string text, string checkIn, string checkOut, int nights)
    {
        var entities = Parse(text);
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
        entities.Nights.Should().Be(nights);
    }

    [Theory]
    [InlineData("we arrive tomorrow night")]
    [InlineData("chegamos amanhã à noite")]
    [InlineData("llegamos mañana por la noche")]
    [InlineData("we get in tomorrow night, is the room ready?")]
    public void Parse_ArrivingAtNight_IsNoOneNightStay(string text)
    {
        var entities = Parse(text);
        entities.CheckIn.Should().Be(Day("2026-11-26"));
        entities.CheckOut.Should().BeNull();
    }

    [Theory]
    [InlineData("¿tenéis algo libre la primera quincena de agosto?", "2027-08-01", "2027-08-15")]
    [InlineData("the second half of January for two", "2027-01-16", "2027-01-31")]
    [InlineData("a primeira quinzena de fevereiro", "2027-02-01", "2027-02-15")]
    [InlineData("vamos na primeira quinzena de janeiro, do dia 4 ao dia 11", "2027-01-04", "2027-01-11")]
    public void Parse_HalfOfANamedMonth_IsThoseDays(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text);
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
        entities.Nights.Should().BeNull();
    }

    [Theory]
    [InlineData("no, not the double, we need the family room", "family")]
    [InlineData("no la doble, mejor la familiar", "family")]
    [InlineData("não o duplo, queremos o familiar", "family")]
    public void Parse_RoomRefusedBeforeAnother_IsNotTheRoom(string text, string room) =>
        Parse(text).RoomType.Should().Be(room);
}
