using System.Diagnostics;
using System.Globalization;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Benchmarks;

/// <summary>
/// The CPU time of a turn, as a complement to <see cref="TurnBenchmark"/> on a machine shared with other work (where
/// wall-clock time includes the time spent waiting for a core): one thread runs the conversations of the benchmark back
/// to back, after a warm-up, and the process's CPU time (every thread: the turn, the collector, the thread pool) and
/// the bytes allocated are divided by the turns. The CPU time of one core per turn gives the turns per second one core
/// can carry.
/// </summary>
internal static class TurnCpu
{
    // The demo PMS has 10 double rooms; 26 × 12 stays (Conversations.Booking) take 3,120 bookings.
    private const int BookingsPerAgent = 3_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var conversations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var inquiry = Conversations.Inquiry(today);
        var bookings = Enumerable.Range(0, BookingsPerAgent).Select(i => Conversations.Booking(today, i)).ToArray();
        foreach (var (name, pick, perAgent) in new (string, Func<int, string[]>, int)[] { ("Inquiry", _ => inquiry, int.MaxValue), ("Booking", i => bookings[i % BookingsPerAgent], BookingsPerAgent) })
        {
            await MeasureAsync(name, pick, perAgent, conversations / 2); // warm-up: tiered compilation, caches
            var (cpu, wall, bytes, turns) = await MeasureAsync(name, pick, perAgent, conversations);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {turns:N0} | {cpu.TotalMicroseconds / turns:N1} | {wall.TotalMicroseconds / turns:N1} | {bytes / (double)turns:N0} | {turns / cpu.TotalSeconds:N0} |"));
        }

        return 0;
    }

    private static async Task<(TimeSpan Cpu, TimeSpan Wall, long Bytes, long Turns)> MeasureAsync(string name, Func<int, string[]> pick, int perAgent, int conversations)
    {
        ServiceProvider? provider = null;
        IHotelAgent agent = null!;
        var cpu = TimeSpan.Zero;
        var wall = TimeSpan.Zero;
        long bytes = 0, turns = 0;
        for (var c = 0; c < conversations; c++)
        {
            if (c % perAgent == 0)
            {
                // A new agent for the first conversation, and for bookings every few thousand: the demo PMS has a room for each booking.
                provider?.Dispose();
                provider = Conversations.Build();
                agent = provider.GetRequiredService<IHotelAgent>();
                await agent.HandleAsync(Conversations.Message("warm", "Hola", 0));
            }

            var texts = pick(c);
            var id = name + "-" + c.ToString(CultureInfo.InvariantCulture);
            var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedStart = GC.GetTotalAllocatedBytes(precise: false);
            var start = Stopwatch.GetTimestamp();
            for (var t = 0; t < texts.Length; t++)
            {
                await agent.HandleAsync(Conversations.Message(id, texts[t], t));
            }

            wall += Stopwatch.GetElapsedTime(start);
            bytes += GC.GetTotalAllocatedBytes(precise: false) - allocatedStart;
            cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
            turns += texts.Length;
        }

        provider?.Dispose();
        return (cpu, wall, bytes, turns);
    }
}
