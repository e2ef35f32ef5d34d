using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotelAgent.Abstractions;
using HotelAgent.Speech.Tests;
using HotelAgent.Tests.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Sample.Tests;

/// <summary>
/// The sample with its <c>HotelAgent:WhatsApp</c> and <c>HotelAgent:Speech</c> sections: WhatsApp voice notes reach the
/// fake Graph API's media, are transcribed by the fake OpenAI-compatible endpoint and answered in their language; a
/// note that cannot be fetched or heard gets a polite reply and is retried or dead-lettered, visibly.
/// </summary>
public sealed class SpeechSectionTests(VoiceNotes notes) : IAsyncLifetime
{
    private FakeGraphApi _graph = null!;
    private FakeTranscriptionServer _speech = null!;

    public async ValueTask InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync(WhatsApp.AccessToken);
        _speech = await FakeTranscriptionServer.StartAsync();
        foreach (var (language, audio) in notes.CheckIn)
        {
            _speech.Recordings.Add((audio, VoiceNotes.CheckInQuestions[language]));
        }

        foreach (var (language, audio) in notes.SpokenDates)
        {
            _speech.Recordings.Add((audio, VoiceNotes.SpokenDateRequests[language]));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _graph.DisposeAsync();
        await _speech.DisposeAsync();
    }

    private SampleHost Start(params (string Key, string? Value)[] extra)
    {
        var settings = WhatsApp.Settings(_graph.BaseUrl);
        settings["HotelAgent:Speech:Endpoint"] = _speech.BaseUrl.ToString();
        settings["HotelAgent:Speech:ApiKey"] = "sk-loopback-4f9a2c7e1b";
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return new SampleHost(settings);
    }

    private async Task<string> ReplyToAsync(string guest, int index = 0)
    {
        var messages = await _graph.WaitForMessagesAsync(index + 1);
        return messages.Where(m => m.To == guest).ElementAt(index).Text!;
    }

