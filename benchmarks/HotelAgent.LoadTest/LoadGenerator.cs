using System.Diagnostics;

namespace HotelAgent.LoadTest;

/// <summary>What one scenario measured.</summary>
internal sealed record ScenarioResult(
    string Name,
    string Endpoint,
    int Concurrency,
    TimeSpan Duration,
    long Requests,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorKinds,
    double RequestsPerSecond,
    double P50Milliseconds,
    double P95Milliseconds,
    double P99Milliseconds,
    double MaxMilliseconds,
    double ServerCpuMicrosecondsPerRequest = double.NaN);

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> workers each send a request, wait for the whole answer and send
/// the next one, after a think time when one is given. Requests that start and end inside the measured window are recorded (one latency sample each); the
/// warm-up before it is not. Percentiles are exact (nearest rank over every recorded sample).
/// </summary>
internal static class LoadGenerator
{
    public static async Task<ScenarioResult> RunAsync(
        string name,
        string endpoint,
        HttpClient client,
        int concurrency,
        TimeSpan warmup,
        TimeSpan duration,
        Func<int, long, HttpRequestMessage> createRequest,
        TimeSpan thinkTime = default,
        Action? onMeasureStart = null,
        Action? onMeasureEnd = null,
        Func<TimeSpan>? serverCpu = null)
    {
        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureEnd = measureStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Worker[concurrency];
        var tasks = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            var worker = workers[i] = new Worker(i);
            tasks[i] = Task.Run(() => worker.RunAsync(client, createRequest, thinkTime, measureStart, measureEnd));
        }

        var untilMeasure = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureStart);
        if (untilMeasure > TimeSpan.Zero)
        {
            await Task.Delay(untilMeasure);
        }

        onMeasureStart?.Invoke();
        var cpuStart = serverCpu?.Invoke() ?? TimeSpan.Zero;
        var untilEnd = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureEnd);
        if (untilEnd > TimeSpan.Zero)
        {
            await Task.Delay(untilEnd);
        }

        onMeasureEnd?.Invoke();
        var cpuEnd = serverCpu?.Invoke() ?? TimeSpan.Zero;
        await Task.WhenAll(tasks);

        var samples = workers.SelectMany(w => w.Latencies).ToArray();
        Array.Sort(samples);
        var errorKinds = workers.SelectMany(w => w.ErrorKinds)
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
        var errors = errorKinds.Values.Sum();
        return new ScenarioResult(
            name,
            endpoint,
            concurrency,
            duration,
            samples.Length,
            errors,
            errorKinds,
            samples.Length / duration.TotalSeconds,
            Percentile(samples, 0.50),
            Percentile(samples, 0.95),
            Percentile(samples, 0.99),
            samples.Length == 0 ? double.NaN : ToMilliseconds(samples[^1]),
            serverCpu is null || samples.Length == 0 ? double.NaN : (cpuEnd - cpuStart).TotalMicroseconds / samples.Length);
    }

    /// <summary>The nearest-rank percentile of sorted samples, in milliseconds.</summary>
    internal static double Percentile(long[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return ToMilliseconds(sorted[Math.Clamp(rank, 1, sorted.Length) - 1]);
    }

    private static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private sealed class Worker(int index)
    {
        public List<long> Latencies { get; } = new(capacity: 16_384);

        public Dictionary<string, long> ErrorKinds { get; } = new(StringComparer.Ordinal);

        public async Task RunAsync(HttpClient client, Func<int, long, HttpRequestMessage> createRequest, TimeSpan thinkTime, long measureStart, long measureEnd)
        {
            // Paced guests start at random offsets, so that they do not all write at the same instant.
            var random = new Random(index);
            if (thinkTime > TimeSpan.Zero)
            {
                await Task.Delay(thinkTime * random.NextDouble());
            }

            for (long iteration = 0; ; iteration++)
            {
                var begin = Stopwatch.GetTimestamp();
                if (begin >= measureEnd)
                {
                    return;
                }

                string? error = null;
                try
                {
                    using var request = createRequest(index, iteration);
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        error = "HTTP " + (int)response.StatusCode;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    error = ex.GetType().Name;
                }

                var end = Stopwatch.GetTimestamp();
                if (begin >= measureStart && end <= measureEnd)
                {
                    if (error is null)
                    {
                        Latencies.Add(end - begin);
                    }
                    else
                    {
                        ErrorKinds[error] = ErrorKinds.GetValueOrDefault(error) + 1;
                    }
                }

                if (thinkTime > TimeSpan.Zero)
                {
                    // The guest reads the answer and types the next message: 0.5 to 1.5 times the think time.
                    await Task.Delay(thinkTime * (0.5 + random.NextDouble()));
                }
            }
        }
    }
}
