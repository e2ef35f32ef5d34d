using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;

namespace HotelAgent.Packaging.Tests;

/// <summary>
/// The packages as a user gets them: every src project packs with README, icon, XML docs and symbols; a throwaway
/// web project restores them from a folder feed and answers a message; the <c>hotelagent</c> template scaffolds a
/// host that does the same.
/// </summary>
[Collection(DotNetCli.BuildsCollection)]
public sealed class PackagingTests(PackedFeed feed) : IClassFixture<PackedFeed>
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Pack_EverySrcProject_HasReadmeIconDocsSourceLinkAndSymbols()
    {
        feed.Projects.Should().Contain(@"src\HotelAgent.AspNetCore\HotelAgent.AspNetCore.csproj");
        foreach (var project in feed.Projects)
        {
            var id = Path.GetFileNameWithoutExtension(project.Replace('\\', '/'));
            var package = Path.Combine(feed.Feed, $"{id}.{feed.Version}.nupkg");
            File.Exists(package).Should().BeTrue($"{id} should be packed");
            File.Exists(Path.Combine(feed.Feed, $"{id}.{feed.Version}.snupkg")).Should().BeTrue($"{id} should have a symbol package");

            using var zip = ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            entries.Should().Contain(["README.md", "icon.png", $"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml"], $"{id} should carry its README, icon and XML docs");
            var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            using var reader = new StreamReader(nuspecEntry.Open());
            var nuspec = await reader.ReadToEndAsync();
            nuspec.Should().Contain($"<version>{feed.Version}</version>", $"{id} should carry the version it was packed with")
                .And.Contain($"<releaseNotes>HotelAgent.Sdk {feed.Version}: ", $"{id} should carry release notes for its version")
                .And.Contain("/blob/main/docs/CHANGELOG.md</releaseNotes>", "the release notes should link to the changelog");
            nuspec.Should().Contain("<readme>README.md</readme>").And.Contain("<icon>icon.png</icon>")
                .And.Contain("<license type=\"expression\">MIT</license>")
                .And.Contain("<repository type=\"git\" url=\"https://github.com/hotelagent/HotelAgent.Sdk\"");
        }
    }

    [Fact]
    public async Task ConsumerProject_RestoresThePackedPackages_AnswersAMessage()
    {
        var directory = Directory.CreateDirectory(Path.Combine(feed.Root, "consumer")).FullName;
        await feed.WriteNuGetConfigAsync(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="HotelAgent.AspNetCore" Version="{feed.Version}" />
              </ItemGroup>
              <ItemGroup>
                <Content Update="hotel.json" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHotelAgent(options => options.DefaultLanguage = "en")
                .AddDemoPms(options => options.CatalogPath = "hotel.json");
            var app = builder.Build();
            app.MapHotelAgent();
            app.MapGet("/health/live", () => "ok");
            app.Run();
            """);
        File.Copy(Path.Combine(DotNetCli.RepositoryRoot, "samples", "HotelAgent.Sample", "hotel.json"), Path.Combine(directory, "hotel.json"));

        await DotNetCli.RunAsync(directory, BuildTimeout, "build", "-c", "Release", "-nodeReuse:false", "--disable-build-servers");
        await AnswersAMessageAsync(Path.Combine(directory, "bin", "Release", "net10.0", "Consumer.dll"), directory);
    }

    [Fact]
    public async Task Template_InstalledInACustomHive_ScaffoldsAHostThatAnswersAMessage()
    {
        var hive = Path.Combine(feed.Root, "hive");
        var template = Path.Combine(DotNetCli.RepositoryRoot, "samples", "templates", "hotelagent");
        await DotNetCli.RunAsync(feed.Root, BuildTimeout, "new", "install", template, "--debug:custom-hive", hive);

        var directory = Path.Combine(feed.Root, "scaffolded");
        var output = await DotNetCli.RunAsync(
            feed.Root, BuildTimeout,
            "new", "hotelagent", "-n", "FrontDesk", "-o", directory, "--HotelAgentVersion", feed.Version, "--DefaultLanguage", "en",
            "--LocalFeed", feed.Feed, "--debug:custom-hive", hive);
        output.Should().Contain("was created successfully");
        File.Exists(Path.Combine(directory, "FrontDesk.csproj")).Should().BeTrue();
        (await File.ReadAllTextAsync(Path.Combine(directory, "FrontDesk.csproj"))).Should().Contain($"Version=\"{feed.Version}\"");
        (await File.ReadAllTextAsync(Path.Combine(directory, "appsettings.json"))).Should().Contain("\"DefaultLanguage\": \"en\"");
        (await File.ReadAllTextAsync(Path.Combine(directory, "nuget.config"))).Should().Contain($"value=\"{feed.Feed}\"", "--LocalFeed writes the feed into nuget.config");

        // The template's own nuget.config (from --LocalFeed) restores the packages: no hand-written one.
        await DotNetCli.RunAsync(directory, BuildTimeout, "build", "-c", "Release", "-nodeReuse:false", "--disable-build-servers");
        await AnswersAMessageAsync(Path.Combine(directory, "bin", "Release", "net10.0", "FrontDesk.dll"), directory);

        // dotnet run takes the launch profile: Development (even over a Production environment), the web chat at /,
        // and the development admin key accepted.
        await using var app = await DotNetCli.StartAppAsync(
            directory,
            ["run", "--no-build", "-c", "Release", "--launch-profile", "http"],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        page.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, $"/ should be the web chat\n{app.Output}");
        (await page.Content.ReadAsStringAsync()).Should().Contain("<script src=\"js/chat.js\"></script>");
        using var script = await client.GetAsync(new Uri("/js/chat.js", UriKind.Relative));
        script.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        using var stats = new HttpRequestMessage(HttpMethod.Get, "/v1/stats");
        stats.Headers.Add("X-Api-Key", "change-me-development-admin-key");
        using var statsResponse = await client.SendAsync(stats);
        statsResponse.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the development admin key applies in Development");
    }

    [Fact]
    public async Task Template_WithoutLocalFeed_WritesNoNuGetConfig()
    {
        var hive = Path.Combine(feed.Root, "hive-plain");
        var template = Path.Combine(DotNetCli.RepositoryRoot, "samples", "templates", "hotelagent");
        await DotNetCli.RunAsync(feed.Root, BuildTimeout, "new", "install", template, "--debug:custom-hive", hive);
        var directory = Path.Combine(feed.Root, "plain");

        await DotNetCli.RunAsync(feed.Root, BuildTimeout, "new", "hotelagent", "-n", "Plain", "-o", directory, "--debug:custom-hive", hive);

        File.Exists(Path.Combine(directory, "Plain.csproj")).Should().BeTrue();
        File.Exists(Path.Combine(directory, "nuget.config")).Should().BeFalse("without --LocalFeed the host restores from the sources already configured");
        File.Exists(Path.Combine(directory, "Properties", "launchSettings.json")).Should().BeTrue();
    }

    private static async Task AnswersAMessageAsync(string dll, string directory)
    {
        await using var app = await DotNetCli.StartAppAsync(dll, directory);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var response = await client.PostAsJsonAsync("v1/conversations/packaging-test/messages", new { text = "What time is check-in?" });
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"the host should answer, but said {(int)response.StatusCode}: {body}\n{app.Output}");
        var reply = JsonDocument.Parse(body).RootElement;
        reply.GetProperty("language").GetString().Should().Be("en");
        reply.GetProperty("replies")[0].GetProperty("text").GetString().Should().Contain("15:00");
    }
}
