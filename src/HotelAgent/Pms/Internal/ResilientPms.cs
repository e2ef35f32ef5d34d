using HotelAgent.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace HotelAgent;

/// <summary>
/// The PMS as the conversation sees it: every call under a timeout and one circuit breaker shared by reads and writes;
/// reads are also retried. Timeouts, an open circuit and PMS failures all surface as <see cref="PmsUnavailableException"/>,
/// which the dialogue turns into a degraded reply. The hotel's details and room types fall back to the last ones read.
/// </summary>
internal sealed class ResilientPms : IPmsAdapter, IPmsBookingRequirementsProvider, IPmsRoomPhotoProvider
{
    private readonly IPmsAdapter _inner;
    private readonly ResiliencePipeline _reads;
    private readonly ResiliencePipeline _writes;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly ResiliencePipeline _photos;

    // The hotel's details and room types change rarely: while the PMS is down the conversation goes on with the last
    // ones it gave, so guests still get answers and confirmations are kept for staff instead of failing early.
    private volatile HotelInfo? _hotel;
    private volatile IReadOnlyList<RoomType>? _roomTypes;

    public ResilientPms(IPmsAdapter inner, IOptions<HotelAgentOptions> options, TimeProvider timeProvider, HotelAgentMetrics metrics)
    {
        _inner = inner;
        var settings = options.Value.PmsResilience;
        var failures = new PredicateBuilder().Handle<PmsUnavailableException>().Handle<TimeoutRejectedException>().Handle<HttpRequestException>();

        // Only what may pass is retried: a refused key or a request the PMS rejects (IsTransient = false) fails the same way again.
        var transient = new PredicateBuilder().Handle<PmsUnavailableException>(ex => ex.IsTransient).Handle<TimeoutRejectedException>().Handle<HttpRequestException>();
        var breaker = new CircuitBreakerStrategyOptions
        {
            ShouldHandle = failures,
            FailureRatio = settings.FailureRatio,
            MinimumThroughput = settings.MinimumThroughput,
            SamplingDuration = settings.SamplingDuration,
            BreakDuration = settings.BreakDuration,
            StateProvider = _circuit,
        };
        var timeout = new TimeoutStrategyOptions { Timeout = settings.Timeout };

        // One breaker for reads and writes: a PMS failing on reads is not called for writes either.
        _writes = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = "hotel-agent-pms" }
            .AddCircuitBreaker(breaker)
            .AddTimeout(timeout)
            .Build();
        // A photo only adorns a reply: under the timeout, but neither retried nor counted by the breaker.
        _photos = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = "hotel-agent-pms-photos" }
            .AddTimeout(timeout)
            .Build();
        // Reads: the retries around the writes' breaker and timeout, as one pipeline (each attempt passes the breaker).
        _reads = settings.ReadRetries == 0
            ? _writes
            : new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = "hotel-agent-pms-read-retry" }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = transient,
                    MaxRetryAttempts = settings.ReadRetries,
                    Delay = settings.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                })
                .AddPipeline(_writes)
                .Build();
        metrics.ObserveCircuit(() => (int)_circuit.CircuitState);
    }

    /// <summary>Gets the state of the circuit (closed, open, half-open).</summary>
    public CircuitState CircuitState => _circuit.CircuitState;

    public async Task<HotelInfo> GetHotelInfoAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return _hotel = await ReadAsync(ct => _inner.GetHotelInfoAsync(ct), cancellationToken).ConfigureAwait(false);
        }
        catch (PmsUnavailableException) when (_hotel is { } lastKnown)
        {
            return lastKnown;
        }
    }

    public async Task<IReadOnlyList<RoomType>> GetRoomTypesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return _roomTypes = await ReadAsync(ct => _inner.GetRoomTypesAsync(ct), cancellationToken).ConfigureAwait(false);
        }
        catch (PmsUnavailableException) when (_roomTypes is { } lastKnown)
        {
            return lastKnown;
        }
    }

    /// <summary>Gets what the PMS needs in a booking; nothing beyond name and email when the adapter does not say.</summary>
    public async ValueTask<PmsBookingRequirements> GetBookingRequirementsAsync(CancellationToken cancellationToken = default) =>
        _inner is IPmsBookingRequirementsProvider provider
            ? await ReadAsync(ct => provider.GetBookingRequirementsAsync(ct).AsTask(), cancellationToken).ConfigureAwait(false)
            : new PmsBookingRequirements();

    /// <summary>Gets a room type's photo from an adapter that gives photos as bytes; <see langword="null"/> from any other.</summary>
    public async ValueTask<RoomPhoto?> GetRoomPhotoAsync(string roomTypeCode, CancellationToken cancellationToken = default) =>
        _inner is IPmsRoomPhotoProvider provider
            ? await RunAsync(_photos, ct => provider.GetRoomPhotoAsync(roomTypeCode, ct).AsTask(), cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>Gets a value indicating whether the adapter gives room photos as bytes.</summary>
    public bool ProvidesRoomPhotos => _inner is IPmsRoomPhotoProvider;

    public Task<AvailabilityResult> GetAvailabilityAsync(StayRequest request, CancellationToken cancellationToken = default) =>
        ReadAsync(ct => _inner.GetAvailabilityAsync(request, ct), cancellationToken);

    public BookingCodeFormat BookingCodeFormat => _inner.BookingCodeFormat;

    public Task<Reservation?> GetReservationAsync(string code, CancellationToken cancellationToken = default) =>
        ReadAsync(ct => _inner.GetReservationAsync(code, ct), cancellationToken);

    public Task<IReadOnlyList<Reservation>> ListReservationsAsync(ReservationQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync(ct => _inner.ListReservationsAsync(query, ct), cancellationToken);

    public async Task<ReservationResult> CreateReservationAsync(CreateReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var result = await WriteAsync(ct => _inner.CreateReservationAsync(request, idempotencyKey, ct), cancellationToken).ConfigureAwait(false);
        ReservationWrites.Record(result, modified: false);
        return result;
    }

    public async Task<ReservationResult> ModifyReservationAsync(ModifyReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var result = await WriteAsync(ct => _inner.ModifyReservationAsync(request, idempotencyKey, ct), cancellationToken).ConfigureAwait(false);
        ReservationWrites.Record(result, modified: true);
        return result;
    }

    public Task<ReservationResult> CancelReservationAsync(string code, string idempotencyKey, CancellationToken cancellationToken = default) =>
        WriteAsync(ct => _inner.CancelReservationAsync(code, idempotencyKey, ct), cancellationToken);

    private Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) => RunAsync(_reads, call, cancellationToken);

    private Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) => RunAsync(_writes, call, cancellationToken);

    private static async Task<T> RunAsync<T>(ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            // The pipeline catches what the call throws before returning a task as it does a faulted task.
            return await pipeline.ExecuteAsync(static (call, ct) => new ValueTask<T>(call(ct)), call, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw new PmsUnavailableException("The PMS circuit is open after repeated failures; calls resume after the break.", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new PmsUnavailableException("The PMS did not answer in time.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PmsUnavailableException("The PMS could not be reached.", ex);
        }
    }
}
