using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// The channel of one business phone number, named <c>whatsapp:{phone-number-id}</c>: sends replies through the
/// Graph API, applies the 24-hour window rules, and keeps what it could not deliver in the dead-letter store.
/// </summary>
internal sealed class WhatsAppChannel : IMessageChannel, IReadReceiptChannel, IMediaChannel
{
    private readonly GraphApiClient _graph;
    private readonly IConversationWindowStore _windows;
    private readonly IWhatsAppDeadLetterStore _deadLetters;
    private readonly WhatsAppMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?> _numberTag;

    public WhatsAppChannel(
        string optionsName,
        IOptionsMonitor<WhatsAppOptions> options,
        IHttpClientFactory httpClientFactory,
        IConversationWindowStore windows,
        IWhatsAppDeadLetterStore deadLetters,
        WhatsAppMetrics metrics,
        TimeProvider timeProvider,
        ILogger<WhatsAppChannel> logger)
    {
        OptionsName = optionsName;
        Options = options.Get(optionsName);
        PhoneNumberId = Options.PhoneNumberId ?? throw new InvalidOperationException($"WhatsAppOptions '{optionsName}' has no PhoneNumberId.");
        Name = ChannelNameOf(PhoneNumberId);
        _graph = new GraphApiClient(httpClientFactory, HttpClientNameOf(optionsName), Options);
        _windows = windows;
        _deadLetters = deadLetters;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _numberTag = new(WhatsAppTags.PhoneNumberId, PhoneNumberId);
    }

    public string Name { get; }

    public string OptionsName { get; }

    public string PhoneNumberId { get; }

    public WhatsAppOptions Options { get; }

    public static string ChannelNameOf(string phoneNumberId) => ChannelNames.WhatsApp + ":" + phoneNumberId;

    public static string HttpClientNameOf(string optionsName) => "HotelAgent.Channels.WhatsApp:" + optionsName;

    public Task<DeliveryResult> SendAsync(string guestId, OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(guestId);
        ArgumentNullException.ThrowIfNull(message);
        return SendCoreAsync(guestId, message, null, cancellationToken);
    }

