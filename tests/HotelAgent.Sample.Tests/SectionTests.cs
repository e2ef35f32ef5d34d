using System.Net.Http.Json;
using System.Text.Json;
using HotelAgent.Abstractions;
using HotelAgent.Channels.Email.Tests;
using HotelAgent.Pms.QloApps.Tests.Fakes;
using HotelAgent.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace HotelAgent.Sample.Tests;

/// <summary>
/// The sample host started with one section at a time: each package turns on from its configuration alone, and with
/// none the sample runs on its embedded defaults.
/// </summary>
public sealed class SectionTests(MailServers servers)
{
    private static readonly Dictionary<string, string?> NoSettings = [];

    [Fact]
    public async Task NoSection_EmbeddedDefaults()
    {
        await using var host = new SampleHost(NoSettings);

        var chat = await host.SayAsync("defaults", "¿A qué hora es el check-in?");

        SampleHost.AllText(chat).Should().Contain("15:00", "the demo PMS of hotel.json checks in from 15:00");
        var services = host.Services;
        services.GetRequiredService<IHotelAgent>().GetType().Name.Should().Be("PropertyRouter", "no speech-to-text wraps the agent: the property router routes straight to the engine");
        services.GetRequiredService<INluEngine>().GetType().Name.Should().NotContain("Llm");
        services.GetServices<IMessageChannel>().Select(c => c.Name).Should().NotContain(n => n.StartsWith("whatsapp", StringComparison.Ordinal) || n == "email");
        services.GetServices<IHostedService>().Select(s => s.GetType().Name).Should().NotContain(n => n.Contains("Email", StringComparison.Ordinal));
        services.GetRequiredService<ISessionStore>().GetType().Name.Should().Be("InMemorySessionStore");
        services.GetServices<IDeadLetterQueue>().Select(q => q.Name).Should().Equal("inbox");
    }

    [Fact]
    public async Task EmailSection_MailAnswered()
    {
        servers.SkipIfMissing();
        var hotel = MailServers.NewUser("hotel");
        var guest = MailServers.NewUser("guest");
        await using var host = new SampleHost(new Dictionary<string, string?>
        {
            ["HotelAgent:Email:ImapHost"] = "127.0.0.1",
            ["HotelAgent:Email:ImapPort"] = servers.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HotelAgent:Email:ImapSecurity"] = "None",
            ["HotelAgent:Email:SmtpHost"] = "127.0.0.1",
            ["HotelAgent:Email:SmtpPort"] = servers.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HotelAgent:Email:SmtpSecurity"] = "None",
            ["HotelAgent:Email:UserName"] = hotel,
            ["HotelAgent:Email:Password"] = MailServers.Password,
            ["HotelAgent:Email:Address"] = $"{hotel}@hotel.test",
            ["HotelAgent:Email:PollInterval"] = "00:00:00.200",
        });
        host.StartServer();
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress("Ana", $"{guest}@guest.test"));
        mail.To.Add(new MailboxAddress("Hotel", $"{hotel}@hotel.test"));
        mail.Subject = "Check-in";
        mail.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("guest.test");
        mail.Body = new TextPart("plain") { Text = "Hello, what time is check-in?" };

        await servers.AppendAsync(hotel, mail);

