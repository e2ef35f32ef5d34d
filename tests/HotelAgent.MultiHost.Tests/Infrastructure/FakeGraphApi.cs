using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HotelAgent.MultiHost.Tests;

/// <summary>
/// A fake WhatsApp Graph API in the test process: Kestrel on 127.0.0.1, recording every POST to
/// <c>/{version}/{phoneNumberId}/messages</c> (when it arrives) and answering like the Cloud API after <see cref="Latency"/>.
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<GraphRequest> _requests = new();
    private WebApplication? _app;
    private int _sent;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Gets or sets how long each answer takes, as a real API's round trip does.</summary>
    public TimeSpan Latency { get; set; }

    public IReadOnlyList<GraphRequest> Requests => [.. _requests];

    /// <summary>Gets the messages sent to guests (read receipts and typing indicators excluded), in order of arrival.</summary>
    public IReadOnlyList<GraphRequest> Messages => [.. _requests.Where(r => r.IsMessage)];

    public static async Task<FakeGraphApi> StartAsync()
    {
        var api = new FakeGraphApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/{version}/{phoneNumberId}/messages", api.OnMessageAsync);
        await app.StartAsync();
        api._app = app;
        api.BaseUrl = new Uri(app.Urls.First());
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task<IResult> OnMessageAsync(HttpContext context, string version, string phoneNumberId)
    {
        using var reader = new StreamReader(context.Request.Body);
        var raw = await reader.ReadToEndAsync();
        var request = new GraphRequest(DateTimeOffset.UtcNow, phoneNumberId, JsonDocument.Parse(raw).RootElement.Clone());
        _requests.Enqueue(request);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency);
        }

        if (!request.IsMessage)
        {
            return Results.Json(new { success = true });
        }

        var id = $"wamid.out.{Interlocked.Increment(ref _sent)}";
        return Results.Json(new
        {
            messaging_product = "whatsapp",
            contacts = new[] { new { input = request.To, wa_id = request.To } },
            messages = new[] { new { id } },
        });
    }
}

/// <summary>One POST the fake Graph API received.</summary>
public sealed record GraphRequest(DateTimeOffset ReceivedAt, string PhoneNumberId, JsonElement Body)
{
    /// <summary>Gets a value indicating whether this is a message to a guest (it has a <c>type</c>); read receipts have a <c>status</c> instead.</summary>
    public bool IsMessage => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("type", out _);

    public string? Type => IsMessage ? Body.GetProperty("type").GetString() : null;

    public string? To => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("to", out var to) ? to.GetString() : null;

    /// <summary>Gets the text the guest sees: the text body or the interactive body.</summary>
    public string? Text => Type switch
    {
        "text" => Body.GetProperty("text").GetProperty("body").GetString(),
        "interactive" => Body.GetProperty("interactive").GetProperty("body").GetProperty("text").GetString(),
        _ => null,
    };
}
