using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>
/// Counts changed from an old value to a new one ("from 2 nights to 3", "en vez de dos noches, tres", "3 adults, not 2"),
/// and booking codes of any PMS named after their cue, with words between ("the localizador is BK-55102").
/// </summary>
public sealed class CountChangesAndCodesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly RuleBasedNluEngine Engine = new();

    private static NluResult Parse(string text, ExpectedAnswer expecting = ExpectedAnswer.None) =>
        Engine.Parse(new NluRequest { Text = text, ReferenceDate = Today, RoomTypes = TestCatalog.RoomTypes, Expecting = expecting });

    [Theory]
    [InlineData("could we go from 3 nights to 4 on our booking?", 4)]
    [InlineData("can you make it 2 nights instead of 3", 2)]
    [InlineData("instead of four nights we'll only do two", 2)]
    [InlineData("¿podemos pasar de 2 noches a 3?", 3)]
    [InlineData("en vez de cuatro noches, que sean cinco", 5)]
    [InlineData("en lugar de 3 noches al final serán 2", 2)]
    [InlineData("dá pra mudar de 2 pra 3 noites?", 3)]
    [InlineData("em vez de 3 noites vão ser 4", 4)]
    public void Parse_NightsChangedFromOldToNew_IsTheNewCount(string text, int nights)
    {
        var entities = Parse(text).Entities;
        entities.Nights.Should().Be(nights);
        entities.CheckIn.Should().BeNull("a count is no day");
    }

    [Theory]
    [InlineData("we'd need to go from 2 people to 4 on the reservation", 4, null)]
    [InlineData("sorry, it's 3 adults and a child, not 4 adults", 3, 1)]
    [InlineData("queremos pasar de 2 a 3 personas", 3, null)]
    [InlineData("no, somos 4 adultos, no 3", 4, null)]
    [InlineData("afinal vamos ser só três, não quatro", 3, null)]
    [InlineData("em vez de 2 adultos somos 3 adultos", 3, null)]
    public void Parse_PartyChangedFromOldToNew_IsTheNewParty(string text, int adults, int? children)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("please change my booking RS-4410 to 3 adults, I forgot to add my sister", 3)]
    [InlineData("hay que agregar a mi hermano a la reserva, seríamos 4 adultos", 4)]
    public void Parse_NewHeadCountBesideAnAddVerb_IsTheParty(string text, int adults)
    {
        var entities = Parse(text).Entities;
        entities.Adults.Should().Be(adults);
        entities.ExtraAdults.Should().BeNull();
    }

    [Theory]
    [InlineData("quiero anular, el localizador es QX-88120", "QX-88120")]
    [InlineData("my booking number is 77120934", "77120934")]
    [InlineData("hi, please cancel 55120987, plans changed", "55120987")]
    [InlineData("we'd like to add a night, the ref's KXTRAMDEQ", "KXTRAMDEQ")]
    [InlineData("Quero anular a reserva. O código é PLMQRSTAV.", "PLMQRSTAV")]
    [InlineData("shorten it by a night please, res # 90125534", "90125534")]
    public void Parse_CodeAfterItsCue_IsTheBookingCode(string text, string code) =>
        Parse(text).Entities.BookingCode.Should().Be(code);

    [Theory]
    [InlineData("my number is 612345678")]
    [InlineData("o meu número é 912345678")]
    public void Parse_PhoneNumber_IsNoBookingCode(string text) =>
        Parse(text).Entities.BookingCode.Should().BeNull();
}