        var replies = await servers.WaitForMailAsync(guest, m => m.Any(r => r.InReplyTo == mail.MessageId), TimeSpan.FromSeconds(30));
        var reply = replies.Single(r => r.InReplyTo == mail.MessageId);
        reply.TextBody.Should().Contain("Check-in is from 15:00");
        reply.Subject.Should().Be("Re: Check-in");
        host.Services.GetServices<IMessageChannel>().Select(c => c.Name).Should().Contain("email");
    }

    [Fact]
    public async Task PropertyEmailSection_EachHotelsMailAnsweredFromItsOwnMailbox()
    {
        servers.SkipIfMissing();
        var valencia = MailServers.NewUser("valencia");
        var lisbon = MailServers.NewUser("lisbon");
        var guest = MailServers.NewUser("guest");
        var settings = new Dictionary<string, string?>
        {
            ["HotelAgent:Properties:lisbon:DemoPms:CatalogPath"] = "hotel-lisbon.json",
        };
        foreach (var (section, user) in new[] { ("HotelAgent:Email", valencia), ("HotelAgent:Properties:lisbon:Email", lisbon) })
        {
            settings[$"{section}:ImapHost"] = "127.0.0.1";
            settings[$"{section}:ImapPort"] = servers.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"{section}:ImapSecurity"] = "None";
            settings[$"{section}:SmtpHost"] = "127.0.0.1";
            settings[$"{section}:SmtpPort"] = servers.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"{section}:SmtpSecurity"] = "None";
            settings[$"{section}:UserName"] = user;
            settings[$"{section}:Password"] = MailServers.Password;
            settings[$"{section}:Address"] = $"{user}@hotel.test";
            settings[$"{section}:PollInterval"] = "00:00:00.200";
        }

        await using var host = new SampleHost(settings);
        host.StartServer();
        var toValencia = GuestMail(guest, valencia, "Hello, what time is check-in?");
        var toLisbon = GuestMail(guest, lisbon, "Hello, what time is check-in?");

        await servers.AppendAsync(valencia, toValencia);
        await servers.AppendAsync(lisbon, toLisbon);

        var replies = await servers.WaitForMailAsync(guest, m => m.Any(r => r.InReplyTo == toValencia.MessageId) && m.Any(r => r.InReplyTo == toLisbon.MessageId), TimeSpan.FromSeconds(30));
        var fromValencia = replies.Single(r => r.InReplyTo == toValencia.MessageId);
        var fromLisbon = replies.Single(r => r.InReplyTo == toLisbon.MessageId);
        fromValencia.From.Mailboxes.Single().Address.Should().Be($"{valencia}@hotel.test");
        fromValencia.TextBody.Should().Contain("15:00", "the default hotel (hotel.json) checks in from 15:00");
        fromLisbon.From.Mailboxes.Single().Address.Should().Be($"{lisbon}@hotel.test");
        fromLisbon.TextBody.Should().Contain("14:00", "the Lisbon hotel (hotel-lisbon.json) checks in from 14:00").And.NotContain("15:00");
        host.Services.GetServices<IMessageChannel>().Select(c => c.Name).Should().Contain(["email", "email:lisbon"]);
    }

    private static MimeMessage GuestMail(string guest, string hotel, string text)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress("Ana", $"{guest}@guest.test"));
        mail.To.Add(new MailboxAddress("Hotel", $"{hotel}@hotel.test"));
        mail.Subject = "Check-in";
        mail.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("guest.test");
        mail.Body = new TextPart("plain") { Text = text };
        return mail;
    }

    [Fact]
    public async Task LlmSection_ParseGoesThroughTheChatEndpoint()
    {
        var requests = new List<JsonElement>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var fake = builder.Build();
        fake.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            if (http.Request.Headers.Authorization != "Bearer sk-loopback-llm-8c1d")
            {
                return Results.Json(new { error = new { message = "Incorrect API key provided", type = "invalid_request_error", code = "invalid_api_key" } }, statusCode: 401);
            }

            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            if (body.RootElement.GetProperty("model").GetString() != "loopback-model" || body.RootElement.GetProperty("messages").GetArrayLength() == 0)
            {
                return Results.Json(new { error = new { message = "The model does not exist", type = "invalid_request_error" } }, statusCode: 404);
            }

            lock (requests)
            {
                requests.Add(body.RootElement.Clone());
            }

            // An answer the rule-based engine would never give for this text: proof the LLM parsed it.
            const string Parse = """{"intent": "pricing_info", "confidence": 0.91, "language": "en", "entities": {"roomType": "suite", "adults": 2}}""";
            return Results.Json(new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1_764_662_400,
                model = "loopback-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = Parse }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
            });
        });
        await fake.StartAsync();
        await using var host = new SampleHost(new Dictionary<string, string?>
        {
            ["HotelAgent:Nlu:Llm:Endpoint"] = fake.Urls.First() + "/v1",
            ["HotelAgent:Nlu:Llm:Model"] = "loopback-model",
            ["HotelAgent:Nlu:Llm:ApiKey"] = "sk-loopback-llm-8c1d",
            ["HotelAgent:Nlu:Llm:Timeout"] = "00:00:10",
        });
        using var client = host.CreateClient();

        using var response = await client.PostAsJsonAsync("/v1/nlu/parse", new { text = "the big one with the view, two of us" });

        response.EnsureSuccessStatusCode();
        var parse = await response.Content.ReadFromJsonAsync<JsonElement>();
        parse.GetProperty("intent").GetString().Should().Be("pricing_info");
        parse.GetProperty("entities").GetProperty("roomType").GetString().Should().Be("suite");
        requests.Should().ContainSingle();
        await fake.StopAsync();
    }

    [Fact]
    public async Task QloAppsSection_AnswersFromQloApps()
    {
        await using var qloapps = await FakeQloAppsServer.StartStatefulAsync();
        await using var host = new SampleHost(new Dictionary<string, string?>
        {
            ["HotelAgent:QloApps:BaseUrl"] = qloapps.BaseUrl,
            ["HotelAgent:QloApps:ApiKey"] = FakeQloAppsServer.ApiKey,
            ["HotelAgent:QloApps:RetryDelay"] = "00:00:00",
        });

        var chat = await host.SayAsync("qloapps", "¿A qué hora es el check-in?");

        SampleHost.AllText(chat).Should().Contain("12:00", "QloApps' hotel checks in from 12:00 (the demo PMS from 15:00)");
        qloapps.Count("GET", "/api/hotels").Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task RedisSection_SessionsKeptInRedis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var host = new SampleHost(new Dictionary<string, string?>
        {
            ["HotelAgent:Redis:Configuration"] = redis.Configuration,
            ["HotelAgent:Redis:KeyPrefix"] = "sample-test:",
        });

        await host.SayAsync("redis", "Hello, what time is check-in?");

        host.Services.GetRequiredService<ISessionStore>().GetType().Name.Should().Contain("Redis");
        using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var keys = connection.GetServer(connection.GetEndPoints()[0]).Keys(pattern: "sample-test:*").Select(k => k.ToString()).ToList();
        keys.Should().Contain(k => k.Contains("webchat:redis", StringComparison.Ordinal));
    }
}
