using System.Diagnostics;
using System.Diagnostics.Metrics;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using QRCoder;

namespace HotelAgent.Channels.WhatsApp.Tests.Outbound;

public sealed class WhatsAppChannelTests : IAsyncLifetime
{
    private const string Guest = WhatsAppTestHost.Guest;
    private FakeGraphApi _graph = null!;
    private WhatsAppTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync(WhatsAppTestHost.AccessToken);
        _host = await WhatsAppTestHost.StartAsync(_graph, services: s => s.AddSingleton<IInbox>(new RecordingInbox()));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private IMessageChannel Channel => _host.Services.GetRequiredKeyedService<IMessageChannel>(WhatsAppTestHost.PhoneNumberId);

    private IWhatsAppDeadLetterStore DeadLetters => _host.Services.GetRequiredService<IWhatsAppDeadLetterStore>();

    private static IResult GraphError(int code, int status = 400) =>
        Results.Json(new { error = new { message = "(#" + code + ") error", type = "OAuthException", code, error_subcode = 2494055, fbtrace_id = "AbCdEf" } }, statusCode: status);

    [Fact]
    public void Name_IsWhatsAppAndPhoneNumberId()
    {
        Channel.Name.Should().Be("whatsapp:" + WhatsAppTestHost.PhoneNumberId);
        _host.Services.GetServices<IMessageChannel>().Should().ContainSingle(c => c.Name == Channel.Name);
    }

    [Fact]
    public async Task SendAsync_Text_PostsTextMessageWithBearerToken()
    {
        var result = await Channel.SendAsync(Guest, new OutboundMessage { Text = "Hola" });

        result.ChannelMessageId.Should().StartWith("wamid.out.");
        var sent = _graph.Messages.Should().ContainSingle().Subject;
        sent.Path.Should().Be($"/v21.0/{WhatsAppTestHost.PhoneNumberId}/messages");
        sent.Authorization.Should().Be("Bearer " + WhatsAppTestHost.AccessToken);
        sent.Body.GetProperty("messaging_product").GetString().Should().Be("whatsapp");
        sent.To.Should().Be(Guest);
        sent.Type.Should().Be("text");
        sent.Text.Should().Be("Hola");
    }

    [Fact]
    public async Task MarkAsReadAsync_GuestMessage_PostsReadReceiptWithTypingIndicator()
    {
        var receipts = Channel.Should().BeAssignableTo<IReadReceiptChannel>().Subject;

        await receipts.MarkAsReadAsync(new InboundMessage
        {
            MessageId = "wamid.read.1",
            ChannelName = Channel.Name,
            ConversationId = "whatsapp:" + Guest,
            GuestId = Guest,
            Text = "Hola",
        });

        var receipt = _graph.Requests.Should().ContainSingle(r => r.IsReadReceipt).Subject;
        receipt.Path.Should().Be($"/v21.0/{WhatsAppTestHost.PhoneNumberId}/messages");
        receipt.Body.GetProperty("message_id").GetString().Should().Be("wamid.read.1");
        receipt.Body.GetProperty("typing_indicator").GetProperty("type").GetString().Should().Be("text");
        receipt.Authorization.Should().Be("Bearer " + WhatsAppTestHost.AccessToken);
    }

    [Fact]
    public async Task MarkAsReadAsync_GraphApiFails_DoesNotThrow()
    {
        _graph.Responder = _ => GraphError(100);
        var receipts = (IReadReceiptChannel)Channel;

        var act = () => receipts.MarkAsReadAsync(new InboundMessage
        {
            MessageId = "wamid.read.2",
            ChannelName = Channel.Name,
            ConversationId = "whatsapp:" + Guest,
            GuestId = Guest,
            Text = "Hola",
        });

        await act.Should().NotThrowAsync();
        _graph.Requests.Should().Contain(r => r.IsReadReceipt);
    }

