// These are xunit tests shipped in a library: like any test they keep xunit's synchronization context (xUnit1030), so CA2007 does not apply.
#pragma warning disable CA2007

using HotelAgent.Abstractions;
using Xunit;

namespace HotelAgent.Testing;

/// <summary>
/// The behaviour every <see cref="IConversationWindowStore"/> must show: a guest's message opens the window (and clears a
/// closing or a template sent), marking it closed keeps when the guest last wrote, a guest never heard from but marked
/// closed has no last message, senders do not mix, and stores sharing a backend see each other's writes. Derive a test
/// class from it with a factory for your store.
/// </summary>
/// <typeparam name="TFactory">The factory of the store under test, used as an xunit class fixture.</typeparam>
public abstract class ConversationWindowStoreConformanceTests<TFactory> : IClassFixture<TFactory>
    where TFactory : class, IStoreFactory<IConversationWindowStore>
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    /// <summary>Initializes a new instance of the <see cref="ConversationWindowStoreConformanceTests{TFactory}"/> class.</summary>
    /// <param name="factory">The factory of the store under test.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected ConversationWindowStoreConformanceTests(TFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Factory = factory;
    }

    /// <summary>Gets the factory of the store under test.</summary>
    protected TFactory Factory { get; }

    /// <summary>Gets the time of the guest messages the suite records; the in-memory default forgets guests 30 days after their last message by its clock.</summary>
    protected virtual DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    /// <summary>Gets the token that is cancelled when the test run is aborted.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Nothing is known of a guest never recorded.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetAsync_Unknown_ReturnsNull()
    {
        var store = await Factory.CreateStoreAsync(Token);

        Assert.Null(await store.GetAsync(NewSender(), NewGuest(), Token));
    }

    /// <summary>A guest's message opens the window, seen by every store of the backend, to the millisecond.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task TouchAsync_ThenGetFromAnotherStore_ReturnsOpenWindow()
    {
        var first = await Factory.CreateStoreAsync(Token);
        var second = await Factory.CreateStoreAsync(Token);
        var (sender, guest) = (NewSender(), NewGuest());
        var at = Whole(Now);

        await first.TouchAsync(sender, guest, at, KeepFor, Token);

        Assert.Equal(new ConversationWindow(at, Closed: false, TemplateSent: false), await second.GetAsync(sender, guest, Token));
    }

    /// <summary>Closing keeps the last message; the template flag is set only when asked; the guest's next message reopens.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task MarkClosedAsync_ThenTouch_ClosesThenReopens()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var (sender, guest) = (NewSender(), NewGuest());
        var at = Whole(Now);
        await store.TouchAsync(sender, guest, at, KeepFor, Token);

        await store.MarkClosedAsync(sender, guest, templateSent: false, KeepFor, Token);
        var closed = await store.GetAsync(sender, guest, Token);
        await store.MarkClosedAsync(sender, guest, templateSent: true, KeepFor, Token);
        var templated = await store.GetAsync(sender, guest, Token);
        await store.TouchAsync(sender, guest, at.AddSeconds(5), KeepFor, Token);
        var reopened = await store.GetAsync(sender, guest, Token);

        Assert.Equal(new ConversationWindow(at, Closed: true, TemplateSent: false), closed);
        Assert.Equal(new ConversationWindow(at, Closed: true, TemplateSent: true), templated);
        Assert.Equal(new ConversationWindow(at.AddSeconds(5), Closed: false, TemplateSent: false), reopened);
    }

    /// <summary>A guest marked closed before ever writing (this backend never saw the message) has no last message.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task MarkClosedAsync_UnknownGuest_HasNoLastMessage()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var (sender, guest) = (NewSender(), NewGuest());

        await store.MarkClosedAsync(sender, guest, templateSent: true, KeepFor, Token);

        Assert.Equal(new ConversationWindow(null, Closed: true, TemplateSent: true), await store.GetAsync(sender, guest, Token));
    }

    /// <summary>One guest's windows on two business senders are separate.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task TouchAsync_OneSender_LeavesTheOtherUnknown()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var (sender, other, guest) = (NewSender(), NewSender(), NewGuest());

        await store.TouchAsync(sender, guest, Whole(Now), KeepFor, Token);

        Assert.NotNull(await store.GetAsync(sender, guest, Token));
        Assert.Null(await store.GetAsync(other, guest, Token));
    }

    private static DateTimeOffset Whole(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    private static string NewSender() => "1" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string NewGuest() => "34" + Random.Shared.NextInt64(600_000_000, 699_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
