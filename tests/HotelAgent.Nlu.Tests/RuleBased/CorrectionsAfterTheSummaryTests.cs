using System.Globalization;
using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// What guests say right after a summary to put it right: their own slip with an email or a name is no complaint, a
/// name after "con el nombre de" / "com o nome de" and with "St." is whole, a departure said with "a gente volta" or
/// "irme" is the departure, and the departure given up ("en vez de irme el 6") is not the stay.
/// </summary>
public sealed class CorrectionsAfterTheSummaryTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes, Expecting = expecting });

    [Theory]
    [InlineData("Perdona, el correo lo he puesto mal, es marta.s@correo.example", "marta.s@correo.example")]
    [InlineData("sorry, I typed my email wrong, it's tom.h@mail.example", "tom.h@mail.example")]
    [InlineData("desculpa, o email ficou mal escrito, é joao.p@mail.example", "joao.p@mail.example")]
    public void Parse_OwnSlipWithAnEmail_IsInformNotComplaint(string text, string email)
    {
        var result = Parse(text);
        result.Intent.Should().Be(Intents.Inform);
        result.Entities.Email.Should().Be(email);
    }

    [Theory]
    [InlineData("El wifi va fatal y nadie me ayuda, mi correo es marta.s@correo.example")]
    [InlineData("the room is wrong and dirty, nobody answers, email tom.h@mail.example")]
    public void Parse_ComplaintWithAnEmail_StaysAComplaint(string text) =>
        Parse(text).Intent.Should().Be(Intents.Complaint);

    [Theory]
    [InlineData("O apelido está mal escrito, é com dois S: Rui Manuel Teixeira Vasconcellos", "Rui Manuel Teixeira Vasconcellos")]
    [InlineData("I spelled my surname wrong, it's: Daniel O'Brien", "Daniel O'Brien")]
    [InlineData("el apellido lo he puesto mal: Íñigo Sáenz de Urturi", "Íñigo Sáenz de Urturi")]
    public void Parse_NameWrittenAgainAfterASlip_IsTheGuestName(string text, string name) =>
        Parse(text).Entities.GuestName.Should().Be(name);

    [Theory]
    [InlineData("Não, o apelido está mal escrito: é Magalhães com lh")]
    [InlineData("no, the surname is wrong, it's Smyth with a y")]
    public void Parse_SurnameSpelledOut_IsNoFullName(string text) =>
        Parse(text).Entities.GuestName.Should().BeNull();

    [Theory]
    [InlineData("Vale, genial. Ponla con el nombre de María José de la Fuente, correo mj@correo.example", "María José de la Fuente")]
    [InlineData("Ótimo. Pode pôr com o nome de Ana Paula Rocha, email ana.rocha@correo.example", "Ana Paula Rocha")]
    [InlineData("Keisha Marie St. John, keisha@mail.example", "Keisha Marie St. John")]
    [InlineData("great, the name is Keisha St. John, keisha@mail.example", "Keisha St. John")]
    public void Parse_NameAfterItsCue_IsWhole(string text, string name) =>
        Parse(text, ExpectedAnswer.GuestDetails).Entities.GuestName.Should().Be(name);

    [Theory]
    [InlineData("não, espera, a gente volta na terça, dia 9 de fevereiro", "2027-02-09")]
    [InlineData("quiero irme el domingo 13 de diciembre", "2026-12-13")]
    [InlineData("en vez de irme el 6 de enero me iría el jueves 7", "2027-01-07")]
    [InlineData("we'd head home on Sunday the 13th of December", "2026-12-13")]
    public void Parse_DepartureVerb_GivesTheDeparture(string text, string day)
    {
        var entities = Parse(text).Entities;
        entities.CheckOut.Should().Be(DateOnly.Parse(day, CultureInfo.InvariantCulture));
        entities.CheckIn.Should().BeNull();
    }

    [Theory]
    [InlineData("hiya um yeah so it's a couple with a toddler looking for a room from the 2nd to the 5th of april um a double would be grand")]
    [InlineData("eh bueno pues somos una pareja con un nene buscando habitación del 2 al 5 de abril, una doble estaría genial")]
    [InlineData("então é um casal com um bebê procurando quarto de 2 a 5 de abril, um duplo seria ótimo")]
    public void Parse_StayDescribedWithoutAComplaint_IsNoComplaint(string text)
    {
        var result = Parse(text);
        result.Intent.Should().NotBe(Intents.Complaint);
        result.Entities.CheckIn.Should().Be(new DateOnly(2027, 4, 2));
        result.Entities.RoomType.Should().Be("double");
    }
}