    [Fact]
    public async Task SendAsync_UpToThreeQuickReplies_SendsReplyButtons()
    {
        await Channel.SendAsync(Guest, new OutboundMessage
        {
            Text = "¿Confirmo la reserva?",
            QuickReplies = [new QuickReply("Sí"), new QuickReply("No"), new QuickReply("Cambiar las fechas de la estancia", "change")],
        });

        var interactive = _graph.Messages.Should().ContainSingle().Subject.Body.GetProperty("interactive");
        interactive.GetProperty("type").GetString().Should().Be("button");
        interactive.GetProperty("body").GetProperty("text").GetString().Should().Be("¿Confirmo la reserva?");
        var buttons = interactive.GetProperty("action").GetProperty("buttons").EnumerateArray().Select(b => b.GetProperty("reply")).ToArray();
        buttons.Select(b => b.GetProperty("id").GetString()).Should().Equal("Sí", "No", "change");
        buttons.Select(b => b.GetProperty("title").GetString()!.Length).Should().OnlyContain(l => l <= 20);
        buttons.Should().AllSatisfy(b => b.GetProperty("title").GetString().Should().NotBeNullOrEmpty());
    }

    [Fact]
    public async Task SendAsync_FourToTenQuickReplies_SendsList()
    {
        var rooms = Enumerable.Range(1, 6).Select(i => new QuickReply($"Habitación tipo {i} con vistas al mar", $"room-{i}")).ToArray();

        await Channel.SendAsync(Guest, new OutboundMessage { Text = "Elija una habitación", QuickReplies = rooms });

        var interactive = _graph.Messages.Should().ContainSingle().Subject.Body.GetProperty("interactive");
        interactive.GetProperty("type").GetString().Should().Be("list");
        var action = interactive.GetProperty("action");
        action.GetProperty("button").GetString().Should().Be("Options");
        var rows = action.GetProperty("sections")[0].GetProperty("rows").EnumerateArray().ToArray();
        rows.Select(r => r.GetProperty("id").GetString()).Should().Equal(rooms.Select(r => r.Payload));
        rows.Should().AllSatisfy(r => r.GetProperty("title").GetString()!.Length.Should().BeLessThanOrEqualTo(24));
    }

    [Fact]
    public async Task SendAsync_MoreThanTenQuickReplies_SendsNumberedText()
    {
        var options = Enumerable.Range(1, 12).Select(i => new QuickReply($"Opción {i}")).ToArray();

        await Channel.SendAsync(Guest, new OutboundMessage { Text = "Elija", QuickReplies = options });

        var sent = _graph.Messages.Should().ContainSingle().Subject;
        sent.Type.Should().Be("text");
        sent.Text.Should().StartWith("Elija\n\n1. Opción 1\n2. Opción 2").And.EndWith("12. Opción 12");
    }

    [Fact]
    public async Task SendAsync_Location_SendsTextThenLocation()
    {
        await Channel.SendAsync(Guest, new OutboundMessage
        {
            Text = "Estamos aquí",
            Location = new GeoLocation(40.4168, -3.7038, "Hotel Demo", "Calle Mayor 1, Madrid"),
        });

        var sent = _graph.Messages;
        sent.Select(m => m.Type).Should().Equal("text", "location");
        var location = sent[1].Body.GetProperty("location");
        location.GetProperty("latitude").GetDouble().Should().Be(40.4168);
        location.GetProperty("longitude").GetDouble().Should().Be(-3.7038);
        location.GetProperty("name").GetString().Should().Be("Hotel Demo");
        location.GetProperty("address").GetString().Should().Be("Calle Mayor 1, Madrid");
    }

