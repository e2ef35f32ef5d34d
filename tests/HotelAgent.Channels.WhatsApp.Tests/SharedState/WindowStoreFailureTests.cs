using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Channels.WhatsApp.Tests.SharedState;

/// <summary>
/// A window store that cannot be read (a shared store failing over) does not cost the guest the reply: it is sent
/// free-form, and nothing is dead-lettered.
/// </summary>
public sealed class WindowStoreFailureTests : IAsyncLifetime
{
    private FakeGraphApi _graph = null!;
    private WhatsAppTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync(WhatsAppTestHost.AccessToken);
        _host = await WhatsAppTestHost.StartAsync(
            _graph,
            services: s =>
            {
                s.AddSingleton<IInbox>(new RecordingInbox());
                s.AddSingleton<IConversationWindowStore>(new UnreadableWindowStore());
            });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_WindowStoreThrows_SendsFreeFormAndDeadLettersNothing()
    {
        var channel = _host.Services.GetRequiredKeyedService<IMessageChannel>(WhatsAppTestHost.PhoneNumberId);

        var result = await channel.SendAsync(WhatsAppTestHost.Guest, new OutboundMessage { Text = "Su reserva está confirmada" });

        result.ChannelMessageId.Should().StartWith("wamid.out.");
        var sent = _graph.Messages.Should().ContainSingle().Subject;
        sent.Type.Should().Be("text");
        sent.Text.Should().Be("Su reserva está confirmada");
        (await _host.Services.GetRequiredService<IWhatsAppDeadLetterStore>().ListAsync()).Should().BeEmpty();
    }

    private sealed class UnreadableWindowStore : IConversationWindowStore
    {
        public ValueTask<ConversationWindow?> GetAsync(string sender, string guestId, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<ConversationWindow?>(new HotelAgentException("Redis is unavailable; try again later."));

        public ValueTask TouchAsync(string sender, string guestId, DateTimeOffset at, TimeSpan keepFor, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new HotelAgentException("Redis is unavailable; try again later."));

        public ValueTask MarkClosedAsync(string sender, string guestId, bool templateSent, TimeSpan keepFor, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new HotelAgentException("Redis is unavailable; try again later."));
    }
}
