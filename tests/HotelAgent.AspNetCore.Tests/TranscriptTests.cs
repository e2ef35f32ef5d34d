using HotelAgent.Testing;

namespace HotelAgent.AspNetCore.Tests;

/// <summary>
/// Runs every conversation script in Transcripts/ through the sample host's HTTP surface, each in a fresh host with
/// the clock at 2026-11-25 09:00 UTC (10:00 in the hotel's time zone).
/// </summary>
public sealed class TranscriptTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Transcripts");

    public static TheoryData<string> Scripts => new(Directory.GetFiles(Folder, "*.transcript").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Transcript_RunThroughTheHttpHost_EveryStepHolds(string file)
    {
        var script = TranscriptScript.Load(Path.Combine(Folder, file));
        await using var factory = new SampleHostFactory();
        var target = new HttpTranscriptTarget(factory.CreateClient(), SampleHostFactory.AdminKey, by =>
        {
            factory.Clock.Advance(by);
            return Task.CompletedTask;
        });

        await TranscriptRunner.RunAsync(script, target, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Scripts_CoverEveryLanguageAndAtLeastThirtyConversations()
    {
        var files = Directory.GetFiles(Folder, "*.transcript").Select(Path.GetFileName).ToArray();

        files.Should().HaveCountGreaterThanOrEqualTo(30);
        files.Should().Contain(f => f!.StartsWith("es-", StringComparison.Ordinal))
            .And.Contain(f => f!.StartsWith("en-", StringComparison.Ordinal))
            .And.Contain(f => f!.StartsWith("pt-", StringComparison.Ordinal));
    }

    [Fact]
    public void Scripts_CoverEveryIntent()
    {
        var expected = HotelAgent.Abstractions.Intents.All;
        var covered = Directory.GetFiles(Folder, "*.transcript")
            .SelectMany(File.ReadLines)
            .Where(l => l.StartsWith("= intent ", StringComparison.Ordinal))
            .Select(l => l["= intent ".Length..].Trim())
            .ToHashSet();

        expected.Except(covered).Should().BeEmpty("every intent has a transcript that checks it");
    }
}
