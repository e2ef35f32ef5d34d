using System.Diagnostics.Metrics;

namespace HotelAgent.Channels.WhatsApp;

/// <summary>
/// The instruments of the WhatsApp channel, created once from <see cref="IMeterFactory"/>.
/// </summary>
internal sealed class WhatsAppMetrics
{
    public const string MeterName = "HotelAgent.Channels.WhatsApp";

    public WhatsAppMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        MessagesReceived = meter.CreateCounter<long>("hotel_agent.whatsapp.messages.received", "{message}", "Guest messages taken in from the webhook, per type.");
        Duplicates = meter.CreateCounter<long>("hotel_agent.whatsapp.messages.duplicates", "{message}", "Redelivered guest messages dropped.");
        WebhooksRejected = meter.CreateCounter<long>("hotel_agent.whatsapp.webhooks.rejected", "{request}", "Webhook requests refused, per reason.");
        MessagesSkipped = meter.CreateCounter<long>("hotel_agent.whatsapp.messages.malformed", "{message}", "Malformed messages skipped in an otherwise valid webhook delivery (the others are taken in).");
        MessagesSent = meter.CreateCounter<long>("hotel_agent.whatsapp.messages.sent", "{message}", "Messages sent through the Graph API, per kind.");
        MessagesFailed = meter.CreateCounter<long>("hotel_agent.whatsapp.messages.failed", "{message}", "Replies not delivered, per Graph API error code.");
        DeliveryFailures = meter.CreateCounter<long>("hotel_agent.whatsapp.statuses.failed", "{message}", "Messages Meta reported failed in a status webhook, per error code.");
        SendDuration = meter.CreateHistogram<double>("hotel_agent.whatsapp.send.duration", "s", "Duration of Graph API message calls, retries included.");
    }

    public Counter<long> MessagesReceived { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> WebhooksRejected { get; }

    public Counter<long> MessagesSkipped { get; }

    public Counter<long> MessagesSent { get; }

    public Counter<long> MessagesFailed { get; }

    public Counter<long> DeliveryFailures { get; }

    public Histogram<double> SendDuration { get; }
}

/// <summary>
/// The tag names of the WhatsApp channel's instruments.
/// </summary>
internal static class WhatsAppTags
{
    public const string PhoneNumberId = "hotel_agent.whatsapp.phone_number_id";
    public const string MessageType = "hotel_agent.whatsapp.message_type";
    public const string Kind = "hotel_agent.whatsapp.kind";
    public const string ErrorCode = "hotel_agent.whatsapp.error_code";
    public const string Reason = "hotel_agent.whatsapp.reason";
}
