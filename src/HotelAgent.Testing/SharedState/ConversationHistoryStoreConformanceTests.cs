// These are xunit tests shipped in a library: like any test they keep xunit's synchronization context (xUnit1030), so CA2007 does not apply.
#pragma warning disable CA2007

using HotelAgent.Abstractions;
using Xunit;

namespace HotelAgent.Testing;

/// <summary>
/// The behaviour every <see cref="IConversationHistoryStore"/> must show: entries come back in the order they were
/// appended, to the millisecond and with their author, seen by every store of the backend; <c>since</c> leaves out
/// older entries; the newest <see cref="IConversationHistoryStore.MaxEntries"/> are kept; a history is forgotten its
/// time to live after the last append (each append keeps the whole history that long again); conversations do not mix;
/// a deleted history is gone. Derive a test class from it with a factory for your store.
/// </summary>
/// <typeparam name="TFactory">The factory of the store under test, used as an xunit class fixture.</typeparam>
/// <remarks>The time-to-live tests wait on the real clock (a few seconds): the store under test must use it.</remarks>
public abstract class ConversationHistoryStoreConformanceTests<TFactory> : IClassFixture<TFactory>
    where TFactory : class, IStoreFactory<IConversationHistoryStore>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Initializes a new instance of the <see cref="ConversationHistoryStoreConformanceTests{TFactory}"/> class.</summary>
    /// <param name="factory">The factory of the store under test.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected ConversationHistoryStoreConformanceTests(TFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Factory = factory;
    }

    /// <summary>Gets the factory of the store under test.</summary>
    protected TFactory Factory { get; }

    /// <summary>Gets the token that is cancelled when the test run is aborted.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A conversation never recorded has no history.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetAsync_Unknown_ReturnsEmpty()
    {
        var store = await Factory.CreateStoreAsync(Token);

        Assert.Empty(await store.GetAsync(NewConversation(), DateTimeOffset.MinValue, Token));
    }

    /// <summary>Entries come back in order, to the millisecond, with their author and text as written, from another store of the backend.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task AppendAsync_ThenGetFromAnotherStore_ReturnsEntriesInOrder()
    {
        var first = await Factory.CreateStoreAsync(Token);
        var second = await Factory.CreateStoreAsync(Token);
        var conversation = NewConversation();
        var at = Whole(TimeProvider.System.GetUtcNow());
        ConversationHistoryEntry[] turn =
        [
            new(at, ConversationParticipant.Guest, "¿Tienen habitación doble para mañana?"),
            new(at, ConversationParticipant.Agent, "Sí: la doble cuesta 95 € por noche."),
        ];

        await first.AppendAsync(conversation, turn, Day, Token);
        await first.AppendAsync(conversation, [new(at.AddSeconds(30), ConversationParticipant.Staff, "Hola, soy Marta.", "Marta")], Day, Token);

        Assert.Equal([.. turn, new(at.AddSeconds(30), ConversationParticipant.Staff, "Hola, soy Marta.", "Marta")], await second.GetAsync(conversation, DateTimeOffset.MinValue, Token));
    }

    /// <summary>Entries older than <c>since</c> are left out.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetAsync_Since_LeavesOutOlderEntries()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var conversation = NewConversation();
        var at = Whole(TimeProvider.System.GetUtcNow());
        await store.AppendAsync(conversation, [new(at.AddHours(-30), ConversationParticipant.Guest, "old"), new(at, ConversationParticipant.Guest, "new")], Day, Token);

        var entries = await store.GetAsync(conversation, at.AddHours(-24), Token);

        Assert.Equal(["new"], entries.Select(e => e.Text));
    }

    /// <summary>Beyond the most entries kept, the oldest go.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task AppendAsync_OverMaxEntries_KeepsTheNewest()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var conversation = NewConversation();
        var at = Whole(TimeProvider.System.GetUtcNow());
        var total = IConversationHistoryStore.MaxEntries + 10;
        for (var i = 0; i < total; i += 10)
        {
            await store.AppendAsync(conversation, [.. Enumerable.Range(i, 10).Select(n => new ConversationHistoryEntry(at, ConversationParticipant.Guest, "m" + n))], Day, Token);
        }

        var entries = await store.GetAsync(conversation, DateTimeOffset.MinValue, Token);

        Assert.True(entries.Count >= IConversationHistoryStore.MaxEntries, $"at least {IConversationHistoryStore.MaxEntries} entries are kept, not {entries.Count}");
        Assert.Equal("m" + (total - 1), entries[^1].Text);
        Assert.DoesNotContain(entries, e => e.Text == "m0");
    }

    /// <summary>A history is forgotten its time to live after the last append.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task AppendAsync_TimeToLivePassed_HistoryIsGone()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var conversation = NewConversation();
        await store.AppendAsync(conversation, [new(TimeProvider.System.GetUtcNow(), ConversationParticipant.Guest, "hola")], TimeSpan.FromMilliseconds(300), Token);
        Assert.Single(await store.GetAsync(conversation, DateTimeOffset.MinValue, Token));

        await Task.Delay(TimeSpan.FromSeconds(1), Token);

        Assert.Empty(await store.GetAsync(conversation, DateTimeOffset.MinValue, Token));
    }

    /// <summary>Each append keeps the whole history the time to live again, the earlier entries too.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task AppendAsync_AgainBeforeExpiry_KeepsEarlierEntries()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var conversation = NewConversation();
        var timeToLive = TimeSpan.FromSeconds(4);
        await store.AppendAsync(conversation, [new(TimeProvider.System.GetUtcNow(), ConversationParticipant.Guest, "first")], timeToLive, Token);
        await Task.Delay(TimeSpan.FromSeconds(2.5), Token);
        await store.AppendAsync(conversation, [new(TimeProvider.System.GetUtcNow(), ConversationParticipant.Guest, "second")], timeToLive, Token);

        await Task.Delay(TimeSpan.FromSeconds(2.5), Token);

        Assert.Equal(["first", "second"], (await store.GetAsync(conversation, DateTimeOffset.MinValue, Token)).Select(e => e.Text));
    }

    /// <summary>Two conversations keep their own histories; a deleted one is gone and the other stays.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task DeleteAsync_RemovesOnlyThatConversation()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var (one, other) = (NewConversation(), NewConversation());
        var at = Whole(TimeProvider.System.GetUtcNow());
        await store.AppendAsync(one, [new(at, ConversationParticipant.Guest, "one")], Day, Token);
        await store.AppendAsync(other, [new(at, ConversationParticipant.Guest, "other")], Day, Token);

        Assert.True(await store.DeleteAsync(one, Token));

        Assert.Empty(await store.GetAsync(one, DateTimeOffset.MinValue, Token));
        Assert.Equal(["other"], (await store.GetAsync(other, DateTimeOffset.MinValue, Token)).Select(e => e.Text));
        Assert.False(await store.DeleteAsync(one, Token));
    }

    private static string NewConversation() => "conformance:" + Guid.NewGuid().ToString("N");

    private static DateTimeOffset Whole(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
}
