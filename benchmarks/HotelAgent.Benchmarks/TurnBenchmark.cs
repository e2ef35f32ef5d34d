using BenchmarkDotNet.Attributes;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Benchmarks;

/// <summary>
/// The cost of one whole turn in process: understanding (rule-based NLU), the dialogue, the demo PMS and the in-memory
/// session store, through <see cref="IHotelAgent.HandleAsync"/>. Each operation is one guest's six-turn conversation
/// in a new conversation; times and allocations are per turn (<c>OperationsPerInvoke</c>). Each iteration starts from a
/// new agent (empty session store, demo PMS without bookings), so that the bookings of <see cref="Booking"/> always
/// find a room and the store does not grow from one iteration to the next.
/// </summary>
[InvocationCount(InvocationsPerIteration, unrollFactor: 1)]
public class TurnBenchmark
{
    private const int InvocationsPerIteration = 512;
    private const int TurnsPerConversation = 6;

    private readonly DateOnly _today = DateOnly.FromDateTime(DateTime.UtcNow);
    private string[] _inquiry = [];
    private string[][] _bookings = [];
    private ServiceProvider? _provider;
    private IHotelAgent _agent = null!;
    private int _conversation;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _inquiry = Conversations.Inquiry(_today);
        _bookings = [.. Enumerable.Range(0, InvocationsPerIteration).Select(i => Conversations.Booking(_today, i))];
    }

    [IterationSetup]
    public void IterationSetup()
    {
        _provider?.Dispose();
        _provider = Conversations.Build();
        _agent = _provider.GetRequiredService<IHotelAgent>();
        _conversation = 0;
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _provider?.Dispose();

    /// <summary>A stay asked about and priced, two questions, no booking.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = TurnsPerConversation)]
    public Task Inquiry() => RunAsync(_inquiry);

    /// <summary>A double room booked: the stay, a question, the guest's name and email, the confirmation.</summary>
    [Benchmark(OperationsPerInvoke = TurnsPerConversation)]
    public Task Booking() => RunAsync(_bookings[_conversation % _bookings.Length]);

    private async Task RunAsync(string[] turns)
    {
        var id = "bench-" + _conversation++;
        for (var i = 0; i < turns.Length; i++)
        {
            await _agent.HandleAsync(Conversations.Message(id, turns[i], i));
        }
    }
}
