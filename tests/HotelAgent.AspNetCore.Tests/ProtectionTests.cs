using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent.AspNetCore.Tests;

public sealed class ProtectionTests
{
    private const string VerifyToken = "protection-verify-token-0123456789";

    private const string VerificationPath = "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=" + VerifyToken + "&hub.challenge=42";

    private static readonly (string Key, string Value)[] WhatsAppSettings =
    [
        ("HotelAgent:WhatsApp:PhoneNumberId", "106540352242922"),
        ("HotelAgent:WhatsApp:AccessToken", "protection-access-token-0123456789"),
        ("HotelAgent:WhatsApp:AppSecret", "protection-app-secret-0123456789"),
        ("HotelAgent:WhatsApp:VerifyToken", VerifyToken),
        ("HotelAgent:WhatsApp:GraphApiBaseUrl", "http://127.0.0.1:9"),
    ];

    private static WebApplicationFactory<Program> Host(string environment, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });

    [Fact]
    public async Task PostMessage_OverTheConversationLimit_Returns429WithRetryAfter()
    {
        await using var factory = Host("Testing", ("HotelAgent:Http:PermitsPerMinutePerConversation", "3"));
        var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsJsonAsync("/v1/conversations/busy/messages", new { text = "hola" })).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var limited = await client.PostAsJsonAsync("/v1/conversations/busy/messages", new { text = "hola" });
        using var other = await client.PostAsJsonAsync("/v1/conversations/calm/messages", new { text = "hola" });

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds.Should().BeInRange(1, 60);
        limited.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        other.StatusCode.Should().Be(HttpStatusCode.OK, "the limit is per conversation");
    }

    [Fact]
    public async Task Requests_OverTheIpLimit_Return429()
    {
        await using var factory = Host("Testing", ("HotelAgent:Http:PermitsPerMinutePerIp", "5"));
        var client = factory.CreateClient();

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await client.PostAsJsonAsync($"/v1/conversations/ip-{i}/messages", new { text = "hola" });
            codes.Add(response.StatusCode);
        }

        codes.Take(5).Should().OnlyContain(c => c == HttpStatusCode.OK);
        codes.Skip(5).Should().OnlyContain(c => c == HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "health probes are not limited");
    }

    [Fact]
    public async Task Webhooks_CountApartFromTheApi_UnderTheirOwnLimit()
    {
        await using var factory = Host(
            "Testing",
            [("HotelAgent:Http:PermitsPerMinutePerIp", "2"), ("HotelAgent:Http:WebhookPermitsPerMinutePerIp", "4"), .. WhatsAppSettings]);
        var client = factory.CreateClient();

        var webhookCodes = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(VerificationPath);
            webhookCodes.Add(response.StatusCode);
        }

        webhookCodes.Take(4).Should().OnlyContain(c => c == HttpStatusCode.OK);
        webhookCodes[4].Should().Be(HttpStatusCode.TooManyRequests);
        for (var i = 0; i < 2; i++)
        {
            (await client.PostAsJsonAsync($"/v1/conversations/api-{i}/messages", new { text = "hola" })).StatusCode
                .Should().Be(HttpStatusCode.OK, "the webhooks' requests do not use up the API's permits");
        }

        (await client.PostAsJsonAsync("/v1/conversations/api-2/messages", new { text = "hola" })).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Webhooks_WithTheirLimitUnset_AreNotHeldToTheBrowserSizedApiLimit()
    {
        // A channel's deliveries all come from its provider's few addresses: 2 per minute is an API limit, not theirs.
        await using var factory = Host("Testing", [("HotelAgent:Http:PermitsPerMinutePerIp", "2"), .. WhatsAppSettings]);
        var client = factory.CreateClient();

        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync(VerificationPath);
            response.StatusCode.Should().Be(HttpStatusCode.OK, "delivery {0} is within the default of 60,000 a minute", i + 1);
        }

        factory.Services.GetRequiredService<IOptions<HotelAgentHttpOptions>>().Value.WebhookPermitsPerMinutePerIp.Should().BeNull();
        HttpProtectionSetup.WebhookPermitsPerMinutePerIp(new HotelAgentHttpOptions { PermitsPerMinutePerIp = 2 }).Should().Be(60_000);
        HttpProtectionSetup.WebhookPermitsPerMinutePerIp(new HotelAgentHttpOptions { PermitsPerMinutePerIp = 100_000 })
            .Should().Be(100_000, "a host that raised the one limit before webhooks had their own keeps its webhooks at least as open");
    }

    [Fact]
    public async Task WebhookLimit_BelowOne_FailsAtStart()
    {
        await using var factory = Host("Testing", [("HotelAgent:Http:WebhookPermitsPerMinutePerIp", "0"), .. WhatsAppSettings]);

        var start = () => factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().WithMessage("*at least 1 request per minute*");
    }

    [Theory]
    [InlineData("https://www.myhotel.example", true)]
    [InlineData("https://evil.example", false)]
    public async Task Cors_OnlyConfiguredOrigins_AreAllowed(string origin, bool allowed)
    {
        await using var factory = Host("Testing", ("HotelAgent:Http:AllowedOrigins:0", "https://www.myhotel.example"));
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/conversations/c1/messages");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await factory.CreateClient().SendAsync(preflight);

        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values).Should().Be(allowed);
        if (allowed)
        {
            values.Should().Equal(origin);
        }
    }

    [Fact]
    public void Start_ProductionWithAnyOrigin_Fails()
    {
        using var factory = Host("Production", ("HotelAgent:Http:AllowedOrigins:0", "*"));

        var act = () => factory.CreateClient();

        act.Should().Throw<OptionsValidationException>().WithMessage("*AllowedOrigins*'*'*Production*");
    }

    [Theory]
    [InlineData("changeme-changeme-changeme", "looks like a placeholder")]
    [InlineData("my-test-key-with-enough-length", "looks like a placeholder")]
    public void Start_ProductionWithWeakAdminKey_FailsNamingTheSetting(string key, string problem)
    {
        using var factory = Host("Production", ("HotelAgent:AdminApiKey", key));

        var act = () => factory.CreateClient();

        act.Should().Throw<InvalidOperationException>().WithMessage($"*HotelAgent:AdminApiKey {problem}*").Which.Message.Should().NotContain(key);
    }

    [Fact]
    public async Task Start_ProductionWithAStrongKey_Starts()
    {
        await using var factory = Host("Production", ("HotelAgent:AdminApiKey", "k7Qm2vXp9LrT4wZs8NbY"));

        (await factory.CreateClient().GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logs_AtTrace_EraseGuestText()
    {
        var sink = new CapturingLoggerProvider();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Logging:LogLevel:Default", "Trace");
            b.ConfigureLogging(logging => logging.AddProvider(sink));
        });

        await factory.CreateClient().PostAsJsonAsync("/v1/conversations/pii/messages", new { text = "Me llamo Zebulon Quixote, zebulon@example.com" });

        sink.Messages.Should().Contain(m => m.Contains("text:", StringComparison.Ordinal), "the trace event is written");
        sink.Messages.Should().NotContain(m => m.Contains("Zebulon", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var text = formatter(state, exception);
                if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    text += " | " + string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"));
                }

                lock (owner._messages)
                {
                    owner._messages.Add(text);
                }
            }
        }
    }
}
