using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>One named property's failed ownership checks, kept in the host's store under subjects prefixed by the property.</summary>
internal sealed class PropertyVerificationAttemptStore(IVerificationAttemptStore inner, string property) : IVerificationAttemptStore
{
    private readonly string _prefix = property + HotelPropertyDirectory.ScopeSeparator;

    public ValueTask<VerificationAttempts> GetAsync(string subject, CancellationToken cancellationToken = default) =>
        inner.GetAsync(_prefix + subject, cancellationToken);

    public ValueTask<VerificationAttempts> AddFailureAsync(string subject, DateTimeOffset at, TimeSpan forgetAfter, CancellationToken cancellationToken = default) =>
        inner.AddFailureAsync(_prefix + subject, at, forgetAfter, cancellationToken);

    public ValueTask ResetAsync(string subject, CancellationToken cancellationToken = default) =>
        inner.ResetAsync(_prefix + subject, cancellationToken);
}
