using System.Globalization;
using System.Text.RegularExpressions;

namespace HotelAgent.Packaging.Tests;

/// <summary>
/// Packs every src project of the solution once (Release, a unique prerelease version) into a temporary folder feed.
/// </summary>
public sealed partial class PackedFeed : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("hotelagent-packaging-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    public string Version { get; } = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);

    public IReadOnlyList<string> Projects { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var root = DotNetCli.RepositoryRoot;
        var solution = Path.Combine(root, "HotelAgent.Sdk.sln");
        Projects = [.. SolutionProject().Matches(await File.ReadAllTextAsync(solution))
            .Select(m => m.Groups["path"].Value)
            .Where(p => p.StartsWith(@"src\", StringComparison.Ordinal))];

        // A solution filter with only the src projects: one build of the graph instead of one per project.
        var filter = Path.Combine(Root, "src.slnf");
        await File.WriteAllTextAsync(filter, $$"""
            {
              "solution": {
                "path": {{System.Text.Json.JsonSerializer.Serialize(solution)}},
                "projects": [ {{string.Join(", ", Projects.Select(p => System.Text.Json.JsonSerializer.Serialize(p)))}} ]
              }
            }
            """);
        var restored = Projects.All(p => File.Exists(Path.Combine(root, Path.GetDirectoryName(p.Replace('\\', '/'))!, "obj", "project.assets.json")));
        string[] arguments = ["pack", filter, "-c", "Release", "-o", Feed, "-p:Version=" + Version, "-nodeReuse:false", "--disable-build-servers"];
        await DotNetCli.RunAsync(root, TimeSpan.FromMinutes(8), restored ? [.. arguments, "--no-restore"] : arguments);
    }

    /// <summary>Writes a nuget.config that restores HotelAgent.* from the feed and everything else from nuget.org.</summary>
    public Task WriteNuGetConfigAsync(string directory) =>
        File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="HotelAgent" />
                  <package pattern="HotelAgent.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);

    public ValueTask DisposeAsync()
    {
        // The restores put this run's packages in the global packages folder: remove that version only.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var project in Projects)
        {
            var id = Path.GetFileNameWithoutExtension(project.Replace('\\', '/')).ToLowerInvariant();
            TryDelete(Path.Combine(packages, id, Version.ToLowerInvariant()));
        }

        TryDelete(Root);
        return ValueTask.CompletedTask;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\) = ""[^""]+"", ""(?<path>[^""]+\.csproj)""", RegexOptions.Multiline)]
    private static partial Regex SolutionProject();
}
