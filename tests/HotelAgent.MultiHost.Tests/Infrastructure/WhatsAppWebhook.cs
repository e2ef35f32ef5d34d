using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HotelAgent.Tests.Shared;

namespace HotelAgent.MultiHost.Tests;

/// <summary>Signed WhatsApp Cloud API webhook deliveries, and the settings a host needs to accept them.</summary>
public static class WhatsAppWebhook
{
    public const string PhoneNumberId = "106540352242922";
    public const string AccessToken = "multi-host-access-token";
    public const string AppSecret = "multi-host-app-secret";
    public const string VerifyToken = "multi-host-verify-token";

    /// <summary>The <c>HotelAgent:WhatsApp</c> settings pointing the channel at <paramref name="graph"/>.</summary>
    public static Dictionary<string, string> Settings(FakeGraphApi graph) => new(StringComparer.Ordinal)
    {
        ["HotelAgent:WhatsApp:AccessToken"] = AccessToken,
        ["HotelAgent:WhatsApp:AppSecret"] = AppSecret,
        ["HotelAgent:WhatsApp:VerifyToken"] = VerifyToken,
        ["HotelAgent:WhatsApp:PhoneNumberId"] = PhoneNumberId,
        ["HotelAgent:WhatsApp:GraphApiBaseUrl"] = graph.BaseUrl.ToString(),
        ["HotelAgent:WhatsApp:RetryDelay"] = "00:00:00.050",
    };

    /// <summary>A text message from <paramref name="from"/> to <paramref name="phoneNumberId"/> (the default number when not given), shaped as Meta documents the <c>messages</c> webhook.</summary>
    public static string Text(string messageId, string from, string text, string phoneNumberId = PhoneNumberId) => JsonSerializer.Serialize(new
    {
        @object = "whatsapp_business_account",
        entry = new[]
        {
            new
            {
                id = "102290129340398",
                changes = new[]
                {
                    new
                    {
                        field = "messages",
                        value = new
                        {
                            messaging_product = "whatsapp",
                            metadata = new { display_phone_number = "15550783881", phone_number_id = phoneNumberId },
                            contacts = new[] { new { profile = new { name = "Guest " + from[^4..] }, wa_id = from } },
                            messages = new[]
                            {
                                new { from, id = messageId, timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), text = new { body = text }, type = "text" },
                            },
                        },
                    },
                },
            },
        },
    });

    /// <summary>POSTs <paramref name="json"/> to <c>/webhooks/whatsapp</c> with its X-Hub-Signature-256.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string json, CancellationToken cancellationToken = default)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = content };
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), body)));
        return await client.SendAsync(request, cancellationToken);
    }
}
