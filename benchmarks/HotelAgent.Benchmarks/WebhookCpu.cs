using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Benchmarks;

/// <summary>
/// The CPU time and allocation of the WhatsApp webhook's own work, without Kestrel and middleware: signed deliveries
/// (the load tool's body, one text message each, a new message id each time) through the channel's
/// <see cref="IWebhookHandler"/> on one thread, into the in-memory deduplicator and inbox (nothing answers). After a
/// warm-up, the process's CPU time (every thread) and the bytes allocated are divided by the deliveries.
/// </summary>
internal static class WebhookCpu
{
    private const string PhoneNumberId = "100200300400500";
    private const string AppSecret = "benchmark-app-secret-0123456789abcdef";

    public static async Task<int> RunAsync(string[] args)
    {
        var deliveries = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        using var provider = Conversations.Build(agent =>
        {
            agent.Services.Configure<HotelAgentOptions>(o => o.InboxCapacity = (deliveries * 2) + 10);
            agent.AddWhatsAppChannel(o =>
            {
                o.PhoneNumberId = PhoneNumberId;
                o.AccessToken = "benchmark-access-token";
                o.AppSecret = AppSecret;
                o.VerifyToken = "benchmark-verify-token";
            });
        });
        var handler = provider.GetServices<IWebhookHandler>().Single(h => h.Name == ChannelNames.WhatsApp);

        await MeasureAsync(handler, "warm", deliveries / 2);
        var (cpu, bytes) = await MeasureAsync(handler, "measured", deliveries);
        Console.WriteLine("| Deliveries | CPU per delivery (µs) | Allocated per delivery (B) |");
        Console.WriteLine("| ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {deliveries:N0} | {cpu.TotalMicroseconds / deliveries:N2} | {bytes / (double)deliveries:N0} |"));
        return 0;
    }

    private static async Task<(TimeSpan Cpu, long Bytes)> MeasureAsync(IWebhookHandler handler, string run, int deliveries)
    {
        // The bodies are built first, so that only the handler is measured.
        var requests = new WebhookRequest[deliveries];
        for (var i = 0; i < deliveries; i++)
        {
            requests[i] = Request(run, i);
        }

        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
        foreach (var request in requests)
        {
            var response = await handler.HandleAsync(request);
            if (response.StatusCode != 200)
            {
                throw new InvalidOperationException($"The webhook answered {response.StatusCode}: {response.Body}");
            }
        }

        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocatedStart;
        return (Process.GetCurrentProcess().TotalProcessorTime - cpuStart, bytes);
    }

    private static WebhookRequest Request(string run, int i)
    {
        var sender = (34_600_000_000L + (i / 6)).ToString(CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes(
            $$"""{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"{{PhoneNumberId}}"},"contacts":[{"profile":{"name":"Load Guest"},"wa_id":"{{sender}}"}],"messages":[{"from":"{{sender}}","id":"wamid.bench.{{run}}.{{i}}","timestamp":"1796547600","text":{"body":"Hola, ¿tenéis habitación doble del 10 al 12 para 2 personas?"},"type":"text"}]},"field":"messages"}]}]}""");
        var signature = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), body));
        return new WebhookRequest
        {
            Method = "POST",
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Hub-Signature-256"] = signature },
            Body = body,
        };
    }
}
