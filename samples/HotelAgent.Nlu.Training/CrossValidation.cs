using System.Globalization;
using System.Text;
using HotelAgent.Abstractions;
using HotelAgent.Nlu.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotelAgent.Nlu.Training;

/// <summary>
/// K-fold cross-validation on the training data: out-of-fold model scores for every message, the rules' decision
/// for every message, and the combination parameters fitted on them (coordinate descent on the log-loss, so the
/// combined confidence is calibrated).
/// </summary>
internal sealed class CrossValidation
{
    public required CombinationParameters Combination { get; init; }

    public required double RulesAccuracy { get; init; }

    public required double ModelAccuracy { get; init; }

    public required double CombinedAccuracy { get; init; }

    public required double CombinedLogLoss { get; init; }

    public required int Folds { get; init; }

    /// <summary>Gets the out-of-fold mistakes of the combination on the training data (never held-out data).</summary>
    public required IReadOnlyList<string> Mistakes { get; init; }

    public static CrossValidation Run(IntentTrainer trainer, IReadOnlyList<NluSample> samples, int folds, int seed, double threshold)
    {
        var n = samples.Count;
        var order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        var fold = new int[n];
        for (var i = 0; i < n; i++)
        {
            fold[order[i]] = i % folds;
        }

        var logProbs = new float[n][];
        for (var k = 0; k < folds; k++)
        {
            var train = Enumerable.Range(0, n).Where(i => fold[i] != k).Select(i => samples[i]).ToList();
            var model = trainer.Train(train, "");
            for (var i = 0; i < n; i++)
            {
                if (fold[i] == k)
                {
                    logProbs[i] = new float[IntentIds.Count];
                    model.Score(samples[i].Text, samples[i].Expecting, logProbs[i]);
                }
            }

            Console.Error.WriteLine($"fold {k + 1}/{folds} done");
        }

        var recorder = new Recorder();
        var rules = new RuleBasedNluEngine(new RuleBasedNluOptions { ConfidenceThreshold = 0 }, NullLogger<RuleBasedNluEngine>.Instance, recorder);
        var cases = new Case[n];
        for (var i = 0; i < n; i++)
        {
            var s = samples[i];
            var r = rules.Parse(new NluRequest
            {
                Text = s.Text,
                ReferenceDate = s.ReferenceDate ?? TestCatalog.ReferenceDate,
                RoomTypes = TestCatalog.RoomTypes,
                Expecting = s.Expecting,
            });
            cases[i] = new Case(logProbs[i], recorder.Intent, recorder.Confidence, s.Expecting != ExpectedAnswer.None, recorder.Scores, recorder.HasEntities, IntentModel.IntentIndex(s.Intent));
        }

        var p = Fit(cases);
        var mistakes = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var c = cases[i];
            var got = Combined(p, c, threshold);
            if (got != c.Label)
            {
                mistakes.Add($"{Intents.All[c.Label]} -> {Intents.All[got]} (rules {Intents.All[Apply(c.RuleIntent, c.RuleConfidence, threshold)]}, model {Intents.All[IntentTrainer.ArgMax(c.LogProbs)]}) [{samples[i].Expecting}] {samples[i].Text}");
            }
        }

        // Reliability of the most confident answers: how often the combination is right when it claims ≥ 0.98.
        var confident = cases.Select(c => (Confidence: Confidence(p, c), Right: Combined(p, c, threshold) == c.Label)).Where(x => x.Confidence >= 0.98).ToList();
        Console.Error.WriteLine($"confidence >= 0.98: {confident.Count} messages, {confident.Count(x => x.Right)} right, mean claimed {(confident.Count > 0 ? confident.Average(x => x.Confidence) : 0):F4}");