    internal async Task<DeliveryResult> SendCoreAsync(string guestId, OutboundMessage message, string? deadLetterId, CancellationToken cancellationToken)
    {
        try
        {
            return await DeliverAsync(guestId, message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var failure = ex as WhatsAppApiException ?? new WhatsAppApiException($"The reply could not be sent: {ex.GetType().Name}.", null, null, ex);
            var letter = new WhatsAppDeadLetter(
                deadLetterId ?? Guid.NewGuid().ToString("N"),
                PhoneNumberId,
                guestId,
                message,
                failure.ErrorCode,
                failure.Message,
                failure.IsTransient,
                _timeProvider.GetUtcNow());
            await _deadLetters.AddAsync(letter, CancellationToken.None).ConfigureAwait(false);
            _metrics.MessagesFailed.Add(1, _numberTag, new(WhatsAppTags.ErrorCode, failure.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"));
            Log.MessageDeadLettered(_logger, PhoneNumberId, failure.ErrorCode, failure.IsTransient, letter.Id, failure);
            if (ReferenceEquals(failure, ex))
            {
                throw;
            }

            throw failure;
        }
    }

    /// <summary>
    /// Marks a guest message read and shows the typing indicator when <see cref="WhatsAppOptions.MarkAsRead"/> is set;
    /// best effort (failures are logged at Debug). Called by the inbox processor as the agent takes the message.
    /// </summary>
    public async Task MarkAsReadAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Options.MarkAsRead)
        {
            return;
        }

        try
        {
            await _graph.PostMessageAsync(OutboundRenderer.MarkAsRead(message.MessageId), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Best effort, fired without waiting: nothing may escape.
            Log.MarkAsReadFailed(_logger, message.MessageId, ex);
        }
    }

    /// <summary>Downloads a media file with the two-step flow (media id → short-lived URL → bytes), within the size limit.</summary>
    public async Task<(byte[] Content, string? MimeType)> DownloadMediaAsync(string mediaId, CancellationToken cancellationToken)
    {
        var (url, mime, size) = await _graph.GetMediaAsync(mediaId, cancellationToken).ConfigureAwait(false);
        if (size > Options.MaxMediaBytes)
        {
            throw new InvalidDataException($"The media is {size} bytes, above the limit of {Options.MaxMediaBytes}.");
        }

        var bytes = await _graph.DownloadAsync(url, Options.MaxMediaBytes, cancellationToken).ConfigureAwait(false);
        return (bytes, mime);
    }

    /// <summary>
    /// Fetches media the webhook took in without its bytes (too large or too slow while Meta waited for the
    /// acknowledgement): the media id is resolved to a fresh URL each time, so an expired URL is tried once more with a
    /// new one. A file larger than <paramref name="maxBytes"/> is not downloaded; a media id the Graph API no longer
    /// knows is <see cref="MediaDownloadStatus.Gone"/>; anything else throws a <see cref="WhatsAppApiException"/>.
    /// </summary>
    public async Task<MediaDownload> DownloadMediaAsync(MediaAttachment media, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (media.MediaId is not { Length: > 0 } mediaId)
        {
            return new MediaDownload(MediaDownloadStatus.Gone);
        }

        var limit = (int)Math.Min(maxBytes, int.MaxValue);
        for (var attempt = 1; ; attempt++)
        {
            Uri url;
            string? mime;
            long? size;
            try
            {
                (url, mime, size) = await _graph.GetMediaAsync(mediaId, cancellationToken).ConfigureAwait(false);
            }
            catch (WhatsAppApiException ex) when (IsUnknownMedia(ex))
            {
                Log.MediaNotDownloaded(_logger, mediaId, ex.Message);
                return new MediaDownload(MediaDownloadStatus.Gone);
            }

            if (size > maxBytes)
            {
                return new MediaDownload(MediaDownloadStatus.TooLarge, ContentType: mime, Size: size);
            }

            try
            {
                var bytes = await _graph.DownloadAsync(url, limit, cancellationToken).ConfigureAwait(false);
                Log.MediaDownloaded(_logger, mediaId, bytes.Length);
                return new MediaDownload(MediaDownloadStatus.Downloaded, bytes, mime, bytes.Length);
            }
            catch (InvalidDataException)
            {
                return new MediaDownload(MediaDownloadStatus.TooLarge, ContentType: mime, Size: size);
            }
            catch (WhatsAppApiException ex) when (attempt == 1 && ex.HttpStatusCode is 401 or 403 or 404 or 410)
            {
                // The short-lived download URL expired between the two steps: ask for a new one.
                Log.MediaNotDownloaded(_logger, mediaId, ex.Message);
            }
        }
    }

    /// <summary>Posts a template message to someone who is not a guest (staff), outside the guests' windows and dead letters.</summary>
    public Task<string?> PostTemplateAsync(System.Text.Json.Nodes.JsonObject payload, CancellationToken cancellationToken) =>
        PostAsync("staff_template", payload, cancellationToken);

    private static bool IsUnknownMedia(WhatsAppApiException ex) =>
        ex.HttpStatusCode == 404 || (ex.ErrorCode == 100 && ex.ErrorSubcode == 33);

    private async Task<DeliveryResult> DeliverAsync(string guestId, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (await WindowStatusAsync(guestId, cancellationToken).ConfigureAwait(false) is WindowStatus.Closed or WindowStatus.ClosedTemplateSent)
        {
            return await SendTemplateAsync(guestId, message, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            string? last = null;
            if (Options.SendMedia && message.Media.Count > 0)
            {
                last = await SendMediaAsync(guestId, message.Media, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (kind, payload) in OutboundRenderer.Render(guestId, message, Options))
            {
                last = await PostAsync(kind, payload, cancellationToken).ConfigureAwait(false);
            }

            return new DeliveryResult(last);
        }
        catch (WhatsAppApiException ex) when (ex.ErrorCode == WhatsAppErrorCodes.ReEngagementMessage)
        {
            await _windows.MarkClosedAsync(PhoneNumberId, guestId, templateSent: false, ConversationWindows.Forget, cancellationToken).ConfigureAwait(false);
            return await SendTemplateAsync(guestId, message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends each picture or document as its own message (by link, or uploaded when given as bytes or as a QR code's
    /// text, whose PNG <see cref="OutboundMedia.GetContent"/> makes here). One the Graph API
    /// refuses is sent as its caption instead, so the guest reads what it showed; one without a public address is left
    /// out (the reply's text names what it shows).
    /// </summary>
    private async Task<string?> SendMediaAsync(string guestId, IReadOnlyList<OutboundMedia> media, CancellationToken cancellationToken)
    {
        string? last = null;
        foreach (var item in media)
        {
            try
            {
                // The bytes are read (a QR code's PNG made) only for media uploaded: given as bytes, not by address.
                var uploaded = item.Url is null && item.HasContent
                    ? await _graph.UploadMediaAsync(item.GetContent(), item.ContentType ?? "application/octet-stream", item.FileName ?? "file", cancellationToken).ConfigureAwait(false)
                    : null;
                if (OutboundRenderer.Media(guestId, item, uploaded) is var (kind, payload))
                {
                    last = await PostAsync(kind, payload, cancellationToken).ConfigureAwait(false);
                }

                // Without a public address (a relative one, no PhotoBaseUrl) there is nothing to link: the text names it.
                continue;
            }
            catch (WhatsAppApiException ex) when (ex.ErrorCode != WhatsAppErrorCodes.ReEngagementMessage)
            {
                Log.MediaNotSent(_logger, PhoneNumberId, ex.ErrorCode, ex.Message);
            }

            if (item.Caption is { Length: > 0 } caption)
            {
                last = await PostAsync("text", OutboundRenderer.Text(guestId, caption), cancellationToken).ConfigureAwait(false);
            }
        }

        return last;
    }

    private async Task<DeliveryResult> SendTemplateAsync(string guestId, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (Options.OutOfWindowTemplateName is not { Length: > 0 } template)
        {
            throw new WhatsAppApiException(
                "The guest last wrote more than 24 hours ago, so only a template can be sent; set WhatsAppOptions.OutOfWindowTemplateName. The reply is kept as a dead letter.",
                WhatsAppErrorCodes.ReEngagementMessage,
                null);
        }

        if (await WindowStatusAsync(guestId, cancellationToken).ConfigureAwait(false) == WindowStatus.ClosedTemplateSent)
        {
            throw new WhatsAppApiException(
                "The guest last wrote more than 24 hours ago and the re-engagement template was already sent; the reply is kept as a dead letter to replay once the guest answers.",
                WhatsAppErrorCodes.ReEngagementMessage,
                null);
        }

        Log.SendingTemplate(_logger, PhoneNumberId, template);
        var id = await PostAsync("template", OutboundRenderer.Template(guestId, message.Text, Options), cancellationToken).ConfigureAwait(false);
        await _windows.MarkClosedAsync(PhoneNumberId, guestId, templateSent: true, ConversationWindows.Forget, cancellationToken).ConfigureAwait(false);
        return new DeliveryResult(id);
    }

    /// <summary>
    /// Reads the guest's 24-hour window. A store that fails (a shared store failing over) reads as
    /// <see cref="WindowStatus.Unknown"/>: the reply is sent free-form, and the Graph API's refusal of a closed window
    /// (<see cref="WhatsAppErrorCodes.ReEngagementMessage"/>) still turns it into the template, so the reply is not
    /// dead-lettered for want of a record the Graph API keeps anyway.
    /// </summary>
    private async Task<WindowStatus> WindowStatusAsync(string guestId, CancellationToken cancellationToken)
    {
        ConversationWindow? window;
        try
        {
            window = await _windows.GetAsync(PhoneNumberId, guestId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.WindowNotRead(_logger, PhoneNumberId, ex.GetType().Name);
            return WindowStatus.Unknown;
        }

        return ConversationWindows.StatusOf(window, _timeProvider.GetUtcNow());
    }

    private async Task<string?> PostAsync(string kind, System.Text.Json.Nodes.JsonObject payload, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var id = await _graph.PostMessageAsync(payload, cancellationToken).ConfigureAwait(false);
        _metrics.SendDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, _numberTag);
        _metrics.MessagesSent.Add(1, _numberTag, new(WhatsAppTags.Kind, kind));
        Log.MessageSent(_logger, kind, id, PhoneNumberId);
        return id;
    }
}
