using System.Threading.Channels;
using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// Works the inbox: hands each message to the agent and sends the replies through the message's channel. Messages
/// are spread over <see cref="HotelAgentOptions.InboxWorkers"/> lanes by conversation, so one guest's messages are
/// handled in the order they arrived.
/// </summary>
/// <remarks>The agent is resolved when processing starts, after <see cref="HotelAgentStartupCheck"/> has explained any missing registration.</remarks>
internal sealed class InboxProcessor(
    IInbox inbox,
    IServiceProvider services,
    IEnumerable<IMessageChannel> channels,
    IOptions<HotelAgentOptions> options,
    ReplyOutbox outbox,
    HotelAgentMetrics metrics,
    ILogger<InboxProcessor> logger) : BackgroundService
{
    private readonly Dictionary<string, IMessageChannel> _channels = channels
        .GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    private IHotelAgent Agent => field ??= services.GetRequiredService<IHotelAgent>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ProcessInbox)
        {
            Log.InboxProcessingOff(logger);
            return;
        }

        var workers = options.Value.InboxWorkers;
        var lanes = Enumerable.Range(0, workers)
            .Select(_ => Channel.CreateBounded<InboxDelivery>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true }))
            .ToArray();
        var running = lanes.Select(lane => RunLaneAsync(lane.Reader, stoppingToken)).ToArray();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var delivery = await inbox.ReceiveAsync(stoppingToken).ConfigureAwait(false);
                var lane = lanes[(delivery.Message.ConversationId.GetHashCode(StringComparison.Ordinal) & int.MaxValue) % workers];
                await lane.Writer.WriteAsync(delivery, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var lane in lanes)
            {
                lane.Writer.TryComplete();
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    private async Task RunLaneAsync(ChannelReader<InboxDelivery> reader, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await ProcessAsync(delivery, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The inbox could not be told the outcome (its store is down): the entry stays pending and comes
                    // back (claimed or re-read); the lane goes on with the next message.
                    Log.InboxOutcomeNotRecorded(logger, delivery.Message.MessageId, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task ProcessAsync(InboxDelivery delivery, CancellationToken cancellationToken)
    {
        var message = delivery.Message;
        _channels.TryGetValue(message.ChannelName, out var channel);
        if (channel is IReadReceiptChannel receipts)
        {
            // Not awaited: the guest sees the message read (and the agent typing) while the turn runs.
            _ = MarkAsReadAsync(receipts, message, cancellationToken);
        }

        AgentResponse response;
        var scope = ReplyOutbox.Open();
        try
        {
            response = await Agent.HandleAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (ArgumentException ex)
        {
            // The message can never be answered (no text, too long): retrying would not help.
            Log.InboxMessageUnreadable(logger, message.MessageId, message.ChannelName, ex.Message);
            await inbox.CompleteAsync(delivery, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            if (ex is HotelAgentException { IsTransient: true })
            {
                // A backend outage: its store logged it once; every message it fails is not worth a warning.
                Log.InboxMessageFailedTransiently(logger, message.MessageId, delivery.Attempt, ex.Message);
            }
            else
            {
                Log.InboxMessageFailed(logger, message.MessageId, delivery.Attempt, ex);
            }

            metrics.InboxFailures.Add(1, new KeyValuePair<string, object?>(HotelAgentTags.Channel, message.ChannelName));
            await inbox.FailAsync(delivery, $"{ex.GetType().Name}: {ex.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (channel is null)
        {
            Log.NoChannelForReplies(logger, message.ChannelName, message.MessageId);
        }
        else
        {
            foreach (var reply in response.Replies)
            {
                try
                {
                    await channel.SendAsync(message.GuestId, reply, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The turn is done (and may have booked): re-running it would repeat it. The channel keeps
                    // undeliverable replies in its own dead-letter store.
                    Log.ReplyNotDelivered(logger, message.ChannelName, message.ConversationId, ex);
                    metrics.ReplyFailures.Add(1, new KeyValuePair<string, object?>(HotelAgentTags.Channel, message.ChannelName));
                }
            }
        }

        try
        {
            await outbox.MarkSentAsync(scope, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Sent: completing matters more than tidying the outbox. The entry leaves with the next turns.
            Log.OutboxNotCleared(logger, message.MessageId, ex);
        }

        await inbox.CompleteAsync(delivery, cancellationToken).ConfigureAwait(false);
    }

    private async Task MarkAsReadAsync(IReadReceiptChannel receipts, InboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await receipts.MarkAsReadAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Channels should not throw here; a receipt is never worth more than a log line.
            Log.ReadReceiptFailed(logger, message.ChannelName, message.MessageId, ex);
        }
    }
}
