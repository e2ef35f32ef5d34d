using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// The WhatsApp webhook, mapped by <c>MapHotelAgent()</c> at <c>GET</c>/<c>POST webhooks/whatsapp</c>.
/// </summary>
/// <remarks>
/// <para><c>GET</c> answers Meta's verification (<c>hub.mode=subscribe</c>, <c>hub.verify_token</c>, echo <c>hub.challenge</c>).</para>
/// <para><c>POST</c> checks the signature on the raw body first (401, nothing read otherwise), then parses tolerantly
/// (400 for malformed JSON), reads each message on its own (a malformed one is skipped and counted, the others taken
/// in), drops redelivered message ids, downloads media within a short budget, queues each new message in the
/// <see cref="IInbox"/> and answers 200. When deduplication or queueing fails (Redis is down), the message ids are
/// forgotten and the answer is 503 (with <c>Retry-After</c>) so that Meta redelivers.</para>
/// </remarks>
internal sealed class WhatsAppWebhookHandler(
    WhatsAppNumbers numbers,
    IMessageDeduplicator deduplicator,
    IInbox inbox,
    IConversationWindowStore windows,
    WhatsAppMetrics metrics,
    TimeProvider timeProvider,
    ILogger<WhatsAppWebhookHandler> logger) : IWebhookHandler
{
    public const string WhatsAppObject = "whatsapp_business_account";

    public string Name => ChannelNames.WhatsApp;

    public int MaxBodyBytes => WhatsAppDefaults.MaxWebhookBodyBytes;

    public Task<WebhookResponse> HandleAsync(WebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return ReceiveAsync(request, cancellationToken);
        }

        return Task.FromResult(string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase) ? Verify(request) : new WebhookResponse(405));
    }

    private WebhookResponse Verify(WebhookRequest request)
    {
        request.Query.TryGetValue("hub.mode", out var mode);
        request.Query.TryGetValue("hub.verify_token", out var token);
        request.Query.TryGetValue("hub.challenge", out var challenge);
        if (mode != "subscribe" || string.IsNullOrEmpty(challenge))
        {
            Log.VerificationAnswered(logger, "bad request");
            return new WebhookResponse(400, "Expected hub.mode=subscribe and hub.challenge.");
        }

        var matched = false;
        foreach (var number in numbers.All)
        {
            matched |= WebhookSignature.SecretEquals(token, number.Options.VerifyToken);
        }

        if (!matched)
        {
            Log.VerificationAnswered(logger, "wrong verify token");
            metrics.WebhooksRejected.Add(1, new KeyValuePair<string, object?>(WhatsAppTags.Reason, "verify_token"));
            return new WebhookResponse(403, "Wrong verify token.");
        }

        Log.VerificationAnswered(logger, "verified");
        return new WebhookResponse(200, challenge);
    }

    private async Task<WebhookResponse> ReceiveAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        request.Headers.TryGetValue(WebhookSignature.HeaderName, out var header);
        var signer = WebhookSignature.FindSigner(header, request.Body.Span, numbers.AppSecrets, numbers.AppSecretKeys);
        if (signer is null)
        {
            Log.SignatureRejected(logger, header is null ? "missing X-Hub-Signature-256" : "bad X-Hub-Signature-256");
            metrics.WebhooksRejected.Add(1, new KeyValuePair<string, object?>(WhatsAppTags.Reason, "signature"));
            return new WebhookResponse(401, "Invalid signature.");
        }

        WebhookPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(request.Body.Span, WhatsAppJsonContext.Default.WebhookPayload);
        }
        catch (JsonException ex)
        {
            Log.MalformedPayload(logger, ex);
            metrics.WebhooksRejected.Add(1, new KeyValuePair<string, object?>(WhatsAppTags.Reason, "malformed"));
            return new WebhookResponse(400, "Malformed JSON.");
        }

        if (payload?.Object != WhatsAppObject)
        {
            Log.IgnoredChange(logger, payload?.Object ?? "(none)");
            return new WebhookResponse(200, "ignored");
        }

        foreach (var entry in payload.Entry ?? [])
        {
            foreach (var change in entry?.Changes ?? [])
            {
                if (change?.Field != "messages" || change.Value is not { } value)
                {
                    Log.IgnoredChange(logger, change?.Field ?? "(none)");
                    continue;
                }

                var channel = numbers.Find(value.Metadata?.PhoneNumberId);
                if (channel is null || !string.Equals(channel.Options.AppSecret, signer, StringComparison.Ordinal))
                {
                    // Unknown here, or a number of another Meta app than the one that signed the body.
                    Log.UnknownPhoneNumber(logger, value.Metadata?.PhoneNumberId ?? "(none)");
                    continue;
                }

                HandleStatuses(Read(value.Statuses, channel), channel);
                if (Read(value.Messages, channel) is { Count: > 0 } messages
                    && !await TakeInAsync(messages, value.Contacts, channel, cancellationToken).ConfigureAwait(false))
                {
                    return new WebhookResponse(503, "Try again later.");
                }
            }
        }

        return new WebhookResponse(200, "ok");
    }

    /// <summary>The elements read on their own: a malformed one (a number where text belongs, say) is logged, counted and skipped.</summary>
    private List<T> Read<T>(EachOnItsOwn<T>? elements, WhatsAppChannel channel)
        where T : class
    {
        if (elements is null)
        {
            return [];
        }

        foreach (var (index, error) in elements.Errors ?? [])
        {
            Log.MalformedMessage(logger, index, error);
            metrics.MessagesSkipped.Add(1, new KeyValuePair<string, object?>(WhatsAppTags.PhoneNumberId, channel.PhoneNumberId));
        }

        return elements.Items;
    }

    private void HandleStatuses(List<WebhookStatus> statuses, WhatsAppChannel channel)
    {
        foreach (var status in statuses)
        {
            if (status?.Id is null)
            {
                continue;
            }

            Log.StatusReceived(logger, status.Id, status.Status ?? "(none)");
            if (status.Status == "failed")
            {
                foreach (var error in status.Errors ?? [])
                {
                    Log.StatusFailed(logger, status.Id, error?.Code ?? 0, error?.Title);
                    metrics.DeliveryFailures.Add(
                        1,
                        new KeyValuePair<string, object?>(WhatsAppTags.PhoneNumberId, channel.PhoneNumberId),
                        new KeyValuePair<string, object?>(WhatsAppTags.ErrorCode, (error?.Code ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
        }
    }

    /// <summary>Takes in the messages of one change; returns <see langword="false"/> when one could not be queued.</summary>
    private async Task<bool> TakeInAsync(List<WebhookMessage> messages, List<WebhookContact>? contacts, WhatsAppChannel channel, CancellationToken cancellationToken)
    {
        var accepted = new List<(WebhookMessage Message, string GuestId)>();
        foreach (var message in messages)
        {
            if (message?.Id is not { Length: > 0 } id)
            {
                continue;
            }

            var type = message.Type ?? "(none)";
            if (!IsSupported(message))
            {
                Log.UnsupportedMessageType(logger, id, type);
                continue;
            }

            if (GuestIdOf(message, contacts) is not { } guestId)
            {
                Log.MissingSender(logger, id);
                continue;
            }

            var pending = channel.Options.DeduplicationPendingTime < channel.Options.DeduplicationWindow ? channel.Options.DeduplicationPendingTime : channel.Options.DeduplicationWindow;
            bool registered;
            try
            {
                registered = await deduplicator.TryRegisterAsync(ChannelNames.WhatsApp, id, pending, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The deduplicator's store is down: take nothing, so that Meta's redelivery takes all of them in.
                NotQueued(id, ex);
                await ForgetAsync(accepted.Select(a => a.Message.Id!)).ConfigureAwait(false);
                return false;
            }

            if (!registered)
            {
                bool confirmed;
                try
                {
                    confirmed = await deduplicator.IsConfirmedAsync(ChannelNames.WhatsApp, id, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    NotQueued(id, ex);
                    await ForgetAsync(accepted.Select(a => a.Message.Id!)).ConfigureAwait(false);
                    return false;
                }

                if (!confirmed)
                {
                    // Registered but not (yet) recorded: another delivery is being taken in, or one failed and could not
                    // forget the id while its store failed over. Not acknowledged, so that Meta delivers it again, and
                    // it is taken in once the registration is confirmed (a duplicate) or lapses (taken in).
                    Log.DuplicateNotYetRecorded(logger, id);
                    await ForgetAsync(accepted.Select(a => a.Message.Id!)).ConfigureAwait(false);
                    return false;
                }

                Log.DuplicateMessage(logger, id);
                metrics.Duplicates.Add(1, new KeyValuePair<string, object?>(WhatsAppTags.PhoneNumberId, channel.PhoneNumberId));
                continue;
            }

            accepted.Add((message, guestId));
        }

        if (accepted.Count == 0)
        {
            return true;
        }

        var media = await DownloadMediaAsync(accepted, channel, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < accepted.Count; i++)
        {
            var (message, guestId) = accepted[i];
            var inbound = ToInbound(message, guestId, channel, media);

            try
            {
                // The guest wrote: the 24-hour window opens before the agent can answer (on every host, with a shared store).
                await windows.TouchAsync(channel.PhoneNumberId, guestId, timeProvider.GetUtcNow(), ConversationWindows.Forget, cancellationToken).ConfigureAwait(false);
                await EnqueueAsync(inbound, channel.Options.EnqueueTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                NotQueued(inbound.MessageId, ex);

                // Forget this one and the ones after it, so that Meta's redelivery takes them in.
                await ForgetAsync(accepted.Skip(i).Select(a => a.Message.Id!)).ConfigureAwait(false);
                return false;
            }

            try
            {
                // Recorded: remember the id for the whole window.
                await deduplicator.ConfirmAsync(ChannelNames.WhatsApp, inbound.MessageId, channel.Options.DeduplicationWindow, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The message is safely queued; a lapsed registration only lets a redelivery in, which the agent
                // recognises as handled.
                Log.DeduplicationNotConfirmed(logger, inbound.MessageId, ex);
            }

            metrics.MessagesReceived.Add(
                1,
                new KeyValuePair<string, object?>(WhatsAppTags.PhoneNumberId, channel.PhoneNumberId),
                new KeyValuePair<string, object?>(WhatsAppTags.MessageType, message.Type));
            Log.MessageTakenIn(logger, inbound.MessageId, message.Type!, channel.PhoneNumberId);
            if (logger.IsEnabled(LogLevel.Trace))
            {
                Log.MessageContent(logger, inbound.MessageId, guestId, inbound.Text);
            }
        }

        return true;
    }

    /// <summary>
    /// Queues a message, giving up after <paramref name="timeout"/> when the inbox makes it wait (full, or its store
    /// slow). The clock starts only then: an inbox with room takes the message at once, without a timer per message.
    /// </summary>
    private async ValueTask EnqueueAsync(InboundMessage inbound, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var enqueue = inbox.EnqueueAsync(inbound, cancellation.Token);
        if (enqueue.IsCompleted)
        {
            await enqueue.ConfigureAwait(false);
            return;
        }

        var timer = timeProvider.CreateTimer(static state => CancelQuietly((CancellationTokenSource)state!), cancellation, timeout, Timeout.InfiniteTimeSpan);
        await using (timer.ConfigureAwait(false))
        {
            await enqueue.ConfigureAwait(false);
        }
    }

    /// <summary>Cancels from the timer's thread; the source may be disposed already when the enqueue finished meanwhile.</summary>
    private static void CancelQuietly(CancellationTokenSource cancellation)
    {
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>A backend outage is logged once by its store (Debug here); anything else is worth a warning.</summary>
    private void NotQueued(string messageId, Exception exception)
    {
        if (exception is HotelAgentException { IsTransient: true })
        {
            Log.EnqueueDeferred(logger, messageId, exception.Message);
        }
        else
        {
            Log.EnqueueFailed(logger, messageId, exception);
        }
    }

    /// <summary>Forgets message ids, best effort: with the store down they lapse after the pending time anyway.</summary>
    private async Task ForgetAsync(IEnumerable<string> messageIds)
    {
        foreach (var id in messageIds)
        {
            try
            {
                await deduplicator.ForgetAsync(ChannelNames.WhatsApp, id, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.DeduplicationNotConfirmed(logger, id, ex);
            }
        }
    }

    /// <summary>
    /// Whether a message is answered. Every kind a guest sends is, those the agent cannot read (a sticker, a video, a
    /// contact card, a type Meta adds later) with a request to write; only reactions and system notices are not, and
    /// messages missing what their type needs (a text without a body).
    /// </summary>
    private static bool IsSupported(WebhookMessage message) => message.Type switch
    {
        "text" => message.Text?.Body is not null,
        "interactive" => (message.Interactive?.ButtonReply ?? message.Interactive?.ListReply)?.Id is not null,
        "button" => (message.Button?.Payload ?? message.Button?.Text) is not null,
        "audio" => message.Audio?.Id is not null,
        "image" => message.Image?.Id is not null,
        "document" => message.Document?.Id is not null,
        "location" => message.Location is { Latitude: not null, Longitude: not null },
        "reaction" or "system" or null => false,
        _ => true,
    };

    /// <summary>The guest's id: the phone number (<c>wa_id</c>) when present, else the business-scoped user id.</summary>
    private static string? GuestIdOf(WebhookMessage message, List<WebhookContact>? contacts)
    {
        if (!string.IsNullOrWhiteSpace(message.From))
        {
            return message.From;
        }

        if (!string.IsNullOrWhiteSpace(message.FromUserId))
        {
            return message.FromUserId;
        }

        // Several messages of one change come from the contact(s) listed with them; with one contact it is the sender.
        return contacts is [var only] ? (only?.WaId ?? only?.UserId) : null;
    }

    private static WebhookMedia? MediaOf(WebhookMessage message) => message.Type switch
    {
        "audio" => message.Audio,
        "image" => message.Image,
        "document" => message.Document,
        _ => null,
    };

    /// <summary>Downloads the media of the accepted messages; <see langword="null"/> when there is none to download.</summary>
    private async Task<Dictionary<string, (byte[] Content, string? MimeType)>?> DownloadMediaAsync(
        List<(WebhookMessage Message, string GuestId)> accepted, WhatsAppChannel channel, CancellationToken cancellationToken)
    {
        if (!channel.Options.DownloadMedia || !accepted.Exists(a => MediaOf(a.Message)?.Id is not null))
        {
            return null;
        }

        var result = new Dictionary<string, (byte[], string?)>(StringComparer.Ordinal);
        var ids = accepted.Select(a => MediaOf(a.Message)).Where(m => m?.Id is not null).Select(m => m!.Id!).Distinct(StringComparer.Ordinal).ToArray();

        using var budget = new CancellationTokenSource(channel.Options.MediaDownloadTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, cancellationToken);
        var downloads = ids.Select(async id =>
        {
            try
            {
                var media = await channel.DownloadMediaAsync(id, linked.Token).ConfigureAwait(false);
                Log.MediaDownloaded(logger, id, media.Content.Length);
                return (id, media: ((byte[], string?)?)media);
            }
            catch (Exception ex) when (ex is WhatsAppApiException or InvalidDataException or OperationCanceledException or HttpRequestException)
            {
                Log.MediaNotDownloaded(logger, id, ex is OperationCanceledException ? "the download took too long" : ex.Message);
                return (id, media: ((byte[], string?)?)null);
            }
        });
        foreach (var (id, media) in await Task.WhenAll(downloads).ConfigureAwait(false))
        {
            if (media is { } downloaded)
            {
                result[id] = downloaded;
            }
        }

        return result;
    }

    private InboundMessage ToInbound(WebhookMessage message, string guestId, WhatsAppChannel channel, Dictionary<string, (byte[] Content, string? MimeType)>? downloads)
    {
        string? text = null;
        InteractiveReply? interactive = null;
        GeoLocation? location = null;
        MediaAttachment? media = null;
        switch (message.Type)
        {
            case "text":
                text = message.Text!.Body;
                break;
            case "interactive":
                var reply = message.Interactive!.ButtonReply ?? message.Interactive.ListReply!;
                interactive = new InteractiveReply(reply.Id!, reply.Title ?? reply.Id!);
                text = reply.Title;
                break;
            case "button":
                var payload = message.Button!.Payload ?? message.Button.Text!;
                interactive = new InteractiveReply(payload, message.Button.Text ?? payload);
                text = message.Button.Text;
                break;
            case "location":
                var at = message.Location!;
                location = new GeoLocation(at.Latitude!.Value, at.Longitude!.Value, at.Name, at.Address);
                break;
            case "audio" or "image" or "document":
                var file = MediaOf(message)!;
                var downloaded = downloads is not null && downloads.TryGetValue(file.Id!, out var found) ? found : default;
                media = new MediaAttachment
                {
                    Kind = message.Type switch { "audio" => MediaKind.Audio, "image" => MediaKind.Image, _ => MediaKind.Document },
                    ContentType = file.MimeType ?? downloaded.MimeType ?? "application/octet-stream",
                    Content = downloaded.Content ?? ReadOnlyMemory<byte>.Empty,
                    MediaId = file.Id,
                    Caption = file.Caption,
                };
                text = file.Caption;
                break;
            default:
                // A sticker, a video, a contact card or a newer type: the agent cannot read it, and asks the guest to write.
                var other = message.Type == "sticker" ? message.Sticker : message.Type == "video" ? message.Video : null;
                media = new MediaAttachment
                {
                    Kind = MediaKind.Other,
                    ContentType = other?.MimeType ?? (message.Type == "sticker" ? "image/webp" : "application/vnd.whatsapp." + message.Type),
                    MediaId = other?.Id,
                    Caption = other?.Caption,
                };
                text = other?.Caption;
                break;
        }

        return new InboundMessage
        {
            MessageId = message.Id!,
            ChannelName = channel.Name,
            ConversationId = $"{channel.Name}:{guestId}",
            GuestId = guestId,
            Text = text,
            ReceivedAt = timeProvider.GetUtcNow(),
            Media = media is null ? [] : [media],
            Location = location,
            Interactive = interactive,
        };
    }
}
