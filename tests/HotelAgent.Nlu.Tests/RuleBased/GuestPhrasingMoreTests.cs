using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// More phrasings of guests who never saw the vocabulary, relative to Wednesday 2026-11-25: holidays with a departure
/// day, one night named by its date, ranges written with an en dash, nights listed by day, names followed by the
/// words that announce the email, dictated underscores and digits, a party counted as a whole or with a grown-up son,
/// companions who stay at home, and a guest who talked to their mother.
/// </summary>
public sealed class GuestPhrasingMoreTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes, Expecting = expecting });

    [Theory]
    [InlineData("a double for my husband and me, Christmas Eve to the 27th please", "2026-12-24", "2026-12-27")]
    [InlineData("da véspera de Natal até dia 27, somos nós os dois", "2026-12-24", "2026-12-27")]
    [InlineData("de Nochevieja al 2, somos dos", "2026-12-31", "2027-01-02")]
    [InlineData("Thanksgiving weekend, checking in tomorrow and out on Sunday", "2026-11-26", "2026-11-29")]
    [InlineData("Suite for 2 adults, January 15–18", "2027-01-15", "2027-01-18")]
    [InlineData("una individual para la noche del 1 de diciembre", "2026-12-01", "2026-12-02")]
    [InlineData("quarto individual para a noite de 30 de novembro", "2026-11-30", "2026-12-01")]
    [InlineData("habitación de dos camas para el 8 y el 9 de enero, dos noches", "2027-01-08", "2027-01-10")]
    public void Parse_StayPhrasedByAGuest_HasItsDates(string text, string checkIn, string checkOut)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(DateOnly.Parse(checkIn, System.Globalization.CultureInfo.InvariantCulture));
        entities.CheckOut.Should().Be(DateOnly.Parse(checkOut, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_HolidayWithACount_IsNoDeparture() =>
        Parse("Nochevieja para 2 personas").Entities.CheckOut.Should().BeNull("2 is the number of people, not a day");

    [Theory]
    [InlineData("Andrés Vidal Roca y el correo andres.vidal@empresa-demo.es", "Andrés Vidal Roca")]
    [InlineData("Ricardo Fuentes Aguilar y el correo es rfuentes@consultora-demo.mx", "Ricardo Fuentes Aguilar")]
    [InlineData("Me llamo Jorge, Jorge Villalba Ruiz, y el mail jvillalba@telefonica.net", "Jorge Villalba Ruiz")]
    [InlineData("Sou a Camila Duarte Pires e meu e-mail é camiladuarte@uol.com.br", "Camila Duarte Pires")]
    public void Parse_NameAndEmail_IsTheNameAlone(string text, string name) =>
        Parse(text, ExpectedAnswer.GuestDetails).Entities.GuestName.Should().Be(name);

    [Theory]
    [InlineData("Callum Reid, email is callum dot reid 90 at hotmail dot co dot uk", "callum.reid90@hotmail.co.uk")]
    [InlineData("Valentina Sosa, y mi mail es vale guion bajo sosa arroba hotmail punto com", "vale_sosa@hotmail.com")]
    [InlineData("o email é joao hífen pedro arroba gmail ponto com", "joao-pedro@gmail.com")]
    public void Parse_DictatedEmail_IsTheAddress(string text, string email) =>
        Parse(text).Entities.Email.Should().Be(email);

    [Theory]
    [InlineData("It's the two of us and our little one, she's 3", 2, 1)]
    [InlineData("Somos dois adultos e dois miúdos, de 3 e 8 anos. Qual é a opção mais em conta para nós os quatro?", 2, 2)]
    [InlineData("Vamos mi hijo y yo, los dos adultos", 2, null)]
    [InlineData("somos 2 adultos y 2 niños", 2, 2)]
    [InlineData("Olá, têm a suite disponível de 22 a 24 de janeiro? Seríamos dois", 2, null)]
    public void Parse_Party_CountsWhoTravels(string text, int adults, int? children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        (entities.Children is null or 0 ? null : entities.Children).Should().Be(children);
    }

    [Theory]
    [InlineData("ni modo, se queda con mi mamá. El cuarto doble está bien")]
    [InlineData("e pra criança paga? quanto fica o familiar no total?")]
    [InlineData("Pode ser o de casal, o bebê dorme com a gente")]
    public void Parse_PeopleMentionedInPassing_DoNotSetTheAdults(string text) =>
        Parse(text).Entities.Adults.Should().BeNull();

    [Fact]
    public void Parse_TalkedToTheirMother_IsNoHandoff() =>
        Parse("Uy perdona, acabo de hablar con mi madre y se viene también. Seríamos 3 adultos y el bebé").Intent.Should().NotBe(Intents.HumanHandoff);

    [Fact]
    public void Parse_QuestionAfterTheName_IsAlsoAsked()
    {
        var result = Parse("Soy Marta Rubio Sáez, marta.rubio.saez@gmail.com. Por cierto, ¿a partir de qué hora se puede entrar?", ExpectedAnswer.GuestDetails);
        (result.Intent == Intents.CheckInInfo || result.AdditionalIntents.Contains(Intents.CheckInInfo)).Should().BeTrue("the check-in question is asked beside the name");
        result.Entities.GuestName.Should().Be("Marta Rubio Sáez");
    }
}