    [Fact]
    public async Task SendAsync_PairRateLimit_ThrowsTransientWhatsAppApiExceptionAndDeadLetters()
    {
        _graph.Responder = _ => GraphError(WhatsAppErrorCodes.PairRateLimit);
        using var failures = new MetricCollector<long>(_host.Services.GetRequiredService<IMeterFactory>(), "HotelAgent.Channels.WhatsApp", "hotel_agent.whatsapp.messages.failed");

        var act = () => Channel.SendAsync(Guest, new OutboundMessage { Text = "Hola" });

        var thrown = (await act.Should().ThrowAsync<WhatsAppApiException>()).Which;
        thrown.Should().BeAssignableTo<ChannelDeliveryException>();
        thrown.ErrorCode.Should().Be(131056);
        thrown.HttpStatusCode.Should().Be(400);
        thrown.TraceId.Should().Be("AbCdEf");
        thrown.IsTransient.Should().BeTrue();
        thrown.Message.Should().Contain("131056").And.Contain("this number and this guest");
        _graph.Messages.Should().ContainSingle("a 400 is not retried by the HTTP pipeline");
        var letter = (await DeadLetters.ListAsync()).Should().ContainSingle().Subject;
        letter.ErrorCode.Should().Be(131056);
        letter.GuestId.Should().Be(Guest);
        letter.PhoneNumberId.Should().Be(WhatsAppTestHost.PhoneNumberId);
        failures.GetMeasurementSnapshot().Should().ContainSingle()
            .Which.Tags.Should().Contain("hotel_agent.whatsapp.error_code", "131056");
    }

    [Fact]
    public async Task SendAsync_RateLimitHit_IsTransient()
    {
        _graph.Responder = _ => GraphError(WhatsAppErrorCodes.RateLimitHit);

        var thrown = (await FluentActions.Awaiting(() => Channel.SendAsync(Guest, new OutboundMessage { Text = "Hola" })).Should().ThrowAsync<WhatsAppApiException>()).Which;

        thrown.ErrorCode.Should().Be(130429);
        thrown.IsTransient.Should().BeTrue();
    }

    [Fact]
    public async Task SendAsync_TokenExpired_ThrowsNonTransient()
    {
        _graph.Responder = _ => GraphError(WhatsAppErrorCodes.AccessTokenExpired, 401);

        var thrown = (await FluentActions.Awaiting(() => Channel.SendAsync(Guest, new OutboundMessage { Text = "Hola" })).Should().ThrowAsync<WhatsAppApiException>()).Which;

        thrown.ErrorCode.Should().Be(190);
        thrown.IsTransient.Should().BeFalse();
    }

    [Fact]
    public async Task SendAsync_ServerErrorThenSuccess_RetriesAndDelivers()
    {
        var calls = 0;
        _graph.Responder = _ => Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(503) : null;

        var result = await Channel.SendAsync(Guest, new OutboundMessage { Text = "Hola" });

        result.ChannelMessageId.Should().NotBeNull();
        _graph.Messages.Should().HaveCount(2);
        (await DeadLetters.ListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithRetryAfter_WaitsThenRetries()
    {
        var calls = 0;
        _graph.Responder = _ =>
        {
            if (Interlocked.Increment(ref calls) > 1)
            {
                return null;
            }

            return new RetryAfterResult();
        };
        var watch = Stopwatch.StartNew();

        await Channel.SendAsync(Guest, new OutboundMessage { Text = "Hola" });

        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900), "Retry-After: 1 outweighs the 10 ms retry delay");
        _graph.Messages.Should().HaveCount(2);
    }

    [Fact]
    public async Task SendAsync_RetriesExhausted_DeadLettersAndReplayDelivers()
    {
        _graph.Responder = _ => Results.StatusCode(500);

        var thrown = (await FluentActions.Awaiting(() => Channel.SendAsync(Guest, new OutboundMessage { Text = "Su reserva" })).Should().ThrowAsync<WhatsAppApiException>()).Which;

        thrown.HttpStatusCode.Should().Be(500);
        thrown.IsTransient.Should().BeTrue();
        _graph.Messages.Should().HaveCount(3, "one attempt and MaxRetryAttempts = 2 retries");
        var letter = (await DeadLetters.ListAsync()).Should().ContainSingle().Subject;
        letter.IsTransient.Should().BeTrue();
        letter.Message.Text.Should().Be("Su reserva");

        _graph.Responder = null;
        _graph.Clear();
        var replayer = _host.Services.GetRequiredService<IWhatsAppDeadLetterReplayer>();

        (await replayer.ReplayAsync(letter.Id)).Should().BeTrue();

        _graph.Messages.Should().ContainSingle().Which.Text.Should().Be("Su reserva");
        (await DeadLetters.ListAsync()).Should().BeEmpty();
        (await replayer.ReplayAsync(letter.Id)).Should().BeFalse();
    }

