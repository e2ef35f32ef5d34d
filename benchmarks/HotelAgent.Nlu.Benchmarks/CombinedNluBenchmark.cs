using BenchmarkDotNet.Attributes;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotelAgent.Nlu.Benchmarks;

/// <summary>
/// The default engine (rules combined with the learned intent model) against the rules alone, on the same typical
/// messages as <see cref="RuleBasedNluBenchmark"/>; figures are per message.
/// </summary>
[MinColumn]
[MaxColumn]
[MedianColumn]
public class CombinedNluBenchmark
{
    private readonly RuleBasedNluEngine _rules = new(new RuleBasedNluOptions { UseLearnedIntents = false }, NullLogger<RuleBasedNluEngine>.Instance);
    private readonly RuleBasedNluEngine _combined = new();
    private NluRequest[] _typical = [];
    private NluRequest[] _realGuests = [];

    [GlobalSetup]
    public void Setup()
    {
        _typical = RuleBasedNluBenchmark.TypicalRequests();
        _realGuests = RuleBasedNluBenchmark.RealGuestRequests(_typical[0]);
        foreach (var r in _typical.Concat(_realGuests))
        {
            _rules.Parse(r);
            _combined.Parse(r);
        }
    }

    /// <summary>Ten typical messages, rules alone; divide nothing: OperationsPerInvoke makes it per message.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 10)]
    public async ValueTask<NluResult> RulesAlone_TypicalMix()
    {
        NluResult last = null!;
        foreach (var r in _typical)
        {
            last = await _rules.ParseAsync(r);
        }

        return last;
    }

    /// <summary>Ten typical messages, rules combined with the learned model (the default engine).</summary>
    [Benchmark(OperationsPerInvoke = 10)]
    public async ValueTask<NluResult> Combined_TypicalMix()
    {
        NluResult last = null!;
        foreach (var r in _typical)
        {
            last = await _combined.ParseAsync(r);
        }

        return last;
    }

    /// <summary>The default engine on ten real-guest messages read in context; OperationsPerInvoke makes it per message.</summary>
    /// <returns>The last result.</returns>
    [Benchmark(OperationsPerInvoke = 10)]
    public async ValueTask<NluResult> Combined_RealGuestMix()
    {
        NluResult last = null!;
        foreach (var r in _realGuests)
        {
            last = await _combined.ParseAsync(r);
        }

        return last;
    }

    /// <summary>The learned model's scoring alone (featurize and score, no rules) for the ten typical messages.</summary>
    /// <returns>How many messages had a word to score.</returns>
    [Benchmark(OperationsPerInvoke = 10)]
    public int ModelScoring_TypicalMix()
    {
        Span<float> lp = stackalloc float[IntentIds.Count];
        var sum = 0;
        foreach (var r in _typical)
        {
            sum += IntentModel.Default.Score(r.Text, r.Expecting, lp) ? 1 : 0;
        }

        return sum;
    }
}
