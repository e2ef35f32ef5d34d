using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HotelAgent.LoadTest;

/// <summary>
/// The requests of the scenarios: signed WhatsApp webhook deliveries with unique message ids, and web-chat turns of
/// virtual guests who each follow a short, realistic conversation.
/// </summary>
internal sealed class Requests
{
    /// <summary>How many turns one guest's conversation has before the worker starts over as a new guest.</summary>
    public const int TurnsPerGuest = 6;

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly string[] SpanishMonths =
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

    private readonly string _runId;
    private readonly string _phoneNumberId;
    private readonly byte[] _appSecret;
    private readonly string[] _spanishTurns;
    private readonly byte[][] _spanishBodies;
    private readonly byte[][] _englishBodies;

    public Requests(string runId, string phoneNumberId, string appSecret, DateOnly today)
    {
        _runId = runId;
        _phoneNumberId = phoneNumberId;
        _appSecret = Encoding.UTF8.GetBytes(appSecret);

        // A stay two months ahead, inside one month: the 10th to the 12th.
        var month = today.AddMonths(2);
        var english = CultureInfo.GetCultureInfo("en-US").DateTimeFormat.GetMonthName(month.Month);
        var spanish = SpanishMonths[month.Month - 1];
        _spanishTurns =
        [
            "Hola, buenas tardes",
            $"¿Tenéis habitación doble del 10 al 12 de {spanish} para 2 personas?",
            "¿Cuánto cuesta la noche?",
            "¿El desayuno está incluido?",
            "¿A qué hora es el check-in?",
            "Gracias, lo pienso y os digo",
        ];
        string[] englishTurns =
        [
            "Hi there!",
            $"Do you have a double room from {english} 10 to {english} 12 for 2 adults?",
            "How much is it per night?",
            "Do you have parking?",
            "What time is check-in?",
            "Thanks, I'll think about it",
        ];
        _spanishBodies = [.. _spanishTurns.Select(ChatBody)];
        _englishBodies = [.. englishTurns.Select(ChatBody)];
    }

    /// <summary>The texts of one Spanish-speaking guest's conversation, in order.</summary>
    public IReadOnlyList<string> SpanishTurns => _spanishTurns;

    /// <summary>
    /// A web-chat turn: worker <paramref name="worker"/> is one guest for <see cref="TurnsPerGuest"/> turns (its own
    /// conversation id), then a new guest; even workers write in Spanish, odd ones in English.
    /// </summary>
    public HttpRequestMessage ChatTurn(int worker, long iteration)
    {
        var conversationId = $"load-{_runId}-{worker}-{iteration / TurnsPerGuest}";
        var bodies = worker % 2 == 0 ? _spanishBodies : _englishBodies;
        var content = new ByteArrayContent(bodies[iteration % TurnsPerGuest]);
        content.Headers.ContentType = Json;
        return new HttpRequestMessage(HttpMethod.Post, $"v1/conversations/{conversationId}/messages") { Content = content };
    }

    /// <summary>
    /// A signed WhatsApp webhook delivery of one text message with a unique <c>wamid</c>; the sender changes every
    /// <see cref="TurnsPerGuest"/> messages, so the agent sees many guests.
    /// </summary>
    public HttpRequestMessage Webhook(string path, int worker, long iteration)
    {
        var body = WebhookBody(worker, iteration);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", Sign(body));
        return request;
    }

    /// <summary>The signature header value Meta would send for <paramref name="body"/>.</summary>
    public string Sign(byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_appSecret, body));

    /// <summary>The guest (phone number) of <see cref="WebhookBody"/>'s message.</summary>
    public static string Sender(int worker, long iteration) =>
        (34_600_000_000L + (worker * 1_000_000L) + (iteration / TurnsPerGuest)).ToString(CultureInfo.InvariantCulture);

    public byte[] WebhookBody(int worker, long iteration)
    {
        var sender = Sender(worker, iteration);
        var messageId = $"wamid.load.{_runId}.{worker}.{iteration}";
        var text = JsonEncodedText.Encode(_spanishTurns[iteration % TurnsPerGuest]).ToString();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Encoding.UTF8.GetBytes(
            $$"""{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{_phoneNumberId}}"},"contacts":[{"profile":{"name":"Load Guest"},"wa_id":"{{sender}}"}],"messages":[{"from":"{{sender}}","id":"{{messageId}}","timestamp":"{{timestamp}}","text":{"body":"{{text}}"},"type":"text"}]},"field":"messages"}]}]}""");
    }

    private static byte[] ChatBody(string text) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["text"] = text });
}
