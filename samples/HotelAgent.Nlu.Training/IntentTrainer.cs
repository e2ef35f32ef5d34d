using HotelAgent.Abstractions;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;

namespace HotelAgent.Nlu.Training;

/// <summary>
/// Fits the intent model with ML.NET: <see cref="IntentFeaturizer"/> features (sparse, hashed) into L-BFGS maximum
/// entropy (multinomial logistic regression) on one thread, so a fixed seed gives the same model every run; then
/// exports its weights, quantized to one signed byte per feature and class, as an <see cref="IntentModel"/>.
/// </summary>
internal sealed class IntentTrainer(int bits, double l2, int seed, float wordWeight = 1f, float charWeight = 1f)
{
    public float WordWeight => wordWeight;

    public float CharWeight => charWeight;

    private static readonly CombinationParameters s_neutral = CombinationParameters.Neutral;

    /// <summary>Gets the share of training messages on which the exported scorer picks the ML.NET model's class.</summary>
    public double LastAgreement { get; private set; }

    public int Dimensions => 1 << bits;

    public IntentModel Train(IReadOnlyList<NluSample> samples, string dataSha256)
    {
        var ml = new MLContext(seed);
        var definition = SchemaDefinition.Create(typeof(Row));
        definition[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Dimensions);
        var rows = samples.Select(s => new Row { Label = s.Intent, Features = Featurize(s.Text, s.Expecting) }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows, definition);

        var pipeline = ml.Transforms.Conversion.MapValueToKey(nameof(Row.Label), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = nameof(Row.Features),
                L2Regularization = (float)l2,
                L1Regularization = 0,
                NumberOfThreads = 1,
                OptimizationTolerance = 1e-7f,
                MaximumNumberOfIterations = 1000,
                HistorySize = 50,
            }));
        var fitted = pipeline.Fit(data);

        var keys = default(VBuffer<ReadOnlyMemory<char>>);
        fitted.GetOutputSchema(data.Schema)[nameof(Row.Label)].GetKeyValues(ref keys);
        var labels = keys.DenseValues().Select(k => k.ToString()).ToArray();

        var parameters = fitted.LastTransformer.Model;
        VBuffer<float>[] weights = [];
        parameters.GetWeights(ref weights, out var classes);
        var bias = parameters.GetBiases().ToArray();
        if (classes != labels.Length)
        {
            throw new InvalidOperationException($"ML.NET reports {classes} classes for {labels.Length} labels.");
        }

        // Quantize: one scale per class, weights laid out feature-major for the scorer.
        var d = Dimensions;
        var scale = new float[classes];
        var dense = new float[classes][];
        for (var k = 0; k < classes; k++)
        {
            dense[k] = new float[d];
            weights[k].CopyTo(dense[k]);
            var max = dense[k].Max(MathF.Abs);
            scale[k] = max > 0 ? max / 127f : 1f;
        }

        var q = new sbyte[d * classes];
        for (var f = 0; f < d; f++)
        {
            for (var k = 0; k < classes; k++)
            {
                q[(f * classes) + k] = (sbyte)Math.Clamp(MathF.Round(dense[k][f] / scale[k]), -127, 127);
            }
        }

        var model = new IntentModel(bits, labels, bias, scale, q, WordWeight, CharWeight, s_neutral, dataSha256);

        // Check the exported scorer against ML.NET's own predictions.
        var predictions = ml.Data.CreateEnumerable<Prediction>(fitted.Transform(data), reuseRowObject: false).ToList();
        var agree = 0;
        Span<float> lp = stackalloc float[IntentIds.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            model.Score(samples[i].Text, samples[i].Expecting, lp);
            var best = ArgMax(lp);
            agree += Intents.All[best] == labels[predictions[i].PredictedLabel - 1] ? 1 : 0;
        }

        LastAgreement = (double)agree / rows.Count;
        return model;
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private VBuffer<float> Featurize(string text, ExpectedAnswer expecting)
    {
        var words = new int[IntentFeaturizer.MaxWordFeatures];
        var chars = new int[IntentFeaturizer.MaxCharFeatures];
        IntentFeaturizer.Featurize(text, (int)expecting, bits, words, out var wordCount, chars, out var charCount);
        var values = new SortedDictionary<int, float>();
        Add(words.AsSpan(0, wordCount), WordWeight);
        Add(chars.AsSpan(0, charCount), CharWeight);
        return new VBuffer<float>(Dimensions, values.Count, [.. values.Values], [.. values.Keys]);

        void Add(ReadOnlySpan<int> features, float weight)
        {
            var v = weight / MathF.Sqrt(features.Length);
            foreach (var f in features)
            {
                values[f] = values.GetValueOrDefault(f) + v;
            }
        }
    }

    private sealed class Row
    {
        public string Label { get; set; } = "";

        public VBuffer<float> Features { get; set; }
    }

    private sealed class Prediction
    {
        public uint PredictedLabel { get; set; }
    }
}
