using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using HotelAgent.LoadTest;

// Load test of the sample host on loopback (issue #8). Usage (the default warm-up is 30 s: tiered JIT compilation
// still took 18 % of the host's CPU 10 to 20 s after start, none after 35 s):
//   dotnet run -c Release --project benchmarks/HotelAgent.LoadTest -- [--duration 15] [--warmup 30] [--concurrency 200]
//       [--scenarios bare,webhook,webhook-deep-inbox,chat,chat-paced,bare] [--think-time 1] [--log-level Warning]
//       [--env Key=Value]... [--sample path/to/HotelAgent.Sample.dll] [--output file.md] [--rate 500] [--guests 400]
//       [--host-warmup per-host|fixed]
// Scenarios: bare, webhook, webhook-deep-inbox, ingest (answering off), ingest-redis, chat, chat-paced, latency
// (open loop at --rate messages/s, reply timed at the fake Graph API), latency-redis, scale-1, scale-2, scale-4 (hosts
// on one Redis, --guests guests waiting for their replies; scale-N warms up N × --warmup unless --host-warmup fixed).
if (args is [BareServer.Command, ..])
{
    return await BareServer.RunAsync(args[1..]);
}

var options = LoadTestOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("Usage: HotelAgent.LoadTest [--duration s] [--warmup s] [--concurrency n] [--scenarios bare,webhook,webhook-deep-inbox,ingest,ingest-redis,chat,chat-paced,latency,latency-redis,scale-1,scale-2,scale-4,bare] [--think-time s] [--log-level level] [--env Key=Value] [--sample dll] [--output file.md] [--rate n] [--guests n] [--host-warmup per-host|fixed]");
    return 2;
}

var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
const string PhoneNumberId = "100200300400500";
var appSecret = Secret();
var requests = new Requests(runId, PhoneNumberId, appSecret, DateOnly.FromDateTime(DateTime.UtcNow));

await using var graph = await FakeGraphApi.StartAsync();
var environment = new Dictionary<string, string>
{
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
    ["Logging__LogLevel__Default"] = options.LogLevel,
    ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
    ["HotelAgent__AdminApiKey"] = Secret(),
    ["HotelAgent__Http__PermitsPerMinutePerIp"] = "1000000",
    ["HotelAgent__Http__WebhookPermitsPerMinutePerIp"] = "100000000",
    ["HotelAgent__Http__PermitsPerMinutePerConversation"] = "10000",
    ["HotelAgent__WhatsApp__PhoneNumberId"] = PhoneNumberId,
    ["HotelAgent__WhatsApp__AccessToken"] = Secret(),
    ["HotelAgent__WhatsApp__AppSecret"] = appSecret,
    ["HotelAgent__WhatsApp__VerifyToken"] = Secret(),
    ["HotelAgent__WhatsApp__GraphApiBaseUrl"] = graph.BaseUrl.ToString(),
};
foreach (var (key, value) in options.ExtraEnvironment)
{
    environment[key] = value;
}

