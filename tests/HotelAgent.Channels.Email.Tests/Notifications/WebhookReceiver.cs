using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HotelAgent.Channels.Email.Tests;

/// <summary>
/// A real HTTP server on 127.0.0.1 that receives staff webhooks: it records every POST, answers the first
/// <c>failFirst</c> with 503, and counts the deliveries it accepted whose signature is right.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<WebhookRequest> _requests = new();
    private readonly string _secret;
    private readonly Task _loop;
    private int _failuresLeft;

    private WebhookReceiver(string secret, int failFirst)
    {
        _secret = secret;
        _failuresLeft = failFirst;
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            Url = new Uri($"http://127.0.0.1:{port}/hooks/staff/");
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(Url.ToString());
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<WebhookRequest> Requests => [.. _requests];

    /// <summary>The deliveries answered 2xx, in order.</summary>
    public IReadOnlyList<WebhookRequest> Accepted => [.. _requests.Where(r => r.Status == 200)];

    public static WebhookReceiver Start(string secret, int failFirst = 0) => new(secret, failFirst);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var bytes = body.ToArray();
            var signature = context.Request.Headers["X-HotelAgent-Signature-256"];
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), bytes));
            var status = Interlocked.Decrement(ref _failuresLeft) >= 0 ? 503 : 200;
            _requests.Enqueue(new WebhookRequest(
                context.Request.Headers["X-HotelAgent-Delivery"] ?? string.Empty,
                context.Request.Headers["X-HotelAgent-Event"] ?? string.Empty,
                string.Equals(signature, expected, StringComparison.Ordinal),
                Encoding.UTF8.GetString(bytes),
                JsonDocument.Parse(bytes).RootElement.Clone(),
                status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    public async Task WaitUntilAsync(Func<WebhookReceiver, bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition(this))
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"The webhook receiver got {Requests.Count} requests: {string.Join(" | ", Requests.Select(r => $"{r.Status} {r.Body}"))}");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

public sealed record WebhookRequest(string DeliveryId, string Event, bool SignatureValid, string Body, JsonElement Json, int Status);
