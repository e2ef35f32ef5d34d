using HotelAgent.Tests.Shared;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using HotelAgent.MultiHost.Tests;

[assembly: AssemblyFixture(typeof(SampleOutputCleanup))]

namespace HotelAgent.MultiHost.Tests;

/// <summary>
/// The sample host (<c>samples/HotelAgent.Sample</c>) as a real process: <c>dotnet HotelAgent.Sample.dll --urls
/// http://127.0.0.1:{port}</c>, configured through environment variables, with its output kept for failure messages.
/// </summary>
public sealed class SampleHostProcess : IAsyncDisposable
{
    public const string AdminApiKey = "multi-host-admin-key-0123456789";

    private static readonly Lazy<string> SampleDirectory = new(CopySampleOutput, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ConcurrentQueue<string> _output = new();
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;

    private SampleHostProcess(string name, int port, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        Port = port;
        _environment = environment;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Add("X-Api-Key", AdminApiKey);
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>Gets a client for the host, with the admin key set.</summary>
    public HttpClient Client { get; }

    public int? ProcessId => _process?.Id;

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>Gets the last lines the process wrote (standard output and error).</summary>
    public string OutputTail => string.Join(Environment.NewLine, _output.TakeLast(80));

    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>
    /// Starts the sample host with <paramref name="settings"/> as configuration (keys such as
    /// <c>HotelAgent:Redis:Configuration</c>, passed as <c>HotelAgent__Redis__Configuration</c>) and waits for
    /// <c>/health/ready</c>.
    /// </summary>
    public static async Task<SampleHostProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["HotelAgent__AdminApiKey"] = AdminApiKey,
            ["HotelAgent__Http__PermitsPerMinutePerIp"] = "100000",
            ["HotelAgent__Http__PermitsPerMinutePerConversation"] = "10000",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var host = new SampleHostProcess(name, port ?? RedisServer.FreePort(), environment);
        await host.StartAsync();
        return host;
    }

    /// <summary>Starts the process (again, on the same port with the same settings) and waits until it is ready.</summary>
    public async Task StartAsync()
    {
        var directory = SampleDirectory.Value;
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "HotelAgent.Sample.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{Port}");
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start.");
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Record($"--- {Name} started as process {process.Id} on port {Port} ---");

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(45))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before it was ready:{Environment.NewLine}{OutputTail}");
            }

            try
            {
                using var ready = await Client.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} was not ready within 45 s:{Environment.NewLine}{OutputTail}");
    }

    /// <summary>Kills the process and every child it has (SIGKILL: no graceful shutdown, nothing flushed).</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            Record($"--- {Name} killed ---");
            process.Dispose();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 5000 && _output.TryDequeue(out _))
        {
        }
    }

    private static string DotnetHost()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (fromCli is { Length: > 0 } && File.Exists(fromCli))
        {
            return fromCli;
        }

        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        return "dotnet";
    }

    /// <summary>
    /// Copies the sample's build output to a folder of this test run, so a rebuild of the sample while the tests run
    /// cannot change the files under the processes.
    /// </summary>
    private static string CopySampleOutput()
    {
        var source = typeof(SampleHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SampleOutputDirectory").Value!;
        source = Path.GetFullPath(source);
        if (!File.Exists(Path.Combine(source, "HotelAgent.Sample.dll")))
        {
            throw new InvalidOperationException($"The sample is not built in {source}; build tests/HotelAgent.MultiHost.Tests, which builds it first.");
        }

        var target = Directory.CreateTempSubdirectory("hotelagent-sample-").FullName;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    /// <summary>Deletes the copy of the sample made for this test run, if one was made.</summary>
    internal static void DeleteCopy()
    {
        if (SampleDirectory.IsValueCreated)
        {
            try
            {
                Directory.Delete(SampleDirectory.Value, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>Removes the copy of the sample when the test assembly is done.</summary>
public sealed class SampleOutputCleanup : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        SampleHostProcess.DeleteCopy();
        return ValueTask.CompletedTask;
    }
}
