using System.Threading.RateLimiting;

namespace HotelAgent.Channels.Email;

/// <summary>
/// At most <see cref="EmailOptions.MaxRepliesPerCorrespondent"/> replies to one address per
/// <see cref="EmailOptions.ReplyRateWindow"/> (a sliding window): the last guard against a loop with an auto-responder
/// that marks its mail with none of the usual headers.
/// </summary>
internal sealed class ReplyRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ReplyRateLimiter(EmailMailbox mailbox)
    {
        var settings = mailbox.Options;
        _limiter = PartitionedRateLimiter.Create<string, string>(
            address => RateLimitPartition.GetSlidingWindowLimiter(address.ToLowerInvariant(), _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = settings.MaxRepliesPerCorrespondent,
                Window = settings.ReplyRateWindow,
                SegmentsPerWindow = 6,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Takes one reply of <paramref name="address"/>'s allowance; <see langword="false"/> when it is used up.</summary>
    public bool TryAcquire(string address)
    {
        using var lease = _limiter.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
