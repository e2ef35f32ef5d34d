using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Tests.Dialogue;

public sealed class GuestReplyCatalogTests
{
    private static InboundMessage VoiceNote(string conversation, string? language = null) => new()
    {
        MessageId = Guid.NewGuid().ToString("N"),
        ChannelName = "whatsapp:1",
        ConversationId = conversation,
        GuestId = "34600",
        Language = language,
        Media = [new MediaAttachment { Kind = MediaKind.Audio, ContentType = "audio/ogg", MediaId = "m" }],
    };

    [Fact]
    public async Task GetLanguageAsync_NewConversation_TheDefaultLanguage()
    {
        await using var host = new TestHost(s => s.Configure<HotelAgentOptions>(o => o.DefaultLanguage = "pt"));
        var catalog = host.Provider.GetRequiredService<IReplyCatalog>();

        var language = await catalog.GetLanguageAsync(VoiceNote("whatsapp:1:new"));

        language.Should().Be("pt");
        catalog.Compose(language, GuestReplyKeys.VoiceNoteTooLong).Text.Should().Be("Desculpe, a sua nota de voz é demasiado longa para mim. Pode enviar uma mais curta ou escrever-me?");
    }

    [Fact]
    public async Task GetLanguageAsync_ConversationInEnglish_English()
    {
        await using var host = new TestHost();
        await host.SayAsync("whatsapp:1:34600", "Hello, what time is check-in?");
        var catalog = host.Provider.GetRequiredService<IReplyCatalog>();

        (await catalog.GetLanguageAsync(VoiceNote("whatsapp:1:34600"))).Should().Be("en");
        (await catalog.GetLanguageAsync(VoiceNote("whatsapp:1:34600", "es"))).Should().Be("es", "the message's own language comes first");
    }

    [Fact]
    public async Task GetLanguageAsync_SameConversationIdInTwoProperties_EachPropertysOwnLanguage()
    {
        // One guest (the same channel conversation id) writes in English to the default hotel; the Lisbon property
        // (Portuguese by default) has not heard from them yet.
        await using var host = new TestHost(s => s.AddHotelAgent().AddProperty("lisbon", p => p
            .AddDemoPms(o => o.CatalogPath = "hotel-lisbon.json")
            .Configure(o => o.DefaultLanguage = "pt")));
        await host.SayAsync("whatsapp:1:34600", "Hello, what time is check-in?");
        var catalog = host.Provider.GetRequiredService<IReplyCatalog>();

        (await catalog.GetLanguageAsync(VoiceNote("whatsapp:1:34600"))).Should().Be("en", "the default property's conversation is in English");
        (await catalog.GetLanguageAsync(VoiceNote("whatsapp:1:34600") with { Property = "lisbon" }))
            .Should().Be("pt", "Lisbon's conversation of that id is another one, and Lisbon's default language is Portuguese");

        // Now the guest writes to Lisbon in Spanish: Lisbon's conversation is Spanish, the default one still English.
        await host.Agent.HandleAsync(VoiceNote("whatsapp:1:34600") with { Property = "lisbon", Media = [], Text = "Hola, ¿a qué hora es el check-in?" }, TestContext.Current.CancellationToken);
        (await catalog.GetLanguageAsync(VoiceNote("whatsapp:1:34600") with { Property = "lisbon" })).Should().Be("es");
        (await catalog.GetLanguageAsync(VoiceNote("whatsapp:1:34600"))).Should().Be("en");
        (await catalog.GetLanguageAsync(VoiceNote("whatsapp:1:34600") with { Property = "porto" }))
            .Should().Be("es", "a property the host does not serve reads no conversation: the host's default language");
    }

    [Fact]
    public async Task Compose_ReplacedUnderReplies_TheReplacementInThatLanguageOnly()
    {
        await using var host = new TestHost(s => s.Configure<HotelAgentOptions>(o => o.Replies[GuestReplyKeys.VoiceNoteNotHeard] = new() { ["en"] = "Pardon? Please type it." }));
        var catalog = host.Provider.GetRequiredService<IReplyCatalog>();

        catalog.Compose("en", GuestReplyKeys.VoiceNoteNotHeard).Text.Should().Be("Pardon? Please type it.");
        catalog.Compose("es", GuestReplyKeys.VoiceNoteNotHeard).Text.Should().Be("Lo siento, no he podido escuchar su nota de voz. ¿Podría escribírmelo?");
        var unknown = () => catalog.Compose("en", "no_such_reply");
        unknown.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Validate_VoiceNoteKeys_AreReplyKeysInEveryLanguage()
    {
        foreach (var key in new[] { GuestReplyKeys.VoiceNoteTooLong, GuestReplyKeys.VoiceNoteTooLarge, GuestReplyKeys.VoiceNoteNotHeard, GuestReplyKeys.VoiceNoteUnsupported, GuestReplyKeys.VoiceNoteUnavailable })
        {
            ReplyTexts.IsKey(key).Should().BeTrue(key);
            ReplyTexts.LanguageCount(key).Should().Be(3, key);
        }
    }
}
