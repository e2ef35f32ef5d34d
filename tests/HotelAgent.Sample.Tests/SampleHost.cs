using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace HotelAgent.Sample.Tests;

/// <summary>
/// The sample host in memory with only the settings a test gives (as environment variables or appsettings would):
/// no code of the sample changes between tests, only configuration.
/// </summary>
public sealed class SampleHost(IReadOnlyDictionary<string, string?> settings, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public const string AdminKey = "sample-admin-key-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("HotelAgent:AdminApiKey", AdminKey);
        builder.UseSetting("HotelAgent:InboxRetryDelay", "00:00:00");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    public async Task<JsonElement> SayAsync(string conversationId, string text)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync($"/v1/conversations/{conversationId}/messages", new { text });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string AllText(JsonElement chat) =>
        string.Join(" ", chat.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("text").GetString()));

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException("Timed out waiting: " + what);
            }

            await Task.Delay(25);
        }
    }
}

/// <summary>The WhatsApp number of the tests and a signed webhook for it.</summary>
public static class WhatsApp
{
    public const string PhoneNumberId = "109876543210";
    public const string AccessToken = "EAAG-loopback-access-value-7f3a";
    public const string AppSecret = "whatsapp-app-secret-for-loopback";

    public static Dictionary<string, string?> Settings(Uri graph) => new()
    {
        ["HotelAgent:WhatsApp:PhoneNumberId"] = PhoneNumberId,
        ["HotelAgent:WhatsApp:AccessToken"] = AccessToken,
        ["HotelAgent:WhatsApp:AppSecret"] = AppSecret,
        ["HotelAgent:WhatsApp:VerifyToken"] = "whatsapp-verify-for-loopback",
        ["HotelAgent:WhatsApp:GraphApiBaseUrl"] = graph.ToString(),
        ["HotelAgent:WhatsApp:MarkAsRead"] = "false",
        ["HotelAgent:WhatsApp:RetryDelay"] = "00:00:00",
        ["HotelAgent:WhatsApp:MaxRetryAttempts"] = "1",
    };

    /// <summary>Posts a voice note from <paramref name="guest"/> as Meta does, signed with the app secret.</summary>
    public static async Task<HttpResponseMessage> PostVoiceNoteAsync(HttpClient client, string messageId, string guest, string mediaId)
    {
        var body = JsonSerializer.Serialize(new
        {
            @object = "whatsapp_business_account",
            entry = new[]
            {
                new
                {
                    id = "waba-1",
                    changes = new[]
                    {
                        new
                        {
                            field = "messages",
                            value = new
                            {
                                messaging_product = "whatsapp",
                                metadata = new { display_phone_number = "34900000000", phone_number_id = PhoneNumberId },
                                contacts = new[] { new { profile = new { name = "Guest" }, wa_id = guest } },
                                messages = new[]
                                {
                                    new { from = guest, id = messageId, timestamp = "1764662400", type = "audio", audio = new { id = mediaId, mime_type = "audio/ogg; codecs=opus", voice = true } },
                                },
                            },
                        },
                    },
                },
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), Encoding.UTF8.GetBytes(body))));
        return await client.SendAsync(request);
    }
}