    [Theory]
    [InlineData("es", "El check-in es a partir de las")]
    [InlineData("en", "Check-in is from")]
    [InlineData("pt", "O check-in é a partir das")]
    public async Task VoiceNote_SpokenInALanguage_TranscribedAndAnsweredInIt(string language, string expected)
    {
        notes.SkipIfMissing();
        await using var host = Start();
        using var client = host.CreateClient();
        _graph.Media["media-" + language] = (notes.CheckIn[language], "audio/ogg; codecs=opus");

        using var response = await WhatsApp.PostVoiceNoteAsync(client, "wamid.voice-" + language, "34600000001", "media-" + language);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReplyToAsync("34600000001")).Should().StartWith(expected);
        var request = _speech.Requests.Should().ContainSingle().Subject;
        request.File.Should().Equal(notes.CheckIn[language]);
        request.FileName.Should().Be("voice-note.ogg");
        var session = await host.Services.GetRequiredService<ISessionStore>().GetAsync($"whatsapp:{WhatsApp.PhoneNumberId}:34600000001");
        session!.Language.Should().Be(language);
    }

    [Theory]
    [InlineData("es", "del 10 al 12 de marzo")]
    [InlineData("en", "from March 10 to 12")]
    [InlineData("pt", "de 10 a 12 de março")]
    public async Task VoiceNote_DatesSpokenInWords_QuotedForThoseDatesInItsLanguage(string language, string dates)
    {
        notes.SkipIfMissing();
        await using var host = Start();
        using var client = host.CreateClient();
        _graph.Media["dates-" + language] = (notes.SpokenDates[language], "audio/ogg; codecs=opus");

        using var response = await WhatsApp.PostVoiceNoteAsync(client, "wamid.dates-" + language, "34600000002", "dates-" + language);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var reply = await ReplyToAsync("34600000002");
        reply.Should().Contain(dates, "the dates were said in words, as speech-to-text writes them").And.Contain("240");
        _speech.Requests.Should().ContainSingle().Which.File.Should().Equal(notes.SpokenDates[language]);
    }

    [Fact]
    public async Task VoiceNote_LargerThanTheLimits_TooLargeReplyWithoutDownloadOrTranscription()
    {
        // WhatsApp's media limit and speech's are both 10 MiB by default: one byte more is refused by both.
        await using var host = Start();
        using var client = host.CreateClient();
        var big = new byte[(10 * 1024 * 1024) + 1];
        "OggS"u8.CopyTo(big);
        _graph.Media["media-big"] = (big, "audio/ogg; codecs=opus");

        using var response = await WhatsApp.PostVoiceNoteAsync(client, "wamid.big", "34600000002", "media-big");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReplyToAsync("34600000002")).Should().Be("Lo siento, su nota de voz es demasiado grande para mí. ¿Podría escribirme?");
        _graph.Requests.Should().NotContain(r => r.Path.StartsWith("/download/", StringComparison.Ordinal), "the size comes from the Graph API's answer");
        _speech.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task VoiceNote_SlowDownload_FetchedAgainByTheAgentAndAnswered()
    {
        notes.SkipIfMissing();
        // The webhook's budget covers the media id's look-up too: it is long enough that a loaded machine still reaches
        // the download within it, and the first download is much longer than the budget.
        await using var host = Start(("HotelAgent:WhatsApp:MediaDownloadTimeout", "00:00:01.500"));
        using var client = host.CreateClient();
        _graph.Media["media-slow"] = (notes.CheckIn["en"], "audio/ogg; codecs=opus");
        var downloads = 0;
        _graph.DownloadResponder = async _ =>
        {
            if (Interlocked.Increment(ref downloads) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(5)); // longer than the webhook's budget
            }

            return null;
        };

        using var response = await WhatsApp.PostVoiceNoteAsync(client, "wamid.slow", "34600000003", "media-slow");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReplyToAsync("34600000003")).Should().StartWith("Check-in is from");
        downloads.Should().Be(2);
    }

    [Fact]
    public async Task VoiceNote_ExpiredDownloadUrl_NewUrlAskedAndAnswered()
    {
        notes.SkipIfMissing();
        await using var host = Start(("HotelAgent:WhatsApp:DownloadMedia", "false"));
        using var client = host.CreateClient();
        _graph.Media["media-expired"] = (notes.CheckIn["pt"], "audio/ogg; codecs=opus");
        var downloads = 0;
        _graph.DownloadResponder = _ => Task.FromResult(Interlocked.Increment(ref downloads) == 1 ? Results.StatusCode(404) : null);

        using var response = await WhatsApp.PostVoiceNoteAsync(client, "wamid.expired", "34600000004", "media-expired");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReplyToAsync("34600000004")).Should().StartWith("O check-in é a partir das");
        _graph.Requests.Count(r => r.Path == "/" + _graph.Requests.First(q => q.Version is not null && q.Method == "GET").Version + "/media-expired").Should().Be(2, "the media id is resolved again");
    }

    [Fact]
    public async Task VoiceNote_GraphApiDown_GuestToldOnceRetriedThenAnswered()
    {
        notes.SkipIfMissing();
        await using var host = Start(("HotelAgent:InboxMaxAttempts", "3"), ("HotelAgent:InboxRetryDelay", "00:00:01"));
        using var client = host.CreateClient();
        _graph.Media["media-down"] = (notes.CheckIn["es"], "audio/ogg; codecs=opus");
        var down = true;
        _graph.MediaInfoResponder = _ => Volatile.Read(ref down)
            ? Results.Json(new { error = new { message = "Service temporarily unavailable", type = "OAuthException", code = 2 } }, statusCode: 503)
            : null;

        using var response = await WhatsApp.PostVoiceNoteAsync(client, "wamid.down", "34600000005", "media-down");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var first = await ReplyToAsync("34600000005");
        Volatile.Write(ref down, false);
        first.Should().Be("Lo siento, no he podido descargar su nota de voz; lo vuelvo a intentar en un momento. Si es urgente, ¿podría escribírmelo?");
        (await ReplyToAsync("34600000005", 1)).Should().StartWith("El check-in es a partir de las");
        _graph.Messages.Count(m => m.To == "34600000005").Should().Be(2, "the guest is told once, then answered");
    }

    [Fact]
    public async Task VoiceNote_MediaGoneFromTheGraphApi_NotHeardReplyNotRetried()
    {
        await using var host = Start(("HotelAgent:DefaultLanguage", "en"));
        using var client = host.CreateClient();

        using var response = await WhatsApp.PostVoiceNoteAsync(client, "wamid.gone", "34600000006", "media-unknown");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReplyToAsync("34600000006")).Should().Be("Sorry, I could not hear your voice note. Could you write it?");
        using var admin = host.CreateAdminClient();
        var list = await admin.GetFromJsonAsync<JsonElement>("/v1/dead-letters");
        list.GetProperty("deadLetters").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task VoiceNote_SpeechServiceDown_DeadLetteredVisiblyAndReplayedThroughTheEndpoint()
    {
        notes.SkipIfMissing();
        await using var host = Start(("HotelAgent:InboxMaxAttempts", "2"), ("HotelAgent:DefaultLanguage", "pt"));
        using var client = host.CreateClient();
        using var admin = host.CreateAdminClient();
        _graph.Media["media-stt"] = (notes.CheckIn["en"], "audio/ogg; codecs=opus");
        _speech.StatusCode = 503;

        using var response = await WhatsApp.PostVoiceNoteAsync(client, "wamid.stt", "34600000007", "media-stt");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReplyToAsync("34600000007")).Should().Be("Desculpe, não consegui ouvir a sua nota de voz. Pode escrever-mo?");
        JsonElement letter = default;
        await SampleHost.WaitUntilAsync(
            async () =>
            {
                var list = await admin.GetFromJsonAsync<JsonElement>("/v1/dead-letters");
                var letters = list.GetProperty("deadLetters").EnumerateArray().ToArray();
                letter = letters.FirstOrDefault();
                return letters.Length == 1;
            },
            what: "the dead letter");
        letter.GetProperty("queue").GetString().Should().Be("inbox");
        letter.GetProperty("direction").GetString().Should().Be("inbound");
        letter.GetProperty("content").GetString().Should().Be("voice note");
        letter.GetProperty("attempts").GetInt32().Should().Be(2);
        letter.GetProperty("reason").GetString().Should().Contain("VoiceNoteTranscriptionException");
        _speech.Requests.Should().HaveCount(2);

        // Without the key the dead letters are not shown.
        using var anonymous = host.CreateClient();
        (await anonymous.GetAsync("/v1/dead-letters")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        _speech.StatusCode = 200;
        using var replay = await admin.PostAsync($"/v1/dead-letters/inbox/{letter.GetProperty("id").GetString()}/replay", null);
        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReplyToAsync("34600000007", 1)).Should().StartWith("Check-in is from");
        (await admin.GetFromJsonAsync<JsonElement>("/v1/dead-letters")).GetProperty("deadLetters").GetArrayLength().Should().Be(0);
        (await admin.PostAsync($"/v1/dead-letters/inbox/{letter.GetProperty("id").GetString()}/replay", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UndeliverableReply_ListedUnderWhatsAppAndDiscarded()
    {
        await using var host = Start();
        using var admin = host.CreateAdminClient();
        _graph.Responder = r => r.IsMessage ? Results.Json(new { error = new { message = "Recipient phone number not in allowed list", type = "OAuthException", code = 131030 } }, statusCode: 400) : null;
        using var client = host.CreateClient();

        using var response = await WhatsApp.PostVoiceNoteAsync(client, "wamid.undeliverable", "34600000008", "media-unknown");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonElement[] letters = [];
        await SampleHost.WaitUntilAsync(
            async () =>
            {
                letters = [.. (await admin.GetFromJsonAsync<JsonElement>("/v1/dead-letters?queue=whatsapp")).GetProperty("deadLetters").EnumerateArray()];
                return letters.Length > 0;
            },
            what: "the undelivered reply");
        var letter = letters.Should().ContainSingle().Subject;
        letter.GetProperty("direction").GetString().Should().Be("outbound");
        letter.GetProperty("conversationId").GetString().Should().Be($"whatsapp:{WhatsApp.PhoneNumberId}:34600000008");
        letter.GetProperty("isTransient").GetBoolean().Should().BeFalse();

        using var discard = await admin.DeleteAsync($"/v1/dead-letters/whatsapp/{letter.GetProperty("id").GetString()}");
        discard.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.GetFromJsonAsync<JsonElement>("/v1/dead-letters")).GetProperty("deadLetters").GetArrayLength().Should().Be(0);
        (await admin.DeleteAsync($"/v1/dead-letters/whatsapp/{letter.GetProperty("id").GetString()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync("/v1/dead-letters?queue=nope")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
