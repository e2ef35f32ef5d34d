// These are xunit tests shipped in a library: like any test they keep xunit's synchronization context (xUnit1030), so CA2007 does not apply.
#pragma warning disable CA2007

using HotelAgent.Abstractions;
using Xunit;

namespace HotelAgent.Testing;

/// <summary>
/// The behaviour every <see cref="IConversationThreadStore"/> must show: a thread reads back whole (references in
/// order), from any store of the backend, by guest address whatever its case; a new thread replaces the old; channels
/// do not mix. Derive a test class from it with a factory for your store.
/// </summary>
/// <typeparam name="TFactory">The factory of the store under test, used as an xunit class fixture.</typeparam>
public abstract class ConversationThreadStoreConformanceTests<TFactory> : IClassFixture<TFactory>
    where TFactory : class, IStoreFactory<IConversationThreadStore>
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromDays(30);

    /// <summary>Initializes a new instance of the <see cref="ConversationThreadStoreConformanceTests{TFactory}"/> class.</summary>
    /// <param name="factory">The factory of the store under test.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected ConversationThreadStoreConformanceTests(TFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Factory = factory;
    }

    /// <summary>Gets the factory of the store under test.</summary>
    protected TFactory Factory { get; }

    /// <summary>Gets the token that is cancelled when the test run is aborted.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>No thread is known for a guest never recorded.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetAsync_Unknown_ReturnsNull()
    {
        var store = await Factory.CreateStoreAsync(Token);

        Assert.Null(await store.GetAsync(ChannelNames.Email, NewGuest(), Token));
    }

    /// <summary>A thread reads back whole from another store, by the guest's address in another case.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task SetAsync_ThenGetFromAnotherStoreInOtherCase_ReturnsTheThread()
    {
        var first = await Factory.CreateStoreAsync(Token);
        var second = await Factory.CreateStoreAsync(Token);
        var guest = NewGuest();
        var thread = new ConversationThread("Reserva en diciembre — ¿habitación doble?", "c@guest.example", ["a@guest.example", "b@hotel.example", "c@guest.example"], "es");

        await first.SetAsync(ChannelNames.Email, guest, thread, TimeToLive, Token);
        var read = await second.GetAsync(ChannelNames.Email, guest.ToUpperInvariant(), Token);

        Assert.NotNull(read);
        Assert.Equal(thread.Subject, read.Subject);
        Assert.Equal(thread.LastMessageId, read.LastMessageId);
        Assert.Equal(thread.References, read.References);
        Assert.Equal("es", read.Language);
    }

    /// <summary>A new thread replaces the one stored before.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task SetAsync_Twice_KeepsTheLast()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var guest = NewGuest();
        await store.SetAsync(ChannelNames.Email, guest, new ConversationThread("first", "1@x", ["1@x"]), TimeToLive, Token);

        await store.SetAsync(ChannelNames.Email, guest, new ConversationThread(null, "2@x", ["1@x", "2@x"]), TimeToLive, Token);

        var read = await store.GetAsync(ChannelNames.Email, guest, Token);
        Assert.NotNull(read);
        Assert.Null(read.Subject);
        Assert.Equal("2@x", read.LastMessageId);
        Assert.Equal(["1@x", "2@x"], read.References);
        Assert.Null(read.Language);
    }

    /// <summary>One guest's threads on two channels are separate.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task SetAsync_OneChannel_LeavesTheOtherUnknown()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var guest = NewGuest();

        await store.SetAsync(ChannelNames.Email, guest, new ConversationThread("s", "1@x", ["1@x"]), TimeToLive, Token);

        Assert.Null(await store.GetAsync("email-2", guest, Token));
    }

    private static string NewGuest() => "guest." + Guid.NewGuid().ToString("N")[..12] + "@example.com";
}
