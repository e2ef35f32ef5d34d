using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace HotelAgent.AspNetCore.Tests;

/// <summary>
/// Thousands of malformed, truncated, oversized, wrong-typed and unicode-heavy bodies against the web chat and the
/// WhatsApp webhook: only 4xx or a polite 200, the host stays alive, and nothing is logged as unhandled.
/// </summary>
public sealed class FuzzTests
{
    private const string AppSecret = "fuzz-app-secret-0123456789";
    private const string PhoneNumberId = "106540352242922";
    private const int Cases = 2500;

    private static readonly string ValidWebhook = """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp",
        "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
        "contacts":[{"profile":{"name":"Sheena"},"wa_id":"34600000000"}],
        "messages":[{"from":"34600000000","id":"wamid.ID","timestamp":"1796547600","text":{"body":"hola"},"type":"text"}]},
        "field":"messages"}]}]}
        """;

    private static readonly string[] Nasty =
    [
        "😀🏨🛏️", "\u202Eevil\u202C", "e\u0301\u0301\u0301", "\u0000", "\uFEFF", "日本語のホテル", "مرحبا بالفندق", "🏳️‍🌈🏳️‍⚧️",
        "\\u0000", "\"}]}", "{{", "%00%ff", "<script>alert(1)</script>", "'; DROP TABLE rooms; --", new string('a', 5000),
        "\t\r\n", "NaN", "-1e309", "\uD83D", "ﷺ", "𝕳𝖔𝖙𝖊𝖑",
    ];

