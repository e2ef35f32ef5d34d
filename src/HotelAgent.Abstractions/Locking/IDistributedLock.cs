namespace HotelAgent.Abstractions;

/// <summary>
/// A lock shared by every host of the agent (for example through Redis), so that writes that must not race, such as two
/// hosts booking the last room of a type, run one at a time across hosts.
/// </summary>
/// <remarks>
/// <para>A lock is a lease: it ends when the holder disposes it or when <c>lease</c> has passed, whichever comes first,
/// so a host that dies while holding it blocks the others for at most the lease.</para>
/// <para>Implementations must be safe for concurrent use.</para>
/// </remarks>
public interface IDistributedLock
{
    /// <summary>Waits for the lock on <paramref name="resource"/>, at most <paramref name="wait"/>.</summary>
    /// <param name="resource">What is locked (a PMS, hotel and room type, say); the implementation adds its own prefix.</param>
    /// <param name="lease">How long the lock is held at most if it is never released.</param>
    /// <param name="wait">How long to wait for a holder to release it.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The held lock, to dispose when done; <see langword="null"/> when it was not free within <paramref name="wait"/>.</returns>
    /// <exception cref="HotelAgentException">The lock store could not be reached.</exception>
    ValueTask<IAsyncDisposable?> TryAcquireAsync(string resource, TimeSpan lease, TimeSpan wait, CancellationToken cancellationToken = default);
}
