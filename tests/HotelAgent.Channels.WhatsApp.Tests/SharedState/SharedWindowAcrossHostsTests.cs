using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Channels.WhatsApp.Tests.SharedState;

/// <summary>
/// Two hosts sharing the window and dead-letter stores (as they do through Redis): the host that sends a reply knows
/// the 24-hour window the other host's webhook opened, and a reply dead-lettered on one is replayed from the other.
/// </summary>
public sealed class SharedWindowAcrossHostsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(WhatsAppTestHost.Now);
    private FakeGraphApi _graph = null!;
    private WhatsAppTestHost _hostA = null!;
    private WhatsAppTestHost _hostB = null!;

    public async ValueTask InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync(WhatsAppTestHost.AccessToken);
        var windows = new ConversationWindows(_clock);
        var deadLetters = new InMemoryChannelDeadLetterStore();
        _hostA = await StartAsync(windows, deadLetters);
        _hostB = await StartAsync(windows, deadLetters);
    }

    public async ValueTask DisposeAsync()
    {
        await _hostA.DisposeAsync();
        await _hostB.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_WindowOpenedOnAnotherHost_KnowsItAndDeadLettersAreShared()
    {
        await _hostA.SendTextAsync("wamid.shared.1", "Hola");
        _clock.Advance(TimeSpan.FromHours(23));
        await Channel(_hostB).SendAsync(WhatsAppTestHost.Guest, new OutboundMessage { Text = "Dentro de la ventana" });

        _clock.Advance(TimeSpan.FromHours(2));
        await Channel(_hostB).SendAsync(WhatsAppTestHost.Guest, new OutboundMessage { Text = "Fuera de la ventana" });
        await FluentActions.Awaiting(() => Channel(_hostA).SendAsync(WhatsAppTestHost.Guest, new OutboundMessage { Text = "Tras la plantilla" }))
            .Should().ThrowAsync<WhatsAppApiException>("host B sent the template: host A knows the window is closed and waits");
        var letter = (await _hostB.Services.GetRequiredService<IWhatsAppDeadLetterStore>().ListAsync()).Should().ContainSingle().Subject;

        await _hostB.SendTextAsync("wamid.shared.2", "Sí, dígame");
        (await _hostA.Services.GetRequiredService<IWhatsAppDeadLetterReplayer>().ReplayAsync(letter.Id)).Should().BeTrue();

        _graph.Messages.Select(m => m.Type).Should().Equal("text", "template", "text");
        _graph.Messages[^1].Text.Should().Be("Tras la plantilla");
        (await _hostA.Services.GetRequiredService<IWhatsAppDeadLetterStore>().ListAsync()).Should().BeEmpty();
    }

    private static IMessageChannel Channel(WhatsAppTestHost host) => host.Services.GetRequiredKeyedService<IMessageChannel>(WhatsAppTestHost.PhoneNumberId);

    private Task<WhatsAppTestHost> StartAsync(ConversationWindows windows, InMemoryChannelDeadLetterStore deadLetters) =>
        WhatsAppTestHost.StartAsync(
            _graph,
            o =>
            {
                o.OutOfWindowTemplateName = "reengage_guest";
                o.OutOfWindowTemplateLanguage = "es";
                o.MarkAsRead = false;
            },
            s =>
            {
                s.AddSingleton<IInbox>(new RecordingInbox());
                s.AddSingleton<IConversationWindowStore>(windows);
                s.AddSingleton<IChannelDeadLetterStore>(deadLetters);
            },
            _clock);
}
