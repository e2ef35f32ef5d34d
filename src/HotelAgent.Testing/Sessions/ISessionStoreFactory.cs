using HotelAgent.Abstractions;

namespace HotelAgent.Testing;

/// <summary>
/// Creates the stores a <see cref="SessionStoreConformanceTests{TFactory}"/> suite runs against, and makes time pass
/// for them.
/// </summary>
/// <remarks>
/// The suite receives one factory per test class (as an xunit class fixture) and uses a fresh conversation id in every
/// test, so the backend may be shared by the tests of the class. Implement <see cref="IAsyncDisposable"/> or
/// <see cref="IDisposable"/> to release servers when the class is done.
/// </remarks>
public interface ISessionStoreFactory
{
    /// <summary>
    /// Creates a store over this factory's backend. Every store a factory creates sees the same sessions, as two hosts
    /// sharing one backend do; a backend kept in one process may return the same instance.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The store.</returns>
    Task<ISessionStore> CreateStoreAsync(CancellationToken cancellationToken = default);

    /// <summary>Lets <paramref name="duration"/> pass for the stores' time to live: advance a fake clock, or wait.</summary>
    /// <param name="duration">How much time passes.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the time has passed.</returns>
    Task LetTimePassAsync(TimeSpan duration, CancellationToken cancellationToken = default);
}
