using System.Diagnostics.Metrics;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Tests.Stats;

/// <summary>
/// The console's statistics are written without holding up the turn; a write the store fails with a transient error
/// (Redis failing over) is written again in the background instead of being lost.
/// </summary>
public sealed class ConversationStatisticsRetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Activity_StoreFailingOverForAWhile_IsWrittenOnceTheStoreAnswers()
    {
        using var rig = new Rig(failures: 3, transient: true);
        var (time, store, statistics) = (rig.Time, rig.Store, rig.Statistics);

        statistics.RecordActivity(Session("whatsapp:34600111222"));
        await AdvanceUntilAsync(time, () => store.ActivityAttempts >= 4);

        store.ActivityAttempts.Should().Be(4, "three failed attempts, then the one the store took");
        (await store.GetActivityAsync(Start.AddDays(-1), cancellationToken: TestContext.Current.CancellationToken))
            .Should().ContainSingle().Which.ConversationId.Should().Be("whatsapp:34600111222");
    }

    [Fact]
    public async Task Increment_StoreFailingOverForAWhile_IsCountedOnceTheStoreAnswers()
    {
        using var rig = new Rig(failures: 2, transient: true);
        var (time, store) = (rig.Time, rig.Store);
        var metrics = new HotelAgentMetrics(rig.MeterFactory);

        metrics.MessagesReceived.Add(1);
        await AdvanceUntilAsync(time, () => store.IncrementAttempts >= 3);

        store.IncrementAttempts.Should().Be(3);
        (await store.GetTotalAsync(ConversationCounter.MessagesReceived, TestContext.Current.CancellationToken)).Should().Be(1);
    }

    [Fact]
    public async Task Activity_StoreFailingWithAnError_IsNotWrittenAgain()
    {
        using var rig = new Rig(failures: 1, transient: false);
        var (time, store, statistics) = (rig.Time, rig.Store, rig.Statistics);

        statistics.RecordActivity(Session("webchat:abc"));
        await AdvanceUntilAsync(time, () => false, steps: 30);

        store.ActivityAttempts.Should().Be(1, "only a store that is failing over is asked again");
        (await store.GetActivityAsync(Start.AddDays(-1), cancellationToken: TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    [Fact]
    public async Task Activity_StoreDownForGood_IsGivenUpAfterAboutTwentySeconds()
    {
        using var rig = new Rig(failures: int.MaxValue, transient: true);
        var (time, store, statistics) = (rig.Time, rig.Store, rig.Statistics);

        statistics.RecordActivity(Session("webchat:down"));
        await AdvanceUntilAsync(time, () => false, steps: 60);

        store.ActivityAttempts.Should().Be(8, "the turn's own attempt, the background one and six retries, then the write is dropped (the turn never waited for it)");
    }

    private static ConversationSession Session(string id) => new()
    {
        ConversationId = id,
        ChannelName = id[..id.IndexOf(':', StringComparison.Ordinal)],
        GuestId = id,
        State = DialogueStates.Idle,
        Language = "es",
        TurnCount = 1,
    };

    /// <summary>Moves the clock a second at a time (the retries wait on it) until the condition holds or the steps run out.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done, int steps = 60)
    {
        for (var i = 0; i < steps && !done(); i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.Delay(50, TestContext.Current.CancellationToken);
    }

    /// <summary>The statistics over a failing store, on a clock the test moves.</summary>
    private sealed class Rig : IDisposable
    {
        private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

        public Rig(int failures, bool transient)
        {
            Store = new FailingStore(Time, failures, transient);
            Statistics = new ConversationStatistics(MeterFactory, Store, Time, NullLogger<ConversationStatistics>.Instance);
        }

        public FakeTimeProvider Time { get; } = new(Start);

        public FailingStore Store { get; }

        public ConversationStatistics Statistics { get; }

        public IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

        public void Dispose()
        {
            Statistics.Dispose();
            _services.Dispose();
        }
    }

    /// <summary>The in-memory store, whose first writes fail after a yield, as a remote store's would.</summary>
    private sealed class FailingStore(TimeProvider time, int failures, bool transient) : IConversationStatisticsStore
    {
        private readonly InMemoryConversationStatisticsStore _inner = new(time);
        private int _activityAttempts;
        private int _incrementAttempts;

        public int ActivityAttempts => Volatile.Read(ref _activityAttempts);

        public int IncrementAttempts => Volatile.Read(ref _incrementAttempts);

        public async ValueTask IncrementAsync(ConversationCounter counter, DateTimeOffset at, long value = 1, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (Interlocked.Increment(ref _incrementAttempts) <= failures)
            {
                throw Failure();
            }

            await _inner.IncrementAsync(counter, at, value, cancellationToken);
        }

        public async ValueTask RecordActivityAsync(ConversationActivity activity, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (Interlocked.Increment(ref _activityAttempts) <= failures)
            {
                throw Failure();
            }

            await _inner.RecordActivityAsync(activity, cancellationToken);
        }

        public ValueTask<IReadOnlyList<long>> GetSeriesAsync(ConversationCounter counter, StatisticsResolution resolution, DateTimeOffset end, int count, CancellationToken cancellationToken = default) =>
            _inner.GetSeriesAsync(counter, resolution, end, count, cancellationToken);

        public ValueTask<long> GetTotalAsync(ConversationCounter counter, CancellationToken cancellationToken = default) => _inner.GetTotalAsync(counter, cancellationToken);

        public ValueTask<IReadOnlyList<ConversationActivity>> GetActivityAsync(DateTimeOffset since, int take = 100, CancellationToken cancellationToken = default) =>
            _inner.GetActivityAsync(since, take, cancellationToken);

        private Exception Failure() => transient
            ? new HotelAgentException("Redis is failing over.") { IsTransient = true }
            : new InvalidOperationException("A bug in the store.");
    }
}
