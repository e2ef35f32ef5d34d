namespace HotelAgent.Pms.QloApps.Tests.Fakes;

/// <summary>
/// One recorded QloApps exchange from Fixtures/ (NNN-name.request.txt, .response.meta, .response.body).
/// </summary>
internal sealed record RecordedFixture(string Name, string RequestLine, string RequestBody, int Status, string? ContentType, byte[] ResponseBody)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public string ResponseText => System.Text.Encoding.UTF8.GetString(ResponseBody);

    /// <summary>Loads the fixture whose file name starts with <paramref name="number"/> (e.g. "053").</summary>
    public static RecordedFixture Load(string number)
    {
        var request = System.IO.Directory.GetFiles(Directory, number + "-*.request.txt").Single();
        var name = Path.GetFileName(request)[..^".request.txt".Length];
        var requestText = File.ReadAllText(request);
        var split = requestText.IndexOf("\n\n", StringComparison.Ordinal);
        var meta = File.ReadAllLines(Path.Combine(Directory, name + ".response.meta"))
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim())
            .ToDictionary(g => g.Key, g => g.First()[1].Trim());
        return new RecordedFixture(
            name,
            requestText.Split('\n')[0].Trim(),
            split < 0 ? string.Empty : requestText[(split + 2)..],
            int.Parse(meta["status"], System.Globalization.CultureInfo.InvariantCulture),
            meta.GetValueOrDefault("content-type"),
            File.ReadAllBytes(Path.Combine(Directory, name + ".response.body")));
    }
}
