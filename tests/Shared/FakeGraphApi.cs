using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Tests.Shared;

/// <summary>
/// A fake WhatsApp Graph API: a real Kestrel server on 127.0.0.1 that records what it is sent and answers like the
/// Cloud API after <see cref="Latency"/> (or as <see cref="Responder"/> says), and serves the <see cref="Media"/> it is
/// given through the two-step media download.
/// </summary>
public sealed class FakeGraphApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<GraphRequest> _requests = new();
    private WebApplication? _app;
    private int _sent;

    private string? _accessToken;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Gets or sets how long each answer to a message POST takes, as a real API's round trip does.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// Gets or sets a task every message POST (not read receipts) waits for before it is recorded and answered; a
    /// request whose client goes away meanwhile (its host was killed) is never recorded, as if it never got through.
    /// </summary>
    public Task? HoldMessages { get; set; }

    /// <summary>Answers a message POST; <see langword="null"/> means the normal success answer.</summary>
    public Func<GraphRequest, IResult?>? Responder { get; set; }

    public ConcurrentDictionary<string, (byte[] Content, string MimeType)> Media { get; } = new();

    /// <summary>Answers a media look-up (<c>GET /{version}/{media-id}</c>) by media id; <see langword="null"/> means the normal answer.</summary>
    public Func<string, IResult?>? MediaInfoResponder { get; set; }

    /// <summary>Answers a media download by media id, or waits; <see langword="null"/> means the normal answer.</summary>
    public Func<string, Task<IResult?>>? DownloadResponder { get; set; }

    public IReadOnlyList<GraphRequest> Requests => [.. _requests];

    /// <summary>The media uploaded (<c>POST /{version}/{phone-number-id}/media</c>): the id given back, the form's type and file name, the bytes.</summary>
    public IReadOnlyList<(string Id, string Type, string FileName, string ContentType, byte[] Content)> Uploads => [.. _uploads];

    private readonly ConcurrentQueue<(string Id, string Type, string FileName, string ContentType, byte[] Content)> _uploads = new();

    /// <summary>The messages sent to guests (read receipts and typing indicators excluded), in order of arrival.</summary>
    public IReadOnlyList<GraphRequest> Messages => [.. _requests.Where(r => r.IsMessage)];

    /// <summary>Starts the fake; media downloads then require <c>Bearer <paramref name="accessToken"/></c> when one is given.</summary>
    public static async Task<FakeGraphApi> StartAsync(string? accessToken = null)
    {
        var api = new FakeGraphApi { _accessToken = accessToken };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/{version}/{phoneNumberId}/messages", api.OnMessageAsync);
        app.MapPost("/{version}/{phoneNumberId}/media", api.OnUploadAsync);
        app.MapGet("/{version}/{mediaId}", api.OnMediaInfo);
        app.MapGet("/download/{mediaId}", api.OnDownload);
        await app.StartAsync();
        api._app = app;
        api.BaseUrl = new Uri(app.Urls.First());
        return api;
    }

    public async Task<IReadOnlyList<GraphRequest>> WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(() => Messages.Count >= count, timeout);
        return Messages;
    }

    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"The fake Graph API did not see what was expected; it recorded {Requests.Count} requests: {string.Join(" | ", Requests.Select(r => r.RawBody))}");
            }

            await Task.Delay(20);
        }
    }

    public void Clear() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Takes an upload as the Cloud API does (a multipart form with <c>messaging_product</c>, <c>type</c> and <c>file</c>) and answers its id.</summary>
    private async Task<IResult> OnUploadAsync(HttpContext context, string version, string phoneNumberId)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["messaging_product"] != "whatsapp" || form.Files.GetFile("file") is not { } file)
        {
            return Results.Json(new { error = new { message = "(#100) The parameter messaging_product is required.", type = "OAuthException", code = 100 } }, statusCode: 400);
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content);
        var id = $"media.up.{Interlocked.Increment(ref _sent)}";
        _uploads.Enqueue((id, form["type"].ToString(), file.FileName, file.ContentType, content.ToArray()));
        Media[id] = (content.ToArray(), file.ContentType);
        return Results.Json(new { id });
    }

    private async Task<IResult> OnMessageAsync(HttpContext context, string version, string phoneNumberId)
    {
        using var reader = new StreamReader(context.Request.Body);
        var raw = await reader.ReadToEndAsync();
        var request = new GraphRequest("POST", context.Request.Path, context.Request.Headers.Authorization.ToString(), version, phoneNumberId, raw, JsonDocument.Parse(raw).RootElement.Clone());
        if (HoldMessages is { } hold && request.IsMessage)
        {
            try
            {
                await hold.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }

            if (context.RequestAborted.IsCancellationRequested)
            {
                return Results.Empty;
            }
        }

        _requests.Enqueue(request);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency);
        }

        if (Responder?.Invoke(request) is { } custom)
        {
            return custom;
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

    private IResult OnMediaInfo(HttpContext context, string version, string mediaId)
    {
        _requests.Enqueue(new GraphRequest("GET", context.Request.Path, context.Request.Headers.Authorization.ToString(), version, null, string.Empty, default));
        if (MediaInfoResponder?.Invoke(mediaId) is { } custom)
        {
            return custom;
        }

        if (!Media.TryGetValue(mediaId, out var media))
        {
            return Results.Json(new { error = new { message = "Unsupported get request.", type = "GraphMethodException", code = 100, error_subcode = 33 } }, statusCode: 400);
        }

        return Results.Json(new
        {
            messaging_product = "whatsapp",
            url = new Uri(BaseUrl, $"download/{mediaId}").ToString(),
            mime_type = media.MimeType,
            sha256 = "unused",
            file_size = media.Content.Length,
            id = mediaId,
        });
    }

    private async Task<IResult> OnDownload(HttpContext context, string mediaId)
    {
        _requests.Enqueue(new GraphRequest("GET", context.Request.Path, context.Request.Headers.Authorization.ToString(), null, null, string.Empty, default));
        if (DownloadResponder is { } responder && await responder(mediaId) is { } custom)
        {
            return custom;
        }

        if (_accessToken is not null && context.Request.Headers.Authorization.ToString() != "Bearer " + _accessToken)
        {
            return Results.StatusCode(401);
        }

        return Media.TryGetValue(mediaId, out var media) ? Results.Bytes(media.Content, media.MimeType) : Results.NotFound();
    }
}

/// <summary>One request the fake Graph API received.</summary>
public sealed record GraphRequest(string Method, string Path, string Authorization, string? Version, string? PhoneNumberId, string RawBody, JsonElement Body)
{
    public bool IsMessage => Method == "POST" && Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("type", out _);

    public bool IsReadReceipt => Method == "POST" && Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("status", out var s) && s.GetString() == "read";

    public string? Type => IsMessage ? Body.GetProperty("type").GetString() : null;

    public string? To => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("to", out var to) ? to.GetString() : null;

    /// <summary>The text the guest sees: the text body, the interactive body or the template name.</summary>
    public string? Text => Type switch
    {
        "text" => Body.GetProperty("text").GetProperty("body").GetString(),
        "interactive" => Body.GetProperty("interactive").GetProperty("body").GetProperty("text").GetString(),
        "template" => Body.GetProperty("template").GetProperty("name").GetString(),
        _ => null,
    };
}
