using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HotelAgent.Packaging.Tests;

/// <summary>
/// What a release needs besides the packages: the version has a changelog section and is the template's default, and
/// the template carries the sample's web chat unchanged and a Development launch profile.
/// </summary>
public sealed class ReleaseFilesTests
{
    private static readonly string Root = DotNetCli.RepositoryRoot;
    private static readonly string Template = Path.Combine(Root, "samples", "templates", "hotelagent");

    private static string Version =>
        XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("Version").Single().Value;

    [Fact]
    public async Task Changelog_HasASectionForTheVersion()
    {
        var changelog = await File.ReadAllTextAsync(Path.Combine(Root, "docs", "CHANGELOG.md"));

        Version.Should().MatchRegex(@"^\d+\.\d+\.\d+");
        changelog.Should().MatchRegex($@"(?m)^## \[{Regex.Escape(Version)}\]", "every released version has its section in docs/CHANGELOG.md");
    }

    [Fact]
    public async Task Template_DefaultVersion_IsTheVersionOfThePackages()
    {
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Template, ".template.config", "template.json")));

        json.RootElement.GetProperty("symbols").GetProperty("HotelAgentVersion").GetProperty("defaultValue").GetString()
            .Should().Be(Version, "a host scaffolded with the defaults references the packages of this version");
    }

    [Theory]
    [InlineData("index.html")]
    [InlineData("js/chat.js")]
    [InlineData("css/site.css")]
    public async Task Template_WebChat_IsTheSamplesWebChat(string file)
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(Root, "samples", "HotelAgent.Sample", "wwwroot", file));
        var template = await File.ReadAllTextAsync(Path.Combine(Template, "wwwroot", file));

        template.Should().Be(sample, $"the template's wwwroot/{file} is a copy of the sample's: copy it again after changing the sample");
    }

    [Fact]
    public async Task Template_LaunchProfile_RunsInDevelopment()
    {
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Template, "Properties", "launchSettings.json")));

        var profile = json.RootElement.GetProperty("profiles").GetProperty("http");
        profile.GetProperty("commandName").GetString().Should().Be("Project");
        profile.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString().Should().Be("Development");
    }
}
