using System.Net;
using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Channels.WhatsApp.Tests.Issues;

/// <summary>
/// Issue 16 on the WhatsApp path: no phone number or email in logs below Trace, one malformed message does not reject
/// its delivery, every kind of message is answered, and a store outage is a 503 with Retry-After, never a 500.
/// </summary>
public sealed class IssuesTests_Delivery_16 : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(WhatsAppTestHost.Now);
    private FakeGraphApi _graph = null!;
    private WhatsAppTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync(WhatsAppTestHost.AccessToken);
        _host = await WhatsAppTestHost.StartAsync(_graph, clock: _clock, services: s =>
        {
            s.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
            s.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private IReadOnlyList<FakeLogRecord> Logs => _host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();

    private async Task<GraphRequest> WaitForReplyAsync(string guest, Func<GraphRequest, bool> match)
    {
        await _graph.WaitUntilAsync(() => _graph.Messages.Any(m => m.To == guest && match(m)), TimeSpan.FromSeconds(15));
        return _graph.Messages.Last(m => m.To == guest && match(m));
    }

    private async Task<IReadOnlyList<GraphRequest>> RepliesAfterAsync(string guest, int before)
    {
        await _graph.WaitUntilAsync(() => _graph.Messages.Count(m => m.To == guest) > before, TimeSpan.FromSeconds(15));
        return [.. _graph.Messages.Where(m => m.To == guest).Skip(before)];
    }

    [Fact]
    public async Task FullBooking_LogsBelowTrace_HoldNeitherThePhoneNumberNorTheEmail()
    {
        const string guest = "34611222333";
        const string email = "lucia.fernandez@example.com";
        await _host.SendTextAsync("wamid.priv.1", "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas", guest);
        await WaitForReplyAsync(guest, m => m.Text?.Contains("nombre completo", StringComparison.Ordinal) == true);
        await _host.SendTextAsync("wamid.priv.2", "Lucía Fernández", guest);
        await WaitForReplyAsync(guest, m => m.Text?.Contains("correo electrónico", StringComparison.Ordinal) == true);
        await _host.SendTextAsync("wamid.priv.3", email, guest);
        var confirmation = await WaitForReplyAsync(guest, m => m.Type == "interactive");
        var yes = confirmation.Body.GetProperty("interactive").GetProperty("action").GetProperty("buttons")[0].GetProperty("reply");
        await _host.TapButtonAsync("wamid.priv.4", yes.GetProperty("id").GetString()!, yes.GetProperty("title").GetString()!, guest);
        await WaitForReplyAsync(guest, m => m.Text?.Contains("HA-", StringComparison.Ordinal) == true);

        var logs = Logs;
        logs.Should().Contain(r => r.Id.Id == 1005, "the booking is logged (at Information)");
        var text = string.Join('\n', logs.Select(r => $"{r.Level} {r.Id} {r.Message} {r.Exception}"));
        text.Should().NotContain(guest).And.NotContain(email).And.NotContain("Lucía");
        logs.Where(r => r.Id.Id is 1000 or 1005).Should().OnlyContain(r => r.Message.Contains("whatsapp#", StringComparison.Ordinal),
            "a conversation id appears as its keyed hash");
        logs.Where(r => r.Id.Id == 1000).Select(r => r.Message.Split(' ')[^1]).Distinct().Should().ContainSingle("the hash of one conversation is stable");
    }

    [Fact]
    public async Task Delivery_OneMessageWithANumericBody_TheOthersAreAnswered()
    {
        const string guest = "34611222444";
        using var skipped = new MetricCollector<long>(_host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), "HotelAgent.Channels.WhatsApp", "hotel_agent.whatsapp.messages.malformed");
        var valid = Message("wamid.mixed.good", guest, """{ "type": "text", "timestamp": 1796547600, "text": { "body": "¿Tienen parking?" } }""");
        var bad = Message("wamid.mixed.bad", guest, """{ "type": "text", "timestamp": "1796547601", "text": { "body": 12345 } }""");

        using var response = await _host.PostWebhookAsync(Delivery(guest, bad, valid));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var replies = await RepliesAfterAsync(guest, 0);
        replies.Should().NotBeEmpty();

        // The read receipt goes out beside the reply, not necessarily before it.
        IEnumerable<string?> ReadReceipts() => _graph.Requests.Where(r => r.IsReadReceipt).Select(r => r.Body.GetProperty("message_id").GetString());
        for (var waited = 0; !ReadReceipts().Contains("wamid.mixed.good") && waited < 50; waited++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        ReadReceipts().Should().Contain("wamid.mixed.good").And.NotContain("wamid.mixed.bad");
        skipped.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(1);
        Logs.Should().ContainSingle(r => r.Id.Id == 1113).Which.Level.Should().Be(LogLevel.Warning);
    }

    [Fact]
    public async Task Delivery_StructurallyBroken_Is400Not500()
    {
        using var response = await _host.PostWebhookAsync("""{ "object": "whatsapp_business_account", "entry": [ { "changes": [ { "field": "messages", "value": { "messages": 7 } } ] } ] }""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    public static TheoryData<string, string, string> SilentCases() => new()
    {
        { "es", "audio", "No puedo escuchar audios" },
        { "en", "audio", "I can't listen to audio" },
        { "pt", "audio", "Não consigo ouvir áudios" },
        { "es", "image", "Gracias por la foto" },
        { "en", "image", "Thanks for the photo" },
        { "pt", "image", "Obrigado pela foto" },
        { "es", "location", "he recibido tu ubicación" },
        { "en", "location", "I got your location" },
        { "pt", "location", "recebi a sua localização" },
        { "es", "sticker", "Solo puedo leer mensajes de texto" },
        { "en", "sticker", "I can only read text messages" },
        { "pt", "sticker", "Só consigo ler mensagens de texto" },
        { "es", "long", "check-in" },
        { "en", "long", "check-in" },
        { "pt", "long", "check-in" },
    };

    [Theory]
    [MemberData(nameof(SilentCases))]
    public async Task Message_TheAgentCannotReadAsText_IsAnsweredInTheGuestsLanguage(string language, string kind, string expected)
    {
        var guest = "3461100" + Math.Abs(HashCode.Combine(language, kind) % 10000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
        var opening = language switch
        {
            "es" => "Hola, buenos días, ¿qué tal están?",
            "en" => "Hello there, good morning, how are you?",
            _ => "Olá, bom dia, tudo bem com vocês?",
        };
        await _host.SendTextAsync($"wamid.{language}.{kind}.0", opening, guest);
        var before = (await RepliesAfterAsync(guest, 0)).Count;

        var json = kind switch
        {
            "audio" => Payload.Load("audio.json", $"wamid.{language}.{kind}.1", guest, values: ("MEDIA_ID", "media-" + guest)),
            "image" => Delivery(guest, Message($"wamid.{language}.{kind}.1", guest, """{ "type": "image", "image": { "id": "img-1", "mime_type": "image/jpeg" } }""")),
            "location" => Delivery(guest, Message($"wamid.{language}.{kind}.1", guest, """{ "type": "location", "location": { "latitude": 38.7223, "longitude": -9.1393 } }""")),
            "sticker" => Delivery(guest, Message($"wamid.{language}.{kind}.1", guest, """{ "type": "sticker", "sticker": { "id": "stk-1", "mime_type": "image/webp", "animated": false } }""")),
            _ => Payload.Load("text.json", $"wamid.{language}.{kind}.1", guest, values: ("BODY", (language switch
            {
                "es" => "¿A qué hora es el check-in? ",
                "en" => "What time is check-in? ",
                _ => "A que horas é o check-in? ",
            }) + new string('x', 4_500))),
        };
        using var response = await _host.PostWebhookAsync(json);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var replies = await RepliesAfterAsync(guest, before);
        replies.Select(r => r.Text).Should().Contain(t => t != null && t.Contains(expected, StringComparison.OrdinalIgnoreCase));
        Logs.Should().NotContain(r => r.Id.Id == 1030, "no message is dropped as unanswerable");
    }

    private static string Message(string id, string from, string fields)
    {
        using var extra = JsonDocument.Parse(fields);
        var message = new Dictionary<string, JsonElement>
        {
            ["from"] = JsonSerializer.SerializeToElement(from),
            ["id"] = JsonSerializer.SerializeToElement(id),
        };
        foreach (var property in extra.RootElement.EnumerateObject())
        {
            message[property.Name] = property.Value.Clone();
        }

        return JsonSerializer.Serialize(message);
    }

    private static string Delivery(string from, params string[] messages) => $$"""
        {
          "object": "whatsapp_business_account",
          "entry": [ { "id": "102290129340398", "changes": [ { "field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": { "display_phone_number": "15550783881", "phone_number_id": "{{WhatsAppTestHost.PhoneNumberId}}" },
            "contacts": [ { "profile": { "name": "Guest" }, "wa_id": "{{from}}" } ],
            "messages": [ {{string.Join(",", messages)}} ]
          } } ] } ]
        }
        """;
}

/// <summary>A store outage while a webhook is taken in: 503 with Retry-After so Meta redelivers, never a 500.</summary>
public sealed class IssuesTests_Outage_16 : IAsyncLifetime
{
    private readonly DownDeduplicator _deduplicator = new();
    private FakeGraphApi _graph = null!;
    private WhatsAppTestHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync(WhatsAppTestHost.AccessToken);
        _host = await WhatsAppTestHost.StartAsync(_graph, services: s => s.AddSingleton<IMessageDeduplicator>(_deduplicator));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task Webhook_DeduplicatorStoreDown_Answers503WithRetryAfterAndTakesTheRedeliveryLater()
    {
        _deduplicator.Down = true;
        using var during = await _host.SendTextAsync("wamid.outage.1", "Hola");

        during.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        during.Headers.RetryAfter.Should().NotBeNull();
        during.Headers.RetryAfter!.Delta.Should().BePositive();

        _deduplicator.Down = false;
        using var redelivery = await _host.SendTextAsync("wamid.outage.1", "Hola");
        redelivery.StatusCode.Should().Be(HttpStatusCode.OK);
        await _graph.WaitUntilAsync(() => _graph.Messages.Any(m => m.To == WhatsAppTestHost.Guest), TimeSpan.FromSeconds(15));
    }

    private sealed class DownDeduplicator : IMessageDeduplicator
    {
        private readonly HashSet<string> _ids = [];

        public volatile bool Down;

        public ValueTask<bool> TryRegisterAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
        {
            if (Down)
            {
                throw new HotelAgentException("Redis is unavailable; try again later.") { IsTransient = true };
            }

            lock (_ids)
            {
                return ValueTask.FromResult(_ids.Add(messageId));
            }
        }

        public ValueTask ConfirmAsync(string channelName, string messageId, TimeSpan timeToLive, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask ForgetAsync(string channelName, string messageId, CancellationToken cancellationToken = default)
        {
            if (Down)
            {
                throw new HotelAgentException("Redis is unavailable; try again later.") { IsTransient = true };
            }

            lock (_ids)
            {
                _ids.Remove(messageId);
            }

            return ValueTask.CompletedTask;
        }
    }
}
