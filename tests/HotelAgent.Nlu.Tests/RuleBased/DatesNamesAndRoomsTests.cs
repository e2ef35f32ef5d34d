using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// Ranges written as two dates in digits ("1/15-1/17", "15/01-17/01"), a date in digits corrected away ("12/9 instead
/// of 12/10"), a stay shortened by nights, the name a booking is "under", and words that only look like a room
/// ("double-check", "pelo site", "em casa").
/// </summary>
public sealed class DatesNamesAndRoomsTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes, Expecting = expecting });

    [Theory]
    [InlineData("do you have a double 2/11-2/14?", "2027-02-11", "2027-02-14")]
    [InlineData("we want the twin 12/28-12/30, 2 adults", "2026-12-28", "2026-12-30")]
    [InlineData("una doble 11/02-14/02 para dos", "2027-02-11", "2027-02-14")]
    [InlineData("tem quarto 28/12-30/12?", "2026-12-28", "2026-12-30")]
    public void Parse_RangeOfTwoDatesInDigits_IsTheStay(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(DateOnly.Parse(checkIn, System.Globalization.CultureInfo.InvariantCulture));
        entities.CheckOut.Should().Be(DateOnly.Parse(checkOut, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("can we arrive 12/8 instead of 12/9?", "2026-12-08")]
    [InlineData("¿podemos llegar el 8/12 en vez del 9/12?", "2026-12-08")]
    [InlineData("dá pra chegar dia 8/12 em vez de 9/12?", "2026-12-08")]
    public void Parse_DateInDigitsCorrectedAway_IsNotTheDeparture(string text, string day)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        entities.CheckOut.Should().BeNull();
    }

    [Theory]
    [InlineData("could we shorten the stay by 2 nights?", -2)]
    [InlineData("queremos acortar la reserva una noche", -1)]
    [InlineData("preciso encurtar a estadia em uma noite", -1)]
    public void Parse_StayShortenedBy_IsNightsLess(string text, int nights)
    {
        var entities = Parse(text).Entities;
        entities.ExtraNights.Should().Be(nights);
        entities.Nights.Should().BeNull();
    }

    [Theory]
    [InlineData("can you move our stay a week later? it's booked under Anne-Marie Fitzgerald", "Anne-Marie Fitzgerald")]
    [InlineData("we'd like the suite instead, the booking is under van Houten", "van Houten")]
    [InlineData("¿está confirmada mi reserva? soy Ignacio Berrocal", "Ignacio Berrocal")]
    public void Parse_NameTheBookingIsUnder_IsTheGuestName(string text, string name) =>
        Parse(text).Entities.GuestName.Should().Be(name);

    [Theory]
    [InlineData("Hi! Could I move my booking? My code is HA-7K3QX9, my email pat@mail.example")]
    [InlineData("Is everything OK with my booking? Ref HA-7K3QX9, email pat@mail.example")]
    public void Parse_WordsBeforeACodeOrAnEmail_AreNoName(string text) =>
        Parse(text).Entities.GuestName.Should().BeNull();

    [Theory]
    [InlineData("can you double-check my reservation dates?")]
    [InlineData("I think we were double-charged for the room")]
    [InlineData("reservei pelo site, está tudo certo com a reserva?")]
    [InlineData("vocês sabem se tem jogo em casa no domingo?")]
    public void Parse_WordsThatOnlyLookLikeARoom_AreNoRoom(string text) =>
        Parse(text).Entities.RoomType.Should().BeNull();

    [Theory]
    [InlineData("quiero la suit", "suite")]
    [InlineData("a double-bed room please", "double")]
    [InlineData("queria uma sute", "suite")]
    public void Parse_MisspeltOrCompoundRoom_IsStillTheRoom(string text, string room) =>
        Parse(text).Entities.RoomType.Should().Be(room);

    [Theory]
    [InlineData("is there a twin free the weekend of the 12th of December?", "2026-12-11", "2026-12-13")]
    [InlineData("the weekend of january 8th, fri-sun", "2027-01-08", "2027-01-10")]
    [InlineData("una doble para el finde del 13 de diciembre, llegamos el viernes", "2026-12-11", "2026-12-13")]
    [InlineData("queremos el fin de semana del 6 de febrero", "2027-02-05", "2027-02-07")]
    [InlineData("tem vaga no fim de semana de 12 de dezembro?", "2026-12-11", "2026-12-13")]
    public void Parse_WeekendOfADay_IsThatWeekend(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(DateOnly.Parse(checkIn, System.Globalization.CultureInfo.InvariantCulture));
        entities.CheckOut.Should().Be(DateOnly.Parse(checkOut, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("tonight and tomorrow please")]
    [InlineData("para esta noche y mañana")]
    [InlineData("hoje à noite e amanhã")]
    public void Parse_TonightAndTomorrow_IsTwoNights(string text)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(Today);
        entities.CheckOut.Should().Be(Today.AddDays(2));
    }

    [Theory]
    [InlineData("Lovely. Booking for Aoife Ní Bhriain-Walsh, aoife@mail.example", "Aoife Ní Bhriain-Walsh")]
    [InlineData("Vale, reserva para Nerea Olaizola, nerea@mail.example", "Nerea Olaizola")]
    public void Parse_NameAfterBookingFor_IsTheGuestName(string text, string name) =>
        Parse(text, ExpectedAnswer.GuestDetails).Entities.GuestName.Should().Be(name);

    [Theory]
    [InlineData("my brother can't make it after all, so we're bringing our daughter instead")]
    [InlineData("mi hermana al final no puede, así que traemos a nuestra hija")]
    public void Parse_CompanionInAnEarlierClause_DoesNotJoin(string text)
    {
        var entities = Parse(text).Entities;
        entities.ExtraAdults.Should().BeNull();
        entities.ExtraChildren.Should().Be(1);
    }

    [Theory]
    [InlineData("del Jueves Santo al Lunes de Pascua, somos 4", "2027-03-25", "2027-03-29")]
    [InlineData("Good Friday to Easter Monday please", "2027-03-26", "2027-03-29")]
    [InlineData("de Sexta-feira Santa até ao Domingo de Páscoa", "2027-03-26", "2027-03-28")]
    public void Parse_EasterDays_AreThatYearsEaster(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(DateOnly.Parse(checkIn, System.Globalization.CultureInfo.InvariantCulture));
        entities.CheckOut.Should().Be(DateOnly.Parse(checkOut, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2028, 4, 16)]
    public void EasterSunday_IsTheGregorianDate(int year, int month, int day) =>
        RuleBasedNluEngine.EasterSunday(year).Should().Be(new DateOnly(year, month, day));

    [Theory]
    [InlineData("de 18 a 21 de fevereiro")]
    [InlineData("de 3 a 5 de janeiro")]
    [InlineData("del 3 al 5 de enero")]
    public void Parse_DatesAlone_GiveNoLanguageEvidenceForEnglish(string text)
    {
        var result = Parse(text, ExpectedAnswer.Dates);
        result.Language.Should().NotBe("en");
        result.Entities.CheckOut.Should().NotBeNull();
    }

    [Theory]
    [InlineData("is there a double a week on Friday for 2 nights?", "2026-12-04")]
    [InlineData("could we come a week on Saturday?", "2026-12-05")]
    public void Parse_AWeekOnAWeekday_IsTheOneAfterNext(string text, string checkIn) =>
        Parse(text).Entities.CheckIn.Should().Be(DateOnly.Parse(checkIn, System.Globalization.CultureInfo.InvariantCulture));
}
