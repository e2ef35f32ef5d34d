using System.IO.Compression;
using System.Text;
using HotelAgent.Abstractions;

namespace HotelAgent.Nlu;

/// <summary>
/// The learned intent classifier: a linear (multinomial logistic) model over <see cref="IntentFeaturizer"/> features,
/// exported from the ML.NET model the training tool fits, with weights quantized to one signed byte per feature and
/// class. Also holds the parameters of the combination with the rule engine, fitted by the same tool. Read-only once
/// loaded, so safe for concurrent use; scoring allocates nothing.
/// </summary>
internal sealed class IntentModel : IRuleIntentCombiner
{
    /// <summary>The name of the embedded model resource.</summary>
    public const string ResourceName = "HotelAgent.Nlu.intent-model.bin";

    private const int FormatVersion = 1;
    private static readonly byte[] s_magic = "HAIM"u8.ToArray();
    private static readonly Lazy<IntentModel> s_default = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly int _classes;
    private readonly int[] _intentIds;
    private readonly float[] _bias;
    private readonly float[] _scale;
    private readonly sbyte[] _weights;

    public IntentModel(int bits, IReadOnlyList<string> labels, float[] bias, float[] scale, sbyte[] weights, float wordWeight, float charWeight, CombinationParameters combination, string dataSha256)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Bits = bits;
        Labels = labels;
        _classes = labels.Count;
        _intentIds = new int[_classes];
        for (var k = 0; k < _classes; k++)
        {
            _intentIds[k] = IntentIndex(labels[k]) is var id and >= 0
                ? id
                : throw new InvalidDataException($"The intent model names an unknown intent '{labels[k]}'.");
        }

        if (bias.Length != _classes || scale.Length != _classes || weights.Length != (1 << bits) * _classes)
        {
            throw new InvalidDataException("The intent model's weights do not match its size.");
        }

