using System.Globalization;

namespace HotelAgent.Nlu.Training;

/// <summary>Command-line options of the training tool.</summary>
internal sealed class Options
{
    public const string DevSet = "tests/HotelAgent.Nlu.Tests/Data/nlu-dev.jsonl";

    public List<string> Data { get; } = [];

    public List<string> Extra { get; } = [];

    public string? Out { get; private set; }

    public string? Model { get; private set; }

    public int Bits { get; private set; } = 15;

    public double L2 { get; private set; } = 0.015;

    public int Seed { get; private set; } = 20261202;

    public int Folds { get; private set; } = 5;

    public double Threshold { get; private set; } = 0.3;

    public int MaxErrors { get; private set; } = 15;

    public float WordWeight { get; private set; } = 0.5f;

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--data": o.Data.Add(value); break;
                case "--extra": o.Extra.Add(value); break;
                case "--out": o.Out = value; break;
                case "--model": o.Model = value; break;
                case "--bits": o.Bits = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--l2": o.L2 = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seed": o.Seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--folds": o.Folds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--threshold": o.Threshold = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--word-weight": o.WordWeight = float.Parse(value, CultureInfo.InvariantCulture); break;
                case "--max-errors": o.MaxErrors = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }

            i++;
        }

        return o;
    }

    /// <summary>The training files: <c>--data</c> (or the repository's dev set), then <c>--extra</c>, as full paths.</summary>
    public List<string> DataFiles(string root)
    {
        var files = Data.Count > 0 ? Data.Select(Path.GetFullPath).ToList() : [Path.Combine(root, DevSet)];
        files.AddRange(Extra.Select(Path.GetFullPath));
        foreach (var f in files)
        {
            if (f.Contains("nlu-test", StringComparison.OrdinalIgnoreCase) || f.Contains("Conversations/test", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"{f} is the held-out split: evaluate on it (eval), never train on it.");
            }
        }

        return files;
    }

    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HotelAgent.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
