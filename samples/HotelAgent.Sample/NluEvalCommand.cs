using System.Globalization;
using HotelAgent.Abstractions;
using HotelAgent.Nlu;

namespace HotelAgent.Sample;

/// <summary>
/// <c>dotnet run --project samples/HotelAgent.Sample -- nlu-eval FILE [--reference-date YYYY-MM-DD]</c>: evaluates the
/// configured NLU engine on a JSONL file of labelled messages against the sample hotel's room types.
/// </summary>
internal static class NluEvalCommand
{
    public const string Name = "nlu-eval";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await error.WriteLineAsync("Usage: nlu-eval FILE [--reference-date YYYY-MM-DD]");
            return 2;
        }

        var path = args[1];
        var referenceDate = DateOnly.FromDateTime(DateTime.Today);
        var at = Array.IndexOf(args, "--reference-date");
        if (at >= 0 && (at + 1 >= args.Length || !DateOnly.TryParseExact(args[at + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out referenceDate)))
        {
            await error.WriteLineAsync("--reference-date needs a date in the format YYYY-MM-DD.");
            return 2;
        }

        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"File not found: {Path.GetFullPath(path)}");
            return 2;
        }

        var engine = services.GetRequiredService<INluEngine>();
        var roomTypes = await services.GetRequiredService<IPmsAdapter>().GetRoomTypesAsync();
        try
        {
            await using var file = File.OpenRead(path);
            var report = await NluEvaluation.EvaluateAsync(engine, NluEvaluation.ReadJsonLinesAsync(file), roomTypes, referenceDate);
            await output.WriteLineAsync(report.Format());
            return 0;
        }
        catch (FormatException ex)
        {
            await error.WriteLineAsync($"{path}: {ex.Message}");
            return 1;
        }
    }
}
