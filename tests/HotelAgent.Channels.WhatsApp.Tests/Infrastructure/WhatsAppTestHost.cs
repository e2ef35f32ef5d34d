using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Channels.WhatsApp.Tests;

/// <summary>
/// A minimal ASP.NET Core host on 127.0.0.1 with the agent, the demo PMS, the WhatsApp channel pointed at a
/// <see cref="FakeGraphApi"/>, and <c>MapHotelAgent()</c>.
/// </summary>
public sealed class WhatsAppTestHost : IAsyncDisposable
{
    public const string PhoneNumberId = "106540352242922";
    public const string SecondPhoneNumberId = "207651463353033";
    public const string AccessToken = "test-access-token";
    public const string AppSecret = "test-app-secret";
    public const string VerifyToken = "test-verify-token";
    public const string Guest = "16505551234";

    public static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private WebApplication _app = null!;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public FakeTimeProvider? Clock { get; private init; }

    public static async Task<WhatsAppTestHost> StartAsync(
        FakeGraphApi graph,
        Action<WhatsAppOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        FakeTimeProvider? clock = null,
        bool secondNumber = false)
    {
        var host = new WhatsAppTestHost { Clock = clock };
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (clock is not null)
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
        }

        services?.Invoke(builder.Services);
        var agent = builder.Services
            .AddHotelAgent(o => o.InboxRetryDelay = TimeSpan.Zero)
            .AddDemoPms(o => o.CatalogPath = Path.Combine(AppContext.BaseDirectory, "hotel.json"))
            .AddWhatsAppChannel(PhoneNumberId, o =>
            {
                Configure(o, graph);
                configure?.Invoke(o);
            });
        if (secondNumber)
        {
            agent.AddWhatsAppChannel(SecondPhoneNumberId, o => Configure(o, graph));
        }

        host._app = builder.Build();
        host._app.MapHotelAgent();
        await host._app.StartAsync();
        host.Client = new HttpClient { BaseAddress = new Uri(host._app.Urls.First()) };
        return host;
    }

    public static void Configure(WhatsAppOptions options, FakeGraphApi graph)
    {
        options.AccessToken = AccessToken;
        options.AppSecret = AppSecret;
        options.VerifyToken = VerifyToken;
        options.GraphApiBaseUrl = graph.BaseUrl;
        options.RetryDelay = TimeSpan.FromMilliseconds(10);
        options.MaxRetryAttempts = 2;
    }

    public static string Sign(byte[] body, string secret = AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public async Task<HttpResponseMessage> PostWebhookAsync(string json, string? signature = "", string path = "/webhooks/whatsapp")
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", signature.Length == 0 ? Sign(body) : signature);
        }

        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendTextAsync(string messageId, string text, string from = Guest, string phoneNumberId = PhoneNumberId) =>
        PostWebhookAsync(Payload.Load("text.json", messageId, from, phoneNumberId, ("BODY", text)));

    public Task<HttpResponseMessage> TapButtonAsync(string messageId, string id, string title, string from = Guest) =>
        PostWebhookAsync(Payload.Load("interactive-button-reply.json", messageId, from, PhoneNumberId, ("BUTTON_ID", id), ("BUTTON_TITLE", title)));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The webhook payloads in Payloads/, written from Meta's documented shapes, with their placeholders filled.</summary>
public static class Payload
{
    public static string Load(string file, string messageId, string from = WhatsAppTestHost.Guest, string phoneNumberId = WhatsAppTestHost.PhoneNumberId, params (string Name, string Value)[] values)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", file))
            .Replace("{{MESSAGE_ID}}", messageId, StringComparison.Ordinal)
            .Replace("{{FROM}}", from, StringComparison.Ordinal)
            .Replace("{{PHONE_NUMBER_ID}}", phoneNumberId, StringComparison.Ordinal);
        foreach (var (name, value) in values)
        {
            // The value goes inside a JSON string: escape it as JSON does.
            var escaped = JsonSerializer.Serialize(value)[1..^1];
            json = json.Replace("{{" + name + "}}", escaped, StringComparison.Ordinal);
        }

        return json;
    }
}

/// <summary>An inbox that records what the webhook queues and never hands anything to the agent.</summary>
public sealed class RecordingInbox : IInbox
{
    private readonly List<InboundMessage> _messages = [];

    public Func<InboundMessage, CancellationToken, ValueTask>? EnqueueCallback { get; set; }

    public IReadOnlyList<InboundMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public async ValueTask EnqueueAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        if (EnqueueCallback is not null)
        {
            await EnqueueCallback(message, cancellationToken);
        }

        lock (_messages)
        {
            _messages.Add(message);
        }
    }

    public async ValueTask<InboxDelivery> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new OperationCanceledException(cancellationToken);
    }

    public ValueTask CompleteAsync(InboxDelivery delivery, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask FailAsync(InboxDelivery delivery, string reason, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int take = 100, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<DeadLetter>>([]);

    public ValueTask<bool> ReplayAsync(string deadLetterId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);
}
