using System.ComponentModel.DataAnnotations;

namespace HotelAgent;

/// <summary>
/// How the agent calls the PMS during a conversation: a timeout on every call, retries with jitter for reads only
/// (writes are never retried blindly; the guest's next "yes" repeats them with the same idempotency key), and a
/// circuit breaker that stops calling a failing PMS for a while. While the circuit is open the guest gets a degraded
/// reply and confirmed requests are handed to staff.
/// </summary>
public class PmsResilienceOptions
{
    /// <summary>Gets or sets the timeout of one PMS call.</summary>
    /// <value>The default value is 15 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets how many times a read (hotel, room types, availability, reservation look-up) is retried after a transient failure (not after a <see cref="HotelAgent.Abstractions.PmsUnavailableException"/> whose <c>IsTransient</c> is <see langword="false"/>).</summary>
    /// <value>The default value is 2.</value>
    [Range(0, 10)]
    public int ReadRetries { get; set; } = 2;

    /// <summary>Gets or sets the first delay between read retries; it grows exponentially, with jitter.</summary>
    /// <value>The default value is 200 milliseconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the share of failed calls within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    /// <value>The default value is 0.5.</value>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets how many calls must be made within <see cref="SamplingDuration"/> before the circuit can open.</summary>
    /// <value>The default value is 5.</value>
    [Range(2, 1000)]
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>Gets or sets the window over which failures are counted.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the circuit stays open before a trial call.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