var loadAtStart = LoadAverage();
Console.WriteLine($"Sample: {options.SampleDll}; fake Graph API at {graph.BaseUrl}; load average {loadAtStart}");
var self = typeof(Program).Assembly.Location;
var results = new List<ScenarioResult>();
var guestResults = new List<GuestResult>();
var notes = new List<string>();
var smokeTested = false;
var loadPerScenario = new List<string>();
foreach (var scenario in options.Scenarios)
{
    var loadBefore = LoadAverage();
    if (scenario is "latency" or "latency-redis" || scenario.StartsWith("scale-", StringComparison.Ordinal))
    {
        guestResults.Add(await RunGuestScenarioAsync(scenario));
        Console.WriteLine("  " + Report.GuestRow(guestResults[^1]));
        loadPerScenario.Add($"{scenario} {loadBefore} → {LoadAverage()}");
        continue;
    }

    using var redisForIngest = scenario == "ingest-redis" ? await RedisProcess.StartAsync() : null;
    // Every scenario gets a fresh server process: no backlog, session or JIT state carries over from the previous one.
    Console.WriteLine($"Running '{scenario}': {options.Warmup.TotalSeconds} s warm-up, {options.Duration.TotalSeconds} s measured, {options.Concurrency} concurrent clients...");
    using var server = scenario == "bare"
        ? await ServerProcess.StartAsync(self, [BareServer.Command], AppContext.BaseDirectory, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" })
        : await ServerProcess.StartAsync(options.SampleDll, [], options.SampleDirectory, scenario switch
        {
            "webhook-deep-inbox" => new Dictionary<string, string>(environment) { ["HotelAgent__InboxCapacity"] = "1000000" },
            // Answering off, so every message of the warm-up and the measurement stays queued: room for about a minute at 50,000/s.
            "ingest" => new Dictionary<string, string>(environment) { ["HotelAgent__InboxCapacity"] = "3000000", ["HotelAgent__ProcessInbox"] = "false" },
            "ingest-redis" => new Dictionary<string, string>(environment)
            {
                ["HotelAgent__ProcessInbox"] = "false",
                ["HotelAgent__Redis__Configuration"] = redisForIngest!.Configuration,
                ["HotelAgent__Redis__KeyPrefix"] = $"load{runId}:",
            },
            _ => environment,
        });
    using var handler = new SocketsHttpHandler
    {
        MaxConnectionsPerServer = options.Concurrency,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    };
    using var client = new HttpClient(handler) { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    if (scenario is not ("bare" or "ingest" or "ingest-redis") && !smokeTested)
    {
        await SmokeTestAsync(client, server);
        smokeTested = true;
    }

    switch (scenario)
    {
        case "bare":
            results.Add(await LoadGenerator.RunAsync(
                "Bare minimal API (baseline)", "`POST /bare` (same signed body, not checked)", client, options.Concurrency, options.Warmup, options.Duration,
                (worker, iteration) => requests.Webhook("bare", worker, iteration), serverCpu: () => server.Cpu));
            break;
        case "webhook" or "webhook-deep-inbox":
            var deep = scenario == "webhook-deep-inbox";
            long repliesAtStart = 0, repliesAtEnd = 0, receiptsAtStart = 0, receiptsAtEnd = 0;
            results.Add(await LoadGenerator.RunAsync(
                deep ? "Signed WhatsApp webhook ingest, inbox of 1,000,000" : "Signed WhatsApp webhook ingest (default inbox)",
                "`POST /webhooks/whatsapp`", client, options.Concurrency, options.Warmup, options.Duration,
                (worker, iteration) => requests.Webhook("webhooks/whatsapp", worker, iteration),
                onMeasureStart: () => (repliesAtStart, receiptsAtStart) = (graph.Messages, graph.ReadReceipts),
                onMeasureEnd: () => (repliesAtEnd, receiptsAtEnd) = (graph.Messages, graph.ReadReceipts)));
            var replied = repliesAtEnd - repliesAtStart;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{results[^1].Name}: while it was measured the host took in {results[^1].Requests:N0} messages, and sent {receiptsAtEnd - receiptsAtStart:N0} read receipts and {replied:N0} reply messages ({replied / options.Duration.TotalSeconds:N0}/s; one guest message may get several) over the fake Graph API."));
            Console.WriteLine("  " + notes[^1]);
            break;
        case "ingest" or "ingest-redis":
            var repliesBefore = graph.Messages;
            results.Add(await LoadGenerator.RunAsync(
                scenario == "ingest" ? "Signed WhatsApp webhook, ingest only (in-memory inbox of 3,000,000, answering off)" : "Signed WhatsApp webhook, ingest only (Redis inbox, answering off)",
                "`POST /webhooks/whatsapp`", client, options.Concurrency, options.Warmup, options.Duration,
                (worker, iteration) => requests.Webhook("webhooks/whatsapp", worker, iteration), serverCpu: () => server.Cpu));
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{results[^1].Name}: the host sent {graph.Messages - repliesBefore:N0} replies while it was measured (answering off: 0 expected)."));
            break;
        case "chat":
            results.Add(await LoadGenerator.RunAsync(
                "Chat turn, guests writing back to back", "`POST /v1/conversations/{id}/messages`", client, options.Concurrency, options.Warmup, options.Duration,
                requests.ChatTurn));
            break;
        case "chat-paced":
            results.Add(await LoadGenerator.RunAsync(
                string.Create(CultureInfo.InvariantCulture, $"Chat turn, guests pausing ~{options.ThinkTime.TotalSeconds:0.#} s between messages"), "`POST /v1/conversations/{id}/messages`", client, options.Concurrency, options.Warmup, options.Duration,
                requests.ChatTurn, options.ThinkTime));
            break;
        default:
            throw new InvalidOperationException($"Unknown scenario '{scenario}'.");
    }

    Console.WriteLine("  " + Report.Row(results[^1]));
    loadPerScenario.Add($"{scenario} {loadBefore} → {LoadAverage()}");
}

notes.Add($"Load average of the machine (1, 5, 15 min; /proc/loadavg) at the start: {loadAtStart}; at the end: {LoadAverage()}. Above 2 (the cores), other work was waiting for the same cores.");
notes.Add($"Load average at the start and end of each scenario, in order: {string.Join("; ", loadPerScenario)}.");
var report = Report.Markdown(results, guestResults, options, notes);
Console.WriteLine();
Console.WriteLine(report);
Directory.CreateDirectory(Path.GetDirectoryName(options.Output)!);
await File.WriteAllTextAsync(options.Output, report);
Console.WriteLine($"Written to {options.Output}");
return 0;

// Guests over the webhook, their replies timed at the fake Graph API: "latency" and "latency-redis" at a steady
// --rate messages/s (open loop) on one host, in memory or on Redis; "scale-N" N hosts on one Redis, --guests guests
// each waiting for the reply before writing again (closed loop).
async Task<GuestResult> RunGuestScenarioAsync(string scenario)
{
    var hostCount = scenario.StartsWith("scale-", StringComparison.Ordinal) ? int.Parse(scenario["scale-".Length..], CultureInfo.InvariantCulture) : 1;
    var redisNeeded = scenario != "latency";
    using var redis = redisNeeded ? await RedisProcess.StartAsync() : null;
    var hostEnvironment = new Dictionary<string, string>(environment);
    if (redis is not null)
    {
        hostEnvironment["HotelAgent__Redis__Configuration"] = redis.Configuration;
        hostEnvironment["HotelAgent__Redis__KeyPrefix"] = $"load{runId}:";
    }

    // Every host compiles the same code (tiered JIT) while it warms up; N hosts sharing the cores each get 1/N of them,
    // so with --host-warmup per-host (the default) scale-N warms up N times as long to measure the same steady state.
    var warmup = options.PerHostWarmup && scenario.StartsWith("scale-", StringComparison.Ordinal) ? options.Warmup * hostCount : options.Warmup;
    Console.WriteLine($"Running '{scenario}': {hostCount} host(s){(redis is null ? string.Empty : " on one Redis")}, {warmup.TotalSeconds} s warm-up, {options.Duration.TotalSeconds} s measured...");
    var servers = new List<ServerProcess>();
    var clients = new List<HttpClient>();
    try
    {
        for (var i = 0; i < hostCount; i++)
        {
            servers.Add(await ServerProcess.StartAsync(options.SampleDll, [], options.SampleDirectory, hostEnvironment));
            clients.Add(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false, UseProxy = false })
            {
                BaseAddress = servers[^1].BaseUrl,
                Timeout = TimeSpan.FromSeconds(30),
            });
        }

        if (!smokeTested)
        {
            await SmokeTestAsync(clients[0], servers[0]);
            smokeTested = true;
        }

        TimeSpan HostsCpu() => servers.Aggregate(TimeSpan.Zero, (sum, server) => sum + server.Cpu);
        var tracker = new ReplyTracker();
        graph.OnReply = tracker.OnReply;
        try
        {
            return scenario.StartsWith("latency", StringComparison.Ordinal)
                ? await GuestLoad.OpenLoopAsync(
                    string.Create(CultureInfo.InvariantCulture, $"Reply latency at {options.Rate:N0} messages/s, {(redis is null ? "in memory" : "Redis")}"),
                    clients, requests, tracker, options.Rate, warmup, options.Duration, HostsCpu)
                : await GuestLoad.ClosedLoopAsync(
                    $"Scale-out: {hostCount} host(s) on one Redis", clients, requests, tracker, options.Guests, warmup, options.Duration, HostsCpu);
        }
        finally
        {
            graph.OnReply = null;
        }
    }
    finally
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        foreach (var server in servers)
        {
            server.Dispose();
        }
    }
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)).Replace("123456", "abcdef", StringComparison.Ordinal);

