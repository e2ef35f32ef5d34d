using System.Net;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Channels.WhatsApp.Tests.Webhooks;

/// <summary>
/// A delivery whose message id is registered but not recorded (another delivery of it is being taken in, or an attempt
/// failed and could not forget the id while its store failed over) is not acknowledged: Meta sends it again, and it is
/// taken in once the id lapses, or ignored once the id is confirmed. Acknowledging it would lose the message.
/// </summary>
public sealed class WebhookPendingDuplicateTests : IAsyncLifetime
{
    private FakeGraphApi _graph = null!;
    private WhatsAppTestHost _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync(WhatsAppTestHost.AccessToken);
        _host = await WhatsAppTestHost.StartAsync(_graph);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task Webhook_IdLeftPendingByAFailedAttempt_Answers503UntilItLapsesThenAnswersTheGuest()
    {
        var deduplicator = _host.Services.GetRequiredService<IMessageDeduplicator>();
        (await deduplicator.TryRegisterAsync(ChannelNames.WhatsApp, "wamid.pending.1", TimeSpan.FromMinutes(1), Token)).Should().BeTrue();

        using var whilePending = await _host.SendTextAsync("wamid.pending.1", "Hola");

        whilePending.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the message is not recorded anywhere yet");
        await Task.Delay(300, Token);
        _graph.Messages.Should().NotContain(m => m.To == WhatsAppTestHost.Guest);

        await deduplicator.ForgetAsync(ChannelNames.WhatsApp, "wamid.pending.1", Token); // as the registration lapsing
        using var redelivery = await _host.SendTextAsync("wamid.pending.1", "Hola");

        redelivery.StatusCode.Should().Be(HttpStatusCode.OK);
        await _graph.WaitUntilAsync(() => _graph.Messages.Any(m => m.To == WhatsAppTestHost.Guest), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Webhook_IdConfirmed_RedeliveryAcknowledgedAndNotAnsweredAgain()
    {
        using var first = await _host.SendTextAsync("wamid.confirmed.1", "Hola");
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        await _graph.WaitUntilAsync(() => _graph.Messages.Any(m => m.To == WhatsAppTestHost.Guest), TimeSpan.FromSeconds(15));
        (await _host.Services.GetRequiredService<IMessageDeduplicator>().IsConfirmedAsync(ChannelNames.WhatsApp, "wamid.confirmed.1", Token)).Should().BeTrue();
        var replies = _graph.Messages.Count(m => m.To == WhatsAppTestHost.Guest);

        using var redelivery = await _host.SendTextAsync("wamid.confirmed.1", "Hola");

        redelivery.StatusCode.Should().Be(HttpStatusCode.OK);
        await Task.Delay(500, Token);
        _graph.Messages.Count(m => m.To == WhatsAppTestHost.Guest).Should().Be(replies);
    }
}
