using System.ComponentModel.DataAnnotations;

namespace HotelAgent;

/// <summary>
/// Limits the checks of a booking's ownership (its code plus the email it was made with), bound from
/// <c>HotelAgent:Verification</c>. Failures are counted per booking code across every conversation and, with a shared
/// store (Redis), every host: after <see cref="MaxFailedAttempts"/> failures, each within <see cref="CoolDown"/> of the
/// one before, the code cannot be checked until <see cref="CoolDown"/> has passed since the last failure.
/// </summary>
public class BookingVerificationOptions
{
    /// <summary>Gets or sets how many failed checks of one booking code in a row lock its look-ups.</summary>
    /// <value>The default value is 5.</value>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = BookingVerificationDefaults.MaxFailedAttempts;

    /// <summary>Gets or sets how long a failure counts, and how long a locked code stays locked after its last failure.</summary>
    /// <value>The default value is 15 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan CoolDown { get; set; } = BookingVerificationDefaults.CoolDown;
}

/// <summary>The default values of <see cref="BookingVerificationOptions"/>.</summary>
internal static class BookingVerificationDefaults
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan CoolDown = TimeSpan.FromMinutes(15);
}
