using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HotelAgent.Pms.QloApps.Tests.Fakes;

/// <summary>
/// A QloApps webservice on 127.0.0.1 (Kestrel, port 0). It answers from a replay table of recorded fixtures, else from
/// a stateful <see cref="FakeQloAppsBackend"/> whose answers use the recorded shapes. It checks the Basic key like QloApps.
/// </summary>
internal sealed class FakeQloAppsServer : IAsyncDisposable
{
    public const string ApiKey = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private readonly WebApplication _app;
    private readonly List<(string Method, string Path, Func<string, string, bool> When, RecordedFixture Fixture)> _replays = [];
    private readonly Lock _gate = new();

    private FakeQloAppsServer(WebApplication app, FakeQloAppsBackend? backend)
    {
        _app = app;
        Backend = backend;
    }

    public FakeQloAppsBackend? Backend { get; }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Gets every request received: method, path and query, body.</summary>
    public ConcurrentQueue<(string Method, string PathAndQuery, string Body)> Requests { get; } = new();

    /// <summary>Gets or sets a hook that can answer a request before anything else (return true when it did).</summary>
    public Func<HttpContext, string, Task<bool>>? Intercept { get; set; }

    public static Task<FakeQloAppsServer> StartReplayAsync() => StartAsync(backend: null);

    public static Task<FakeQloAppsServer> StartStatefulAsync() => StartAsync(new FakeQloAppsBackend());

    public int Count(string method, string pathPrefix) =>
        Requests.Count(r => r.Method == method && r.PathAndQuery.StartsWith(pathPrefix, StringComparison.Ordinal));

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> (exact path, any query) with fixture <paramref name="number"/>, when the query and body match.</summary>
    public FakeQloAppsServer Replay(string method, string path, string number, Func<string, string, bool>? when = null)
    {
        lock (_gate)
        {
            _replays.Add((method, path, when ?? ((_, _) => true), RecordedFixture.Load(number)));
        }

        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<FakeQloAppsServer> StartAsync(FakeQloAppsBackend? backend)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeQloAppsServer(app, backend);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var request = context.Request;
        var query = Uri.UnescapeDataString(request.QueryString.Value ?? string.Empty);
        Requests.Enqueue((request.Method, request.Path + query, body));

        if (!Authorized(request))
        {
            var fixture = RecordedFixture.Load(request.Headers.Authorization.Count == 0 ? "091" : "090");
            await WriteAsync(context, fixture.Status, fixture.ContentType, fixture.ResponseBody);
            return;
        }

        if (Intercept is { } intercept && await intercept(context, body))
        {
            return;
        }

        RecordedFixture? replay;
        lock (_gate)
        {
            replay = _replays.LastOrDefault(r => r.Method == request.Method && r.Path == request.Path.Value && r.When(query, body)).Fixture;
        }

        if (replay is not null)
        {
            await WriteAsync(context, replay.Status, replay.ContentType, replay.ResponseBody);
            return;
        }

        if (request.Path.StartsWithSegments("/api/images", StringComparison.Ordinal))
        {
            var image = RecordedFixture.Load(ImageFixture(request.Path.Value!));
            await WriteAsync(context, image.Status, image.ContentType, image.ResponseBody);
            return;
        }

        if (Backend is not null)
        {
            var (status, json) = Backend.Handle(request.Method, request.Path.Value ?? "/", query, body);
            await WriteAsync(context, status, json is null ? null : "application/json", json is null ? [] : Encoding.UTF8.GetBytes(json));
            return;
        }

        var unknown = RecordedFixture.Load("092");
        await WriteAsync(context, unknown.Status, unknown.ContentType, unknown.ResponseBody);
    }

    /// <summary>
    /// The recording QloApps 1.6.1 answers an image request of the demo install with: the default image of each room
    /// type (product 1 image 1, 2/5, 3/9, 4/13) at <c>home_default</c> or original size, the image lists (XML only), and
    /// the 400s for an image id the product does not have (code 57), an unknown size (58) or image type (48).
    /// </summary>
    private static string ImageFixture(string path)
    {
        var segments = path.Trim('/').Split('/');
        if (segments.Length < 3 || segments[2] != "room_types")
        {
            return "133";
        }

        var sizes = new[] { "cart_default", "home_default", "large_default", "medium_default", "small_default", "thickbox_default" };
        return segments[3..] switch
        {
            [] => "128",
            ["1"] => "129",
            [_, _, var size] when !sizes.Contains(size, StringComparer.Ordinal) => "135",
            ["1", "1"] => "131",
            ["1", "1", "home_default"] => "130",
            ["2", "5", "home_default"] => "136",
            ["3", "9", "home_default"] => "137",
            ["4", "13", "home_default"] => "138",
            _ => "132",
        };
    }

    public static async Task WriteAsync(HttpContext context, int status, string? contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        if (contentType is not null)
        {
            context.Response.ContentType = contentType;
        }

        context.Response.Headers["PSWS-Version"] = "1.6.1.23";
        await context.Response.Body.WriteAsync(body);
    }

    private static bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey + ":"));
        return string.Equals(header, expected, StringComparison.Ordinal);
    }
}
