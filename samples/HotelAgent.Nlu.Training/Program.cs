using System.Globalization;
using System.Text;
using System.Text.Json;
using HotelAgent.Abstractions;
using HotelAgent.Nlu;
using HotelAgent.Nlu.Tests;
using HotelAgent.Nlu.Training;
using Microsoft.Extensions.Logging.Abstractions;

// dotnet run --project samples/HotelAgent.Nlu.Training -c Release -- train [--data FILE]... [--extra FILE]... [--out DIR]
// dotnet run --project samples/HotelAgent.Nlu.Training -c Release -- eval --data FILE [--model FILE]
// dotnet run --project samples/HotelAgent.Nlu.Training -c Release -- cv [--bits N] [--l2 X] [--data FILE]...
var command = args.Length > 0 ? args[0] : "help";
var options = Options.Parse(args.Skip(1).ToArray());
var root = Options.FindRepositoryRoot();
var invariant = CultureInfo.InvariantCulture;

switch (command)
{
    case "train":
        {
            var files = options.DataFiles(root);
            var samples = await Samples.LoadAsync(files);
            var hash = IntentModel.ComputeDataSha256(files.Select(File.ReadAllText));
            Console.WriteLine($"Training on {samples.Count} messages from {string.Join(", ", files.Select(Path.GetFileName))}; data SHA-256 {hash}");
            var trainer = new IntentTrainer(options.Bits, options.L2, options.Seed, options.WordWeight);

            var cv = CrossValidation.Run(trainer, samples, options.Folds, options.Seed, options.Threshold);
            Console.WriteLine(cv.Format());
            foreach (var m in cv.Mistakes.Order(StringComparer.Ordinal).Take(options.MaxErrors))
            {
                Console.WriteLine(m);
            }

            var model = trainer.Train(samples, hash).With(cv.Combination);
            Console.WriteLine($"Exported scorer agrees with the ML.NET model on {trainer.LastAgreement:P2} of the training messages.");
            var outDir = options.Out ?? Path.Combine(root, "src", "HotelAgent.Nlu", "Learned", "Resources");
            Directory.CreateDirectory(outDir);
            var binPath = Path.Combine(outDir, "intent-model.bin");
            await using (var bin = File.Create(binPath))
            {
                model.Write(bin);
            }

            var info = new
            {
                dataSha256 = hash,
                files = files.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).ToArray(),
                samples = samples.Count,
                featurizerVersion = IntentFeaturizer.Version,
                bits = options.Bits,
                wordWeight = options.WordWeight,
                l2 = options.L2,
                seed = options.Seed,
                folds = options.Folds,
                combination = cv.Combination.ToArray(),
                crossValidation = new { rules = cv.RulesAccuracy, model = cv.ModelAccuracy, combined = cv.CombinedAccuracy },
                bytes = new FileInfo(binPath).Length,
            };
            await File.WriteAllTextAsync(Path.Combine(outDir, "intent-model.json"), JsonSerializer.Serialize(info, JsonOptions.Indented) + "\n");
            Console.WriteLine($"Wrote {binPath} ({new FileInfo(binPath).Length:N0} bytes) and intent-model.json");
            return 0;
        }

    case "cv":
        {
            var samples = await Samples.LoadAsync(options.DataFiles(root));
            var trainer = new IntentTrainer(options.Bits, options.L2, options.Seed, options.WordWeight);
            var cv = CrossValidation.Run(trainer, samples, options.Folds, options.Seed, options.Threshold);
            Console.WriteLine($"bits {options.Bits} l2 {options.L2.ToString(invariant)} word weight {options.WordWeight.ToString(invariant)}");
            Console.WriteLine(cv.Format());
            foreach (var m in cv.Mistakes.Order(StringComparer.Ordinal).Take(options.MaxErrors))
            {
                Console.WriteLine(m);
            }
            return 0;
        }

    case "eval":
        {
            var files = options.Data.Count > 0 ? options.Data.Select(Path.GetFullPath).ToList() : [Path.Combine(root, Options.DevSet)];
            var model = options.Model is null ? IntentModel.Default : IntentModel.Load(File.OpenRead(options.Model));
            var rules = new RuleBasedNluEngine(new RuleBasedNluOptions { UseLearnedIntents = false }, NullLogger<RuleBasedNluEngine>.Instance);
            var combined = new RuleBasedNluEngine(new RuleBasedNluOptions { IntentModelPath = options.Model }, NullLogger<RuleBasedNluEngine>.Instance);
            var modelOnly = new ModelOnlyNluEngine(model, options.Threshold);
            foreach (var file in files)
            {
                var samples = await Samples.LoadAsync([file]);
                var summary = new StringBuilder();
                foreach (var (name, engine) in new (string, INluEngine)[] { ("rules alone", rules), ("model alone", modelOnly), ("combined", combined) })
                {
                    var report = await NluEvaluation.EvaluateAsync(engine, samples, TestCatalog.RoomTypes, TestCatalog.ReferenceDate);
                    Console.WriteLine($"=== {Path.GetFileName(file)}: {name} ===");
                    Console.WriteLine(report.Format(options.MaxErrors));
                    Console.WriteLine(ConfusionMatrix.Format(report));
                    summary.AppendLine(invariant, $"{Path.GetFileName(file)}  {name,-12} intent accuracy {report.IntentAccuracy:P2}  entity accuracy {report.EntityAccuracy:P2}  ({report.SampleCount} messages)");
                }

                Console.WriteLine(summary);
            }

            return 0;
        }

    default:
        Console.WriteLine("""
            Usage:
              train [--data FILE]... [--extra FILE]... [--out DIR] [--bits N] [--l2 X] [--seed N] [--folds N]
                    trains on the repository's nlu-dev.jsonl (or the --data files) plus any --extra files,
                    cross-validates, fits the combination with the rules and writes intent-model.bin/.json
                    (by default into src/HotelAgent.Nlu/Learned/Resources).
              cv    [same options] cross-validation only; train and cv list the first --max-errors (15)
                    cross-validation mistakes (of the training data).
              eval  [--data FILE]... [--model FILE] [--max-errors N]
                    rules alone, model alone and combined: per-intent precision/recall and confusion matrix.
            """);
        return command == "help" ? 0 : 2;
}

internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IncludeFields = true };
}