    [Fact]
    public async Task SendAsync_QrCardDescribedNotMade_DeadLetterKeepsTheDescription_AndReplayUploadsTheSamePng()
    {
        var card = new OutboundMedia { Kind = MediaKind.Image, QrCodeText = "HA-7K3QX9", ContentType = "image/png", FileName = "booking-HA-7K3QX9.png", Caption = "Código: HA-7K3QX9" };
        _graph.Responder = r => r.IsMessage ? Results.StatusCode(500) : null;

        await FluentActions.Awaiting(() => Channel.SendAsync(Guest, new OutboundMessage { Text = "Reservado: HA-7K3QX9", Media = [card] })).Should().ThrowAsync<WhatsAppApiException>();

        var letter = (await DeadLetters.ListAsync()).Should().ContainSingle().Subject;
        var kept = letter.Message.Media.Should().ContainSingle().Subject;
        (kept.QrCodeText, kept.Content.IsEmpty).Should().Be(("HA-7K3QX9", true), "the dead letter keeps the code, not the picture");
        _graph.Responder = null;
        _graph.Clear();

        (await _host.Services.GetRequiredService<IWhatsAppDeadLetterReplayer>().ReplayAsync(letter.Id)).Should().BeTrue();

        var upload = _graph.Uploads[^1];
        (upload.Type, upload.FileName).Should().Be(("image/png", "booking-HA-7K3QX9.png"));
        upload.Content.Should().Equal(PngByteQRCodeHelper.GetQRCode("HA-7K3QX9", QRCodeGenerator.ECCLevel.M, 8));
        _graph.Messages.Should().Contain(m => m.Type == "image" && m.Body.GetProperty("image").GetProperty("id").GetString() == upload.Id);
        _graph.Messages[^1].Text.Should().Be("Reservado: HA-7K3QX9");
    }

    [Fact]
    public async Task ReplayAsync_FailsAgain_KeepsTheSameDeadLetter()
    {
        _graph.Responder = _ => GraphError(WhatsAppErrorCodes.PairRateLimit);
        await FluentActions.Awaiting(() => Channel.SendAsync(Guest, new OutboundMessage { Text = "Hola" })).Should().ThrowAsync<WhatsAppApiException>();
        var letter = (await DeadLetters.ListAsync()).Single();

        await FluentActions.Awaiting(() => _host.Services.GetRequiredService<IWhatsAppDeadLetterReplayer>().ReplayAsync(letter.Id)).Should().ThrowAsync<WhatsAppApiException>();

        (await DeadLetters.ListAsync()).Should().ContainSingle().Which.Id.Should().Be(letter.Id);
    }

    [Fact]
    public async Task SendAsync_ReEngagementErrorWithoutTemplate_DeadLettersWithClearError()
    {
        _graph.Responder = _ => GraphError(WhatsAppErrorCodes.ReEngagementMessage);

        var thrown = (await FluentActions.Awaiting(() => Channel.SendAsync(Guest, new OutboundMessage { Text = "Hola" })).Should().ThrowAsync<WhatsAppApiException>()).Which;

        thrown.ErrorCode.Should().Be(131047);
        thrown.IsTransient.Should().BeFalse();
        thrown.Message.Should().Contain("OutOfWindowTemplateName");
        (await DeadLetters.ListAsync()).Should().ContainSingle().Which.ErrorCode.Should().Be(131047);
    }

    [Fact]
    public async Task SendAsync_BusinessScopedUserId_UsesRecipient()
    {
        await Channel.SendAsync("US.13491208655302741918", new OutboundMessage { Text = "Hola" });

        var body = _graph.Messages.Should().ContainSingle().Subject.Body;
        body.GetProperty("recipient").GetString().Should().Be("US.13491208655302741918");
        body.TryGetProperty("to", out _).Should().BeFalse();
    }

    private sealed class RetryAfterResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = 429;
            httpContext.Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        }
    }
}