// One message of each kind before measuring: the sample answers a chat turn, and takes in a webhook delivery and
// answers it over the fake Graph API. A misconfigured run stops here instead of measuring errors.
async Task SmokeTestAsync(HttpClient sampleClient, ServerProcess sample)
{
    using (var chat = await sampleClient.SendAsync(requests.ChatTurn(0, 1)))
    {
        var text = await chat.Content.ReadAsStringAsync();
        if (!chat.IsSuccessStatusCode || !text.Contains("\"replies\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The chat endpoint answered {(int)chat.StatusCode}: {text}{Environment.NewLine}{sample.OutputTail}");
        }

        Console.WriteLine($"Chat smoke test: '{requests.SpanishTurns[1]}' -> {text[..Math.Min(text.Length, 300)]}");
    }

    using (var hook = await sampleClient.SendAsync(requests.Webhook("webhooks/whatsapp", 9_999, 0)))
    {
        if (!hook.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The webhook answered {(int)hook.StatusCode}: {await hook.Content.ReadAsStringAsync()}{Environment.NewLine}{sample.OutputTail}");
        }
    }

    var deadline = DateTime.UtcNow.AddSeconds(15);
    while (graph.Messages == 0 && DateTime.UtcNow < deadline)
    {
        await Task.Delay(50);
    }

    if (graph.Messages == 0)
    {
        throw new InvalidOperationException($"The sample took in a webhook message but sent no reply to the fake Graph API.{Environment.NewLine}{sample.OutputTail}");
    }

    Console.WriteLine($"Webhook smoke test: 200, reply sent to the fake Graph API ({graph.Messages} message, {graph.ReadReceipts} read receipt).");
}

