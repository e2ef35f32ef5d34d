using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// Phrasings of guests who never saw the vocabulary, relative to Wednesday 2026-11-25: dictated emails, parties
/// described by the whole group or by who joins, nights named one by one, British relative days, numbers said in
/// words, days said without their month in the middle of a booking, corrections.
/// </summary>
public sealed class GuestPhrasingTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, DateOnly? stay = null, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        Engine.Parse(new NluRequest
        {
            Text = text,
            ReferenceDate = Today,
            RoomTypes = TestCatalog.RoomTypes,
            Expecting = expecting,
            StayAnchor = stay,
        });

    [Theory]
    [InlineData("name is Daniel Kim and email is daniel dot kim at gmail dot com", "daniel.kim@gmail.com")]
    [InlineData("Gemma Clarke, gemmaclarke88 at hotmail dot co dot uk", "gemmaclarke88@hotmail.co.uk")]
    [InlineData("el mail es santi punto ferreyra arroba hotmail punto com", "santi.ferreyra@hotmail.com")]
    [InlineData("e o email é manel ponto costa arroba gmail ponto com", "manel.costa@gmail.com")]
    [InlineData("it's k dot brennan eighty four at outlook dot com", "k.brennan84@outlook.com")]
    [InlineData("el correo es lupe setenta y uno arroba gmail punto com", "lupe71@gmail.com")]
    [InlineData("o email é rui um nove oito quatro arroba sapo ponto pt", "rui1984@sapo.pt")]
    public void Parse_DictatedEmail_IsTheAddress(string text, string email) =>
        Parse(text).Entities.Email.Should().Be(email);

    [Fact]
    public void Parse_DictatedEmailWithDigitsInWords_KeepsTheNameApart()
    {
        var entities = Parse("Gemma Walsh, it's g dot walsh seventy one at outlook dot com", expecting: ExpectedAnswer.GuestDetails).Entities;

        entities.Email.Should().Be("g.walsh71@outlook.com");
        entities.GuestName.Should().Be("Gemma Walsh");
    }

    [Theory]
    [InlineData("I'll be there at noon. Ana")]
    [InlineData("we arrive at five dot thirty")]
    public void Parse_AtAndDotInASentence_IsNoEmail(string text) =>
        Parse(text).Entities.Email.Should().BeNull();

    [Theory]
    [InlineData("ok, the other couple will sort themselves out. family room for the 4 of us please", 4, null)]
    [InlineData("fine, 2 of the girls will get their own place. we'll take the family room for the other 4 of us", 4, null)]
    [InlineData("How much would a single be Tues 8th to Thurs 10th Dec? Just for me", 1, null)]
    [InlineData("Eu e meus dois filhos pequenos (3 e 6 anos) vamos passar o Natal", 1, 2)]
    [InlineData("somos 4 adultas eh, ningún niño", 4, 0)]
    [InlineData("looking for a room for me, my partner and our twins aged 7", 2, 2)]
    [InlineData("Hi, double room for two please", 2, null)]
    public void Parse_PartyAsAWhole_CountsEveryone(string text, int adults, int? children)
    {
        var e = Parse(text).Entities;

        e.Adults.Should().Be(adults);
        e.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("hiya, one more person is coming on our trip, my sister, so we'll need the family room instead", 1, null)]
    [InlineData("ah me olvidé! somos uno más, viene mi nene de 3 años", null, 1)]
    [InlineData("Actually, can I change that to a double? My wife's decided to come along after all", 1, null)]
    public void Parse_WhoJoins_IsAnExtraPerson(string text, int? extraAdults, int? extraChildren)
    {
        var e = Parse(text).Entities;

        e.ExtraAdults.Should().Be(extraAdults);
        e.ExtraChildren.Should().Be(extraChildren);
        e.Adults.Should().BeNull("the people named are the ones who join, not the whole party");
    }

    [Fact]
    public void Parse_LongRunOfSpokenDots_AnswersWithoutAnEmail()
    {
        var text = string.Concat(Enumerable.Repeat("a dot ", 4000)) + "at b dot zz";

        var parse = () => Parse(text);

        parse.Should().NotThrow();
    }

    [Fact]
    public void Parse_OneMoreThing_IsNoPerson() =>
        Parse("Sorry, one more thing - is parking free?").Entities.ExtraAdults.Should().BeNull();

    [Theory]
    [InlineData("any chance of a double tonight and tomorrow night?", "2026-11-25", "2026-11-27")]
    [InlineData("quería ir con mi madre el viernes y sábado 22 y 23 de enero", "2027-01-22", "2027-01-24")]
    [InlineData("have you got a twin from Saturday week for 3 nights?", "2026-12-05", "2026-12-08")]
    [InlineData("queríamos reservar do dia vinte e três ao dia vinte e seis de dezembro", "2026-12-23", "2026-12-26")]
    [InlineData("no hang on, I meant January, not December. 10th to 13th of January", "2027-01-10", "2027-01-13")]
    [InlineData("buenas! necesito habitacion del jueves 7 al domingo 10 de enero", "2027-01-07", "2027-01-10")]
    public void Parse_StayPhrasedByAGuest_HasItsDates(string text, string checkIn, string checkOut)
    {
        var e = Parse(text).Entities;

        e.CheckIn.Should().Be(DateOnly.Parse(checkIn, System.Globalization.CultureInfo.InvariantCulture));
        e.CheckOut.Should().Be(DateOnly.Parse(checkOut, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Não, enganei-me, é até dia 3, não dia 2", "2026-12-03")]
    [InlineData("sair a 10 em vez de 9, queria acrescentar uma noite", "2026-12-10")]
    public void Parse_DepartureCorrected_IsTheNewDeparture(string text, string checkOut) =>
        Parse(text).Entities.CheckOut.Should().Be(DateOnly.Parse(checkOut, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Parse_WeekdayBesideABareDay_IsAMonthWhereTheyAgree()
    {
        var e = Parse("quería alargarla una noche, salir el lunes 15 en vez del domingo").Entities;

        e.CheckOut.Should().Be(new DateOnly(2027, 2, 15), "the next 15th that falls on a Monday");
        e.ExtraNights.Should().Be(1);
    }

    [Fact]
    public void Parse_BareDaysDuringABooking_AreReadNearTheStay()
    {
        var stay = new DateOnly(2027, 1, 11);

        var moved = Parse("Actually wait, our meeting got moved. Can we do the 12th to the 15th instead?", stay).Entities;
        var withoutStay = Parse("Can we do the 12th to the 15th instead?").Entities;

        moved.CheckIn.Should().Be(new DateOnly(2027, 1, 12));
        moved.CheckOut.Should().Be(new DateOnly(2027, 1, 15));
        withoutStay.CheckIn.Should().Be(new DateOnly(2026, 12, 12), "with no stay in the conversation the next 12th is meant");
    }

    [Fact]
    public void Parse_DepartureWeekdayDuringABooking_IsThatOfTheStay()
    {
        var e = Parse("actually make it three nights instead, we'll head home on the Tuesday", new DateOnly(2027, 3, 13)).Entities;

        e.CheckIn.Should().Be(new DateOnly(2027, 3, 13));
        e.CheckOut.Should().Be(new DateOnly(2027, 3, 16));
    }

    [Theory]
    [InlineData("sorry typo, the email's ines.goncalves@gmail.com", null)]
    [InlineData("Email - olly.hughes@btinternet.com", null)]
    [InlineData("Fernanda Ruiz 📧 fer.ruiz.mx@gmail.com", "Fernanda Ruiz")]
    [InlineData("Aline Freitas Moreira — aline.moreira@gmail.com", "Aline Freitas Moreira")]
    [InlineData("It'll be under Siobhan Kelly, siobhan.kelly@hotmail.co.uk", "Siobhan Kelly")]
    public void Parse_NameBesideAnEmail_IsOnlyTheName(string text, string? name) =>
        Parse(text, expecting: ExpectedAnswer.GuestDetails).Entities.GuestName.Should().Be(name);

    [Fact]
    public void Parse_SeveralRoomTypes_AreAllReported()
    {
        var result = Parse("cuánto sale la familiar? y la suite?");

        result.Entities.RoomType.Should().Be("family");
        result.RoomTypesMentioned.Should().Equal("family", "suite");
    }

    [Fact]
    public void Parse_ChangeOfRoom_TakesTheRoomChangedTo() =>
        Parse("Se no twin não cabemos os três, mude para o duplo").Entities.RoomType.Should().Be("double");

    [Theory]
    [InlineData("Se tivermos de cancelar, pagamos alguma coisa?", "pt")]
    [InlineData("¿puedo llevar a mi perrita? Es una caniche de 4 kilos", "es")]
    public void Parse_QuestionWithoutDates_HasNoStay(string text, string language)
    {
        var result = Parse(text);

        result.Language.Should().Be(language);
        result.Entities.CheckIn.Should().BeNull();
    }
}