    private static WebApplicationFactory<Program> Host(CapturingLogs logs) => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseEnvironment("Testing");
        b.UseSetting("HotelAgent:Http:PermitsPerMinutePerIp", "10000000");
        b.UseSetting("HotelAgent:Http:PermitsPerMinutePerConversation", "1000000");
        b.UseSetting("HotelAgent:WhatsApp:PhoneNumberId", PhoneNumberId);
        b.UseSetting("HotelAgent:WhatsApp:AccessToken", "fuzz-access-token-0123456789");
        b.UseSetting("HotelAgent:WhatsApp:AppSecret", AppSecret);
        b.UseSetting("HotelAgent:WhatsApp:VerifyToken", "fuzz-verify-token-0123456789");
        b.UseSetting("HotelAgent:WhatsApp:GraphApiBaseUrl", "http://127.0.0.1:9");
        b.UseSetting("HotelAgent:WhatsApp:MaxRetryAttempts", "1");
        b.UseSetting("HotelAgent:WhatsApp:RetryDelay", "00:00:00.010");
        b.ConfigureLogging(logging => logging.AddProvider(logs));
    });

    [Fact]
    public async Task Chat_ThousandsOfBadBodies_OnlyClientErrorsOrPoliteReplies()
    {
        var logs = new CapturingLogs();
        await using var factory = Host(logs);
        var client = factory.CreateClient();
        var random = new Random(20261125);
        var statuses = new Dictionary<HttpStatusCode, int>();

        for (var i = 0; i < Cases; i++)
        {
            var (body, contentType) = ChatCase(random, i);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var response = await client.PostAsync($"/v1/conversations/fuzz-{i % 50}/messages", content);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;

            ((int)response.StatusCode).Should().BeLessThan(500, $"case {i} ({Preview(body)}) must not be a server error");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var replies = json.RootElement.GetProperty("replies").EnumerateArray().ToArray();
                if (json.RootElement.GetProperty("state").GetString() != "handed_off")
                {
                    // While staff hold the conversation the agent is silent; otherwise every message gets an answer.
                    replies.Should().NotBeEmpty($"case {i} ({Preview(body)}) gets an answer");
                }

                replies.Should().NotContain(r => r.GetProperty("text").GetString()!.Length == 0, $"case {i} ({Preview(body)}) gets no empty reply");
            }
        }

        statuses.Keys.Should().Contain([HttpStatusCode.OK, HttpStatusCode.BadRequest], "the cases mix readable messages and broken bodies");
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the host is alive");
        logs.Unhandled.Should().BeEmpty();
    }

    [Fact]
    public async Task WhatsAppWebhook_ThousandsOfBadBodies_OnlyClientErrorsOrAcknowledgements()
    {
        var logs = new CapturingLogs();
        await using var factory = Host(logs);
        var client = factory.CreateClient();
        var random = new Random(42);
        var statuses = new Dictionary<HttpStatusCode, int>();

        for (var i = 0; i < Cases; i++)
        {
            var body = WebhookCase(random, i);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = content };
            switch (i % 4)
            {
                case 0:
                    break; // unsigned
                case 1:
                    request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", "sha256=" + new string('0', 64));
                    break;
                default:
                    request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", Sign(body));
                    break;
            }

            using var response = await client.SendAsync(request);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            ((int)response.StatusCode).Should().BeLessThan(500, $"case {i} ({Preview(body)}) must not be a server error");
            if (i % 4 < 2)
            {
                response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a missing or wrong signature is refused before parsing");
            }
        }

        statuses.Keys.Should().Contain([HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized]);
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the host is alive");
        logs.Unhandled.Should().BeEmpty();
    }

    private static (byte[] Body, string ContentType) ChatCase(Random random, int i)
    {
        string json = (i % 10) switch
        {
            0 => JsonSerializer.Serialize(new { text = Pick(random, Nasty) + " " + Pick(random, Nasty) }),
            1 => """{"text": 42}""",
            2 => """{"text": ["hola"], "language": {"es": true}}""",
            3 => JsonSerializer.Serialize(new { text = "hola", language = Pick(random, Nasty) }),
            4 => new string('[', random.Next(1, 2000)),
            5 => JsonSerializer.Serialize(new { text = new string('x', random.Next(4090, 70_000)) }),
            6 => Truncate(random, JsonSerializer.Serialize(new { text = "Quiero reservar una doble del 10 al 12 de diciembre", language = "es" })),
            7 => JsonSerializer.Serialize(new { text = "Quiero reservar " + Pick(random, Nasty) + " del 99 al 12 de " + Pick(random, Nasty) + " para -3 personas" }),
            8 => """{"text": null, "text": "dup"}""",
            _ => Encoding.Latin1.GetString(RandomBytes(random, random.Next(0, 300))),
        };
        var body = i % 10 == 9 ? RandomBytes(random, random.Next(0, 300)) : Encoding.UTF8.GetBytes(json);
        var contentType = (i % 13) switch
        {
            0 => "text/plain",
            1 => "application/json; charset=latin1",
            2 => "multipart/form-data; boundary=x",
            _ => "application/json",
        };
        return (body, contentType);
    }

    private static byte[] WebhookCase(Random random, int i)
    {
        var valid = ValidWebhook.Replace("wamid.ID", $"wamid.fuzz{i}", StringComparison.Ordinal).Replace("34600000000", $"3460{i:D7}", StringComparison.Ordinal);
        var json = (i / 4 % 9) switch
        {
            0 => valid.Replace("\"hola\"", JsonSerializer.Serialize(Pick(random, Nasty)), StringComparison.Ordinal),
            1 => Truncate(random, valid),
            2 => valid.Replace("\"type\":\"text\"", "\"type\":\"" + Pick(random, ["sticker", "reaction", "order", "system", "", "text2", "interactive", "audio", "location"]) + "\"", StringComparison.Ordinal),
            3 => valid.Replace("\"entry\":[", "\"entry\":{\"x\":[", StringComparison.Ordinal),
            4 => valid.Replace("\"messages\":[", "\"messages\":7,\"m\":[", StringComparison.Ordinal),
            5 => valid.Replace("{\"body\":\"hola\"}", "{\"body\":" + random.Next() + "}", StringComparison.Ordinal),
            6 => "[" + valid + "]",
            7 => valid.Replace("\"106540352242922\"", "\"999\"", StringComparison.Ordinal),
            _ => Encoding.Latin1.GetString(RandomBytes(random, random.Next(0, 500))),
        };
        return Encoding.UTF8.GetBytes(json);
    }

    private static string Sign(byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), body));

    private static string Truncate(Random random, string json) => json[..random.Next(0, json.Length)];

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Preview(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 80));

    /// <summary>Collects what would mean a crash: unhandled-exception logs of the web stack, and critical logs.</summary>
    private sealed class CapturingLogs : ILoggerProvider
    {
        private readonly List<string> _unhandled = [];

        public IReadOnlyList<string> Unhandled
        {
            get
            {
                lock (_unhandled)
                {
                    return [.. _unhandled];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                // Undeliverable replies (the fake Graph address refuses connections) are expected errors of the channel.
                var unhandled = logLevel == LogLevel.Critical
                    || category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                    || exception is NullReferenceException or IndexOutOfRangeException or InvalidCastException or KeyNotFoundException;
                if (unhandled)
                {
                    lock (owner._unhandled)
                    {
                        owner._unhandled.Add($"{category} [{eventId}]: {formatter(state, exception)} {exception}");
                    }
                }
            }
        }
    }
}
