using System.Diagnostics;
using System.Globalization;

namespace HotelAgent.Tests.Shared;

// Linked into every test project that needs a real Redis Cluster (tests/Shared is not a project of its own).
/// <summary>
/// A real Redis Cluster on loopback: <c>masters</c> primaries, each with <c>replicasPerMaster</c> replicas, every node a
/// <c>redis-server --cluster-enabled yes</c> process on free ports (client port and cluster bus port) with persistence
/// off, joined with <c>redis-cli --cluster create ... --cluster-yes</c>. The node timeout is 1 s and replicas fail over
/// whatever their replication lag (<c>cluster-replica-validity-factor 0</c>), so a killed primary is replaced in a few
/// seconds. Start waits until every slot is served and every replica is in sync.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private readonly string _binary;
    private readonly string _directory;
    private const int StartAttempts = 3;
    private readonly Dictionary<int, Process> _processes = [];
    private readonly Dictionary<int, int> _busPorts = [];
    private readonly Dictionary<int, Queue<string>> _output = [];
    private readonly List<int> _ports;

    private RedisCluster(string binary, IReadOnlyList<int> ports, IReadOnlyList<int> busPorts)
    {
        _binary = binary;
        _ports = [.. ports];
        for (var i = 0; i < ports.Count; i++)
        {
            _busPorts[ports[i]] = busPorts[i];
        }

        _directory = Directory.CreateTempSubdirectory("hotelagent-redis-cluster-").FullName;
    }

    /// <summary>Gets the client ports of the nodes, primaries first as created.</summary>
    public IReadOnlyList<int> Ports => _ports;

    /// <summary>Gets the StackExchange.Redis configuration string: every node (the client discovers the slots).</summary>
    public string Configuration => string.Join(",", Ports.Select(p => $"127.0.0.1:{p}")) + ",connectTimeout=5000,syncTimeout=5000,asyncTimeout=5000";

    /// <summary>Finds <c>redis-cli</c> beside <c>redis-server</c>, else on the PATH (<see langword="null"/> when the Redis tests are disabled).</summary>
    public static string? FindCli() =>
        RedisServer.FindBinary() is { } server && Path.Combine(Path.GetDirectoryName(server)!, "redis-cli") is var cli && File.Exists(cli)
            ? cli
            : TestPrerequisites.FindProgram(TestPrerequisites.Redis, "redis-cli", "/usr/bin/redis-cli", "/usr/local/bin/redis-cli");

    /// <summary>Gets whether redis-server and redis-cli are both there.</summary>
    public static bool IsAvailable => RedisServer.FindBinary() is not null && FindCli() is not null;

    /// <summary>Skips the current test locally, fails it under <c>CI=true</c>, naming what is missing.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void SkipOrFail() =>
        TestPrerequisites.SkipOrFail(
            TestPrerequisites.Redis,
            "Redis tests",
            RedisServer.FindBinary() is null ? "redis-server is not installed" : "redis-cli is not installed (Redis Cluster tests)",
            "apt-get install -y redis-server redis-tools");

    /// <summary>Starts a cluster, or skips the test (fails it when <c>CI=true</c>) when redis-server or redis-cli is not installed.</summary>
    public static async Task<RedisCluster> StartAsync(int masters = 3, int replicasPerMaster = 1)
    {
        var binary = RedisServer.FindBinary();
        if (binary is null || FindCli() is null)
        {
            SkipOrFail();
        }

        var count = masters * (1 + replicasPerMaster);
        var ports = RedisServer.FreePorts(2 * count);
        var cluster = new RedisCluster(binary!, ports[..count], ports[count..]);
        try
        {
            foreach (var port in cluster.Ports)
            {
                cluster.StartNode(port);
            }

            for (var i = 0; i < cluster._ports.Count; i++)
            {
                await cluster.WaitForNodeAsync(i);
            }

            var create = new List<string> { "--cluster", "create" };
            create.AddRange(cluster.Ports.Select(p => $"127.0.0.1:{p}"));
            create.AddRange(["--cluster-replicas", replicasPerMaster.ToString(CultureInfo.InvariantCulture), "--cluster-yes"]);
            var (exit, output) = await RunCliAsync(create);
            if (exit != 0)
            {
                throw new InvalidOperationException($"redis-cli --cluster create failed ({exit}): {output}");
            }

            foreach (var port in cluster.Ports)
            {
                await WaitAsync(async () => (await cluster.CommandAsync(port, "CLUSTER", "INFO")).Contains("cluster_state:ok", StringComparison.Ordinal), TimeSpan.FromSeconds(30), $"node {port} did not see the cluster ok");
            }

            await cluster.WaitForReplicasAsync(masters * replicasPerMaster, TimeSpan.FromSeconds(30));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Gets the client port of the primary that serves <paramref name="slot"/>, as the node at <paramref name="askPort"/> sees it.</summary>
    public async Task<int> PrimaryOfSlotAsync(int slot, int? askPort = null)
    {
        var nodes = await CommandAsync(askPort ?? LivePort(), "CLUSTER", "NODES");
        foreach (var line in nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            if (fields.Length < 9 || !fields[2].Contains("master", StringComparison.Ordinal) || fields[2].Contains("fail", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var range in fields.Skip(8))
            {
                var bounds = range.Split('-');
                if (int.TryParse(bounds[0], CultureInfo.InvariantCulture, out var from) && int.TryParse(bounds[^1], CultureInfo.InvariantCulture, out var to) && slot >= from && slot <= to)
                {
                    return int.Parse(fields[1].Split('@')[0].Split(':')[^1], CultureInfo.InvariantCulture);
                }
            }
        }

        throw new InvalidOperationException($"No live primary serves slot {slot}.");
    }

    /// <summary>Gets the slot of a key, computed by the cluster (CLUSTER KEYSLOT).</summary>
    public async Task<int> SlotOfAsync(string key) =>
        int.Parse((await CommandAsync(LivePort(), "CLUSTER", "KEYSLOT", key)).Trim().TrimStart(':'), CultureInfo.InvariantCulture);

    /// <summary>Kills a node (SIGKILL, nothing saved) and waits for its process to end.</summary>
    public async Task KillAsync(int port)
    {
        if (_processes.Remove(port, out var process))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>
    /// Starts a killed node again on its ports with its cluster configuration file, so it rejoins (a former primary
    /// comes back as a replica of the node that took over), and waits until every replica is in sync again.
    /// </summary>
    public async Task RestartAsync(int port, int replicas, TimeSpan timeout)
    {
        StartNode(port);
        await WaitAsync(() => RedisServer.PingAsync(port), timeout, $"node {port} did not answer PING after its restart");
        await WaitForReplicasAsync(replicas, timeout);
    }

    /// <summary>Waits until a live primary other than <paramref name="killedPort"/> serves <paramref name="slot"/>, as every live node sees it.</summary>
    public async Task WaitForFailoverAsync(int killedPort, int slot, TimeSpan timeout) =>
        await WaitAsync(
            async () =>
            {
                foreach (var port in _processes.Keys)
                {
                    try
                    {
                        if (await PrimaryOfSlotAsync(slot, port) == killedPort)
                        {
                            return false;
                        }
                    }
                    catch (InvalidOperationException)
                    {
                        return false;
                    }
                }

                return true;
            },
            timeout,
            $"no replica took over slot {slot} from {killedPort}");

    public async ValueTask DisposeAsync()
    {
        foreach (var port in _processes.Keys.ToList())
        {
            await KillAsync(port);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private int LivePort() => _processes.Keys.First();

    /// <summary>
    /// Waits until the <paramref name="index"/>th node answers PING. The free ports were free when they were picked, but
    /// another process on the machine may bind one before the node does: a node that exits at start is started again on
    /// new ports (the cluster is not created yet, so nothing else knows them), and one that keeps failing is reported
    /// with its own output.
    /// </summary>
    private async Task WaitForNodeAsync(int index)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = _ports[index];
            var process = _processes[port];
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                if (await RedisServer.PingAsync(port))
                {
                    return;
                }

                await Task.Delay(100);
            }

            var output = OutputOf(port);
            if (!process.HasExited || attempt == StartAttempts)
            {
                throw new TimeoutException(process.HasExited
                    ? $"Redis Cluster: node {port} exited with code {process.ExitCode} at start ({attempt} attempts on new ports): {output}"
                    : $"Redis Cluster: node {port} did not answer PING within 30 s: {output}");
            }

            _processes.Remove(port);
            _busPorts.Remove(port);
            _output.Remove(port);
            process.Dispose();
            var fresh = RedisServer.FreePorts(2);
            _ports[index] = fresh[0];
            _busPorts[fresh[0]] = fresh[1];
            StartNode(fresh[0]);
        }
    }

    private string OutputOf(int port)
    {
        if (!_output.TryGetValue(port, out var lines))
        {
            return "(no output)";
        }

        lock (lines)
        {
            return lines.Count == 0 ? "(no output)" : string.Join(" | ", lines);
        }
    }

    private void StartNode(int port)
    {
        var start = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!_busPorts.TryGetValue(port, out var busPort))
        {
            busPort = _busPorts[port] = RedisServer.FreePort();
        }

        string[] arguments =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--cluster-port", busPort.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(_directory, $"nodes-{port}.conf"),
            "--dir", _directory, "--cluster-node-timeout", "1000", "--cluster-replica-validity-factor", "0",
            "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0", "--save", string.Empty, "--appendonly", "no",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var lines = _output[port] = new Queue<string>();
        void Keep(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is { Length: > 0 } line)
            {
                lock (lines)
                {
                    lines.Enqueue(line);
                    if (lines.Count > 5)
                    {
                        lines.Dequeue();
                    }
                }
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes[port] = process;
    }

    private async Task WaitForReplicasAsync(int replicas, TimeSpan timeout) =>
        await WaitAsync(
            async () =>
            {
                var synced = 0;
                foreach (var port in _processes.Keys)
                {
                    var info = await CommandAsync(port, "INFO", "replication");
                    if (info.Contains("role:slave", StringComparison.Ordinal) && info.Contains("master_link_status:up", StringComparison.Ordinal) && info.Contains("master_sync_in_progress:0", StringComparison.Ordinal))
                    {
                        synced++;
                    }
                }

                return synced == replicas;
            },
            timeout,
            "the replicas did not finish their first sync");

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Redis Cluster: {failure} within {timeout.TotalSeconds} s.");
    }

    /// <summary>Runs one command on one node with redis-cli (no cluster redirection) and returns its output.</summary>
    private async Task<string> CommandAsync(int port, params string[] command)
    {
        var (_, output) = await RunCliAsync(["-p", port.ToString(CultureInfo.InvariantCulture), .. command]);
        return output;
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(FindCli()!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-cli did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
