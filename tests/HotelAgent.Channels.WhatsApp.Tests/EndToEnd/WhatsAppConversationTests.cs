using System.Net;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Channels.WhatsApp.Tests.EndToEnd;

/// <summary>
/// The whole path: signed webhook → inbox → agent → demo PMS → replies through the fake Graph API.
/// </summary>
public sealed class WhatsAppConversationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(WhatsAppTestHost.Now);
    private FakeGraphApi _graph = null!;
    private WhatsAppTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync(WhatsAppTestHost.AccessToken);
        _host = await WhatsAppTestHost.StartAsync(_graph, clock: _clock, secondNumber: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private async Task<GraphRequest> WaitForReplyAsync(string guest, Func<GraphRequest, bool> match)
    {
        await _graph.WaitUntilAsync(() => _graph.Messages.Any(m => m.To == guest && match(m)));
        return _graph.Messages.Last(m => m.To == guest && match(m));
    }

    [Fact]
    public async Task Conversation_GuestBooksAndTapsYes_ReservationIsCreatedAndCodeIsSent()
    {
        const string guest = "34600123456";
        (await _host.SendTextAsync("wamid.booking.1", "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas", guest))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var askName = await WaitForReplyAsync(guest, m => m.Text?.Contains("nombre completo", StringComparison.Ordinal) == true);
        _graph.Messages.Where(m => m.To == guest).Select(m => m.Text).Should().Contain(t => t!.Contains("240,00", StringComparison.Ordinal));

        await _host.SendTextAsync("wamid.booking.2", "Ana García", guest);
        await WaitForReplyAsync(guest, m => m.Text?.Contains("correo electrónico", StringComparison.Ordinal) == true && m != askName);

        await _host.SendTextAsync("wamid.booking.3", "ana.garcia@example.com", guest);
        var confirmation = await WaitForReplyAsync(guest, m => m.Type == "interactive");
        var interactive = confirmation.Body.GetProperty("interactive");
        interactive.GetProperty("type").GetString().Should().Be("button");
        interactive.GetProperty("body").GetProperty("text").GetString().Should().Contain("Ana García").And.Contain("240,00");
        var buttons = interactive.GetProperty("action").GetProperty("buttons").EnumerateArray()
            .Select(b => (Id: b.GetProperty("reply").GetProperty("id").GetString()!, Title: b.GetProperty("reply").GetProperty("title").GetString()!))
            .ToArray();
        buttons.Select(b => b.Title).Should().Equal("Sí", "No");

        var yes = buttons[0];
        (await _host.TapButtonAsync("wamid.booking.4", yes.Id, yes.Title, guest)).StatusCode.Should().Be(HttpStatusCode.OK);
        var booked = await WaitForReplyAsync(guest, m => m.Text?.Contains("HA-", StringComparison.Ordinal) == true);

        var pms = _host.Services.GetRequiredService<IPmsAdapter>();
        var reservation = (await pms.ListReservationsAsync(new ReservationQuery { Email = "ana.garcia@example.com" })).Should().ContainSingle().Subject;
        reservation.CheckIn.Should().Be(new DateOnly(2026, 12, 10));
        reservation.CheckOut.Should().Be(new DateOnly(2026, 12, 12));
        reservation.Adults.Should().Be(2);
        reservation.RoomType.Should().Be("double");
        reservation.Guest.Name.Should().Be("Ana García");
        _graph.Messages.Last(m => m.To == guest).Should().BeSameAs(booked);
        booked.Text.Should().Contain(reservation.Code);
        booked.Path.Should().Be($"/v21.0/{WhatsAppTestHost.PhoneNumberId}/messages");

        // Each guest message was marked read (with the typing indicator) when the agent took it.
        await _graph.WaitUntilAsync(() => _graph.Requests.Count(r => r.IsReadReceipt) >= 4);
        _graph.Requests.Where(r => r.IsReadReceipt).Select(r => r.Body.GetProperty("message_id").GetString())
            .Should().BeEquivalentTo(["wamid.booking.1", "wamid.booking.2", "wamid.booking.3", "wamid.booking.4"]);
    }

    [Fact]
    public async Task Webhook_HundredIdenticalDeliveriesAtOnce_AnsweredOnce()
    {
        const string guest = "34600999888";
        var json = Payload.Load("text.json", "wamid.storm.1", guest, values: ("BODY", "Hola"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => _host.PostWebhookAsync(json)));

        // One delivery takes the message in (200); the others are duplicates (200) or, while the first is still being
        // queued, asked to come back later (503 with Retry-After) so that nothing acknowledged can be lost.
        responses.Should().Contain(r => r.StatusCode == HttpStatusCode.OK);
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK || (r.StatusCode == HttpStatusCode.ServiceUnavailable && r.Headers.RetryAfter != null));
        await WaitForReplyAsync(guest, _ => true);

        // A later message of the same guest is handled after any (wrong) second answer to the first: once its reply
        // is out, every reply to the first message is out too.
        var before = _graph.Messages.Count(m => m.To == guest);
        await _host.SendTextAsync("wamid.storm.2", "¿Tienen parking?", guest);
        await _graph.WaitUntilAsync(() => _graph.Messages.Count(m => m.To == guest) > before);
        var firstBatch = _graph.Messages.Where(m => m.To == guest).Take(before).ToArray();

        firstBatch.Should().NotBeEmpty();
        firstBatch.Select(m => m.RawBody).Should().OnlyHaveUniqueItems("a redelivered message is never answered twice");
        _graph.Requests.Count(r => r.IsReadReceipt && r.Body.GetProperty("message_id").GetString() == "wamid.storm.1").Should().Be(1);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Conversation_GuestWritesToSecondNumber_ReplyLeavesFromThatNumber()
    {
        const string guest = "34600555444";

        await _host.SendTextAsync("wamid.second.1", "Hola", guest, WhatsAppTestHost.SecondPhoneNumberId);
        var reply = await WaitForReplyAsync(guest, _ => true);

        reply.PhoneNumberId.Should().Be(WhatsAppTestHost.SecondPhoneNumberId);
        _graph.Messages.Where(m => m.To == guest).Should().OnlyContain(m => m.PhoneNumberId == WhatsAppTestHost.SecondPhoneNumberId);
    }
}
