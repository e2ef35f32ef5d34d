using System.Diagnostics;
using HotelAgent.Abstractions;
using HotelAgent.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

[assembly: AssemblyFixture(typeof(HotelAgent.Speech.Tests.VoiceNotes))]

namespace HotelAgent.Speech.Tests;

/// <summary>
/// Real voice notes made once per run: espeak-ng speaks a sentence to WAV and opusenc encodes it as Ogg/Opus, the
/// format of WhatsApp voice notes. Missing tools skip the tests locally and fail them under <c>CI=true</c>.
/// </summary>
public sealed class VoiceNotes : IAsyncLifetime
{
    private string _dir = null!;

    public byte[] Wav { get; private set; } = [];

    public byte[] OggOpus { get; private set; } = [];

    public string? MissingReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var espeak = TestPrerequisites.FindProgram(TestPrerequisites.Voice, "espeak-ng", "/usr/bin/espeak-ng");
        var opusenc = TestPrerequisites.FindProgram(TestPrerequisites.Voice, "opusenc", "/usr/bin/opusenc");
        if (espeak is null || opusenc is null)
        {
            MissingReason = "espeak-ng or opusenc is not installed";
            return;
        }

        _dir = Directory.CreateTempSubdirectory("hotelagent-voice-").FullName;
        var wav = Path.Combine(_dir, "note.wav");
        var ogg = Path.Combine(_dir, "note.ogg");
        await RunAsync(espeak, "-v", "es", "-w", wav, "Hola, quiero reservar una habitación doble del diez al doce de diciembre para dos personas");
        await RunAsync(opusenc, "--quiet", wav, ogg);
        Wav = await File.ReadAllBytesAsync(wav);
        OggOpus = await File.ReadAllBytesAsync(ogg);
        foreach (var (language, sentence) in CheckInQuestions)
        {
            var spokenWav = Path.Combine(_dir, $"check-in-{language}.wav");
            var spokenOgg = Path.Combine(_dir, $"check-in-{language}.ogg");
            await RunAsync("/usr/bin/espeak-ng", "-v", language == "pt" ? "pt-pt" : language, "-w", spokenWav, sentence);
            await RunAsync("/usr/bin/opusenc", "--quiet", spokenWav, spokenOgg);
            CheckIn[language] = await File.ReadAllBytesAsync(spokenOgg);
        }
    }

    /// <summary>The question each voice note of <see cref="CheckIn"/> speaks, by language.</summary>
    public static IReadOnlyDictionary<string, string> CheckInQuestions { get; } = new Dictionary<string, string>
    {
        ["es"] = "¿A qué hora es el check-in?",
        ["en"] = "What time is check-in?",
        ["pt"] = "A que horas é o check-in?",
    };

    /// <summary>Gets Ogg/Opus voice notes asking for the check-in time in Spanish, English and Portuguese.</summary>
    public Dictionary<string, byte[]> CheckIn { get; } = [];

    public void SkipIfMissing()
    {
        if (MissingReason is null)
        {
            return;
        }

        TestPrerequisites.SkipOrFail(TestPrerequisites.Voice, "Voice-note tests", MissingReason, "apt-get install -y espeak-ng opus-tools");
    }

    public ValueTask DisposeAsync()
    {
        if (_dir is not null)
        {
            Directory.Delete(_dir, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {error}");
        }
    }
}

/// <summary>One request the fake transcription server received.</summary>
public sealed record TranscriptionRequest(string? Authorization, string? Model, string? Language, string? FileName, string? ContentType, byte[] File);

/// <summary>
/// An OpenAI-compatible transcription endpoint on 127.0.0.1 (<c>POST /v1/audio/transcriptions</c>, multipart).
/// </summary>
public sealed class FakeTranscriptionServer : IAsyncDisposable
{
    private readonly List<TranscriptionRequest> _requests = [];
    private WebApplication _app = null!;

    public Uri BaseUrl { get; private set; } = null!;

    public string Transcript { get; set; } = "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas";

    /// <summary>Gets what each known recording says; a file found here is answered with its text instead of <see cref="Transcript"/>.</summary>
    public List<(byte[] Audio, string Text)> Recordings { get; } = [];

    public int StatusCode { get; set; } = 200;

    /// <summary>Gets or sets how long each answer takes.</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<TranscriptionRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeTranscriptionServer> StartAsync()
    {
        var server = new FakeTranscriptionServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        server._app = builder.Build();
        server._app.MapPost("/v1/audio/transcriptions", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var file = form.Files["file"];
            using var buffer = new MemoryStream();
            if (file is not null)
            {
                await file.CopyToAsync(buffer);
            }

            lock (server._requests)
            {
                server._requests.Add(new TranscriptionRequest(request.Headers.Authorization, form["model"], form["language"], file?.FileName, file?.ContentType, buffer.ToArray()));
            }

            if (server.Delay > TimeSpan.Zero)
            {
                await Task.Delay(server.Delay, request.HttpContext.RequestAborted);
            }

            if (server.StatusCode != 200)
            {
                return Results.Json(new { error = new { message = "The server had an error while processing your request.", type = "server_error" } }, statusCode: server.StatusCode);
            }

            if (string.IsNullOrEmpty(form["model"]) || file is null)
            {
                return InvalidRequest("'file' and 'model' are required.");
            }

            // Like OpenAI: audio it cannot decode is refused with 400 (and the same request will always be refused).
            var bytes = buffer.ToArray();
            if (!Decodable(bytes))
            {
                return InvalidRequest("Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']");
            }

            var known = server.Recordings.Find(r => r.Audio.AsSpan().SequenceEqual(bytes));
            return Results.Json(new { text = known.Text ?? server.Transcript });
        });
        await server._app.StartAsync();
        server.BaseUrl = new Uri(server._app.Urls.First() + "/v1/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IResult InvalidRequest(string message) =>
        Results.Json(new { error = new { message, type = "invalid_request_error", param = (string?)null, code = (string?)null } }, statusCode: 400);

    /// <summary>Whether a decoder would read the file: a known container whose stream headers are there (Ogg needs its OpusHead or Vorbis header).</summary>
    private static bool Decodable(byte[] file)
    {
        var span = file.AsSpan();
        if (span.StartsWith("OggS"u8))
        {
            return span.IndexOf("OpusHead"u8) is >= 0 and < 200 || span.IndexOf("\u0001vorbis"u8) is >= 0 and < 200;
        }

        return (span.Length > 44 && span.StartsWith("RIFF"u8) && span[8..12].SequenceEqual("WAVE"u8) && span.IndexOf("data"u8) > 0)
            || span.StartsWith("ID3"u8)
            || span.StartsWith("fLaC"u8)
            || (span.Length > 12 && span[4..8].SequenceEqual("ftyp"u8))
            || span.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]);
    }
}

/// <summary>A channel that records what the agent sends.</summary>
public sealed class RecordingChannel(string name) : IMessageChannel
{
    private readonly List<(string GuestId, OutboundMessage Message)> _sent = [];

    public string Name => name;

    public IReadOnlyList<(string GuestId, OutboundMessage Message)> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public Task<DeliveryResult> SendAsync(string guestId, OutboundMessage message, CancellationToken cancellationToken = default)
    {
        lock (_sent)
        {
            _sent.Add((guestId, message));
        }

        return Task.FromResult(new DeliveryResult(null));
    }
}
