namespace HotelAgent.Tests.Dialogue;

public sealed class AccentFoldingTests
{
    public static TheoryData<string> Texts => new()
    {
        "¿Tenéis habitación doble del 10 al 12 de febrero para 2 personas?",
        "Me llamo Ana García y mi correo es ana@example.com",
        "Quero um quarto duplo, não fumador, à beira-mar; pagamento em dinheiro?",
        "ÁÉÍÓÚ ÀÈÌÒÙ ÂÊÎÔÛ ÃÕÑ ÄËÏÖÜŸ Ç ªº·¡¿ Æ Ø Å ß",
        "Ǆemal Ǉubljana ǈ Ǌ ǅ ĲSSEL ŉ ſ ƒ Ǻ ǿ Ȁ",
        "URGENTE: la ducha no funciona ¡EMERGÊNCIA!",
        "Room 12 – the price is 120 € (tax incl.) ™ ½",
        "e\u0301 combining marks a\u0300 and nothing\u0308",
    };

    [Fact]
    public void TryFold_EveryCharacterItKnows_IsWhatNormalizingGives()
    {
        for (var c = 0; c < 0x10000; c++)
        {
            if (char.IsSurrogate((char)c) || !AccentFolding.TryFold((char)c, out var folded))
            {
                continue;
            }

            var expected = string.Concat(((char)c).ToString().Normalize(System.Text.NormalizationForm.FormD)
                .Where(d => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(d) != System.Globalization.UnicodeCategory.NonSpacingMark));
            (folded == '\0' ? string.Empty : folded.ToString()).Should().Be(expected, "U+{0:X4}", c);
        }

        AccentFolding.TryFold('é', out var e).Should().BeTrue();
        e.Should().Be('e');
        AccentFolding.TryFold('€', out _).Should().BeFalse("beyond the table, the text is normalized whole");
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Words_AreTheWordsOfTheNormalizedText(string text) =>
        DialogueManager.Words(text).Should().Equal(DialogueManager.NormalizedWords(text));

    [Theory]
    [MemberData(nameof(Texts))]
    public void UrgentMessages_FoldAsTheNormalizedText(string text) =>
        UrgentMessages.IsUrgent(text).Should().Be(UrgentMessages.NormalizedFold(text).Split([' ', ':', '!', '¡', ',', '.'], StringSplitOptions.RemoveEmptyEntries).Any(w => w is "urgente" or "emergencia"));
}
