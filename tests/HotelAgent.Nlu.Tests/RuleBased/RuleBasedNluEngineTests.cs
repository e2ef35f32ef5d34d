using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Tests.RuleBased;

/// <summary>The entity conventions of issue #3, relative to the reference date 2026-03-11 (a Wednesday).</summary>
public sealed class RuleBasedNluEngineTests
{
    private static NluResult Parse(string text, string? language = null, DateOnly? reference = null) =>
        ConversationTests.Parse(text, language, reference);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Theory]
    [InlineData("del 10 al 12 de diciembre", 2026, 12, 10, 2026, 12, 12)]
    [InlineData("from Dec 10 to Dec 14", 2026, 12, 10, 2026, 12, 14)]
    [InlineData("Jan 10-12", 2027, 1, 10, 2027, 1, 12)]
    [InlineData("24/12 al 26/12", 2026, 12, 24, 2026, 12, 26)]
    [InlineData("del 30 de diciembre al 2 de enero", 2026, 12, 30, 2027, 1, 2)]
    [InlineData("2026-12-10 a 2026-12-12", 2026, 12, 10, 2026, 12, 12)]
    public void Parse_DateRange_SetsCheckInAndCheckOut(string text, int y1, int m1, int d1, int y2, int m2, int d2)
    {
        var e = Parse(text).Entities;

        e.CheckIn.Should().Be(D(y1, m1, d1));
        e.CheckOut.Should().Be(D(y2, m2, d2));
    }

    [Fact]
    public void Parse_DateWithoutYearBeforeReference_CrossesIntoNextYear()
    {
        Parse("el 5 de marzo").Entities.CheckIn.Should().Be(D(2027, 3, 5));
        Parse("el 11 de marzo").Entities.CheckIn.Should().Be(D(2026, 3, 11));
    }

    [Theory]
    [InlineData("15 de abril, 3 noches")]
    [InlineData("April 15th for 3 nights")]
    [InlineData("15 de abril por três noites")]
    public void Parse_StartPlusNights_ComputesCheckOut(string text)
    {
        var e = Parse(text).Entities;

        e.CheckIn.Should().Be(D(2026, 4, 15));
        e.CheckOut.Should().Be(D(2026, 4, 18));
        e.Nights.Should().Be(3);
    }

    [Theory]
    [InlineData("10/12", "es", 2026, 12, 10)]
    [InlineData("10/12", "pt", 2026, 12, 10)]
    [InlineData("10/12", "en", 2026, 10, 12)]
    [InlineData("25/12", "en", 2026, 12, 25)]
    public void Parse_NumericDate_ReadsDayMonthByLanguage(string text, string language, int y, int m, int d)
    {
        Parse(text, language).Entities.CheckIn.Should().Be(D(y, m, d));
    }

    [Theory]
    [InlineData("el viernes", 2026, 3, 13)]
    [InlineData("este sábado", 2026, 3, 14)]
    [InlineData("Friday", 2026, 3, 13)]
    [InlineData("el miércoles", 2026, 3, 18)]
    [InlineData("na sexta-feira", 2026, 3, 13)]
    [InlineData("hoy", 2026, 3, 11)]
    [InlineData("tonight", 2026, 3, 11)]
    [InlineData("esta noche", 2026, 3, 11)]
    [InlineData("mañana", 2026, 3, 12)]
    [InlineData("tmrw", 2026, 3, 12)]
    [InlineData("amanhã", 2026, 3, 12)]
    [InlineData("pasado mañana", 2026, 3, 13)]
    [InlineData("day after tomorrow", 2026, 3, 13)]
    public void Parse_RelativeDay_ResolvesAgainstReference(string text, int y, int m, int d)
    {
        var e = Parse(text).Entities;

        e.CheckIn.Should().Be(D(y, m, d));
        e.CheckOut.Should().BeNull();
    }

    [Fact]
    public void Parse_WeekdayRange_EndsAfterStart()
    {
        var e = Parse("del viernes al lunes").Entities;

        e.CheckIn.Should().Be(D(2026, 3, 13));
        e.CheckOut.Should().Be(D(2026, 3, 16));
    }

    [Theory]
    [InlineData("2 personas", 2, null)]
    [InlineData("4 people", 4, null)]
    [InlineData("somos 3", 3, null)]
    [InlineData("somos tres", 3, null)]
    [InlineData("dos adultos y un niño", 2, 1)]
    [InlineData("2 adults and one kid", 2, 1)]
    [InlineData("2 adults and a baby", 2, 1)]
    [InlineData("dois adultos e duas crianças", 2, 2)]
    [InlineData("2 menores", null, 2)]
    [InlineData("4 personas, 2 niños", 2, 2)]
    public void Parse_People_SplitsAdultsAndChildren(string text, int? adults, int? children)
    {
        var e = Parse(text).Entities;

        e.Adults.Should().Be(adults);
        e.Children.Should().Be(children);
    }

    [Theory]
    [InlineData("una habitación doble", "double")]
    [InlineData("matrimonial", "double")]
    [InlineData("a double room", "double")]
    [InlineData("quarto de casal", "double")]
    [InlineData("individual", "single")]
    [InlineData("single room", "single")]
    [InlineData("familiar", "family")]
    [InlineData("quarto familiar", "family")]
    [InlineData("con dos camas", "twin")]
    [InlineData("la suíte", "suite")]
    [InlineData("habitasion dobel", "double")]
    [InlineData("a dubble room", "double")]
    public void Parse_RoomType_MatchesCatalogueSynonymsAndTypos(string text, string code)
    {
        Parse(text).Entities.RoomType.Should().Be(code);
    }

    [Fact]
    public void Parse_NoCatalogue_HasNoRoomType()
    {
        var result = new RuleBasedNluEngine().Parse(new NluRequest { Text = "una doble", ReferenceDate = TestCatalog.ReferenceDate });

        result.Entities.RoomType.Should().BeNull();
    }

    [Theory]
    [InlineData("quiero reserbar", "make_reservation")]
    [InlineData("I want to bok a room", "make_reservation")]
    [InlineData("cancelar mi resreva", "cancel_reservation")]
    public void Parse_Typos_StillFindIntent(string text, string intent)
    {
        Parse(text).Intent.Should().Be(intent);
    }

    [Theory]
    [InlineData("me llamo Ana García", "Ana García")]
    [InlineData("me llamo ana garcía", "Ana García")]
    [InlineData("soy Ana", "Ana")]
    [InlineData("my name is John Smith", "John Smith")]
    [InlineData("I'm John", "John")]
    [InlineData("meu nome é Ana", "Ana")]
    [InlineData("chamo-me Ana", "Ana")]
    public void Parse_NameCue_SetsGuestName(string text, string name)
    {
        Parse(text).Entities.GuestName.Should().Be(name);
    }

    [Theory]
    [InlineData("I'm looking for a room")]
    [InlineData("soy de Madrid")]
    public void Parse_WeakCueWithoutName_HasNoGuestName(string text)
    {
        Parse(text).Entities.GuestName.Should().BeNull();
    }

    [Theory]
    [InlineData("mi reserva es HA-7K3QX9", "HA-7K3QX9")]
    [InlineData("code ha-7k3qx9 please", "HA-7K3QX9")]
    [InlineData("localizador 48213977", "48213977")]
    [InlineData("booking number AB12345", "AB12345")]
    public void Parse_BookingCode_IsUpperCased(string text, string code)
    {
        Parse(text).Entities.BookingCode.Should().Be(code);
    }

    [Theory]
    [InlineData("mi móvil es +34 612 345 678", "+34612345678")]
    [InlineData("call me on (415) 555-0199 ext", "4155550199")]
    public void Parse_Phone_KeepsDigits(string text, string phone)
    {
        var e = Parse(text).Entities;

        e.Phone.Should().Be(phone);
        e.Adults.Should().BeNull();
        e.CheckIn.Should().BeNull();
    }

    [Theory]
    [InlineData("Buenos días, ¿tienen habitaciones libres?", "es")]
    [InlineData("Good morning, do you have rooms available?", "en")]
    [InlineData("Bom dia, vocês têm quartos disponíveis?", "pt")]
    [InlineData("¿Cuánto cuesta?", "es")]
    [InlineData("Quanto custa?", "pt")]
    [InlineData("How much is it?", "en")]
    [InlineData("Não", "pt")]
    [InlineData("obrigado", "pt")]
    public void Parse_Language_IsDetected(string text, string language)
    {
        Parse(text).Language.Should().Be(language);
    }

    [Fact]
    public void Parse_LanguageHint_OverridesDetection()
    {
        Parse("hotel wifi", "pt").Language.Should().Be("pt");
        Parse("Good morning", "es-ES").Language.Should().Be("es");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("asdf qwer")]
    public void Parse_Nothing_IsOutOfScope(string text)
    {
        var result = Parse(text);

        result.Intent.Should().Be(Intents.OutOfScope);
        result.Confidence.Should().BeInRange(0, 1);
    }

    [Fact]
    public void Parse_VeryLongText_DoesNotThrow()
    {
        var text = string.Concat(Enumerable.Repeat("quiero reservar una habitación doble del 10 al 12 de diciembre ", 60));

        var result = Parse(text);

        result.Intent.Should().Be(Intents.MakeReservation);
    }

    [Fact]
    public void Parse_HighThreshold_DowngradesWeakIntentToOutOfScope()
    {
        // The rules' own confidence; the combined engine's calibrated one is tested in CombinedIntentTests.
        var engine = new RuleBasedNluEngine(new RuleBasedNluOptions { ConfidenceThreshold = 0.99, UseLearnedIntents = false }, Microsoft.Extensions.Logging.Abstractions.NullLogger<RuleBasedNluEngine>.Instance);

        var request = new NluRequest { Text = "hola", ReferenceDate = TestCatalog.ReferenceDate };

        engine.Parse(request).Intent.Should().Be(Intents.OutOfScope);
        new RuleBasedNluEngine().Parse(request).Intent.Should().Be(Intents.Greeting);
    }

    [Fact]
    public async Task ParseAsync_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var act = async () => await new RuleBasedNluEngine().ParseAsync(new NluRequest { Text = "hola", ReferenceDate = TestCatalog.ReferenceDate }, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
