using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// The grammars for phrasings a word list misses, each class in Spanish, English and Portuguese, relative to
/// Wednesday 2026-11-25: party sizes in words, names in answers, confirmations with extra words, dates, several
/// requests in one message, relative changes, booking codes in the PMS's format and language evidence.
/// </summary>
public sealed class RealGuestGrammarTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, ExpectedAnswer expecting = ExpectedAnswer.None, BookingCodeFormat? codes = null) =>
        Engine.Parse(new NluRequest
        {
            Text = text,
            ReferenceDate = Today,
            RoomTypes = TestCatalog.RoomTypes,
            Expecting = expecting,
            BookingCodeFormat = codes ?? BookingCodeFormat.Any,
        });

    [Theory]
    [InlineData("para mi marido y para mí, por favor", 2, null)]
    [InlineData("viajo sola", 1, null)]
    [InlineData("vamos dos matrimonios", 4, null)]
    [InlineData("somos mi mujer, yo y un nene de 6", 2, 1)]
    [InlineData("my husband and I plus our three girls", 2, 3)]
    [InlineData("just me this time", 1, null)]
    [InlineData("a couple with a baby", 2, 1)]
    [InlineData("me and my boyfriend", 2, null)]
    [InlineData("eu, o meu marido e a bebé", 2, 1)]
    [InlineData("dois casais", 4, null)]
    [InlineData("só eu", 1, null)]
    public void Parse_PartyInWords_CountsAdultsAndChildren(string text, int adults, int? children)
    {
        var e = Parse(text).Entities;

        e.Adults.Should().Be(adults);
        e.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("dos nenes de 5 y 8 años, del 10 al 12 de diciembre", 2)]
    [InlineData("two kids aged 5 and 8, December 10 to 12", 2)]
    [InlineData("duas crianças de 5 e 8 anos, de 10 a 12 de dezembro", 2)]
    public void Parse_ChildrenWithAges_AgesAreNotDates(string text, int children)
    {
        var e = Parse(text).Entities;

        e.Children.Should().Be(children);
        e.CheckIn.Should().Be(new DateOnly(2026, 12, 10));
        e.CheckOut.Should().Be(new DateOnly(2026, 12, 12));
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("tres", 3)]
    [InlineData("four", 4)]
    [InlineData("quatro", 4)]
    public void Parse_BareNumberWhenAskedHowMany_IsTheAdults(string text, int adults)
    {
        var result = Parse(text, ExpectedAnswer.PartySize);

        result.Intent.Should().Be(Intents.Inform);
        result.Entities.Adults.Should().Be(adults);
    }

    [Theory]
    [InlineData("Lucía Fernández de Castro, luciafc@mail.es", "Lucía Fernández de Castro", "luciafc@mail.es")]
    [InlineData("Pierre-Yves Dubois - pyd@orange.fr", "Pierre-Yves Dubois", "pyd@orange.fr")]
    [InlineData("Joana dos Santos Pereira / joana.sp@gmail.com", "Joana dos Santos Pereira", "joana.sp@gmail.com")]
    [InlineData("tom.brady@mail.com, Tom Brady", "Tom Brady", "tom.brady@mail.com")]
    public void Parse_NameAndEmailAnswer_ReadsBoth(string text, string name, string email)
    {
        var result = Parse(text, ExpectedAnswer.GuestDetails);

        result.Intent.Should().Be(Intents.Inform);
        result.Entities.GuestName.Should().Be(name);
        result.Entities.Email.Should().Be(email);
        result.LanguageConfidence.Should().BeLessThan(0.3, "a name and an email say nothing about the language");
    }

    [Theory]
    [InlineData("¿tienen piscina?")]
    [InlineData("is the gym open at night?")]
    [InlineData("vocês têm estacionamento?")]
    public void Parse_QuestionWhenAskedForName_IsNotAName(string text)
    {
        Parse(text, ExpectedAnswer.GuestDetails).Entities.GuestName.Should().BeNull();
    }

    [Theory]
    [InlineData("sí, adelante, resérvala")]
    [InlineData("perfecto, confírmamela")]
    [InlineData("yes, go ahead and book it")]
    [InlineData("sounds great, lock it in")]
    [InlineData("pode confirmar sim")]
    [InlineData("tá ótimo, pode fechar")]
    public void Parse_YesWithExtraWordsAtASummary_IsAffirm(string text)
    {
        Parse(text, ExpectedAnswer.Confirmation).Intent.Should().Be(Intents.Affirm);
    }

    [Theory]
    [InlineData("no, mejor para 3", 3)]
    [InlineData("no, make it 3 people", 3)]
    [InlineData("não, melhor para 3", 3)]
    public void Parse_NoWithAFixAtASummary_IsDenyWithTheFix(string text, int adults)
    {
        var result = Parse(text, ExpectedAnswer.Confirmation);

        result.Intent.Should().Be(Intents.Deny);
        result.Entities.Adults.Should().Be(adults);
    }

    [Theory]
    [InlineData("el viernes 4, dos noches", 2026, 12, 4, 2026, 12, 6)]
    [InlineData("next Friday, the 4th, for 2 nights", 2026, 12, 4, 2026, 12, 6)]
    [InlineData("sexta que vem, dia 4, por 2 noites", 2026, 12, 4, 2026, 12, 6)]
    [InlineData("viernes y sábado", 2026, 11, 27, 2026, 11, 29)]
    [InlineData("Friday and Saturday night", 2026, 11, 27, 2026, 11, 29)]
    [InlineData("este finde", 2026, 11, 27, 2026, 11, 29)]
    [InlineData("this weekend", 2026, 11, 27, 2026, 11, 29)]
    [InlineData("o fim de semana", 2026, 11, 27, 2026, 11, 29)]
    [InlineData("la semana que viene de martes a jueves", 2026, 12, 1, 2026, 12, 3)]
    [InlineData("next week Thursday to Saturday", 2026, 12, 3, 2026, 12, 5)]
    [InlineData("do 10 ao 12 do mês que vem", 2026, 12, 10, 2026, 12, 12)]
    [InlineData("del 10 al 12 del mes que viene", 2026, 12, 10, 2026, 12, 12)]
    [InlineData("from the 30th to the 2nd", 2026, 11, 30, 2026, 12, 2)]
    [InlineData("05/03 al 08/03", 2027, 3, 5, 2027, 3, 8)]
    [InlineData("10/12 to 13/12", 2026, 12, 10, 2026, 12, 13)]
    [InlineData("del diez al doce de marzo", 2027, 3, 10, 2027, 3, 12)]
    [InlineData("from the tenth to the twelfth of March", 2027, 3, 10, 2027, 3, 12)]
    [InlineData("de dez a doze de março", 2027, 3, 10, 2027, 3, 12)]
    [InlineData("en enero, del 4 al 8", 2027, 1, 4, 2027, 1, 8)]
    [InlineData("from Boxing Day for 3 nights", 2026, 12, 26, 2026, 12, 29)]
    public void Parse_DateExpressions_ResolveTheStay(string text, int y1, int m1, int d1, int y2, int m2, int d2)
    {
        var e = Parse(text).Entities;

        e.CheckIn.Should().Be(new DateOnly(y1, m1, d1));
        e.CheckOut.Should().Be(new DateOnly(y2, m2, d2));
    }

    [Theory]
    [InlineData("una quincena desde el 1 de marzo", 14)]
    [InlineData("a fortnight from 1 March", 14)]
    [InlineData("uma semana a partir de 1 de março", 7)]
    public void Parse_DurationsInWeeks_AreNights(string text, int nights)
    {
        var e = Parse(text).Entities;

        e.CheckIn.Should().Be(new DateOnly(2027, 3, 1));
        e.CheckOut.Should().Be(new DateOnly(2027, 3, 1).AddDays(nights));
    }

    [Theory]
    [InlineData("¿Tienen lugar del 3 al 5 de mayo para dos? ¿Y el desayuno está incluido?", Intents.HotelAmenities, Intents.CheckAvailability)]
    [InlineData("when can we check in and what time is check out?", Intents.CheckInInfo, Intents.CheckOutInfo)]
    [InlineData("vocês têm vaga de 3 a 5 de maio? e tem estacionamento?", Intents.CheckAvailability, Intents.HotelAmenities)]
    public void Parse_SeveralRequests_ReportsEveryOne(string text, string one, string other)
    {
        var result = Parse(text);

        new[] { result.Intent }.Concat(result.AdditionalIntents).Should().Contain([one, other]);
    }

    [Theory]
    [InlineData("¿se puede correr la reserva dos días?", 2, null)]
    [InlineData("can you move it one day later?", 1, null)]
    [InlineData("dá para adiar um dia?", 1, null)]
    [InlineData("agregá una noche más", null, 1)]
    [InlineData("can we add one more night?", null, 1)]
    [InlineData("queria mais uma noite", null, 1)]
    public void Parse_RelativeChange_IsAModification(string text, int? shift, int? nights)
    {
        var result = Parse(text);

        result.Intent.Should().Be(Intents.ModifyReservation);
        result.Entities.ShiftDays.Should().Be(shift);
        result.Entities.ExtraNights.Should().Be(nights);
    }

    [Theory]
    [InlineData("somos uno más")]
    [InlineData("one more person is coming")]
    [InlineData("vai mais uma pessoa")]
    public void Parse_OneMorePerson_IsAnExtraAdult(string text)
    {
        Parse(text).Entities.ExtraAdults.Should().Be(1);
    }

    [Theory]
    [InlineData("quiero cancelar la reserva NESQDTATR")]
    [InlineData("I need to cancel booking NESQDTATR")]
    [InlineData("quero cancelar a reserva NESQDTATR")]
    public void Parse_CodeInThePmsFormat_IsTheBookingCode(string text)
    {
        var qloApps = new BookingCodeFormat("[A-Z]{9}", "NESQDTATR");

        Parse(text, codes: qloApps).Entities.BookingCode.Should().Be("NESQDTATR");
    }

    [Theory]
    [InlineData("bk-20931")]
    [InlineData("it's 48213977")]
    [InlineData("é o XK81Q")]
    public void Parse_AnyCodeShapedTokenWhenAskedForACode_IsTheBookingCode(string text)
    {
        Parse(text, ExpectedAnswer.BookingCode).Entities.BookingCode.Should().NotBeNull();
    }

    [Theory]
    [InlineData("Ana Lee")]
    [InlineData("ana.lee@mail.com")]
    [InlineData("12/05")]
    [InlineData("3")]
    public void Parse_NameEmailNumberOrDate_CarriesNoLanguageEvidence(string text)
    {
        Parse(text).LanguageConfidence.Should().Be(0);
    }

    [Theory]
    [InlineData("¿tienen habitaciones libres para el puente de diciembre?")]
    [InlineData("do you have any rooms free for the bank holiday weekend?")]
    [InlineData("vocês têm quartos livres para o feriado de dezembro?")]
    public void Parse_SentenceInTheGuestsLanguage_CarriesStrongEvidence(string text)
    {
        Parse(text).LanguageConfidence.Should().BeGreaterThan(0.3);
    }
}
