using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Training;

/// <summary>Reads labelled messages (the evaluation runner's JSON lines) and checks their intents.</summary>
internal static class Samples
{
    public static async Task<List<NluSample>> LoadAsync(IEnumerable<string> files)
    {
        var samples = new List<NluSample>();
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            await foreach (var s in NluEvaluation.ReadJsonLinesAsync(stream))
            {
                if (!Intents.All.Contains(s.Intent))
                {
                    throw new FormatException($"{file} line {s.LineNumber}: unknown intent '{s.Intent}' (known: {string.Join(", ", Intents.All)}).");
                }

                samples.Add(s);
            }
        }

        return samples;
    }
}