        return new CrossValidation
        {
            Mistakes = mistakes,
            Combination = p,
            RulesAccuracy = cases.Average(c => Apply(c.RuleIntent, c.RuleConfidence, threshold) == c.Label ? 1.0 : 0.0),
            ModelAccuracy = cases.Average(c => IntentTrainer.ArgMax(c.LogProbs) == c.Label ? 1.0 : 0.0),
            CombinedAccuracy = cases.Average(c => Combined(p, c, threshold) == c.Label ? 1.0 : 0.0),
            CombinedLogLoss = LogLoss(p, cases),
            Folds = folds,
        };
    }

    public string Format()
    {
        var b = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        b.AppendLine(c, $"{Folds}-fold cross-validation, intent accuracy: rules {RulesAccuracy:P2}, model {ModelAccuracy:P2}, combined {CombinedAccuracy:P2} (log-loss {CombinedLogLoss:F4})");
        b.Append(c, $"combination: {Combination}");
        return b.ToString();
    }

    private static int Apply(int intent, double confidence, double threshold) =>
        confidence < threshold && intent != IntentIds.Inform ? IntentIds.OutOfScope : intent;

    private static int Combined(CombinationParameters p, Case c, double threshold)
    {
        Span<double> z = stackalloc double[IntentIds.Count];
        p.Scores(c.LogProbs, c.RuleIntent, c.RuleConfidence, c.Expecting, c.RuleScores, c.HasEntities, z);
        var best = 0;
        var sum = 0.0;
        for (var i = 1; i < z.Length; i++)
        {
            best = z[i] > z[best] ? i : best;
        }

        foreach (var v in z)
        {
            sum += Math.Exp(v - z[best]);
        }

        return Apply(best, p.Smooth(1 / sum), threshold);
    }

    private static double Confidence(CombinationParameters p, Case c)
    {
        Span<double> z = stackalloc double[IntentIds.Count];
        p.Scores(c.LogProbs, c.RuleIntent, c.RuleConfidence, c.Expecting, c.RuleScores, c.HasEntities, z);
        var best = 0;
        for (var i = 1; i < z.Length; i++)
        {
            best = z[i] > z[best] ? i : best;
        }

        var sum = 0.0;
        foreach (var v in z)
        {
            sum += Math.Exp(v - z[best]);
        }

        return p.Smooth(1 / sum);
    }

    private static double LogLoss(CombinationParameters p, Case[] cases)
    {
        var total = 0.0;
        Span<double> z = stackalloc double[IntentIds.Count];
        foreach (var c in cases)
        {
            p.Scores(c.LogProbs, c.RuleIntent, c.RuleConfidence, c.Expecting, c.RuleScores, c.HasEntities, z);
            var max = double.NegativeInfinity;
            foreach (var v in z)
            {
                max = Math.Max(max, v);
            }

            var sum = 0.0;
            foreach (var v in z)
            {
                sum += Math.Exp(v - max);
            }

            total -= Math.Log(p.Smooth(Math.Exp(z[c.Label] - max) / sum));
        }

        return total / cases.Length;
    }

    private static CombinationParameters Fit(Case[] cases)
    {
        var theta = CombinationParameters.Initial(model: 1, rule: 1).ToArray();
        var best = Objective(theta, cases);
        float[] steps = [1f, 0.5f, 0.25f, 0.1f, 0.05f, 0.02f, 0.01f, 0.005f, 0.002f];
        foreach (var step in steps)
        {
            for (var sweep = 0; sweep < 40; sweep++)
            {
                var improved = false;
                for (var j = 0; j < theta.Length; j++)
                {
                    foreach (var sign in (ReadOnlySpan<float>)[1f, -1f])
                    {
                        var old = theta[j];
                        theta[j] = old + (sign * step);
                        if ((j == 0 && theta[j] <= 0) || (j == 8 && (theta[j] < 0 || theta[j] >= 0.5f)))
                        {
                            theta[j] = old;
                            continue;
                        }

                        var loss = Objective(theta, cases);
                        if (loss < best - 1e-7)
                        {
                            best = loss;
                            improved = true;
                        }
                        else
                        {
                            theta[j] = old;
                        }
                    }
                }

                if (!improved)
                {
                    break;
                }
            }
        }

        return From(theta);
    }

    /// <summary>The log-loss plus a small L2 penalty on the per-intent terms, which only the data should move.</summary>
    private static double Objective(float[] theta, Case[] cases)
    {
        var penalty = 0.0;
        for (var j = CombinationParameters.ScalarCount; j < theta.Length; j++)
        {
            penalty += theta[j] * theta[j];
        }

        return LogLoss(From(theta), cases) + (PerIntentPenalty * penalty / cases.Length);
    }

    private const double PerIntentPenalty = 1.0;

    private static CombinationParameters From(float[] t) => CombinationParameters.FromArray(t);

    private sealed record Case(float[] LogProbs, int RuleIntent, double RuleConfidence, bool Expecting, float[] RuleScores, bool HasEntities, int Label);

    /// <summary>Keeps the rules' raw decision of the last message parsed and answers with it unchanged.</summary>
    private sealed class Recorder : IRuleIntentCombiner
    {
        public int Intent { get; private set; }

        public double Confidence { get; private set; }

        public float[] Scores { get; private set; } = [];

        public bool HasEntities { get; private set; }

        public (int Intent, double Confidence) Combine(string text, ExpectedAnswer expecting, int ruleIntent, double ruleConfidence, ReadOnlySpan<float> ruleScores, bool hasEntities)
        {
            Intent = ruleIntent;
            Confidence = ruleConfidence;
            Scores = ruleScores.ToArray();
            HasEntities = hasEntities;
            return (ruleIntent, ruleConfidence);
        }
    }
}
