using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>The messages the dialogue's end-to-end conversations depend on.</summary>
public sealed class ConversationTests
{
    private static readonly RuleBasedNluEngine Engine = new();

    internal static NluResult Parse(string text, string? language = null, DateOnly? reference = null) =>
        Engine.Parse(new NluRequest { Text = text, Language = language, ReferenceDate = reference ?? TestCatalog.ReferenceDate, RoomTypes = TestCatalog.RoomTypes });

    [Fact]
    public void Parse_SpanishBookingRequest_IsMakeReservationWithAllSlots()
    {
        var result = Parse("Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas");

        result.Intent.Should().Be(Intents.MakeReservation);
        result.Language.Should().Be("es");
        result.Entities.RoomType.Should().Be("double");
        result.Entities.CheckIn.Should().Be(new DateOnly(2026, 12, 10));
        result.Entities.CheckOut.Should().Be(new DateOnly(2026, 12, 12));
        result.Entities.Adults.Should().Be(2);
    }

    [Fact]
    public void Parse_EnglishBookingRequest_IsMakeReservationWithAllSlots()
    {
        var result = Parse("Hi, I'd like to book a double room from December 10 to 12 for 2 people");

        result.Intent.Should().Be(Intents.MakeReservation);
        result.Language.Should().Be("en");
        result.Entities.RoomType.Should().Be("double");
        result.Entities.CheckIn.Should().Be(new DateOnly(2026, 12, 10));
        result.Entities.CheckOut.Should().Be(new DateOnly(2026, 12, 12));
        result.Entities.Adults.Should().Be(2);
    }

    [Fact]
    public void Parse_PortugueseBookingRequest_IsMakeReservationWithAllSlots()
    {
        var result = Parse("Olá, quero reservar um quarto duplo de 10 a 12 de dezembro para 2 pessoas");

        result.Intent.Should().Be(Intents.MakeReservation);
        result.Language.Should().Be("pt");
        result.Entities.RoomType.Should().Be("double");
        result.Entities.CheckIn.Should().Be(new DateOnly(2026, 12, 10));
        result.Entities.CheckOut.Should().Be(new DateOnly(2026, 12, 12));
        result.Entities.Adults.Should().Be(2);
    }

    [Fact]
    public void Parse_NameAndEmail_IsInformWithBoth()
    {
        var result = Parse("Me llamo Ana García y mi correo es ana@example.com");

        result.Intent.Should().Be(Intents.Inform);
        result.Language.Should().Be("es");
        result.Entities.GuestName.Should().Be("Ana García");
        result.Entities.Email.Should().Be("ana@example.com");
    }

    [Fact]
    public void Parse_BareEmail_IsInformWithEmail()
    {
        var result = Parse("ana@example.com");

        result.Intent.Should().Be(Intents.Inform);
        result.Entities.Email.Should().Be("ana@example.com");
    }

    [Theory]
    [InlineData("sí", "es")]
    [InlineData("si", "es")]
    [InlineData("sí, confirmo", "es")]
    [InlineData("yes", "en")]
    [InlineData("yes please", "en")]
    [InlineData("sim", "pt")]
    public void Parse_Confirmation_IsAffirm(string text, string language)
    {
        var result = Parse(text);

        result.Intent.Should().Be(Intents.Affirm);
        result.Language.Should().Be(language);
        result.Entities.IsEmpty.Should().BeTrue();
    }

    [Theory]
    [InlineData("no", "es")]
    [InlineData("no, gracias", "es")]
    [InlineData("não", "pt")]
    [InlineData("no thanks", "en")]
    public void Parse_Refusal_IsDeny(string text, string language)
    {
        var result = Parse(text);

        result.Intent.Should().Be(Intents.Deny);
        result.Language.Should().Be(language);
    }

    [Fact]
    public void Parse_BetterDates_IsInformWithDates()
    {
        var result = Parse("mejor del 11 al 13");

        result.Intent.Should().Be(Intents.Inform);
        result.Entities.CheckIn.Should().Be(new DateOnly(2026, 3, 11));
        result.Entities.CheckOut.Should().Be(new DateOnly(2026, 3, 13));
    }
}
