using System.Net;
using System.Text;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Channels.WhatsApp.Tests.Webhooks;

public sealed class WhatsAppWebhookHandlerTests : IAsyncLifetime
{
    private readonly RecordingInbox _inbox = new();
    private FakeGraphApi _graph = null!;
    private WhatsAppTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync(WhatsAppTestHost.AccessToken);
        _host = await WhatsAppTestHost.StartAsync(_graph, services: s => s.AddSingleton<IInbox>(_inbox));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task Get_VerifyTokenMatches_EchoesChallenge()
    {
        using var response = await _host.Client.GetAsync($"/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={WhatsAppTestHost.VerifyToken}&hub.challenge=1158201444");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("1158201444");
    }

    [Fact]
    public async Task Get_WrongVerifyToken_Returns403()
    {
        using var response = await _host.Client.GetAsync("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("1158201444");
    }

    [Fact]
    public async Task Get_ModeIsNotSubscribe_Returns400()
    {
        using var response = await _host.Client.GetAsync($"/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token={WhatsAppTestHost.VerifyToken}&hub.challenge=1");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_MissingSignature_Returns401AndQueuesNothing()
    {
        using var response = await _host.PostWebhookAsync(Payload.Load("text.json", "wamid.nosig", values: ("BODY", "Hola")), signature: null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        _inbox.Messages.Should().BeEmpty();
    }

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha256=not-hex")]
    [InlineData("sha1=abc")]
    public async Task Post_BadSignature_Returns401AndQueuesNothing(string signature)
    {
        using var response = await _host.PostWebhookAsync(Payload.Load("text.json", "wamid.badsig", values: ("BODY", "Hola")), signature);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        _inbox.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Post_SignedWithAnotherSecret_Returns401()
    {
        var json = Payload.Load("text.json", "wamid.othersecret", values: ("BODY", "Hola"));

        using var response = await _host.PostWebhookAsync(json, WhatsAppTestHost.Sign(Encoding.UTF8.GetBytes(json), "another-secret"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        _inbox.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Post_BodyTamperedAfterSigning_Returns401()
    {
        var json = Payload.Load("text.json", "wamid.tampered", values: ("BODY", "Hola"));
        var signature = WhatsAppTestHost.Sign(Encoding.UTF8.GetBytes(json));

        using var response = await _host.PostWebhookAsync(json.Replace("Hola", "Hols", StringComparison.Ordinal), signature);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_BodyOverOneMegabyte_Returns413()
    {
        var json = Payload.Load("text.json", "wamid.big", values: ("BODY", new string('a', 1024 * 1024)));

        using var response = await _host.PostWebhookAsync(json);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        _inbox.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Post_MalformedJsonWithValidSignature_Returns400()
    {
        using var response = await _host.PostWebhookAsync("{\"object\": \"whatsapp_business_account\", \"entry\": [");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_Text_QueuesMessageKeyedOnSender()
    {
        using var response = await _host.SendTextAsync("wamid.text.1", "Hola, ¿tienen habitaciones?");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var message = _inbox.Messages.Should().ContainSingle().Subject;
        message.MessageId.Should().Be("wamid.text.1");
        message.ChannelName.Should().Be($"whatsapp:{WhatsAppTestHost.PhoneNumberId}");
        message.ConversationId.Should().Be($"whatsapp:{WhatsAppTestHost.PhoneNumberId}:{WhatsAppTestHost.Guest}");
        message.GuestId.Should().Be(WhatsAppTestHost.Guest);
        message.Text.Should().Be("Hola, ¿tienen habitaciones?");
    }

    [Fact]
    public async Task Post_Text_LeavesTheReadReceiptToTheAgent()
    {
        using var response = await _host.SendTextAsync("wamid.read.1", "Hola");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _inbox.Messages.Should().ContainSingle();

        // The receipt is sent when the inbox processor hands the message to the agent (none runs in this host), so
        // that the webhook does no outbound call and a message waiting in a backlog is not shown as read.
        await Task.Delay(300);
        _graph.Requests.Should().NotContain(r => r.IsReadReceipt);
    }

    [Fact]
    public async Task Post_ButtonReply_QueuesInteractiveReply()
    {
        using var response = await _host.TapButtonAsync("wamid.button.1", "Sí", "Sí");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var message = _inbox.Messages.Should().ContainSingle().Subject;
        message.Interactive.Should().Be(new InteractiveReply("Sí", "Sí"));
        message.Text.Should().Be("Sí");
    }

    [Fact]
    public async Task Post_ListReply_QueuesInteractiveReply()
    {
        using var response = await _host.PostWebhookAsync(Payload.Load("interactive-list-reply.json", "wamid.list.1"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _inbox.Messages.Should().ContainSingle().Which.Interactive.Should().Be(new InteractiveReply("suite", "Suite"));
    }

    [Fact]
    public async Task Post_VoiceNote_DownloadsAudioIntoMessage()
    {
        var voice = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        _graph.Media["1003383421387256"] = (voice, "audio/ogg; codecs=opus");

        using var response = await _host.PostWebhookAsync(Payload.Load("audio.json", "wamid.audio.1", values: ("MEDIA_ID", "1003383421387256")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var media = _inbox.Messages.Should().ContainSingle().Which.Media.Should().ContainSingle().Subject;
        media.Kind.Should().Be(MediaKind.Audio);
        media.ContentType.Should().Be("audio/ogg; codecs=opus");
        media.MediaId.Should().Be("1003383421387256");
        media.Content.ToArray().Should().Equal(voice);
        _graph.Requests.Should().Contain(r => r.Path == $"/v21.0/1003383421387256")
            .And.Contain(r => r.Path == "/download/1003383421387256" && r.Authorization == "Bearer " + WhatsAppTestHost.AccessToken);
    }

    [Fact]
    public async Task Post_ImageWithCaption_QueuesCaptionAsTextAndBytes()
    {
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 };
        _graph.Media["1479537139650973"] = (jpeg, "image/jpeg");

        using var response = await _host.PostWebhookAsync(Payload.Load("image.json", "wamid.image.1", values: ("MEDIA_ID", "1479537139650973")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var message = _inbox.Messages.Should().ContainSingle().Subject;
        message.Text.Should().Be("¿Tienen una habitación como esta?");
        var media = message.Media.Should().ContainSingle().Subject;
        media.Kind.Should().Be(MediaKind.Image);
        media.Caption.Should().Be("¿Tienen una habitación como esta?");
        media.Content.ToArray().Should().Equal(jpeg);
    }

    [Fact]
    public async Task Post_MediaAboveLimit_QueuesMessageWithoutBytes()
    {
        await using var graph = await FakeGraphApi.StartAsync(WhatsAppTestHost.AccessToken);
        var inbox = new RecordingInbox();
        await using var host = await WhatsAppTestHost.StartAsync(graph, o => o.MaxMediaBytes = 100, s => s.AddSingleton<IInbox>(inbox));
        graph.Media["big"] = (new byte[101], "audio/ogg");

        using var response = await host.PostWebhookAsync(Payload.Load("audio.json", "wamid.audio.big", values: ("MEDIA_ID", "big")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var media = inbox.Messages.Should().ContainSingle().Which.Media.Should().ContainSingle().Subject;
        media.MediaId.Should().Be("big");
        media.Content.IsEmpty.Should().BeTrue();
        graph.Requests.Should().NotContain(r => r.Path == "/download/big");
    }

    [Fact]
    public async Task Post_MediaUnknownToGraph_QueuesMessageWithoutBytes()
    {
        using var response = await _host.PostWebhookAsync(Payload.Load("audio.json", "wamid.audio.missing", values: ("MEDIA_ID", "missing")));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _inbox.Messages.Should().ContainSingle().Which.Media.Should().ContainSingle().Which.Content.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public async Task Post_Location_QueuesLocation()
    {
        using var response = await _host.PostWebhookAsync(Payload.Load("location.json", "wamid.location.1"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _inbox.Messages.Should().ContainSingle().Which.Location.Should()
            .Be(new GeoLocation(37.483307, -122.148981, "Main Street Beach", "1 Hacker Way, Menlo Park, CA 94025"));
    }

    [Fact]
    public async Task Post_Statuses_AcknowledgedAndNothingQueued()
    {
        using var response = await _host.PostWebhookAsync(Payload.Load("statuses.json", "unused"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _inbox.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Post_SeveralMessagesInOneEntry_QueuesEachOneWithItsSender()
    {
        using var response = await _host.PostWebhookAsync(Payload.Load("several-messages.json", "unused"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _inbox.Messages.Select(m => (m.MessageId, m.GuestId, m.Text)).Should().Equal(
            ("wamid.several.1", "16505551234", "Hello"),
            ("wamid.several.2", "34600111222", "Hola"),
            ("wamid.several.3", "16505551234", null),
            ("wamid.several.4", "16505551234", "Is breakfast included?"));
        var sticker = _inbox.Messages[2].Media.Should().ContainSingle().Subject;
        sticker.Kind.Should().Be(MediaKind.Other, "the agent answers a sticker by asking the guest to write");
        sticker.ContentType.Should().Be("image/webp");
    }

    [Fact]
    public async Task Post_ReactionAndUnsupportedType_ReactionIsNotQueuedTheOtherIs()
    {
        using var response = await _host.PostWebhookAsync(Payload.Load("unsupported.json", "wamid.unsupported"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var queued = _inbox.Messages.Should().ContainSingle().Subject;
        queued.MessageId.Should().Be("wamid.unsupported.2");
        queued.Media.Should().ContainSingle().Which.ContentType.Should().Be("application/vnd.whatsapp.unsupported");
    }

    [Fact]
    public async Task Post_SenderWithoutPhoneNumber_KeysOnBusinessScopedUserId()
    {
        using var response = await _host.PostWebhookAsync(Payload.Load("bsuid-text.json", "wamid.bsuid.1"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var message = _inbox.Messages.Should().ContainSingle().Subject;
        message.GuestId.Should().Be("US.13491208655302741918");
        message.ConversationId.Should().EndWith(":US.13491208655302741918");
    }

    [Fact]
    public async Task Post_Redelivered_QueuedOnce()
    {
        (await _host.SendTextAsync("wamid.again", "Hola")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _host.SendTextAsync("wamid.again", "Hola")).StatusCode.Should().Be(HttpStatusCode.OK);

        _inbox.Messages.Should().ContainSingle();
    }

    [Fact]
    public async Task Post_UnknownPhoneNumberId_AcknowledgedAndNothingQueued()
    {
        using var response = await _host.SendTextAsync("wamid.elsewhere", "Hola", phoneNumberId: "999");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _inbox.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Post_OtherObject_Acknowledged()
    {
        using var response = await _host.PostWebhookAsync("{\"object\":\"page\",\"entry\":[]}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_InboxRefuses_Returns503AndRedeliveryIsTakenIn()
    {
        _inbox.EnqueueCallback = (_, _) => throw new InvalidOperationException("inbox down");
        using (var refused = await _host.SendTextAsync("wamid.retry", "Hola"))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        }

        _inbox.EnqueueCallback = null;
        using var redelivered = await _host.SendTextAsync("wamid.retry", "Hola");

        redelivered.StatusCode.Should().Be(HttpStatusCode.OK);
        _inbox.Messages.Should().ContainSingle().Which.MessageId.Should().Be("wamid.retry");
    }

    [Fact]
    public async Task Post_InboxStaysFull_Returns503AfterTheEnqueueTimeoutAndRedeliveryIsTakenIn()
    {
        var inbox = new RecordingInbox();
        await using var host = await WhatsAppTestHost.StartAsync(_graph, o => o.EnqueueTimeout = TimeSpan.FromMilliseconds(300), s => s.AddSingleton<IInbox>(inbox));
        var waited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        inbox.EnqueueCallback = async (_, cancellationToken) =>
        {
            // A full inbox: the enqueue waits for room until it is cancelled.
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                waited.TrySetResult(cancellationToken.IsCancellationRequested);
            }
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var refused = await host.SendTextAsync("wamid.full", "Hola"))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        }

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)).And.BeLessThan(TimeSpan.FromSeconds(10));
        (await waited.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Should().BeTrue("the waiting enqueue was cancelled, not left behind");
        inbox.Messages.Should().BeEmpty();

        inbox.EnqueueCallback = null;
        using var redelivered = await host.SendTextAsync("wamid.full", "Hola");

        redelivered.StatusCode.Should().Be(HttpStatusCode.OK, "the refused delivery's id was forgotten");
        inbox.Messages.Should().ContainSingle().Which.MessageId.Should().Be("wamid.full");
    }

    [Fact]
    public async Task Post_InboxWithRoom_QueuesAtOnceWithATokenThatIsNotCancelled()
    {
        CancellationToken seen = default;
        _inbox.EnqueueCallback = (_, cancellationToken) =>
        {
            seen = cancellationToken;
            return ValueTask.CompletedTask;
        };

        using var response = await _host.SendTextAsync("wamid.room", "Hola");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        seen.CanBeCanceled.Should().BeTrue("the request's abort reaches the enqueue");
        seen.IsCancellationRequested.Should().BeFalse();
        _inbox.Messages.Should().ContainSingle().Which.MessageId.Should().Be("wamid.room");
    }
}
