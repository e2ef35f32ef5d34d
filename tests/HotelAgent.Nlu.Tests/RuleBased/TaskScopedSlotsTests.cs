using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// Slots read for the task the message is about: a day or a person named in small talk, a complaint, a hotel question or
/// a request for a person is no stay, while a stay asked beside them still is.
/// </summary>
public sealed class TaskScopedSlotsTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes, Expecting = expecting });

    [Theory]
    [InlineData("¡Hasta el viernes, muchas gracias!")]
    [InlineData("Lovely, see you on Saturday then, bye!")]
    [InlineData("Tchau, até sábado!")]
    [InlineData("la calefacción no funciona desde ayer, es un desastre")]
    [InlineData("the wifi has been down since this morning and nobody has fixed it, really poor")]
    [InlineData("o ar condicionado não funciona desde ontem, péssimo")]
    [InlineData("¿me podéis recomendar un restaurante para cenar el sábado?")]
    [InlineData("any idea if it'll rain tomorrow?")]
    [InlineData("sabem se vai chover amanhã?")]
    public void Parse_DayNamedOutsideAStay_IsNoArrival(string text)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().BeNull();
        entities.CheckOut.Should().BeNull();
    }

    [Theory]
    [InlineData("¿me reembolsan todo si cancelo dos semanas antes?")]
    [InlineData("is it a full refund if I cancel five days before arrival?")]
    [InlineData("se eu cancelar uma semana antes recebo o dinheiro todo?")]
    public void Parse_NoticeInAPolicyQuestion_IsNoNights(string text)
    {
        var result = Parse(text);
        result.Intent.Should().Be(Intents.CancellationPolicy);
        result.Entities.Nights.Should().BeNull();
    }

    [Theory]
    [InlineData("¿me pasás con algún compañero tuyo, por favor?")]
    [InlineData("could you put me through to a colleague of yours please")]
    [InlineData("quero cancelar a reserva HA-7K3QX9, o meu pai foi internado")]
    [InlineData("I need to cancel HA-7K3QX9, my husband broke his leg")]
    [InlineData("tengo que cancelar la reserva HA-7K3QX9, mi madre está enferma")]
    public void Parse_PeopleNamedOutsideAStay_AreNoParty(string text)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().BeNull();
        entities.Children.Should().BeNull();
    }

    [Theory]
    [InlineData("¿tienen habitación del 4 al 6 de diciembre para mí y mi marido? ¿y hasta qué hora se puede dejar la habitación?", 2)]
    [InlineData("Is there a room for me and my son from Dec 4 to Dec 6? Also, what's your cancellation policy?", 2)]
    [InlineData("Vocês têm quarto de 4 a 6 de dezembro para mim e a minha mulher? E qual é a política de cancelamento?", 2)]
    public void Parse_StayAskedBesideAQuestion_KeepsItsSlots(string text, int people)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().Be(new DateOnly(2026, 12, 4));
        entities.CheckOut.Should().Be(new DateOnly(2026, 12, 6));
        ((entities.Adults ?? 0) + (entities.Children ?? 0)).Should().Be(people);
    }

    [Theory]
    [InlineData("el sábado", ExpectedAnswer.Dates)]
    [InlineData("see you saturday", ExpectedAnswer.Dates)]
    [InlineData("no sábado", ExpectedAnswer.Dates)]
    public void Parse_DayWhenDatesAreAsked_IsStillTheArrival(string text, ExpectedAnswer expecting) =>
        Parse(text, expecting).Entities.CheckIn.Should().Be(new DateOnly(2026, 11, 28));

    [Theory]
    [InlineData("chau, buen finde!")]
    [InlineData("bye, enjoy your weekend!")]
    [InlineData("tchau, bom fim de semana!")]
    [InlineData("é a segunda vez que peço um cobertor e nada")]
    public void Parse_WeekendWishedOrTimesCounted_IsNoStay(string text)
    {
        var entities = Parse(text).Entities;
        entities.CheckIn.Should().BeNull();
        entities.CheckOut.Should().BeNull();
    }

    [Theory]
    [InlineData("not yet, I need to check with my husband first")]
    [InlineData("todavía no, lo consulto con mi marido y te digo")]
    [InlineData("ainda não, vou ver com a minha mulher")]
    public void Parse_CompanionAsked_IsNoParty(string text)
    {
        var entities = Parse(text, ExpectedAnswer.Confirmation).Entities;
        entities.Adults.Should().BeNull();
        entities.Children.Should().BeNull();
    }

    [Theory]
    [InlineData("para mí y mis dos hijas, del 3 al 5 de enero", 1, 2)]
    [InlineData("somos dos y nuestra hija de 7", 2, 1)]
    [InlineData("we're 2 and a baby", 2, 1)]
    [InlineData("somos dois e o nosso filho de 4 anos", 2, 1)]
    [InlineData("somos 4 y 2 son niños", 2, 2)]
    [InlineData("me, my husband and our 5 yr old", 2, 1)]
    public void Parse_HeadCountAndWhoComesWithIt_CountsEachOnce(string text, int adults, int children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("quiero reservar para siete días, del 2 al 9 de marzo")]
    [InlineData("queria reservar para dez dias em março")]
    [InlineData("no, que son tres habitaciones, no dos")]
    public void Parse_DaysOrRoomsCounted_AreNoPeople(string text) =>
        Parse(text).Entities.Adults.Should().BeNull();
}
