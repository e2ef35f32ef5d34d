namespace HotelAgent.Abstractions;

/// <summary>
/// Counts failed ownership checks per subject (a booking code), for every conversation and every host, so a guess of
/// the email behind a code cannot go on by rotating conversations or hosts.
/// </summary>
/// <remarks>
/// Implementations must be safe for concurrent use and atomic: of many concurrent failures none is lost. Subjects are
/// compared as given (callers normalise them).
/// </remarks>
public interface IVerificationAttemptStore
{
    /// <summary>Reads the failures of a subject.</summary>
    /// <param name="subject">The subject, for example a booking code.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The failures recorded, or <see cref="VerificationAttempts.None"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="subject"/> is <see langword="null"/> or white space.</exception>
    ValueTask<VerificationAttempts> GetAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a failure at <paramref name="at"/>. When the last failure recorded is <paramref name="forgetAfter"/> or
    /// more before <paramref name="at"/>, the count starts again at one.
    /// </summary>
    /// <param name="subject">The subject.</param>
    /// <param name="at">When the check failed.</param>
    /// <param name="forgetAfter">How long a failure counts; the store may drop the subject after that.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The failures with this one.</returns>
    /// <exception cref="ArgumentException"><paramref name="subject"/> is <see langword="null"/> or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="forgetAfter"/> is zero or negative.</exception>
    ValueTask<VerificationAttempts> AddFailureAsync(string subject, DateTimeOffset at, TimeSpan forgetAfter, CancellationToken cancellationToken = default);

    /// <summary>Forgets the failures of a subject (after a successful check).</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when they are forgotten.</returns>
    /// <exception cref="ArgumentException"><paramref name="subject"/> is <see langword="null"/> or white space.</exception>
    ValueTask ResetAsync(string subject, CancellationToken cancellationToken = default);
}

/// <summary>The failed checks of one subject.</summary>
/// <param name="Failures">How many checks failed in a row (each within the forget time of the one before).</param>
/// <param name="LastFailureAt">When the last one failed, or <see langword="null"/> without failures.</param>
public readonly record struct VerificationAttempts(int Failures, DateTimeOffset? LastFailureAt)
{
    /// <summary>Gets the value of a subject without failures.</summary>
    public static VerificationAttempts None => default;
}
