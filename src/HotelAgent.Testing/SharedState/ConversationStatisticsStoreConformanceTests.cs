// These are xunit tests shipped in a library: like any test they keep xunit's synchronization context (xUnit1030), so CA2007 does not apply.
#pragma warning disable CA2007

using HotelAgent.Abstractions;
using Xunit;

namespace HotelAgent.Testing;

/// <summary>
/// The behaviour every <see cref="IConversationStatisticsStore"/> must show: increments land in their minute, hour and
/// day and in the total, add up across stores sharing a backend (none lost under concurrency), series are as long as
/// asked with empty buckets at zero, the promised buckets are kept, and the activity list keeps each conversation's
/// latest activity, most recent first. Derive a test class from it with a factory for your store.
/// </summary>
/// <typeparam name="TFactory">The factory of the store under test, used as an xunit class fixture.</typeparam>
public abstract class ConversationStatisticsStoreConformanceTests<TFactory> : IClassFixture<TFactory>
    where TFactory : class, IStoreFactory<IConversationStatisticsStore>
{
    /// <summary>Initializes a new instance of the <see cref="ConversationStatisticsStoreConformanceTests{TFactory}"/> class.</summary>
    /// <param name="factory">The factory of the store under test.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected ConversationStatisticsStoreConformanceTests(TFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Factory = factory;
    }

    /// <summary>Gets the factory of the store under test.</summary>
    protected TFactory Factory { get; }

    /// <summary>Gets the token that is cancelled when the test run is aborted.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Increments count in the minute, hour and day they happened in, and the buckets around stay at zero.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task IncrementAsync_TwoMinutesOfOneHour_CountsInEachResolution()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var at = NewTime();

        await store.IncrementAsync(ConversationCounter.MessagesReceived, at, 2, Token);
        await store.IncrementAsync(ConversationCounter.MessagesReceived, at.AddMinutes(1), 3, Token);
        await store.IncrementAsync(ConversationCounter.Turns, at.AddMinutes(1), 7, Token);

        var end = at.AddMinutes(1);
        Assert.Equal([0, 2, 3], await store.GetSeriesAsync(ConversationCounter.MessagesReceived, StatisticsResolution.Minute, end, 3, Token));
        Assert.Equal([0, 5], await store.GetSeriesAsync(ConversationCounter.MessagesReceived, StatisticsResolution.Hour, end, 2, Token));
        Assert.Equal([0, 5], await store.GetSeriesAsync(ConversationCounter.MessagesReceived, StatisticsResolution.Day, end, 2, Token));
        Assert.Equal([7], await store.GetSeriesAsync(ConversationCounter.Turns, StatisticsResolution.Hour, end, 1, Token));
        Assert.Equal([0, 0], await store.GetSeriesAsync(ConversationCounter.Handoffs, StatisticsResolution.Hour, end, 2, Token));
    }

    /// <summary>A series ends with the bucket holding its end, oldest first, as many buckets as asked.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetSeriesAsync_HoursApart_PlacesEachInItsBucket()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var at = NewTime();

        await store.IncrementAsync(ConversationCounter.BookingsCreated, at, 1, Token);
        await store.IncrementAsync(ConversationCounter.BookingsCreated, at.AddHours(5), 4, Token);

        var series = await store.GetSeriesAsync(ConversationCounter.BookingsCreated, StatisticsResolution.Hour, at.AddHours(5), 24, Token);
        Assert.Equal(24, series.Count);
        Assert.Equal(1, series[^6]);
        Assert.Equal(4, series[^1]);
        Assert.Equal(5, series.Sum());
    }

    /// <summary>The last <see cref="IConversationStatisticsStore.MinuteBuckets"/> minutes and <see cref="IConversationStatisticsStore.HourBuckets"/> hours are kept while newer buckets open.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task IncrementAsync_NewerBuckets_KeepThePromisedOnes()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var at = NewTime();
        await store.IncrementAsync(ConversationCounter.Handoffs, at, 1, Token);
        var lastMinute = at.AddMinutes(IConversationStatisticsStore.MinuteBuckets - 1);
        await store.IncrementAsync(ConversationCounter.Handoffs, lastMinute, 1, Token);
        var lastHour = at.AddHours(IConversationStatisticsStore.HourBuckets - 1);

        var minutes = await store.GetSeriesAsync(ConversationCounter.Handoffs, StatisticsResolution.Minute, lastMinute, IConversationStatisticsStore.MinuteBuckets, Token);
        await store.IncrementAsync(ConversationCounter.Handoffs, lastHour, 1, Token);
        var hours = await store.GetSeriesAsync(ConversationCounter.Handoffs, StatisticsResolution.Hour, lastHour, IConversationStatisticsStore.HourBuckets, Token);

        Assert.Equal(1, minutes[0]);
        Assert.Equal(1, minutes[^1]);
        Assert.Equal(1, hours[0]);
        Assert.Equal(1, hours[^1]);
        Assert.Equal(3, hours.Sum());
    }

    /// <summary>Increments from several stores sharing the backend, at once, all add up: in the bucket and in the total.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task IncrementAsync_ConcurrentFromTwoStores_NoneIsLost()
    {
        var first = await Factory.CreateStoreAsync(Token);
        var second = await Factory.CreateStoreAsync(Token);
        var at = NewTime();
        var before = await first.GetTotalAsync(ConversationCounter.Turns, Token);

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => (i % 2 == 0 ? first : second).IncrementAsync(ConversationCounter.Turns, at, 1, Token).AsTask()));

        Assert.Equal([100], await second.GetSeriesAsync(ConversationCounter.Turns, StatisticsResolution.Minute, at, 1, Token));
        Assert.Equal(before + 100, await first.GetTotalAsync(ConversationCounter.Turns, Token));
    }

    /// <summary>A value of zero or less, and a series longer than what is kept, are refused.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task Arguments_OutOfRange_Throw()
    {
        var store = await Factory.CreateStoreAsync(Token);

        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(async () => await store.IncrementAsync(ConversationCounter.Turns, NewTime(), 0, Token));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(async () => await store.GetSeriesAsync(ConversationCounter.Turns, StatisticsResolution.Hour, NewTime(), IConversationStatisticsStore.HourBuckets + 1, Token));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(async () => await store.GetSeriesAsync(ConversationCounter.Turns, StatisticsResolution.Day, NewTime(), 0, Token));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(async () => await store.GetActivityAsync(NewTime(), 0, Token));
    }

    /// <summary>The activity list has one entry per conversation, its latest, most recent first, from every store of the backend.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetActivityAsync_AfterRecordsFromTwoStores_ListsTheLatestPerConversationMostRecentFirst()
    {
        var first = await Factory.CreateStoreAsync(Token);
        var second = await Factory.CreateStoreAsync(Token);
        var at = NewTime();
        var a = NewId();
        var b = NewId();

        await first.RecordActivityAsync(new ConversationActivity(a, "webchat", "idle", "es", at, 1, HandedOff: false), Token);
        await second.RecordActivityAsync(new ConversationActivity(b, "whatsapp", "collecting_dates", null, at.AddMinutes(1), 1, HandedOff: false), Token);
        await second.RecordActivityAsync(new ConversationActivity(a, "webchat", "awaiting_confirmation", "en", at.AddMinutes(2), 2, HandedOff: true), Token);

        var all = Own(await first.GetActivityAsync(at, 100, Token), a, b);
        var recent = Own(await second.GetActivityAsync(at.AddSeconds(90), 100, Token), a, b);

        Assert.Equal([a, b], all.Select(c => c.ConversationId));
        Assert.Equal(new ConversationActivity(a, "webchat", "awaiting_confirmation", "en", at.AddMinutes(2), 2, HandedOff: true), all[0]);
        Assert.Equal(new ConversationActivity(b, "whatsapp", "collecting_dates", null, at.AddMinutes(1), 1, HandedOff: false), all[1]);
        Assert.Equal([a], recent.Select(c => c.ConversationId));
    }

    /// <summary>A record older than the one stored (a slower host) does not replace it.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task RecordActivityAsync_OlderThanStored_KeepsTheNewer()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var at = NewTime();
        var id = NewId();

        await store.RecordActivityAsync(new ConversationActivity(id, "webchat", "booked", "es", at.AddMinutes(1), 3, HandedOff: false), Token);
        await store.RecordActivityAsync(new ConversationActivity(id, "webchat", "idle", "es", at, 2, HandedOff: false), Token);

        var listed = Own(await store.GetActivityAsync(at, 100, Token), id);
        Assert.Equal("booked", Assert.Single(listed).State);
    }

    /// <summary>Gets a time no other test of the suite uses, ten minutes into an hour (so the next minutes stay in its hour and day).</summary>
    /// <returns>The time.</returns>
    protected static DateTimeOffset NewTime()
    {
        // Spread over a thousand years after now: tests sharing a backend do not meet in a bucket, and each test's
        // later increments only prune buckets older than its own, never ones another test still reads.
        var hours = Random.Shared.NextInt64(0, 8_000_000);
        var start = new DateTimeOffset(TimeProvider.System.GetUtcNow().Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return start.AddHours(hours).AddMinutes(10);
    }

    private static string NewId() => "conformance-" + Guid.NewGuid().ToString("N");

    private static List<ConversationActivity> Own(IReadOnlyList<ConversationActivity> listed, params string[] ids) =>
        [.. listed.Where(c => ids.Contains(c.ConversationId))];
}
