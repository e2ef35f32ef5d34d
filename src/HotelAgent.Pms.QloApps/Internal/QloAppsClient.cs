using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace HotelAgent.Pms.QloApps;

/// <summary>
/// The QloApps webservice over HTTP: authentication, <c>output_format=JSON</c>, and transport failures turned into
/// <see cref="PmsUnavailableException"/>. Status codes are returned to the caller, which knows what they mean per call.
/// </summary>
internal sealed class QloAppsClient
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<QloAppsOptions> _options;
    private readonly ILogger<QloAppsClient> _logger;
    private readonly string _httpClientName;

    public QloAppsClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<QloAppsOptions> options, ILogger<QloAppsClient> logger)
        : this(httpClientFactory, options, logger, QloAppsDefaults.HttpClientName)
    {
    }

    /// <summary>Creates the client of one named property, with its own options and HTTP client.</summary>
    internal QloAppsClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<QloAppsOptions> options, ILogger<QloAppsClient> logger, string httpClientName)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _logger = logger;
        _httpClientName = httpClientName;
    }

    /// <summary>The request option that keeps the resilience pipeline from retrying a safe call (health checks answer at once).</summary>
    public static readonly HttpRequestOptionsKey<bool> NoRetry = new("HotelAgent.Pms.QloApps.NoRetry");

    public Task<QloAppsResponse> GetAsync(string pathAndQuery, CancellationToken cancellationToken, bool retry = true) =>
        SendAsync(HttpMethod.Get, pathAndQuery, content: null, cancellationToken, retry);

    /// <summary>
    /// Gets a file of the webservice (an image) as bytes: the status, the content type and the body, read up to
    /// <paramref name="maxBytes"/> (a longer body is reported as <see cref="HttpStatusCode.RequestEntityTooLarge"/>).
    /// </summary>
    public async Task<(HttpStatusCode Status, string? ContentType, byte[] Body)> GetFileAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var uri = new Uri(new Uri(options.BaseUrl.TrimEnd('/') + "/"), "api/" + path);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ApiKey + ":")));
        var resource = Resource(path);
        try
        {
            var client = _httpClientFactory.CreateClient(_httpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                Log.Unauthorized(_logger, "GET", resource, (int)response.StatusCode);
                throw new PmsUnavailableException($"QloApps refused the webservice key ({(int)response.StatusCode}) for GET {resource}; check QloAppsOptions.ApiKey and the key's permissions.")
                {
                    IsTransient = false,
                };
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return (HttpStatusCode.RequestEntityTooLarge, response.Content.Headers.ContentType?.MediaType, []);
            }

            using var body = new MemoryStream();
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > maxBytes)
                    {
                        return (HttpStatusCode.RequestEntityTooLarge, response.Content.Headers.ContentType?.MediaType, []);
                    }

                    body.Write(buffer, 0, read);
                }
            }

            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body.ToArray());
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.TransportFailed(_logger, "GET", resource, ex);
            throw new PmsUnavailableException($"QloApps could not be reached for GET {resource}: {ex.Message}", ex);
        }
    }

    public Task<QloAppsResponse> PostXmlAsync(string path, byte[] xml, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(xml);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        return SendAsync(HttpMethod.Post, path, content, cancellationToken);
    }

    public Task<QloAppsResponse> SendJsonAsync(HttpMethod method, string path, byte[] json, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return SendAsync(method, path, content, cancellationToken);
    }

    private async Task<QloAppsResponse> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken cancellationToken, bool retry = true)
    {
        var options = _options.CurrentValue;
        var separator = pathAndQuery.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var uri = new Uri(new Uri(options.BaseUrl.TrimEnd('/') + "/"), "api/" + pathAndQuery + separator + "output_format=JSON");
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        if (!retry)
        {
            request.Options.Set(NoRetry, true);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ApiKey + ":")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var resource = Resource(pathAndQuery);
        try
        {
            var client = _httpClientFactory.CreateClient(_httpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            JsonDocument? document = null;
            if (body.Length > 0 && (body[0] == (byte)'{' || body[0] == (byte)'['))
            {
                try
                {
                    document = JsonDocument.Parse(body);
                }
                catch (JsonException)
                {
                    document = null;
                }
            }

            var result = new QloAppsResponse(response.StatusCode, document);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                Log.Unauthorized(_logger, method.Method, resource, (int)response.StatusCode);
                result.Dispose();
                throw new PmsUnavailableException($"QloApps refused the webservice key ({(int)response.StatusCode}) for {method.Method} {resource}; check QloAppsOptions.ApiKey and the key's permissions.")
                {
                    IsTransient = false,
                };
            }

            if ((int)response.StatusCode >= 500)
            {
                Log.ServerError(_logger, method.Method, resource, (int)response.StatusCode, result.ErrorSummary);
            }

            return result;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.TransportFailed(_logger, method.Method, resource, ex);
            throw new PmsUnavailableException($"QloApps could not be reached for {method.Method} {resource}: {ex.Message}", ex);
        }
    }

    private static string Resource(string pathAndQuery)
    {
        var end = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return end < 0 ? pathAndQuery : pathAndQuery[..end];
    }
}

/// <summary>
/// A QloApps answer: the status and the JSON body, if it had one.
/// </summary>
internal sealed class QloAppsResponse(HttpStatusCode status, JsonDocument? document) : IDisposable
{
    public HttpStatusCode Status { get; } = status;

    public JsonDocument? Document { get; } = document;

    public JsonElement Root => Document?.RootElement ?? default;

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public bool IsServerError => (int)Status >= 500;

    /// <summary>Gets the messages of the <c>errors</c> array, if any.</summary>
    public IReadOnlyList<string> Errors =>
        Document is null ? [] : Root.Array("errors").Select(e => $"{e.Str("code")}: {e.Str("message")}").ToArray();

    public string ErrorSummary => Errors.Count == 0 ? "(no error body)" : string.Join("; ", Errors);

    public bool HasError(string fragment) =>
        Document is not null && Root.Array("errors").Any(e => e.Str("message")?.Contains(fragment, StringComparison.OrdinalIgnoreCase) == true);

    public void Dispose() => Document?.Dispose();
}
