using System.Diagnostics;

namespace HotelAgent.LoadTest;

/// <summary>What a guest-driven scenario measured: the time from each webhook's send to the first reply at the fake Graph API.</summary>
internal sealed record GuestResult(
    string Name,
    string Load,
    TimeSpan Duration,
    long Sent,
    long Answered,
    long Unanswered,
    long WebhookErrors,
    long Overlapped,
    double AnsweredPerSecond,
    double P50Milliseconds,
    double P95Milliseconds,
    double P99Milliseconds,
    double MaxMilliseconds,
    double HostCpuMicrosecondsPerAnswered);

/// <summary>
/// Guests writing over signed WhatsApp webhooks, their replies timed at the fake Graph API (<see cref="ReplyTracker"/>).
/// Each guest has the six-message conversation of <see cref="Requests"/>, then a new guest takes its place.
/// </summary>
internal static class GuestLoad
{
    /// <summary>
    /// Open loop: messages leave at a steady <paramref name="rate"/> per second whatever the answers (a timer, not back
    /// to back), spread over <paramref name="rate"/> × 1 s guests, so that each guest writes once a second. The
    /// latency runs from the moment a message's webhook is sent.
    /// </summary>
    public static async Task<GuestResult> OpenLoopAsync(
        string name, IReadOnlyList<HttpClient> hosts, Requests requests, ReplyTracker tracker, int rate, TimeSpan warmup, TimeSpan duration, Func<TimeSpan> hostsCpu)
    {
        var slots = rate;
        var interval = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureEnd = measureStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long sent = 0, errors = 0, overlappedAtStart = 0;
        var cpuStart = TimeSpan.Zero;
        var inFlight = new List<Task>();
        var measuring = false;
        for (long k = 0; ; k++)
        {
            var due = start + (long)(k * interval);
            if (due >= measureEnd)
            {
                break;
            }

            var now = Stopwatch.GetTimestamp();
            if (due > now)
            {
                var wait = Stopwatch.GetElapsedTime(now, due);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }
            }

            if (!measuring && due >= measureStart)
            {
                measuring = true;
                cpuStart = hostsCpu();
                tracker.StartMeasure();
                overlappedAtStart = tracker.Overlapped;
            }

            var slot = (int)(k % slots);
            var iteration = k / slots;
            var measured = measuring;
            if (measured)
            {
                sent++;
            }

            inFlight.Add(SendAsync(hosts[(int)(k % hosts.Count)], requests, tracker, slot, iteration, measured, () => Interlocked.Increment(ref errors)));
            if (inFlight.Count > 4096)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }

        tracker.EndMeasure();
        var cpu = hostsCpu() - cpuStart;
        await Task.WhenAll(inFlight);
        await Task.Delay(TimeSpan.FromSeconds(5)); // the last replies
        return Result(name, $"open loop, {rate:N0} messages/s over {slots:N0} guests (each writes once a second), {hosts.Count} host(s)", tracker, duration, sent, errors, tracker.Overlapped - overlappedAtStart, cpu);
    }

    /// <summary>
    /// Closed loop per guest: <paramref name="guests"/> guests each send a message, wait for its first reply (at most
    /// 30 s) and 50 ms more (the rest of the turn's replies), then send the next; hosts are taken in turn. The figure
    /// is the messages answered per second.
    /// </summary>
    public static async Task<GuestResult> ClosedLoopAsync(
        string name, IReadOnlyList<HttpClient> hosts, Requests requests, ReplyTracker tracker, int guests, TimeSpan warmup, TimeSpan duration, Func<TimeSpan> hostsCpu)
    {
        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureEnd = measureStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long sent = 0, errors = 0, next = 0;
        var overlappedAtStart = tracker.Overlapped;
        var cpu = TimeSpan.Zero;
        var measureTask = Task.Run(async () =>
        {
            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureStart));
            tracker.StartMeasure();
            var cpuStart = hostsCpu();
            overlappedAtStart = tracker.Overlapped;
            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureEnd));
            tracker.EndMeasure();
            cpu = hostsCpu() - cpuStart;
        });
        var workers = Enumerable.Range(0, guests).Select(guest => Task.Run(async () =>
        {
            for (long iteration = 0; Stopwatch.GetTimestamp() < measureEnd; iteration++)
            {
                var measured = Stopwatch.GetTimestamp() >= measureStart;
                if (measured)
                {
                    Interlocked.Increment(ref sent);
                }

                var host = hosts[(int)(Interlocked.Increment(ref next) % hosts.Count)];
                var reply = await SendAsync(host, requests, tracker, 100_000 + guest, iteration, measured, () => Interlocked.Increment(ref errors));
                if (reply is not null)
                {
                    await Task.WhenAny(reply, Task.Delay(TimeSpan.FromSeconds(30)));
                }

                await Task.Delay(50);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        await measureTask;
        await Task.Delay(TimeSpan.FromSeconds(2));
        return Result(name, $"closed loop, {guests:N0} guests each waiting for the reply (+50 ms) before writing again, {hosts.Count} host(s), {warmup.TotalSeconds:0} s warm-up", tracker, duration, sent, errors, tracker.Overlapped - overlappedAtStart, cpu);
    }

    private static async Task<Task<long>?> SendAsync(HttpClient host, Requests requests, ReplyTracker tracker, int slot, long iteration, bool measured, Action onError)
    {
        var guest = Requests.Sender(slot, iteration);
        var body = requests.WebhookBody(slot, iteration);
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", requests.Sign(body));
        var reply = tracker.Expect(guest, Stopwatch.GetTimestamp());
        try
        {
            using var response = await host.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                return reply;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
        }

        tracker.Cancel(guest);
        if (measured)
        {
            onError();
        }

        return null;
    }

    private static GuestResult Result(string name, string load, ReplyTracker tracker, TimeSpan duration, long sent, long errors, long overlapped, TimeSpan hostsCpu)
    {
        var samples = tracker.Latencies();
        return new GuestResult(
            name,
            load,
            duration,
            sent,
            samples.Length,
            Math.Max(0, sent - errors - samples.Length),
            errors,
            overlapped,
            samples.Length / duration.TotalSeconds,
            LoadGenerator.Percentile(samples, 0.50),
            LoadGenerator.Percentile(samples, 0.95),
            LoadGenerator.Percentile(samples, 0.99),
            samples.Length == 0 ? double.NaN : samples[^1] * 1000.0 / Stopwatch.Frequency,
            samples.Length == 0 ? double.NaN : hostsCpu.TotalMicroseconds / samples.Length);
    }
}
