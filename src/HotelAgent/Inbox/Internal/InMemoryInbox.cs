using System.Threading.Channels;
using HotelAgent.Abstractions;
using Microsoft.Extensions.Options;

namespace HotelAgent;

/// <summary>
/// A bounded in-process inbox: durable only as long as the process lives. Failed messages come back after a doubling
/// delay; after the last attempt they become dead letters. Use a durable inbox (Redis) when a lost process must not
/// lose acknowledged messages.
/// </summary>
internal sealed class InMemoryInbox : IInbox
{
    private readonly Channel<InboxDelivery> _queue;
    private readonly TimeProvider _timeProvider;
    private readonly HotelAgentOptions _options;
    private readonly Lock _gate = new();
    private readonly List<DeadLetter> _deadLetters = [];

    // Delivery ids: a random prefix per inbox and a counter (a new Guid per message asks the OS for random bytes).
    private readonly string _idPrefix = Guid.NewGuid().ToString("N")[..12] + "-";
    private long _lastId;
    private int _retrying;

    public InMemoryInbox(IOptions<HotelAgentOptions> options, TimeProvider timeProvider, HotelAgentMetrics? metrics = null)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _queue = Channel.CreateBounded<InboxDelivery>(new BoundedChannelOptions(_options.InboxCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        metrics?.ObserveInbox(() => Pending + Volatile.Read(ref _retrying), () => DeadLetterCount);
    }

    public int Pending => _queue.Reader.Count;

    private int DeadLetterCount
    {
        get
        {
            lock (_gate)
            {
                return _deadLetters.Count;
            }
        }
    }

    public ValueTask EnqueueAsync(InboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = _idPrefix + Interlocked.Increment(ref _lastId).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        return _queue.Writer.WriteAsync(new InboxDelivery(id, message, 1), cancellationToken);
    }

    public ValueTask<InboxDelivery> ReceiveAsync(CancellationToken cancellationToken = default) => _queue.Reader.ReadAsync(cancellationToken);

    public ValueTask CompleteAsync(InboxDelivery delivery, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask FailAsync(InboxDelivery delivery, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.Attempt >= _options.InboxMaxAttempts)
        {
            lock (_gate)
            {
                _deadLetters.Add(new DeadLetter(delivery.DeliveryId, delivery.Message, reason, delivery.Attempt, _timeProvider.GetUtcNow()));
            }

            return ValueTask.CompletedTask;
        }

        var delay = _options.InboxRetryDelay * Math.Pow(2, delivery.Attempt - 1);
        var retry = delivery with { Attempt = delivery.Attempt + 1 };
        Interlocked.Increment(ref _retrying);
        _ = RequeueAfterAsync(retry, delay);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<DeadLetter>>(_deadLetters.Take(take).ToArray());
        }
    }

    public async ValueTask<bool> ReplayAsync(string deadLetterId, CancellationToken cancellationToken = default)
    {
        DeadLetter? letter;
        lock (_gate)
        {
            letter = _deadLetters.Find(d => d.Id == deadLetterId);
            if (letter is not null)
            {
                _deadLetters.Remove(letter);
            }
        }

        if (letter is null)
        {
            return false;
        }

        await _queue.Writer.WriteAsync(new InboxDelivery(letter.Id, letter.Message, 1), cancellationToken).ConfigureAwait(false);
        return true;
    }

    public ValueTask<bool> DiscardAsync(string deadLetterId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deadLetterId);
        lock (_gate)
        {
            return ValueTask.FromResult(_deadLetters.RemoveAll(d => d.Id == deadLetterId) > 0);
        }
    }

    private async Task RequeueAfterAsync(InboxDelivery delivery, TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _timeProvider).ConfigureAwait(false);
        }

        // Counted as retrying until the queue holds it (then Pending counts it), never in both at once.
        Interlocked.Decrement(ref _retrying);
        if (!_queue.Writer.TryWrite(delivery))
        {
            Interlocked.Increment(ref _retrying);
            try
            {
                await _queue.Writer.WriteAsync(delivery).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _retrying);
            }
        }
    }
}
