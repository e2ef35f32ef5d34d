namespace HotelAgent.Testing;

/// <summary>
/// Creates the stores a shared-state conformance suite (<see cref="ConversationStatisticsStoreConformanceTests{TFactory}"/>,
/// <see cref="VerificationAttemptStoreConformanceTests{TFactory}"/>, <see cref="ConversationWindowStoreConformanceTests{TFactory}"/>,
/// <see cref="ConversationThreadStoreConformanceTests{TFactory}"/>, <see cref="ChannelDeadLetterStoreConformanceTests{TFactory}"/>,
/// <see cref="ConversationHistoryStoreConformanceTests{TFactory}"/>)
/// runs against.
/// </summary>
/// <typeparam name="TStore">The store abstraction.</typeparam>
/// <remarks>
/// A suite receives one factory per test class (as an xunit class fixture); its tests use fresh ids, channels and
/// times, so the backend may be shared by the tests of the class. Implement <see cref="IAsyncDisposable"/> or
/// <see cref="IDisposable"/> to release servers when the class is done.
/// </remarks>
public interface IStoreFactory<TStore>
    where TStore : class
{
    /// <summary>
    /// Creates a store over this factory's backend. Every store a factory creates sees the same data, as two hosts
    /// sharing one backend do; a backend kept in one process may return the same instance.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The store.</returns>
    Task<TStore> CreateStoreAsync(CancellationToken cancellationToken = default);
}
