using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// Parties told as a head count and then a list ("three of us: me, my husband and …"), children counted by a
/// possessive alone ("our three, Sophie is 13 …"), children named again in apposition ("dos hijas (una de 8 y la bebé
/// de 2)"), the couple with more people after it ("nós os dois, a minha sogra e os miúdos") and the party said again as
/// the only ones who come ("somos nomás mi mamá y yo").
/// </summary>
public sealed class PartyListsTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluEntities Parse(string text, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes, Expecting = expecting }).Entities;

    [Theory]
    [InlineData("There'll be three of us, me, my husband and my mother-in-law, from the 5th to the 8th of February", 3, null)]
    [InlineData("We'll be four of us: me, my wife and our two boys aged 6 and 9", 2, 2)]
    [InlineData("There are five of us: me and my partner plus our three, Tom is 12, Amy is 8 and Ben is 4", 2, 3)]
    public void Parse_HeadCountThenWho_IsTheHeadCount(string text, int adults, int? children)
    {
        var entities = Parse(text);
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("para mi esposo, nuestras dos hijas (una de 8 y la bebé de 2 años) y yo", 2, 2)]
    [InlineData("vamos eu, o meu marido e os nossos dois filhos (um de 10 e o outro de 3)", 2, 2)]
    [InlineData("me and my wife with our two kids, one is 4 and the other 7", 2, 2)]
    [InlineData("my husband and I with our two kids, a boy of 5 and a girl of 3", 2, 2)]
    public void Parse_ChildrenNamedAgainAfterTheirCount_AreNotCountedTwice(string text, int adults, int children)
    {
        var entities = Parse(text);
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("mi marido y yo con los dos nenes, plus a baby", 3)]
    [InlineData("dos hijos y un bebé", 3)]
    public void Parse_AnotherChildAfterTheCount_IsAdded(string text, int children) =>
        Parse(text).Children.Should().Be(children);

    [Theory]
    [InlineData("Somos nós os dois, a minha sogra e os miúdos (o Duarte tem 11 anos e a Leonor tem 7)", 3, 2)]
    [InlineData("the two of us and my mum", 3, null)]
    [InlineData("the two of us, my husband and I", 2, null)]
    public void Parse_TheCoupleThenOthers_AddsTheOthers(string text, int adults, int? children)
    {
        var entities = Parse(text);
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("Perdón, mi hermana me acaba de decir que siempre no va. Entonces somos nomás mi mamá y yo", 2)]
    [InlineData("My brother's dropped out sadly, so it's just me and my dad now", 2)]
    [InlineData("a minha irmã desistiu, afinal só vamos eu e a minha mãe", 2)]
    public void Parse_PartySaidAgainAsTheOnlyOnes_IsThatParty(string text, int adults) =>
        Parse(text, ExpectedAnswer.GuestDetails).Adults.Should().Be(adults);

    [Theory]
    [InlineData("The kids are 7 and 10, so 2 grown ups and 2 children", 2)]
    [InlineData("los nenes tienen 4 y 9, o sea 2 adultos y 2 niños", 2)]
    [InlineData("two kids aged 4 and 6, and 2 babies", 4)]
    public void Parse_ChildrenCountedAfterTheirAges_AreTheSameChildren(string text, int children) =>
        Parse(text, ExpectedAnswer.PartySize).Children.Should().Be(children);

    [Theory]
    [InlineData("2 adults plus our little ones - Alfie's 4 and Rosie is 10 months", 2)]
    [InlineData("me and the wife and our little ones", 2)]
    [InlineData("a double would do us, the little one's only 2 and she sleeps in with us", 1)]
    public void Parse_LittleOnesWithoutACount_AreTwoAtLeast(string text, int children) =>
        Parse(text).Children.Should().Be(children);

    [Theory]
    [InlineData("HA-7K3QX9 - we've decided to bring our daughter after all, she's 2. Can she go in the double with us?")]
    [InlineData("HA-7K3QX9: al final traemos a la nena, tiene 3 años, ¿se puede?")]
    [InlineData("HA-7K3QX9 - afinal levamos o miúdo, tem 5 anos. Pode ser?")]
    public void Parse_ChildBroughtAfterAll_JoinsTheBooking(string text)
    {
        var result = Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes });
        result.Intent.Should().Be(Intents.ModifyReservation);
        result.Entities.ExtraChildren.Should().Be(1);
    }

    [Theory]
    [InlineData("para 4 adultos (somos dos parejas de amigos)", 4)]
    [InlineData("somos dos parejas de amigos", 4)]
    [InlineData("we're two couples of friends", 4)]
    public void Parse_CouplesOfFriends_AreTheirPeople(string text, int adults) =>
        Parse(text).Adults.Should().Be(adults);

    [Theory]
    [InlineData("quiero reservar una habitación para mis padres del 4 al 6 de diciembre", 2)]
    [InlineData("I'm booking for my nan and grandad, they want a double room", 2)]
    [InlineData("queria reservar um quarto para os meus pais", 2)]
    [InlineData("a room for my parents and me", 3)]
    [InlineData("a double for my wife please", 2)]
    [InlineData("una doble para mi mujer y yo", 2)]
    public void Parse_RoomBookedForOthers_IsTheirParty(string text, int adults) =>
        Parse(text).Adults.Should().Be(adults);

    [Fact]
    public void Parse_BringingThePartyItself_IsThePartyNotAnAddition()
    {
        var entities = Parse("My husband and I are bringing our two grandkids over for Christmas break");
        entities.Adults.Should().Be(2);
        entities.Children.Should().Be(2);
        entities.ExtraChildren.Should().BeNull();
    }

    [Theory]
    [InlineData("nome: José Carlos de Souza Filho email: zecarlos@mail.example")]
    [InlineData("Pedro Henrique Alves Neto Filho, pedro@mail.example")]
    public void Parse_ChildWordEndingASurname_IsNoChild(string text) =>
        Parse(text, ExpectedAnswer.GuestDetails).Children.Should().BeNull();

    [Theory]
    [InlineData("habitación para dos compañeros de trabajo", 2)]
    [InlineData("a twin for two coworkers", 2)]
    [InlineData("quarto para dois companheiros de equipa", 2)]
    public void Parse_WorkmatesCounted_AreAdults(string text, int adults) =>
        Parse(text).Adults.Should().Be(adults);

    [Theory]
    [InlineData("a room for me, my wife and our three kids (2, 5 and 11), 4 nights starting Feb 26", 4)]
    [InlineData("somos mi mujer y yo con los tres niños, 3 noches desde el 4 de enero", 3)]
    [InlineData("eu, a minha mulher e os nossos dois filhos, 5 noites a partir de 4 de janeiro", 5)]
    public void Parse_NightsCountedAfterTheChildren_AreNoAge(string text, int nights)
    {
        var entities = Parse(text);
        entities.Nights.Should().Be(nights);
        entities.Adults.Should().Be(2);
    }
}
