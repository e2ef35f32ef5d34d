// These are xunit tests shipped in a library: like any test they keep xunit's synchronization context (xUnit1030), so CA2007 does not apply.
#pragma warning disable CA2007

using HotelAgent.Abstractions;
using Xunit;

namespace HotelAgent.Testing;

/// <summary>
/// The behaviour every <see cref="IVerificationAttemptStore"/> must show: failures count up per subject with the time
/// of the last one, start again at one once the last is older than the forget time, are forgotten on reset, add up
/// across stores sharing a backend (none lost under concurrency), and subjects do not mix. Derive a test class from it
/// with a factory for your store.
/// </summary>
/// <typeparam name="TFactory">The factory of the store under test, used as an xunit class fixture.</typeparam>
public abstract class VerificationAttemptStoreConformanceTests<TFactory> : IClassFixture<TFactory>
    where TFactory : class, IStoreFactory<IVerificationAttemptStore>
{
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(15);
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Initializes a new instance of the <see cref="VerificationAttemptStoreConformanceTests{TFactory}"/> class.</summary>
    /// <param name="factory">The factory of the store under test.</param>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    protected VerificationAttemptStoreConformanceTests(TFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Factory = factory;
    }

    /// <summary>Gets the factory of the store under test.</summary>
    protected TFactory Factory { get; }

    /// <summary>Gets the token that is cancelled when the test run is aborted.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A subject never failed has no failures.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task GetAsync_Unknown_ReturnsNone()
    {
        var store = await Factory.CreateStoreAsync(Token);

        Assert.Equal(VerificationAttempts.None, await store.GetAsync(NewSubject(), Token));
    }

    /// <summary>Failures within the forget time of each other count up, and the last one's time is kept.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task AddFailureAsync_WithinForgetTime_CountsUp()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var subject = NewSubject();

        var first = await store.AddFailureAsync(subject, At, ForgetAfter, Token);
        var second = await store.AddFailureAsync(subject, At.AddMinutes(10), ForgetAfter, Token);
        var third = await store.AddFailureAsync(subject, At.AddMinutes(20), ForgetAfter, Token);

        Assert.Equal(new VerificationAttempts(1, At), first);
        Assert.Equal(new VerificationAttempts(2, At.AddMinutes(10)), second);
        Assert.Equal(new VerificationAttempts(3, At.AddMinutes(20)), third);
        Assert.Equal(third, await store.GetAsync(subject, Token));
    }

    /// <summary>A failure the forget time or more after the last one starts the count again.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task AddFailureAsync_AfterForgetTime_StartsAgainAtOne()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var subject = NewSubject();
        await store.AddFailureAsync(subject, At, ForgetAfter, Token);
        await store.AddFailureAsync(subject, At.AddMinutes(1), ForgetAfter, Token);

        var later = await store.AddFailureAsync(subject, At.AddMinutes(1) + ForgetAfter, ForgetAfter, Token);

        Assert.Equal(new VerificationAttempts(1, At.AddMinutes(1) + ForgetAfter), later);
    }

    /// <summary>A reset forgets the failures of that subject only.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task ResetAsync_OneSubject_ForgetsOnlyIt()
    {
        var store = await Factory.CreateStoreAsync(Token);
        var reset = NewSubject();
        var kept = NewSubject();
        await store.AddFailureAsync(reset, At, ForgetAfter, Token);
        await store.AddFailureAsync(kept, At, ForgetAfter, Token);

        await store.ResetAsync(reset, Token);

        Assert.Equal(VerificationAttempts.None, await store.GetAsync(reset, Token));
        Assert.Equal(new VerificationAttempts(1, At), await store.GetAsync(kept, Token));
        Assert.Equal(2, (await store.AddFailureAsync(kept, At.AddSeconds(1), ForgetAfter, Token)).Failures);
    }

    /// <summary>Failures recorded at once through several stores sharing the backend all count.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task AddFailureAsync_ConcurrentFromTwoStores_NoneIsLost()
    {
        var first = await Factory.CreateStoreAsync(Token);
        var second = await Factory.CreateStoreAsync(Token);
        var subject = NewSubject();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? first : second).AddFailureAsync(subject, At.AddMilliseconds(i), ForgetAfter, Token).AsTask()));

        Assert.Equal(40, (await second.GetAsync(subject, Token)).Failures);
        Assert.Equal(Enumerable.Range(1, 40), results.Select(r => r.Failures).Order());
    }

    /// <summary>A blank subject and a forget time of zero are refused.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Fact]
    public async Task Arguments_Invalid_Throw()
    {
        var store = await Factory.CreateStoreAsync(Token);

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.GetAsync(" ", Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.AddFailureAsync(" ", At, ForgetAfter, Token));
        await Assert.ThrowsAnyAsync<ArgumentOutOfRangeException>(async () => await store.AddFailureAsync(NewSubject(), At, TimeSpan.Zero, Token));
    }

    private static string NewSubject() => "CONFORMANCE-" + Guid.NewGuid().ToString("N").ToUpperInvariant();
}
