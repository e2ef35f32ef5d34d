using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace HotelAgent.Speech;

/// <summary>
/// An <see cref="ISpeechToTextClient"/> for OpenAI-compatible <c>POST {Endpoint}/audio/transcriptions</c> endpoints
/// (OpenAI, Groq, whisper.cpp's server, LocalAI, ...): a multipart form with <c>file</c>, <c>model</c> and an optional
/// <c>language</c>, answered with <c>{"text": "..."}</c>.
/// </summary>
internal sealed class OpenAICompatibleSpeechToTextClient(IHttpClientFactory httpClientFactory, IOptions<VoiceNoteOptions> options) : ISpeechToTextClient
{
    public const string HttpClientName = "HotelAgent.Speech";

    private readonly VoiceNoteOptions _options = options.Value;

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        var endpoint = _options.Endpoint ?? throw new InvalidOperationException("Set VoiceNoteOptions.Endpoint, or register an ISpeechToTextClient of your own before AddVoiceNotes().");
        var baseUri = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        using var form = new MultipartFormDataContent();
        using var file = new StreamContent(audioSpeechStream);
        var contentType = options?.AdditionalProperties?.TryGetValue("content_type", out var type) == true ? type as string : null;
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/octet-stream");
        form.Add(file, "file", options?.AdditionalProperties?.TryGetValue("file_name", out var name) == true && name is string n ? n : "voice-note.ogg");
        using var model = new StringContent(options?.ModelId ?? _options.Model);
        form.Add(model, "model");
        using var language = options?.SpeechLanguage is { Length: > 0 } lang ? new StringContent(lang) : null;
        if (language is not null)
        {
            form.Add(language, "language");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "audio/transcriptions")) { Content = form };
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }

        var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The transcription endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var bodyScope = body.ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        var text = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("text", out var t) ? t.GetString() : null;
        return new SpeechToTextResponse(text ?? string.Empty) { ModelId = options?.ModelId ?? _options.Model };
    }

    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToSpeechToTextResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(SpeechToTextClientMetadata) ? new SpeechToTextClientMetadata("openai-compatible", _options.Endpoint, _options.Model)
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }
}
