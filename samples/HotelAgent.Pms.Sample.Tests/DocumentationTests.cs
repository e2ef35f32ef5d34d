using System.Text.RegularExpressions;
using Xunit;

namespace HotelAgent.Pms.Sample.Tests;

/// <summary>docs/pms/writing-an-adapter.md shows the sample's files as they are.</summary>
public sealed partial class DocumentationTests
{
    private static readonly string Root = FindRoot();

    private static readonly string[] Files =
    [
        "samples/HotelAgent.Pms.Sample/HotelAgent.Pms.Sample.csproj",
        "samples/HotelAgent.Pms.Sample/SamplePmsOptions.cs",
        "samples/HotelAgent.Pms.Sample/SamplePmsHotelAgentBuilderExtensions.cs",
        "samples/HotelAgent.Pms.Sample/SamplePmsAdapter.cs",
        "samples/HotelAgent.Pms.Sample.Tests/HotelAgent.Pms.Sample.Tests.csproj",
        "samples/HotelAgent.Pms.Sample.Tests/SamplePmsConformanceTests.cs",
    ];

    public static TheoryData<string> ShownFiles => new(Files);

    [Theory]
    [MemberData(nameof(ShownFiles))]
    public void WritingAnAdapter_CodeBlock_IsTheFileAsItIs(string path)
    {
        var blocks = Blocks();
        var file = Normalize(File.ReadAllText(Path.Combine(Root, path)));

        Assert.True(blocks.ContainsKey(path), $"docs/pms/writing-an-adapter.md must show {path} in a block marked <!-- file: {path} -->.");
        Assert.True(
            blocks[path] == file,
            $"The block of {path} in docs/pms/writing-an-adapter.md differs from the file: copy the file into the doc again.");
    }

    [Fact]
    public void WritingAnAdapter_EveryMarkedBlock_IsASampleFile()
    {
        Assert.Equal(Files.Order(StringComparer.Ordinal), Blocks().Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public void SampleAdapter_EverySourceFile_IsShown()
    {
        var sources = Directory.GetFiles(Path.Combine(Root, "samples", "HotelAgent.Pms.Sample"), "*.*")
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'));

        Assert.All(sources, source => Assert.Contains(source, Blocks().Keys));
    }

    private static Dictionary<string, string> Blocks()
    {
        var doc = File.ReadAllText(Path.Combine(Root, "docs", "pms", "writing-an-adapter.md"));
        return MarkedBlock().Matches(Normalize(doc))
            .ToDictionary(m => m.Groups["path"].Value, m => m.Groups["code"].Value + "\n", StringComparer.Ordinal);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";

    private static string FindRoot()
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

    [GeneratedRegex(@"^<!-- file: (?<path>[^ ]+) -->\n```[a-z]*\n(?<code>.*?)\n```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();
}
