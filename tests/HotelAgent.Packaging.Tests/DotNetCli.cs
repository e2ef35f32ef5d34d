using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HotelAgent.Packaging.Tests;

/// <summary>
/// Runs the <c>dotnet</c> CLI for the packaging tests, and finds the repository.
/// </summary>
internal static class DotNetCli
{
    /// <summary>The test collection of the classes that build with the CLI: one at a time, so a build gets both cores.</summary>
    public const string BuildsCollection = "Builds with the dotnet CLI";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static Task<string> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunAsync(workingDirectory, timeout, new Dictionary<string, string>(), arguments);

    public static async Task<string> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Start(workingDirectory, arguments, environment);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in {timeout}:\n{output}");
        }

        process.WaitForExit();
        var text = output.ToString();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{text}");
        }

        return text;
    }

    /// <summary>Starts an app with <c>dotnet app.dll --urls ...</c> and waits until it answers <c>/health/live</c>.</summary>
    public static Task<RunningApp> StartAppAsync(string dll, string workingDirectory) =>
        StartAppAsync(workingDirectory, [dll], environment: null);

    /// <summary>
    /// Starts an app with <c>dotnet {arguments} --urls ...</c> (after <c>--</c> for <c>dotnet run</c>) and waits until
    /// it answers <c>/health/live</c>; <paramref name="environment"/> replaces variables of the child's environment.
    /// </summary>
    public static async Task<RunningApp> StartAppAsync(string workingDirectory, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        string[] urls = ["--urls", baseAddress.ToString().TrimEnd('/')];
        var process = Start(workingDirectory, arguments is ["run", ..] ? [.. arguments, "--", .. urls] : [.. arguments, .. urls], environment);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new RunningApp(process, baseAddress, output);
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health/live", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK || response.StatusCode == HttpStatusCode.NotFound)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        await app.DisposeAsync();
        throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} did not start:\n{output}");
    }

    private static Process Start(string workingDirectory, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // Let the child builds run on their own, not inside this test host's MSBuild/test environment.
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBUILD_EXE_PATH");
        info.Environment.Remove("MSBuildSDKsPath");
        info.Environment.Remove("MSBuildLoadMicrosoftTargetsReadOnly");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HotelAgent.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("HotelAgent.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A host started by <c>DotNetCli.StartAppAsync</c>; disposing it stops it.</summary>
internal sealed class RunningApp(Process process, Uri baseAddress, StringBuilder output) : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;

    public string Output
    {
        get { lock (output) { return output.ToString(); } }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
