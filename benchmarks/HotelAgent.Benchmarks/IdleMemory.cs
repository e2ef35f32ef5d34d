using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace HotelAgent.Benchmarks;

/// <summary>
/// How much memory idle conversations take: <c>--conversations</c> guests (default 1,000,000) each have the first
/// <c>--turns</c> turns (default 3: greeting, a stay asked about and priced, the price per night) of the inquiry
/// conversation through the agent with the in-memory session store, then the managed heap after a full collection and
/// the process's working set are compared with before; then <c>--redis-conversations</c> guests (default 20,000) do
/// the same with the Redis session store on a redis-server of its own, and <c>INFO memory</c> and
/// <c>MEMORY USAGE</c> of the session keys are compared.
/// </summary>
internal static class IdleMemory
{
    public static async Task<int> RunAsync(string[] args)
    {
        var conversations = Option(args, "--conversations", 1_000_000);
        var turns = Option(args, "--turns", 3);
        var redisConversations = Option(args, "--redis-conversations", 20_000);
        var output = OptionText(args, "--output") ?? Path.Combine(RepositoryRoot(), "benchmarks", "HotelAgent.Benchmarks", "results", "idle-memory.md");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var texts = Conversations.Inquiry(today)[..turns];
        var report = new List<string>
        {
            "# Idle conversations: memory",
            string.Empty,
            string.Create(CultureInfo.InvariantCulture, $"Taken {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} logical cores, server GC {System.Runtime.GCSettings.IsServerGC}. Load average (/proc/loadavg) at the start: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}. Each conversation: the first {turns} turns of the inquiry ({string.Join(" / ", texts)}) through `IHotelAgent.HandleAsync`, then idle."),
            string.Empty,
        };

        // The agent with the in-memory store.
        using (var provider = Conversations.Build())
        {
            var agent = provider.GetRequiredService<IHotelAgent>();
            var sample = await RunConversationAsync(agent, "warm-up", texts);
            Console.WriteLine($"A conversation's last reply: {sample}");
            var (heapBefore, setBefore) = Measure();
            var clock = Stopwatch.StartNew();
            await RunManyAsync(agent, "idle-", conversations, texts);
            clock.Stop();
            var (heapAfter, setAfter) = Measure();
            var sessions = await provider.GetRequiredService<ISessionStore>().GetAsync("idle-0");
            GC.KeepAlive(agent);
            var heapPer = (heapAfter - heapBefore) / (double)conversations;
            var setPer = (setAfter - setBefore) / (double)conversations;
            report.Add("## In-memory session store");
            report.Add(string.Empty);
            report.Add(string.Create(CultureInfo.InvariantCulture, $"- {conversations:N0} conversations × {turns} turns in {clock.Elapsed.TotalSeconds:N1} s ({conversations * turns / clock.Elapsed.TotalSeconds:N0} turns/s on {Environment.ProcessorCount} threads); first conversation still there: {sessions is not null}."));
            report.Add(string.Create(CultureInfo.InvariantCulture, $"- Managed heap after a full collection: {Mb(heapBefore)} before, {Mb(heapAfter)} after: **{Mb(heapAfter - heapBefore)}** for the conversations, {heapPer:N0} bytes each."));
            report.Add(string.Create(CultureInfo.InvariantCulture, $"- Process working set: {Mb(setBefore)} before, {Mb(setAfter)} after: **{Mb(setAfter - setBefore)}**, {setPer:N0} bytes each; {Mb(setAfter)} in all; for 1,000,000 conversations that is {Mb(setBefore + (long)(setPer * 1_000_000))} (target ≤ 2 GB: {(setBefore + (setPer * 1_000_000) <= 2L * 1024 * 1024 * 1024 ? "met" : "not met")})."));
            report.Add(string.Empty);
            Console.WriteLine(string.Join(Environment.NewLine, report[^4..]));
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        if (redisConversations > 0)
        {
            report.AddRange(await RedisAsync(redisConversations, texts));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllLinesAsync(output, report);
        Console.WriteLine($"Written to {output}");
        return 0;
    }

    private static async Task<List<string>> RedisAsync(int conversations, string[] texts)
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            return ["## Redis", string.Empty, "redis-server is not installed: not measured.", string.Empty];
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var server = Process.Start(new ProcessStartInfo(binary, ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            var configuration = $"127.0.0.1:{port}";
            await Task.Delay(500);
            await using var admin = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { configuration }, AllowAdmin = true, AbortOnConnectFail = false, ConnectRetry = 10 });
            var redis = admin.GetServer(admin.GetEndPoints()[0]);
            var database = admin.GetDatabase();
            using var provider = Conversations.Build(agent => agent.AddRedisSessionStore(o =>
            {
                o.Configuration = configuration;
                o.KeyPrefix = "hotelagent:";
            }));
            var agent = provider.GetRequiredService<IHotelAgent>();
            await RunConversationAsync(agent, "warm-up", texts);
            await Task.Delay(500);
            var keysBefore = await redis.DatabaseSizeAsync();
            var usedBefore = await UsedMemoryAsync(redis);
            var clock = Stopwatch.StartNew();
            await RunManyAsync(agent, "idle-", conversations, texts);
            clock.Stop();
            await Task.Delay(1000); // The statistics are written without being awaited by the turn.
            var keysAfter = await redis.DatabaseSizeAsync();
            var usedAfter = await UsedMemoryAsync(redis);
            var sessionKeys = new List<long>();
            for (var i = 0; i < 1000; i++)
            {
                var usage = await database.ExecuteAsync("MEMORY", "USAGE", "hotelagent:session:idle-" + i.ToString(CultureInfo.InvariantCulture), "SAMPLES", "0");
                if (!usage.IsNull)
                {
                    sessionKeys.Add((long)usage);
                }
            }

            var type = await database.KeyTypeAsync("hotelagent:session:idle-0");
            return
            [
                "## Redis session store",
                string.Empty,
                string.Create(CultureInfo.InvariantCulture, $"- {conversations:N0} conversations × {texts.Length} turns in {clock.Elapsed.TotalSeconds:N1} s, with the deduplicator, inbox, statistics and the rest of `AddRedisSessionStore`'s defaults, on redis-server {redis.Version} (no persistence)."),
                string.Create(CultureInfo.InvariantCulture, $"- `INFO memory` used_memory: {Mb(usedBefore)} before, {Mb(usedAfter)} after: **{(usedAfter - usedBefore) / (double)conversations:N0} bytes per conversation** (everything the turns wrote: sessions, deduplication keys, statistics)."),
                string.Create(CultureInfo.InvariantCulture, $"- Keys: {keysBefore:N0} before, {keysAfter:N0} after ({(keysAfter - keysBefore) / (double)conversations:N2} per conversation)."),
                string.Create(CultureInfo.InvariantCulture, $"- `MEMORY USAGE` of a session key (`hotelagent:session:{{id}}`, a {type.ToString().ToLowerInvariant()}): {(sessionKeys.Count == 0 ? "n/a" : sessionKeys.Average().ToString("N0", CultureInfo.InvariantCulture))} bytes on average over {sessionKeys.Count:N0} sessions."),
                string.Empty,
            ];
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }

    private static async Task<long> UsedMemoryAsync(IServer redis)
    {
        var info = await redis.InfoAsync("memory");
        return long.Parse(info.SelectMany(g => g).First(kv => kv.Key == "used_memory").Value, CultureInfo.InvariantCulture);
    }

    private static async Task RunManyAsync(IHotelAgent agent, string prefix, int conversations, string[] texts)
    {
        var next = -1;
        var workers = Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount * 2)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < conversations)
            {
                await RunConversationAsync(agent, prefix + i.ToString(CultureInfo.InvariantCulture), texts);
            }
        }));
        await Task.WhenAll(workers);
    }

    private static async Task<string> RunConversationAsync(IHotelAgent agent, string id, string[] texts)
    {
        AgentResponse? response = null;
        for (var t = 0; t < texts.Length; t++)
        {
            response = await agent.HandleAsync(Conversations.Message(id, texts[t], t));
        }

        return string.Join(" | ", response!.Replies.Select(r => r.Text));
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):N0} MB");

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? Path.GetFullPath(args[index + 1]) : null;
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
