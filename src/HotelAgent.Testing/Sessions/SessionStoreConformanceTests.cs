// These are xunit tests shipped in a library: like any test they keep xunit's synchronization context (xUnit1030), so CA2007 does not apply.
#pragma warning disable CA2007

using HotelAgent.Abstractions;
using Xunit;

namespace HotelAgent.Testing;

/// <summary>
/// The behaviour every <see cref="ISessionStore"/> must show: sessions read back whole with their version, saves are
/// compare-and-set on the version (one winner among concurrent saves, no lost update with reload-and-retry), stores
/// sharing a backend see each other's saves, sessions expire after their time to live and each save renews it.
/// Derive a test class from it with a factory for your store.
/// </summary>
/// <typeparam name="TFactory">The factory of the store under test, used as an xunit class fixture.</typeparam>
public abstract class SessionStoreConformanceTests<TFactory> : IClassFixture<TFactory>
    where TFactory : class, ISessionStoreFactory
{
    /// <summary>The time to live of the sessions the suite saves, unless a test says otherwise.</summary>
    protected static readonly TimeSpan LongTimeToLive = TimeSpan.FromHours(1);

    /// <summary>Initializes a new instance of the <see cref="SessionStoreConformanceTests{TFactory}"/> class.</summary>
    /// <param name="factory">The factory of the store under test.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected SessionStoreConformanceTests(TFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Factory = factory;
    }

    /// <summary>Gets the factory of the store under test.</summary>
    protected TFactory Factory { get; }

    /// <summary>Gets the time to live the expiry tests use; real-time backends wait for it (plus a margin) to pass.</summary>
    /// <value>The default value is 1 second.</value>
    protected virtual TimeSpan ShortTimeToLive => TimeSpan.FromSeconds(1);

    /// <summary>Gets the token that is cancelled when the test run is aborted.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>An unknown conversation has no session.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetAsync_Unknown_ReturnsNull()
    {
        var store = await Factory.CreateStoreAsync(Token);

        Assert.Null(await store.GetAsync(NewConversationId(), Token));
    }

    /// <summary>A blank conversation id is refused.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetAsync_BlankId_ThrowsArgumentException()
    {
        var store = await Factory.CreateStoreAsync(Token);

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.GetAsync(" ", Token));
    }

    /// <summary>A new session saves at version 1 and reads back whole, every field included.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task SaveAsync_NewSession_ReadsBackWholeAtVersion1()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var session = FullSession(NewConversationId());

        var result = await store.SaveAsync(session, LongTimeToLive, Token);
        var read = await store.GetAsync(session.ConversationId, Token);

        Assert.Equal(SessionSaveResult.Success(1), result);
        Assert.NotNull(read);
        Assert.Equal(1, read.Version);
        AssertSameContent(session, read);
    }

    /// <summary>Each save from the version read increments the version by one.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task SaveAsync_FromVersionRead_IncrementsVersion()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var id = NewConversationId();
        await store.SaveAsync(NewSession(id), LongTimeToLive, Token);

        for (var expected = 2; expected <= 4; expected++)
        {
            var read = await store.GetAsync(id, Token);
            Assert.NotNull(read);
            var result = await store.SaveAsync(read with { TurnCount = read.TurnCount + 1 }, LongTimeToLive, Token);
            Assert.Equal(SessionSaveResult.Success(expected), result);
        }

        var last = await store.GetAsync(id, Token);
        Assert.NotNull(last);
        Assert.Equal(4, last.Version);
        Assert.Equal(3, last.TurnCount);
    }

    /// <summary>A save from a stale version is refused with the stored version, and the stored session is kept.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task SaveAsync_StaleVersion_ReturnsConflictAndKeepsStored()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var id = NewConversationId();
        await store.SaveAsync(NewSession(id), LongTimeToLive, Token);
        var read = await store.GetAsync(id, Token);
        Assert.NotNull(read);
        await store.SaveAsync(read with { State = "first" }, LongTimeToLive, Token);

        var result = await store.SaveAsync(read with { State = "second" }, LongTimeToLive, Token);

        Assert.Equal(SessionSaveResult.Conflict(2), result);
        var stored = await store.GetAsync(id, Token);
        Assert.NotNull(stored);
        Assert.Equal("first", stored.State);
        Assert.Equal(2, stored.Version);
    }

    /// <summary>Saving a new session (version 0) over an existing one is a conflict.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task SaveAsync_NewSessionOverExisting_ReturnsConflict()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var id = NewConversationId();
        await store.SaveAsync(NewSession(id), LongTimeToLive, Token);

        var result = await store.SaveAsync(NewSession(id) with { State = "other" }, LongTimeToLive, Token);

        Assert.Equal(SessionSaveResult.Conflict(1), result);
    }

    /// <summary>Saving at a version other than 0 when there is no session is a conflict at version 0.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task SaveAsync_VersionForMissingSession_ReturnsConflictAtZero()
    {
        var store = await Factory.CreateStoreAsync(Token);

        var result = await store.SaveAsync(NewSession(NewConversationId()) with { Version = 3 }, LongTimeToLive, Token);

        Assert.Equal(SessionSaveResult.Conflict(0), result);
    }

    /// <summary>Of many concurrent saves from one version, exactly one wins.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task SaveAsync_ConcurrentFromOneVersion_ExactlyOneWins()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var id = NewConversationId();
        await store.SaveAsync(NewSession(id), LongTimeToLive, Token);
        var read = await store.GetAsync(id, Token);
        Assert.NotNull(read);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(async () => await store.SaveAsync(read with { State = $"s{i}" }, LongTimeToLive, Token), Token)));

        Assert.Single(results, r => r.Saved);
        Assert.All(results.Where(r => !r.Saved), r => Assert.Equal(2, r.Version));
    }

    /// <summary>Concurrent read-modify-write loops that reload on conflict lose no update.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task SaveAsync_ConcurrentWritersRetryingOnConflict_LoseNoUpdate()
    {
        var stores = new[] { await Factory.CreateStoreAsync(Token), await Factory.CreateStoreAsync(Token) };
        var id = NewConversationId();
        await stores[0].SaveAsync(NewSession(id), LongTimeToLive, Token);
        const int Writers = 8;
        const int IncrementsEach = 5;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(
            async () =>
            {
                var store = stores[w % stores.Length];
                for (var i = 0; i < IncrementsEach; i++)
                {
                    while (true)
                    {
                        var read = await store.GetAsync(id, Token);
                        Assert.NotNull(read);
                        if ((await store.SaveAsync(read with { TurnCount = read.TurnCount + 1 }, LongTimeToLive, Token)).Saved)
                        {
                            break;
                        }
                    }
                }
            },
            Token)));

        var final = await stores[0].GetAsync(id, Token);
        Assert.NotNull(final);
        Assert.Equal(Writers * IncrementsEach, final.TurnCount);
        Assert.Equal(1 + (Writers * IncrementsEach), final.Version);
    }

    /// <summary>Two stores over one backend (two hosts) see each other's saves and conflict with each other.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task SaveAsync_TwoStoresOnOneBackend_ShareSessionsAndVersions()
    {
        var hostA = await Factory.CreateStoreAsync(Token);
        var hostB = await Factory.CreateStoreAsync(Token);
        var id = NewConversationId();
        await hostA.SaveAsync(NewSession(id) with { State = "from-a" }, LongTimeToLive, Token);

        var readByB = await hostB.GetAsync(id, Token);
        var readByA = await hostA.GetAsync(id, Token);
        Assert.NotNull(readByB);
        Assert.NotNull(readByA);
        Assert.Equal("from-a", readByB.State);
        var savedByB = await hostB.SaveAsync(readByB with { State = "from-b" }, LongTimeToLive, Token);
        var savedByA = await hostA.SaveAsync(readByA with { State = "lost" }, LongTimeToLive, Token);

        Assert.Equal(SessionSaveResult.Success(2), savedByB);
        Assert.Equal(SessionSaveResult.Conflict(2), savedByA);
        Assert.Equal("from-b", (await hostA.GetAsync(id, Token))?.State);
    }

    /// <summary>A session is gone once its time to live has passed without a save, and its id starts again at version 0.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetAsync_AfterTimeToLive_ReturnsNullAndVersionRestarts()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var id = NewConversationId();
        await store.SaveAsync(NewSession(id), ShortTimeToLive, Token);

        await Factory.LetTimePassAsync(ShortTimeToLive + (ShortTimeToLive / 2), Token);

        Assert.Null(await store.GetAsync(id, Token));
        Assert.Equal(SessionSaveResult.Success(1), await store.SaveAsync(NewSession(id), LongTimeToLive, Token));
    }

    /// <summary>Each save renews the time to live: a session saved often outlives one time to live.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task SaveAsync_Again_RenewsTimeToLive()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var id = NewConversationId();
        var ttl = ShortTimeToLive * 2;
        await store.SaveAsync(NewSession(id), ttl, Token);

        await Factory.LetTimePassAsync(ttl * 0.6, Token);
        var read = await store.GetAsync(id, Token);
        Assert.NotNull(read);
        await store.SaveAsync(read, ttl, Token);
        await Factory.LetTimePassAsync(ttl * 0.6, Token);

        var stillThere = await store.GetAsync(id, Token);
        Assert.NotNull(stillThere);
        Assert.Equal(2, stillThere.Version);
    }

    /// <summary>Deleting a session removes it; deleting again reports nothing deleted.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task DeleteAsync_Existing_RemovesItOnce()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var id = NewConversationId();
        await store.SaveAsync(NewSession(id), LongTimeToLive, Token);

        Assert.True(await store.DeleteAsync(id, Token));
        Assert.Null(await store.GetAsync(id, Token));
        Assert.False(await store.DeleteAsync(id, Token));
    }

    /// <summary>Creates a fresh conversation id, so tests can share a backend.</summary>
    /// <returns>The id.</returns>
    protected static string NewConversationId() => "conformance-" + Guid.NewGuid().ToString("N");

    /// <summary>Creates a new session (version 0) with only the required fields.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <returns>The session.</returns>
    protected static ConversationSession NewSession(string conversationId) => new()
    {
        ConversationId = conversationId,
        ChannelName = "web",
        GuestId = "guest-" + conversationId,
        CreatedAt = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero),
    };

    /// <summary>Creates a new session (version 0) with every field set, including non-ASCII text.</summary>
    /// <param name="conversationId">The conversation id.</param>
    /// <returns>The session.</returns>
    protected static ConversationSession FullSession(string conversationId) => NewSession(conversationId) with
    {
        Language = "pt",
        State = DialogueStates.Idle + "-custom",
        Booking = new BookingDraft
        {
            CheckIn = new DateOnly(2026, 12, 10),
            CheckOut = new DateOnly(2026, 12, 12),
            Nights = 2,
            Adults = 2,
            Children = 1,
            RoomType = "double",
            GuestName = "João Müller-Ñúñez",
            Email = "joao@example.com",
            Phone = "+351 912 345 678",
            QuotedTotal = 240.50m,
            Currency = "EUR",
            IdempotencyKey = "key-1",
        },
        LastReservationCode = "HA-1234",
        PendingChange = new ReservationChange
        {
            Action = Intents.ModifyReservation,
            Code = "HA-1234",
            CheckIn = new DateOnly(2026, 12, 11),
            CheckOut = new DateOnly(2026, 12, 14),
            Adults = 3,
            Children = 0,
            RoomType = "suite",
            RoomProposed = true,
            QuotedTotal = 999.99m,
            IdempotencyKey = "key-2",
        },
        VerifiedReservationCodes = ["HA-1234", "HA-5678"],
        HandoffTicketId = "ticket-1",
        ConsecutiveFallbacks = 1,
        TurnCount = 7,
        UpdatedAt = new DateTimeOffset(2026, 11, 25, 10, 30, 15, 123, TimeSpan.FromHours(1)),
    };

    private static void AssertSameContent(ConversationSession expected, ConversationSession actual)
    {
        Assert.Equal(expected.ConversationId, actual.ConversationId);
        Assert.Equal(expected.ChannelName, actual.ChannelName);
        Assert.Equal(expected.GuestId, actual.GuestId);
        Assert.Equal(expected.Language, actual.Language);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.Booking, actual.Booking);
        Assert.Equal(expected.LastReservationCode, actual.LastReservationCode);
        Assert.Equal(expected.PendingChange, actual.PendingChange);
        Assert.Equal(expected.VerifiedReservationCodes, actual.VerifiedReservationCodes);
        Assert.Equal(expected.HandoffTicketId, actual.HandoffTicketId);
        Assert.Equal(expected.ConsecutiveFallbacks, actual.ConsecutiveFallbacks);
        Assert.Equal(expected.TurnCount, actual.TurnCount);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.UpdatedAt.Offset, actual.UpdatedAt.Offset);
    }
}