/// <summary>The entry point; also runs the bare endpoint when started with <c>bare-server</c>.</summary>
internal sealed partial class Program;

/// <summary>The command line.</summary>
internal sealed record LoadTestOptions(
    TimeSpan Duration,
    TimeSpan Warmup,
    int Concurrency,
    IReadOnlyList<string> Scenarios,
    TimeSpan ThinkTime,
    string LogLevel,
    string SampleDll,
    string SampleDirectory,
    string Output,
    IReadOnlyDictionary<string, string> ExtraEnvironment,
    int Rate = 500,
    int Guests = 400,
    bool PerHostWarmup = true)
{
    public static LoadTestOptions? Parse(string[] args)
    {
        var root = RepositoryRoot();
        var configuration = typeof(LoadTestOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Release";
        var sampleDirectory = Path.Combine(root, "samples", "HotelAgent.Sample");
        var options = new LoadTestOptions(
            TimeSpan.FromSeconds(15),
            TimeSpan.FromSeconds(30),
            200,
            ["bare", "webhook", "webhook-deep-inbox", "chat", "chat-paced", "bare"],
            TimeSpan.FromSeconds(1),
            "Warning",
            Path.Combine(sampleDirectory, "bin", configuration, "net10.0", "HotelAgent.Sample.dll"),
            sampleDirectory,
            Path.Combine(root, "benchmarks", "HotelAgent.LoadTest", "results", "load-report.md"),
            new Dictionary<string, string>(StringComparer.Ordinal));
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                return null;
            }

            options = args[i] switch
            {
                "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--concurrency" => options with { Concurrency = int.Parse(value, CultureInfo.InvariantCulture) },
                "--scenarios" => options with { Scenarios = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--think-time" => options with { ThinkTime = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--log-level" => options with { LogLevel = value },
                "--sample" => options with { SampleDll = Path.GetFullPath(value), SampleDirectory = Path.GetDirectoryName(Path.GetFullPath(value))! },
                "--output" => options with { Output = Path.GetFullPath(value) },
                "--rate" => options with { Rate = int.Parse(value, CultureInfo.InvariantCulture) },
                "--guests" => options with { Guests = int.Parse(value, CultureInfo.InvariantCulture) },
                "--host-warmup" when value is "per-host" or "fixed" => options with { PerHostWarmup = value == "per-host" },
                "--env" when value.Split('=', 2) is [var key, var setting] => Add(options, extra, key, setting),
                _ => null,
            };
            if (options is null)
            {
                return null;
            }

            i++;
        }

        return options with { ExtraEnvironment = extra };
    }

    private static LoadTestOptions Add(LoadTestOptions options, Dictionary<string, string> extra, string key, string value)
    {
        extra[key] = value;
        return options;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HotelAgent.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}

/// <summary>The markdown report.</summary>
internal static class Report
{
    public static string Row(ScenarioResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {r.Name} | {r.Endpoint} | {r.Concurrency} | {r.Requests:N0} | {Errors(r)} | {r.RequestsPerSecond:N0} | {r.P50Milliseconds:N1} | {r.P95Milliseconds:N1} | {r.P99Milliseconds:N1} | {r.MaxMilliseconds:N1} | {r.ServerCpuMicrosecondsPerRequest:N0} |");

    public static string GuestRow(GuestResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {r.Name} | {r.Load} | {r.Sent:N0} | {r.Answered:N0} | {r.Unanswered:N0} | {r.WebhookErrors:N0} | {r.AnsweredPerSecond:N0} | {r.P50Milliseconds:N1} | {r.P95Milliseconds:N1} | {r.P99Milliseconds:N1} | {r.MaxMilliseconds:N1} | {r.HostCpuMicrosecondsPerAnswered:N0} |");

    public static string Markdown(IReadOnlyList<ScenarioResult> results, IReadOnlyList<GuestResult> guestResults, LoadTestOptions options, IReadOnlyList<string> notes)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine("# Load test results").AppendLine();
        text.AppendLine(invariant, $"Taken {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `HotelAgent.LoadTest` on {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores, shared with other work: the load generator, the fake Graph API and the server under test run on the same cores. Compare the rows of one run with each other, not absolute figures between runs.");
        text.AppendLine();
        text.AppendLine(invariant, $"Closed loop, {options.Concurrency} concurrent clients per scenario (back to back unless a pause is given), {options.Warmup.TotalSeconds:0} s warm-up then {options.Duration.TotalSeconds:0} s measured, a fresh server process per scenario; latency is the whole request as the client sees it; percentiles are exact (nearest rank over every successful request). Sample: Production environment, log level {options.LogLevel}, rate limits raised{string.Concat(options.ExtraEnvironment.Select(kv => $", {kv.Key}={kv.Value}"))}.");
        text.AppendLine();
        text.AppendLine("| Scenario | Endpoint | Concurrency | Requests (2xx) | Errors | Requests/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | Server CPU per request (µs) |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var result in results)
        {
            text.AppendLine(Row(result));
        }

        text.AppendLine();
        var bare = results.Where(r => r.Name.StartsWith("Bare", StringComparison.Ordinal)).ToArray();
        if (bare.Length > 0)
        {
            var baseline = bare.Average(r => r.RequestsPerSecond);
            var runs = bare.Length > 1 ? $" (mean of {bare.Length} runs: {string.Join(", ", bare.Select(r => r.RequestsPerSecond.ToString("N0", invariant)))})" : string.Empty;
            text.AppendLine(invariant, $"- Bare endpoint: {baseline:N0} requests/s{runs}.");
            foreach (var webhook in results.Where(r => r.Name.Contains("webhook", StringComparison.Ordinal)))
            {
                var ratio = webhook.RequestsPerSecond / baseline;
                var verdict = webhook.Name.Contains("ingest only", StringComparison.Ordinal)
                    ? (ratio >= 0.7 ? "target ≥ 0.70: met" : "target ≥ 0.70: not met")
                    : "the host also answers every message on the same cores: the whole pipeline, no target";
                text.AppendLine(invariant, $"- {webhook.Name} / bare endpoint: **{ratio:0.00}** ({verdict}).");
                var bareCpu = bare.Average(r => r.ServerCpuMicrosecondsPerRequest);
                if (!double.IsNaN(webhook.ServerCpuMicrosecondsPerRequest) && !double.IsNaN(bareCpu))
                {
                    var cpuRatio = bareCpu / webhook.ServerCpuMicrosecondsPerRequest;
                    text.AppendLine(invariant, $"- {webhook.Name}, by the server's CPU time per request: {webhook.ServerCpuMicrosecondsPerRequest:N0} µs against the bare endpoint's {bareCpu:N0} µs, so one server core takes in **{cpuRatio:0.00}** × the bare endpoint's requests (target ≥ 0.70: {(cpuRatio >= 0.7 ? "met" : "not met")}).");
                }
            }
        }

        foreach (var note in notes)
        {
            text.AppendLine("- " + note);
        }

        if (guestResults.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Guests over signed webhooks, each message timed from its webhook's send to the first reply the host sent that guest at the fake Graph API (answered = replies to messages sent in the measured window; unanswered = no reply within 5 s after the window or a guest's next message).");
            text.AppendLine();
            text.AppendLine("| Scenario | Load | Sent | Answered | Unanswered | Webhook errors | Answered/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | Hosts' CPU per answered message (µs) |");
            text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var result in guestResults)
            {
                text.AppendLine(GuestRow(result));
            }

            text.AppendLine();
            foreach (var latency in guestResults.Where(r => r.Name.StartsWith("Reply latency", StringComparison.Ordinal)))
            {
                text.AppendLine(invariant, $"- {latency.Name}: p99 **{latency.P99Milliseconds:N1} ms** (target < 50 ms: {(latency.P99Milliseconds < 50 ? "met" : "not met")}).");
            }

            var scale = guestResults.Where(r => r.Name.StartsWith("Scale-out", StringComparison.Ordinal)).ToArray();
            if (scale.Length > 1)
            {
                text.AppendLine(invariant, $"- Scale-out, messages answered per second: {string.Join(", ", scale.Select(r => $"{r.Name["Scale-out: ".Length..]} {r.AnsweredPerSecond:N0} ({r.AnsweredPerSecond / scale[0].AnsweredPerSecond:0.00} ×)"))}.");
            }
        }

        foreach (var chat in results.Where(r => r.Name.StartsWith("Chat", StringComparison.Ordinal)))
        {
            text.AppendLine(invariant, $"- {chat.Name}, p95 at {chat.Concurrency} concurrent guests: **{chat.P95Milliseconds:N1} ms** (target < 50 ms: {(chat.P95Milliseconds < 50 ? "met" : "not met")}).");
        }

        return text.ToString();
    }

    private static string Errors(ScenarioResult r) => r.Errors == 0
        ? "0"
        : string.Create(CultureInfo.InvariantCulture, $"{r.Errors:N0} ({string.Join(", ", r.ErrorKinds.Select(kv => $"{kv.Key}: {kv.Value:N0}"))})");
}