        _bias = bias;
        _scale = scale;
        _weights = weights;
        WordWeight = wordWeight;
        CharWeight = charWeight;
        Combination = combination;
        DataSha256 = dataSha256;
    }

    /// <summary>Gets the model shipped inside this assembly.</summary>
    public static IntentModel Default => s_default.Value;

    public int Bits { get; }

    public IReadOnlyList<string> Labels { get; }

    public float WordWeight { get; }

    public float CharWeight { get; }

    public CombinationParameters Combination { get; }

    /// <summary>Gets the SHA-256 (hex) of the training data the model was fitted on.</summary>
    public string DataSha256 { get; }

    /// <summary>
    /// Writes the log-probability of every intent (indexed as <see cref="Intents.All"/>) into
    /// <paramref name="logProbabilities"/>; intents the model never saw get a very low value. Returns
    /// <see langword="false"/> when the message has no word (the scores are then the model's prior alone).
    /// </summary>
    public bool Score(ReadOnlySpan<char> text, ExpectedAnswer expecting, Span<float> logProbabilities)
    {
        // Sized by the text, not by the longest one read: the stack space is cleared on every call.
        var read = Math.Min(text.Length, IntentFeaturizer.MaxChars);
        Span<int> words = stackalloc int[read + 4];
        Span<int> chars = stackalloc int[3 * (read + 2)];
        IntentFeaturizer.Featurize(text, (int)expecting, Bits, words, out var wordCount, chars, out var charCount);

        Span<float> z = stackalloc float[_classes];
        _bias.CopyTo(z);
        Accumulate(words[..wordCount], z, WordWeight);
        Accumulate(chars[..charCount], z, CharWeight);

        var max = float.NegativeInfinity;
        foreach (var v in z)
        {
            max = Math.Max(max, v);
        }

        var sum = 0.0;
        foreach (var v in z)
        {
            sum += Math.Exp(v - max);
        }

        var log = (float)(max + Math.Log(sum));
        logProbabilities.Fill(-30f);
        for (var k = 0; k < _classes; k++)
        {
            logProbabilities[_intentIds[k]] = z[k] - log;
        }

        return charCount > 0;
    }

    /// <inheritdoc/>
    public (int Intent, double Confidence) Combine(string text, ExpectedAnswer expecting, int ruleIntent, double ruleConfidence, ReadOnlySpan<float> ruleScores, bool hasEntities)
    {
        Span<float> logProbabilities = stackalloc float[IntentIds.Count];
        if (!Score(text, expecting, logProbabilities))
        {
            return (ruleIntent, ruleConfidence); // No word to read: the rules' decision stands.
        }

        Span<double> z = stackalloc double[IntentIds.Count];
        Combination.Scores(logProbabilities, ruleIntent, ruleConfidence, expecting != ExpectedAnswer.None, ruleScores, hasEntities, z);
        var best = 0;
        for (var i = 1; i < z.Length; i++)
        {
            if (z[i] > z[best])
            {
                best = i;
            }
        }

        var sum = 0.0;
        foreach (var v in z)
        {
            sum += Math.Exp(v - z[best]);
        }

        return (best, Combination.Smooth(1.0 / sum));
    }

    public static IntentModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var inflate = new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(inflate, Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(4).AsSpan().SequenceEqual(s_magic) || reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Not an intent model file of this version.");
        }

        if (reader.ReadInt32() is var featurizer && featurizer != IntentFeaturizer.Version)
        {
            throw new InvalidDataException($"The intent model was trained with featurizer version {featurizer}; this build reads version {IntentFeaturizer.Version}. Retrain it.");
        }

        var bits = reader.ReadInt32();
        var classes = reader.ReadInt32();
        if (bits is < 8 or > 24 || classes is < 2 or > 64)
        {
            throw new InvalidDataException("The intent model's size is out of range.");
        }

        var wordWeight = reader.ReadSingle();
        var charWeight = reader.ReadSingle();
        var labels = new string[classes];
        for (var k = 0; k < classes; k++)
        {
            labels[k] = reader.ReadString();
        }

        var bias = ReadFloats(reader, classes);
        var scale = ReadFloats(reader, classes);
        var weights = new sbyte[(1 << bits) * classes];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan());
        inflate.ReadExactly(bytes);
        var count = reader.ReadInt32();
        if (count != CombinationParameters.Count)
        {
            throw new InvalidDataException($"The intent model has {count} combination parameters; this build reads {CombinationParameters.Count}. Retrain it.");
        }

        var values = ReadFloats(reader, count);
        var combination = CombinationParameters.FromArray(values);
        var hash = reader.ReadString();
        return new IntentModel(bits, labels, bias, scale, weights, wordWeight, charWeight, combination, hash);
    }

    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var deflate = new DeflateStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(deflate, Encoding.UTF8, leaveOpen: true);
        writer.Write(s_magic);
        writer.Write(FormatVersion);
        writer.Write(IntentFeaturizer.Version);
        writer.Write(Bits);
        writer.Write(_classes);
        writer.Write(WordWeight);
        writer.Write(CharWeight);
        foreach (var label in Labels)
        {
            writer.Write(label);
        }

        foreach (var b in _bias)
        {
            writer.Write(b);
        }

        foreach (var s in _scale)
        {
            writer.Write(s);
        }

        writer.Flush();
        deflate.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_weights.AsSpan()));
        var combination = Combination.ToArray();
        writer.Write(combination.Length);
        foreach (var v in combination)
        {
            writer.Write(v);
        }

        writer.Write(DataSha256);
    }

    /// <summary>
    /// Computes the SHA-256 (lower-case hex) recorded beside a model: over each training file's text, line endings
    /// read as <c>\n</c>, in order, each followed by a zero byte.
    /// </summary>
    public static string ComputeDataSha256(IEnumerable<string> contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var text in contents)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal)));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Returns a copy of this model with other combination parameters.</summary>
    public IntentModel With(CombinationParameters combination) =>
        new(Bits, Labels, _bias, _scale, _weights, WordWeight, CharWeight, combination, DataSha256);

    private void Accumulate(ReadOnlySpan<int> features, Span<float> z, float groupWeight)
    {
        if (features.IsEmpty)
        {
            return;
        }

        Span<int> sums = stackalloc int[_classes];
        var weights = _weights.AsSpan();
        foreach (var f in features)
        {
            var row = weights.Slice(f * _classes, _classes);
            for (var k = 0; k < row.Length; k++)
            {
                sums[k] += row[k];
            }
        }

        var factor = groupWeight / MathF.Sqrt(features.Length);
        for (var k = 0; k < z.Length; k++)
        {
            z[k] += sums[k] * _scale[k] * factor;
        }
    }

    /// <summary>Returns the index of <paramref name="intent"/> in <see cref="Intents.All"/>, or -1.</summary>
    public static int IntentIndex(string intent)
    {
        for (var i = 0; i < Intents.All.Count; i++)
        {
            if (string.Equals(Intents.All[i], intent, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }

    private static IntentModel LoadEmbedded()
    {
        using var stream = typeof(IntentModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from HotelAgent.Nlu.");
        return Load(stream);
    }
}

/// <summary>
/// How the combined engine weighs its signals. For every intent <c>i</c> the combined score is
/// <c>Model · log p_model(i) + RuleScore · log(1 + score_rules(i)) + Bias(i)</c>, plus, for the intent the rules chose,
/// <c>Rule + Trust(i) + RuleConfidence · confidence_rules + RuleAgreement · log p_model(i)</c> (<c>RuleInform</c> instead of <c>Rule</c> when the rules
/// fell back to <c>inform</c>, <c>RuleOutOfScope</c> when they found nothing) and <c>Expecting</c> when the dialogue
/// was waiting for an answer; <c>inform</c> gets <c>Entities</c> when the message has entities. A softmax over the
/// scores, mixed with the uniform distribution by <c>Smoothing</c>, gives the confidence. The training tool fits the
/// values on cross-validated model scores (log-loss), so the confidence is calibrated on messages the model never saw.
/// </summary>
internal sealed class CombinationParameters
{
    public const int ScalarCount = 10;
    public const int Count = ScalarCount + (2 * IntentIds.Count);

    private readonly float[] _v;

    private CombinationParameters(float[] values) => _v = values;

    public float Model => _v[0];

    public float Rule => _v[1];

    public float RuleConfidence => _v[2];

    public float RuleInform => _v[3];

    public float RuleOutOfScope => _v[4];

    public float Expecting => _v[5];

    public float RuleScore => _v[6];

    public float Entities => _v[7];

    public float Smoothing => _v[8];

    public float RuleAgreement => _v[9];

    /// <summary>Gets the parameters that leave the model's scores unchanged.</summary>
    public static CombinationParameters Neutral { get; } = Initial(model: 1, rule: 0);

    public static CombinationParameters Initial(float model, float rule)
    {
        var v = new float[Count];
        v[0] = model;
        v[1] = rule;
        return new(v);
    }

    public static CombinationParameters FromArray(ReadOnlySpan<float> v) => v.Length == Count
        ? new(v.ToArray())
        : throw new InvalidDataException($"The intent model has {v.Length} combination parameters; this build reads {Count}.");

    public float[] ToArray() => (float[])_v.Clone();

    /// <summary>Mixes a probability with the uniform one over the intents: <c>(1 - Smoothing) · p + Smoothing / 23</c>.</summary>
    public double Smooth(double probability) => ((1 - Smoothing) * probability) + (Smoothing / IntentIds.Count);

    /// <summary>Writes the combined (unnormalised) log-scores of every intent into <paramref name="z"/>.</summary>
    public void Scores(ReadOnlySpan<float> logProbabilities, int ruleIntent, double ruleConfidence, bool expecting, ReadOnlySpan<float> ruleScores, bool hasEntities, Span<double> z)
    {
        var bias = _v.AsSpan(ScalarCount + IntentIds.Count, IntentIds.Count);
        for (var i = 0; i < z.Length; i++)
        {
            z[i] = (Model * logProbabilities[i]) + (RuleScore * Math.Log(1 + Math.Max(0, ruleScores[i]))) + bias[i];
        }

        z[ruleIntent] += _v[ScalarCount + ruleIntent] + ruleIntent switch
        {
            IntentIds.OutOfScope => RuleOutOfScope,
            IntentIds.Inform => RuleInform + (RuleConfidence * ruleConfidence) + (RuleAgreement * logProbabilities[ruleIntent]),
            _ => Rule + (RuleConfidence * ruleConfidence) + (RuleAgreement * logProbabilities[ruleIntent]),
        } + (expecting ? Expecting : 0);
        if (hasEntities)
        {
            z[IntentIds.Inform] += Entities;
        }
    }

    public override string ToString() =>
        string.Join(", ", _v.Select(x => x.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)));
}
