using System.Collections.Concurrent;
using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// Counts failed ownership checks in this process. A subject whose last failure is older than its forget time is
/// dropped by a sweep that runs when the number of subjects doubled since the last one.
/// </summary>
internal sealed class InMemoryVerificationAttemptStore(TimeProvider timeProvider) : IVerificationAttemptStore
{
    internal const int MinSweepAt = 1024;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _sweepAt = MinSweepAt;
    private int _sweeping;

    public int Count => _entries.Count;

    public ValueTask<VerificationAttempts> GetAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        return ValueTask.FromResult(_entries.TryGetValue(subject, out var entry) ? entry.Attempts : VerificationAttempts.None);
    }

    public ValueTask<VerificationAttempts> AddFailureAsync(string subject, DateTimeOffset at, TimeSpan forgetAfter, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(forgetAfter, TimeSpan.Zero);
        var entry = _entries.AddOrUpdate(
            subject,
            static (_, arg) => new Entry(new VerificationAttempts(1, arg.At), arg.At + arg.ForgetAfter),
            static (_, old, arg) => old.Attempts.LastFailureAt is { } last && arg.At - last < arg.ForgetAfter
                ? new Entry(new VerificationAttempts(old.Attempts.Failures + 1, arg.At > last ? arg.At : last), arg.At + arg.ForgetAfter)
                : new Entry(new VerificationAttempts(1, arg.At), arg.At + arg.ForgetAfter),
            (At: at, ForgetAfter: forgetAfter));
        Sweep();
        return ValueTask.FromResult(entry.Attempts);
    }

    public ValueTask ResetAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        _entries.TryRemove(subject, out _);
        return ValueTask.CompletedTask;
    }

    private void Sweep()
    {
        // Amortised: a full pass only when the count doubled since the last one.
        if (_entries.Count <= Volatile.Read(ref _sweepAt) || Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            var now = timeProvider.GetUtcNow();
            foreach (var (subject, entry) in _entries)
            {
                if (entry.ForgetAt <= now)
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(subject, entry));
                }
            }

            Volatile.Write(ref _sweepAt, Math.Max(MinSweepAt, _entries.Count * 2));
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private sealed record Entry(VerificationAttempts Attempts, DateTimeOffset ForgetAt);
}