public sealed class CustomerServiceWindowTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(WhatsAppTestHost.Now);
    private FakeGraphApi _graph = null!;
    private WhatsAppTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync(WhatsAppTestHost.AccessToken);
        _host = await WhatsAppTestHost.StartAsync(
            _graph,
            o =>
            {
                o.OutOfWindowTemplateName = "reengage_guest";
                o.OutOfWindowTemplateLanguage = "es";
                o.OutOfWindowTemplateIncludesText = true;
                o.MarkAsRead = false;
            },
            s => s.AddSingleton<IInbox>(new RecordingInbox()),
            _clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private IMessageChannel Channel => _host.Services.GetRequiredKeyedService<IMessageChannel>(WhatsAppTestHost.PhoneNumberId);

    [Fact]
    public async Task SendAsync_WithinTwentyFourHours_SendsFreeForm()
    {
        await _host.SendTextAsync("wamid.window.1", "Hola");
        _clock.Advance(TimeSpan.FromHours(23));

        await Channel.SendAsync(WhatsAppTestHost.Guest, new OutboundMessage { Text = "Respuesta" });

        _graph.Messages.Should().ContainSingle().Which.Type.Should().Be("text");
    }

    [Fact]
    public async Task SendAsync_AfterTwentyFourHours_SendsTemplateOnceThenDeadLetters()
    {
        await _host.SendTextAsync("wamid.window.2", "Hola");
        _clock.Advance(TimeSpan.FromHours(25));

        await Channel.SendAsync(WhatsAppTestHost.Guest, new OutboundMessage { Text = "Su reserva\nestá lista" });
        var second = () => Channel.SendAsync(WhatsAppTestHost.Guest, new OutboundMessage { Text = "Otra respuesta" });

        (await second.Should().ThrowAsync<WhatsAppApiException>()).Which.ErrorCode.Should().Be(131047);
        var template = _graph.Messages.Should().ContainSingle().Subject.Body.GetProperty("template");
        template.GetProperty("name").GetString().Should().Be("reengage_guest");
        template.GetProperty("language").GetProperty("code").GetString().Should().Be("es");
        template.GetProperty("components")[0].GetProperty("parameters")[0].GetProperty("text").GetString().Should().Be("Su reserva está lista");
        (await _host.Services.GetRequiredService<IWhatsAppDeadLetterStore>().ListAsync()).Should().ContainSingle().Which.Message.Text.Should().Be("Otra respuesta");
    }

    [Fact]
    public async Task SendAsync_GuestWritesAgain_ReopensWindowAndReplayDeliversFreeForm()
    {
        await _host.SendTextAsync("wamid.window.3", "Hola");
        _clock.Advance(TimeSpan.FromHours(25));
        await Channel.SendAsync(WhatsAppTestHost.Guest, new OutboundMessage { Text = "Primera" });
        await FluentActions.Awaiting(() => Channel.SendAsync(WhatsAppTestHost.Guest, new OutboundMessage { Text = "Segunda" })).Should().ThrowAsync<WhatsAppApiException>();
        var letter = (await _host.Services.GetRequiredService<IWhatsAppDeadLetterStore>().ListAsync()).Single();

        await _host.SendTextAsync("wamid.window.4", "Sí, dígame");
        (await _host.Services.GetRequiredService<IWhatsAppDeadLetterReplayer>().ReplayAsync(letter.Id)).Should().BeTrue();

        _graph.Messages.Select(m => m.Type).Should().Equal("template", "text");
        _graph.Messages[1].Text.Should().Be("Segunda");
    }

    [Fact]
    public async Task SendAsync_ReEngagementErrorFromGraph_FallsBackToTemplate()
    {
        _graph.Responder = r => r.Type == "text"
            ? Results.Json(new { error = new { message = "Re-engagement message", code = 131047 } }, statusCode: 400)
            : null;

        var result = await Channel.SendAsync("34600111222", new OutboundMessage { Text = "Hola" });

        result.ChannelMessageId.Should().NotBeNull();
        _graph.Messages.Select(m => m.Type).Should().Equal("text", "template");
    }
}
