using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// The calls of one phone number to the Graph API, over the named <see cref="HttpClient"/> of that number (which
/// carries the standard resilience handler: timeouts, retries on 408/429/5xx honouring <c>Retry-After</c>, circuit
/// breaker). Every failure surfaces as a <see cref="WhatsAppApiException"/>.
/// </summary>
internal sealed class GraphApiClient(IHttpClientFactory httpClientFactory, string httpClientName, WhatsAppOptions options)
{
    public WhatsAppOptions Options => options;

    /// <summary>POSTs a message object to <c>/{version}/{phone-number-id}/messages</c> and returns the new message id.</summary>
    public async Task<string?> PostMessageAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint($"{Uri.EscapeDataString(options.PhoneNumberId!)}/messages"))
        {
            Content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return document?.RootElement is { ValueKind: JsonValueKind.Object } root
            && root.TryGetProperty("messages", out var messages)
            && messages.ValueKind == JsonValueKind.Array
            && messages.GetArrayLength() > 0
            && messages[0].TryGetProperty("id", out var id)
                ? id.GetString()
                : null;
    }

    /// <summary>Uploads media bytes to <c>/{version}/{phone-number-id}/media</c> and returns the media id to send.</summary>
    public async Task<string> UploadMediaAsync(ReadOnlyMemory<byte> content, string contentType, string fileName, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("whatsapp"), "messaging_product" },
            { new StringContent(contentType), "type" },
        };
        var file = new ReadOnlyMemoryContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint($"{Uri.EscapeDataString(options.PhoneNumberId!)}/media")) { Content = form };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return document?.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } mediaId
            ? mediaId
            : throw new WhatsAppApiException("The Graph API gave no id for the uploaded media.", null, (int)response.StatusCode);
    }

    /// <summary>Resolves a media id to its short-lived download URL, its MIME type and its size.</summary>
    public async Task<(Uri Url, string? MimeType, long? Size)> GetMediaAsync(string mediaId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint(Uri.EscapeDataString(mediaId)));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        var root = document?.RootElement ?? default;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("url", out var urlElement)
            || !Uri.TryCreate(urlElement.GetString(), UriKind.Absolute, out var url))
        {
            throw new WhatsAppApiException($"The Graph API gave no download URL for media {mediaId}.", null, (int)response.StatusCode);
        }

        var mime = root.TryGetProperty("mime_type", out var m) ? m.GetString() : null;
        long? size = root.TryGetProperty("file_size", out var s)
            ? s.ValueKind == JsonValueKind.Number ? s.GetInt64() : long.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null
            : null;
        return (url, mime, size);
    }

    /// <summary>Downloads media bytes from a URL given by <see cref="GetMediaAsync"/>, refusing more than <paramref name="maxBytes"/>.</summary>
    public async Task<byte[]> DownloadAsync(Uri url, int maxBytes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await SendAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new InvalidDataException($"The media is {response.Content.Headers.ContentLength} bytes, above the limit of {maxBytes}.");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new InvalidDataException($"The media is larger than the limit of {maxBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private Uri Endpoint(string path)
    {
        var baseUrl = options.GraphApiBaseUrl.ToString().TrimEnd('/');
        return new Uri($"{baseUrl}/{options.GraphApiVersion}/{path}", UriKind.Absolute);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
        HttpResponseMessage response;
        try
        {
            var client = httpClientFactory.CreateClient(httpClientName);
            response = await client.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutException or ExecutionRejectedException)
        {
            throw new WhatsAppApiException($"The Graph API could not be reached: {ex.GetType().Name}.", null, null, ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<JsonDocument?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static async Task<WhatsAppApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        int? code = null;
        int? subcode = null;
        string? title = null;
        string? trace = null;
        using (var document = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false))
        {
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                code = ReadInt(error, "code");
                subcode = ReadInt(error, "error_subcode");
                title = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                trace = error.TryGetProperty("fbtrace_id", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            }
        }

        var description = WhatsAppErrorCodes.Describe(code) ?? title ?? response.ReasonPhrase ?? "request failed";
        var message = code is null
            ? $"The Graph API answered HTTP {status}: {description}."
            : $"The Graph API answered HTTP {status} with error {code}: {description}.";
        return new WhatsAppApiException(message, code, status) { ErrorSubcode = subcode, TraceId = trace };
    }

    private static int? ReadInt(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
