using System.Diagnostics.Metrics;

namespace HotelAgent.Channels.Email;

/// <summary>
/// The instruments of the email channel, created once from <see cref="IMeterFactory"/>.
/// </summary>
internal sealed class EmailMetrics
{
    public const string MeterName = "HotelAgent.Channels.Email";

    public EmailMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        MessagesReceived = meter.CreateCounter<long>("hotel_agent.email.messages.received", "{message}", "Guest mails taken in from the mailbox.");
        Duplicates = meter.CreateCounter<long>("hotel_agent.email.messages.duplicates", "{message}", "Mails dropped because they were taken in before.");
        Skipped = meter.CreateCounter<long>("hotel_agent.email.messages.skipped", "{message}", "Mails not answered (auto-replies, bounces, empty), per reason.");
        PollFailures = meter.CreateCounter<long>("hotel_agent.email.poll.failures", "{poll}", "IMAP polls that failed and led to a reconnection.");
        MessagesSent = meter.CreateCounter<long>("hotel_agent.email.messages.sent", "{message}", "Replies sent over SMTP.");
        MessagesFailed = meter.CreateCounter<long>("hotel_agent.email.messages.failed", "{message}", "Replies not delivered after every SMTP attempt.");
        DeadLettered = meter.CreateCounter<long>("hotel_agent.email.messages.dead_lettered", "{message}", "Replies kept as dead letters after every SMTP attempt failed.");
        Replayed = meter.CreateCounter<long>("hotel_agent.email.messages.replayed", "{message}", "Dead-lettered replies sent on a later try.");
        SendDuration = meter.CreateHistogram<double>("hotel_agent.email.send.duration", "s", "Duration of SMTP sends, retries included.");
    }

    public Counter<long> MessagesReceived { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> Skipped { get; }

    public Counter<long> PollFailures { get; }

    public Counter<long> MessagesSent { get; }

    public Counter<long> MessagesFailed { get; }

    public Counter<long> DeadLettered { get; }

    public Counter<long> Replayed { get; }

    public Histogram<double> SendDuration { get; }
}

/// <summary>
/// The tag names of the email channel's instruments.
/// </summary>
internal static class EmailTags
{
    public const string Reason = "hotel_agent.email.reason";

    /// <summary>The mailbox a measurement is of: <c>default</c>, or the name of a named mailbox.</summary>
    public const string Mailbox = "hotel_agent.email.mailbox";
}
