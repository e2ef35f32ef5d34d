using System.Globalization;
using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// A booking moved in one message: the booking's own dates say where it stands and the dates after a word that moves
/// them are the stay asked for ("la tengo para el 3 y necesito que sea para el 5", "from 12/4-12/6 to 12/11-12/13"); a
/// new departure alone keeps the arrival; dates said to be the original ones date nothing; a shift by weeks is days; a
/// night taken away with a departure day leaves the other day as a reason; the day a late check-out is asked for is the
/// departure.
/// </summary>
public sealed class MovedBookingsTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes });

    private static DateOnly? Day(string? day) => day is null ? null : DateOnly.Parse(day, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("¿Puedo modificar mi reservación? La tengo para el 3 de diciembre y necesito que sea para el 5", "2026-12-05", null)]
    [InlineData("tengo la reserva HA-T6Y8UI para el 4 de diciembre y la quiero pasar al 11, mismas noches", "2026-12-11", null)]
    [InlineData("reservé del 4 al 6, lo puedo cambiar al 11 al 13?", "2026-12-11", "2026-12-13")]
    [InlineData("necesito mover mi reserva HA-K2P8ZD del 12-14 de diciembre al 19-21 de diciembre", "2026-12-19", "2026-12-21")]
    [InlineData("my booking is for the 10th, can you move it to the 14th?", "2026-12-14", null)]
    [InlineData("our reservation was for december 8 but we need to change it to december 12", "2026-12-12", null)]
    [InlineData("Hi, I need to change my reservation HA-8QF3LR from 12/4-12/6 to 12/11-12/13", "2026-12-11", "2026-12-13")]
    [InlineData("a minha reserva é para dia 6, queria passar para dia 9", "2026-12-09", null)]
    [InlineData("preciso de alterar a reserva HA-7ZN4RB: estava de 11 a 13 de dezembro, passa para 15 a 17 de janeiro", "2027-01-15", "2027-01-17")]
    [InlineData("reservei de 4 a 6 de dezembro, dá pra mudar para 11 a 13?", "2026-12-11", "2026-12-13")]
    public void Parse_BookingMoved_GivesTheNewDatesOnly(string text, string checkIn, string? checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
        entities.Nights.Should().BeNull();
    }

    [Theory]
    [InlineData("tenemos reserva del 28 al 30 de diciembre y queremos sumar una noche más, hasta el 31", "2026-12-28", "2026-12-31")]
    [InlineData("could we extend our stay by 2 nights? we're booked 5th-7th Dec, want to stay till the 9th now.", "2026-12-05", "2026-12-09")]
    [InlineData("temos a reserva de 10 a 12 de dezembro, dá para ficar até dia 14?", "2026-12-10", "2026-12-14")]
    public void Parse_NewDepartureAfterTheBookingsRange_KeepsTheArrival(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("quiero hacer una reserva del 28 hasta el 31 de diciembre", "2026-12-28", "2026-12-31")]
    [InlineData("I'd like to book from 12/4-12/6", "2026-12-04", "2026-12-06")]
    [InlineData("queria fazer uma reserva de 3 a 5 de dezembro", "2026-12-03", "2026-12-05")]
    public void Parse_OneRangeOfANewBooking_IsNotAMove(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().Be(Day(checkOut));
    }

    [Theory]
    [InlineData("Mira, era para el 10, ahora necesito el 12")]
    [InlineData("It was for the 10th, now we need the 12th")]
    [InlineData("Era pra dia 10, agora preciso pro dia 12")]
    public void Parse_DatesMovedWithNoRequestWord_IsAChange(string text)
    {
        var result = Parse(text);
        result.Intent.Should().Be(Intents.ModifyReservation);
        result.Entities.CheckIn.Should().Be(new DateOnly(2026, 12, 12));
    }

    [Theory]
    [InlineData("Can I change the arrival to 23rd December? Originally booked for the 21st.", "2026-12-23")]
    [InlineData("¿Puedo cambiar la llegada al 23 de diciembre? Originalmente la reservé para el 21", "2026-12-23")]
    [InlineData("Posso mudar a chegada para 23 de dezembro? Inicialmente estava para dia 21", "2026-12-23")]
    public void Parse_OriginalDatesSaidAfter_DateNothing(string text, string checkIn)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(Day(checkIn));
        entities.CheckOut.Should().BeNull();
    }

    [Theory]
    [InlineData("can we push it back a week?", 7)]
    [InlineData("could we move it two weeks later?", 14)]
    [InlineData("can you bring it forward a week?", -7)]
    [InlineData("¿se puede correr la reserva una semana?", 7)]
    [InlineData("queremos adiar a reserva uma semana", 7)]
    public void Parse_ShiftByWeeks_IsDaysNotNights(string text, int days)
    {
        var entities = Parse(text).Entities;
        entities.ShiftDays.Should().Be(days);
        entities.Nights.Should().BeNull();
    }

    [Theory]
    [InlineData("Afinal o meu marido tem de trabalhar na terça, por isso queremos tirar uma noite e sair na segunda, dia 18 de janeiro", "2027-01-18")]
    [InlineData("mi marido trabaja el martes, así que queremos quitar una noche y salir el lunes 18 de enero", "2027-01-18")]
    [InlineData("my husband has to work on Tuesday, so we'd like to drop one night and leave on Monday 18 January", "2027-01-18")]
    public void Parse_NightTakenAwayWithADeparture_LeavesTheOtherDayAsAReason(string text, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.ExtraNights.Should().Be(-1);
        entities.CheckOut.Should().Be(Day(checkOut));
        entities.CheckIn.Should().BeNull();
    }

    [Theory]
    [InlineData("se puede salir mas tarde el dia 3 de enero? tipo 4pm", "2027-01-03")]
    [InlineData("could we have a late checkout on the 6th of December?", "2026-12-06")]
    [InlineData("posso sair mais tarde no dia 2 de janeiro? tipo umas 15h", "2027-01-02")]
    public void Parse_LateCheckoutOnADay_IsTheDeparture(string text, string checkOut)
    {
        var result = Parse(text);
        result.Intent.Should().Be(Intents.LateCheckout);
        result.Entities.CheckOut.Should().Be(Day(checkOut));
        result.Entities.CheckIn.Should().BeNull();
    }
}
