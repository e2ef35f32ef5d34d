using System.Text;

namespace HotelAgent.LoadTest;

/// <summary>
/// A stand-in for Meta's Graph API on 127.0.0.1: answers the sample's message sends and read receipts at once with
/// Cloud-API-shaped JSON and counts them.
/// </summary>
internal sealed class FakeGraphApi : IAsyncDisposable
{
    private static readonly byte[] ReadReceiptMarker = Encoding.UTF8.GetBytes("\"status\":\"read\"");
    private static readonly byte[] SuccessBody = Encoding.UTF8.GetBytes("{\"success\":true}");
    private static readonly byte[] ToMarker = Encoding.UTF8.GetBytes("\"to\":\"");

    private readonly WebApplication _app;
    private long _messages;
    private long _readReceipts;
    private long _nextId;

    private FakeGraphApi(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.First());

    /// <summary>Gets how many messages (replies to guests) the host sent.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Gets or sets what is told of every message (not read receipt) to a guest, with the guest's phone number.</summary>
    public Action<string>? OnReply { get; set; }

    /// <summary>Gets how many read receipts the host sent.</summary>
    public long ReadReceipts => Interlocked.Read(ref _readReceipts);

    public static async Task<FakeGraphApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeGraphApi(app);
        app.MapPost("/{version}/{phoneNumberId}/messages", api.OnMessageAsync);
        await app.StartAsync();
        return api;
    }

    /// <summary>Waits until no message has arrived for <paramref name="quiet"/>, or <paramref name="timeout"/> passed.</summary>
    public async Task WaitForQuietAsync(TimeSpan quiet, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = Messages + ReadReceipts;
        var lastChange = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            var now = Messages + ReadReceipts;
            if (now != last)
            {
                last = now;
                lastChange = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - lastChange >= quiet)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task OnMessageAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        context.Response.ContentType = "application/json";
        if (buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(ReadReceiptMarker) >= 0)
        {
            Interlocked.Increment(ref _readReceipts);
            await context.Response.Body.WriteAsync(SuccessBody);
            return;
        }

        Interlocked.Increment(ref _messages);
        if (OnReply is { } onReply)
        {
            var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            var at = body.IndexOf(ToMarker);
            if (at >= 0)
            {
                var rest = body[(at + ToMarker.Length)..];
                var end = rest.IndexOf((byte)'"');
                if (end > 0)
                {
                    onReply(Encoding.UTF8.GetString(rest[..end]));
                }
            }
        }

        var id = Interlocked.Increment(ref _nextId);
        await context.Response.WriteAsync(
            $$"""{"messaging_product":"whatsapp","contacts":[{"input":"guest","wa_id":"guest"}],"messages":[{"id":"wamid.out.{{id}}"}]}""");
    }
}
