using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HotelAgent.Tests.Shared;

// Linked into every test project that needs a real redis-server (tests/Shared is not a project of its own).
/// <summary>
/// One <c>redis-server</c> process on a loopback port, which a test can kill and start again on the same port.
/// Persistence is off unless <c>appendOnly</c> is set: then every write is in an append-only file (fsync always) in a
/// directory of its own, so a killed server comes back with its data.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _binary;
    private readonly bool _appendOnly;
    private readonly string? _directory;
    private Process? _process;

    private RedisServer(string binary, int port, bool appendOnly)
    {
        _binary = binary;
        Port = port;
        _appendOnly = appendOnly;
        if (appendOnly)
        {
            _directory = Directory.CreateTempSubdirectory("hotelagent-redis-").FullName;
        }
    }

    public int Port { get; }

    /// <summary>Gets the StackExchange.Redis configuration string of the server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server, or skips the test (fails it when <c>CI=true</c>) when redis-server is not installed.</summary>
    public static async Task<RedisServer> StartAsync(bool appendOnly = false)
    {
        var binary = FindBinary();
        if (binary is null)
        {
            SkipOrFail();
        }

        var server = new RedisServer(binary!, FreePort(), appendOnly);
        await server.StartAsync();
        return server;
    }

    public static string? FindBinary() =>
        TestPrerequisites.FindProgram(TestPrerequisites.Redis, "redis-server", "/usr/bin/redis-server", "/usr/local/bin/redis-server");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void SkipOrFail() =>
        TestPrerequisites.SkipOrFail(TestPrerequisites.Redis, "Redis tests", "redis-server is not installed", "apt-get install -y redis-server");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Gets <paramref name="count"/> distinct free loopback ports (all held open together while they are picked).</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>Starts the server (again) on its port and waits until it answers PING.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = _appendOnly
            ? ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "yes", "--appendfsync", "always", "--dir", _directory!]
            : ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no"];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} on port {Port}.");
            }

            if (await PingAsync(Port))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within 15 s.");
    }

    /// <summary>Kills the server (SIGKILL, no shutdown save) and waits for the process to end.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Whether a Redis node answers PING on a loopback port.</summary>
    /// <remarks>Gives up after 2 s: whatever listens on the port (another program may have taken it) never hangs the caller.</remarks>
    internal static async Task<bool> PingAsync(int port)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
