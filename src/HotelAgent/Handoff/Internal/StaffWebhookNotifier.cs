using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace HotelAgent;

/// <summary>
/// POSTs each notification as JSON to <see cref="StaffWebhookOptions.Url"/>, signed with
/// <c>X-HotelAgent-Signature-256: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c> (the scheme of the WhatsApp webhooks),
/// with <c>X-HotelAgent-Delivery</c> (the notification id, the same on every retry) and <c>X-HotelAgent-Event</c>. The
/// body's <c>text</c> field makes it a valid Slack incoming-webhook message. The named <see cref="HttpClient"/> carries
/// the standard resilience handler: attempt timeouts and retries on network errors, 408, 429 and 5xx.
/// </summary>
internal sealed class StaffWebhookNotifier(IHttpClientFactory httpClientFactory, IOptionsMonitor<StaffWebhookOptions> options, ILogger<StaffWebhookNotifier> logger) : IStaffNotifier
{
    public const string HttpClientName = "HotelAgent.StaffWebhook";
    public const string SignatureHeader = "X-HotelAgent-Signature-256";
    public const string DeliveryHeader = "X-HotelAgent-Delivery";
    public const string EventHeader = "X-HotelAgent-Event";

    public string Name => "webhook";

    public async Task NotifyAsync(StaffNotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = options.CurrentValue;
        var body = Serialize(notification);
        var eventName = EventOf(notification.Kind);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Sign(settings.Secret!, body));
        request.Headers.Add(DeliveryHeader, notification.Id);
        request.Headers.Add(EventHeader, eventName);
        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutException or ExecutionRejectedException)
        {
            throw new HotelAgentException($"The staff webhook could not be reached: {ex.GetType().Name}.", ex) { IsTransient = true };
        }

        using (response)
        {
            Log.StaffWebhookAnswered(logger, (int)response.StatusCode, notification.Id);
            if (!response.IsSuccessStatusCode)
            {
                var status = response.StatusCode;
                throw new HotelAgentException($"The staff webhook answered HTTP {(int)status}.")
                {
                    IsTransient = status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500,
                };
            }
        }
    }

    /// <summary>The signature header's value: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of <paramref name="body"/>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static string EventOf(StaffNotificationKind kind) => kind switch
    {
        StaffNotificationKind.Reminder => "handoff.reminder",
        StaffNotificationKind.Escalated => "handoff.escalated",
        _ => "handoff.opened",
    };

    internal static byte[] Serialize(StaffNotification n)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", n.Id);
            json.WriteString("event", EventOf(n.Kind));
            json.WriteString("ticketId", n.TicketId);
            json.WriteString("reason", JsonNamingPolicy.SnakeCaseLower.ConvertName(n.Reason.ToString()));
            json.WriteString("priority", n.Priority == HandoffPriority.Urgent ? "urgent" : "normal");
            json.WriteString("channel", n.ChannelName);
            WriteOptional(json, "language", n.Language);
            json.WriteString("createdAt", n.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            json.WriteNumber("waitingSeconds", (long)n.Waiting.TotalSeconds);
            if (n.Reminder > 0)
            {
                json.WriteNumber("reminder", n.Reminder);
            }

            WriteOptional(json, "reservationCode", n.ReservationCode);
            WriteOptional(json, "excerpt", n.Excerpt);
            WriteOptional(json, "consoleUrl", n.ConsoleUrl?.ToString());
            json.WriteString("title", n.Title);
            json.WriteString("text", n.Text);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
