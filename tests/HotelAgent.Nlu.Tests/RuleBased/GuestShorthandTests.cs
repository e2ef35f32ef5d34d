using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// Guests who describe the bed instead of naming the room, write in chat shorthand, count themselves in "two of us",
/// give hyphenated surnames, or announce the email with words that are not a name; relative to Wednesday 2026-11-25.
/// </summary>
public sealed class GuestShorthandTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes, Expecting = expecting });

    [Theory]
    [InlineData("Hi, can I book a room with one bed for two adults, December 17 through 20?", "double")]
    [InlineData("do you have something with a big bed for 2?", "double")]
    [InlineData("queremos una habitación con cama grande del 3 al 5 de enero", "double")]
    [InlineData("con cama d matrimonio porfa", "double")]
    [InlineData("We'd like a room with two single beds from Friday 4th to Monday 7th December", "twin")]
    [InlineData("un cuarto con dos camas individuales", "twin")]
    [InlineData("um quarto com duas camas de solteiro", "twin")]
    public void Parse_BedDescribed_IsTheRoomWithThatBed(string text, string room) =>
        Parse(text).Entities.RoomType.Should().Be(room);

    [Theory]
    [InlineData("hey so me n my bf wanna come jan 8-10, do u have smth w a big bed?", 2, "double")]
    [InlineData("queria consultar x una hab para 2 desde el vie 27 hasta el dom 29, q sea con cama grande", 2, "double")]
    public void Parse_ChatShorthand_IsReadAsWritten(string text, int adults, string room)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.RoomType.Should().Be(room);
        entities.CheckIn.Should().NotBeNull();
        entities.CheckOut.Should().NotBeNull();
    }

    [Fact]
    public void Parse_TextingAboutAStay_IsNotOutOfScope() =>
        Parse("hey!! so me n my bf wanna come to valencia jan 8-10 lol, do u have smth w a big bed? how much?? 🙏").Intent.Should().NotBe(Intents.OutOfScope);

    [Theory]
    [InlineData("two of us plus the dog", 2, null)]
    [InlineData("Somos cuatro amigos, todos grandes. ¿Tienen alguna habitación donde entremos los cuatro?", 4, null)]
    [InlineData("we're a family of 4, two adults and two kids", 2, 2)]
    [InlineData("Hi, looking for a room for me and my 10 year old son", 1, 1)]
    public void Parse_PartyCountingTheGuest_CountsEachPersonOnce(string text, int adults, int? children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Fact]
    public void Parse_FamilyOfFour_IsNoRoomChoice() =>
        Parse("we're a family of 4. Can we get the suite from January 2nd to January 5th?").Entities.RoomType.Should().Be("suite");

    [Theory]
    [InlineData("Got it, thanks. I'm Rachel Green-Moore, rachel.gm@mail.com", "Rachel Green-Moore")]
    [InlineData("Los datos son Pablo Ortega Ruiz y pablo.ortega@correo.es", "Pablo Ortega Ruiz")]
    [InlineData("Pode colocar no nome da Larissa Campos, larissa.campos@correio.com.br", "Larissa Campos")]
    public void Parse_NameWithItsEmail_IsTheWholeName(string text, string name) =>
        Parse(text, ExpectedAnswer.GuestDetails).Entities.GuestName.Should().Be(name);

    [Theory]
    [InlineData("Mi correo es dani.castillo@correo.com.mx y mi cel +52 55 1234 5678")]
    [InlineData("Hi, I have a reservation, confirmation code HA-28DM8Q, email chris.palmer@mail.com")]
    public void Parse_NoNameGiven_HasNoName(string text) =>
        Parse(text).Entities.GuestName.Should().BeNull();

    [Fact]
    public void Parse_LosDatosSon_IsNoSon() =>
        Parse("Los datos son Pablo Ortega Ruiz y pablo.ortega@correo.es").Entities.Children.Should().BeNull();

    [Theory]
    [InlineData("Vale, pues al final no podemos ir. Cancélala, por favor")]
    [InlineData("no vamos a poder ir, anúlala")]
    public void Parse_EncliticCancel_IsACancellation(string text) =>
        Parse(text).Intent.Should().Be(Intents.CancelReservation);

    [Fact]
    public void Parse_CodeWithANewStay_IsAChange()
    {
        var result = Parse("Hi, I have a reservation, confirmation code HA-28DM8Q, email chris.palmer@mail.com. Could we push it back a week, to Feb 26 - Feb 28?");

        result.Intent.Should().Be(Intents.ModifyReservation);
        result.Entities.CheckIn.Should().Be(new DateOnly(2027, 2, 26));
        result.Entities.CheckOut.Should().Be(new DateOnly(2027, 2, 28));
    }

    [Fact]
    public void Parse_JustMarried_IsNoDoubleRoom() =>
        Parse("Nos acabamos de casar").Entities.RoomType.Should().BeNull();

    [Fact]
    public void Parse_NightsWithTheDeparture_KeepsTheArrivalBeforeIt()
    {
        var entities = Parse("Actually, hold on - can we make it 4 nights instead, checking out Monday the 21st?").Entities;

        entities.CheckIn.Should().Be(new DateOnly(2026, 12, 17));
        entities.CheckOut.Should().Be(new DateOnly(2026, 12, 21));
    }

    [Theory]
    [InlineData("Sí, cancélala")]
    [InlineData("yes, cancel it")]
    [InlineData("sim, pode cancelar")]
    public void Parse_YesNamingTheAction_IsAYes(string text) =>
        Parse(text, ExpectedAnswer.Confirmation).Intent.Should().Be(Intents.Affirm);
}
