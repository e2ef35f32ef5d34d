using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Pms.QloApps.LiveTests;

/// <summary>
/// A loopback proxy in front of the live QloApps (Kestrel on 127.0.0.1:0): it counts the requests and can play an
/// outage (every request answered 503 by "Apache" while <see cref="Down"/>) or lose the answer to a write after
/// QloApps has done it (<see cref="LoseNextAnswer"/>).
/// </summary>
public sealed class QloAppsProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly string _target;

    private QloAppsProxy(WebApplication app, string target)
    {
        _app = app;
        _target = target.TrimEnd('/');
    }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Gets the requests seen: method and path (without the query).</summary>
    public ConcurrentQueue<(string Method, string Path)> Requests { get; } = new();

    /// <summary>Gets or sets a value indicating whether QloApps is "down": every request gets a 503 without reaching it.</summary>
    public bool Down { get; set; }

    /// <summary>Gets or sets a method and path whose next answer is replaced by an empty 500 after QloApps handled it (then <see cref="Down"/> is set when <see cref="DownAfterLoss"/>).</summary>
    public (string Method, string Path)? LoseNextAnswer { get; set; }

    /// <summary>Gets or sets a value indicating whether the proxy goes <see cref="Down"/> right after losing an answer.</summary>
    public bool DownAfterLoss { get; set; }

    public int Count(string method, string path) => Requests.Count(r => r.Method == method && r.Path == path);

    public static async Task<QloAppsProxy> StartAsync(string target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new QloAppsProxy(app, target);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue((request.Method, request.Path.Value ?? "/"));
        if (Down)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), _target + request.Path + request.QueryString);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            forward.Content = new ByteArrayContent(buffer.ToArray());
            if (request.ContentType is { } type)
            {
                forward.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        if (request.Headers.Authorization.Count > 0)
        {
            forward.Headers.TryAddWithoutValidation("Authorization", request.Headers.Authorization.ToString());
        }

        using var response = await _client.SendAsync(forward);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (LoseNextAnswer is { } lose && lose.Method == request.Method && lose.Path == request.Path.Value)
        {
            LoseNextAnswer = null;
            Down = DownAfterLoss;
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType.ToString();
        }

        await context.Response.Body.WriteAsync(body);
    }
}
