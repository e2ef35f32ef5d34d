using System.Collections.Concurrent;
using System.Diagnostics;

namespace HotelAgent.LoadTest;

/// <summary>
/// Times guest messages from the webhook's send to the first reply the host sends that guest over the fake Graph API.
/// A guest has at most one message waiting: the scenarios space a guest's messages far beyond the replies' latency
/// (open loop) or wait for the reply (closed loop), so the first reply to a guest after a send answers that send.
/// </summary>
internal sealed class ReplyTracker
{
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly List<long> _latencies = new(capacity: 1 << 16);
    private long _measureStart = long.MaxValue;
    private long _measureEnd = long.MaxValue;
    private long _overlapped;
    private long _unmatched;

    /// <summary>Gets how many sends found the guest's previous message still unanswered (it is then dropped).</summary>
    public long Overlapped => Interlocked.Read(ref _overlapped);

    /// <summary>Gets how many replies came for a guest with no message waiting (a further reply of the same turn).</summary>
    public long Unmatched => Interlocked.Read(ref _unmatched);

    /// <summary>Gets how many messages are still waiting for a reply.</summary>
    public int Waiting => _pending.Count;

    /// <summary>Replies received from now until <see cref="EndMeasure"/> are recorded (messages sent in that window).</summary>
    public void StartMeasure() => Interlocked.Exchange(ref _measureStart, Stopwatch.GetTimestamp());

    public void EndMeasure() => Interlocked.Exchange(ref _measureEnd, Stopwatch.GetTimestamp());

    /// <summary>Registers a message to <paramref name="guest"/> sent at <paramref name="sentAt"/> (before it is sent: the reply may come before the webhook's answer).</summary>
    public Task<long> Expect(string guest, long sentAt)
    {
        var pending = new Pending(sentAt);
        _pending.AddOrUpdate(guest, pending, (_, previous) =>
        {
            Interlocked.Increment(ref _overlapped);
            previous.Done.TrySetResult(-1);
            return pending;
        });
        return pending.Done.Task;
    }

    /// <summary>Forgets a message whose webhook failed.</summary>
    public void Cancel(string guest) => _pending.TryRemove(guest, out _);

    /// <summary>Called by the fake Graph API for every message to a guest.</summary>
    public void OnReply(string guest)
    {
        if (!_pending.TryRemove(guest, out var pending))
        {
            Interlocked.Increment(ref _unmatched);
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var latency = now - pending.SentAt;
        if (pending.SentAt >= Interlocked.Read(ref _measureStart) && pending.SentAt < Interlocked.Read(ref _measureEnd))
        {
            lock (_latencies)
            {
                _latencies.Add(latency);
            }
        }

        pending.Done.TrySetResult(latency);
    }

    /// <summary>The recorded latencies (Stopwatch ticks), sorted.</summary>
    public long[] Latencies()
    {
        lock (_latencies)
        {
            var sorted = _latencies.ToArray();
            Array.Sort(sorted);
            return sorted;
        }
    }

    private sealed class Pending(long sentAt)
    {
        public long SentAt { get; } = sentAt;

        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
