using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Polly.CircuitBreaker;

namespace HotelAgent.Tests.Chaos;

/// <summary>
/// Faults of the PMS during conversations: down for a while then back, slower than the timeout. Each checks that
/// nothing is lost, nothing is booked twice, and the agent recovers.
/// </summary>
public sealed class PmsChaosTests
{
    private const string Booking = "Quiero reservar una doble del 10 al 12 de diciembre para 2 personas";

    private static TestHost NewHost(ChaosPms chaos, int minimumThroughput = 2) => new(services =>
    {
        services.Configure<HotelAgentOptions>(o =>
        {
            o.PmsResilience.RetryDelay = TimeSpan.Zero;
            o.PmsResilience.MinimumThroughput = minimumThroughput;
            o.PmsResilience.FailureRatio = 0.5;
            o.PmsResilience.BreakDuration = TimeSpan.FromSeconds(30);
            o.PmsResilience.Timeout = TimeSpan.FromSeconds(15);
        });
        services.AddSingleton<IPmsAdapter>(sp =>
        {
            chaos.Inner = sp.GetRequiredService<DemoPmsAdapter>();
            return chaos;
        });
    });

    [Fact]
    public async Task PmsDownThenBack_CircuitOpensGuestsGetDegradedRepliesAndTheBookingHappensOnceAfterRecovery()
    {
        var chaos = new ChaosPms();
        await using var host = NewHost(chaos);
        using var circuit = new MetricCollector<int>(host.Provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), HotelAgentMetrics.MeterName, "hotel_agent.pms.circuit.state");
        await host.SayAsync("c1", Booking);
        await host.SayAsync("c1", "Me llamo Ana García y mi correo es ana@example.com");

        chaos.Down = true;
        var first = await host.SayAsync("c1", "sí");
        var second = await host.SayAsync("c1", "sí");
        var third = await host.SayAsync("c1", "sí");

        foreach (var degraded in new[] { first, second, third })
        {
            degraded.State.Should().Be(DialogueStates.AwaitingConfirmation, "the confirmation is kept, not dropped");
            degraded.Replies.Single().Text.Should().Contain("No se pierde nada");
        }

        host.Provider.GetRequiredService<ResilientPms>().CircuitState.Should().Be(CircuitState.Open);
        circuit.RecordObservableInstruments();
        circuit.LastMeasurement!.Value.Should().Be((int)CircuitState.Open);
        var callsWhileOpen = chaos.Calls;
        (await host.SayAsync("c2", "Quiero reservar una suite del 1 al 3 de diciembre para 2 personas")).Replies.Single().Text.Should().Contain("sistema de reservas");
        chaos.Calls.Should().Be(callsWhileOpen, "an open circuit does not call the PMS");
        (await host.Provider.GetRequiredService<IHandoffDesk>().ListAsync()).Should().ContainSingle(t => t.Reason == HandoffReason.PmsUnavailable);

        chaos.Down = false;
        host.Clock.Advance(TimeSpan.FromSeconds(31));
        var recovered = await host.SayAsync("c1", "sí");

        recovered.State.Should().Be(DialogueStates.Booked);
        (await chaos.Inner.ListReservationsAsync(new ReservationQuery())).Should().ContainSingle("the repeated yeses share one idempotency key");
        host.Provider.GetRequiredService<ResilientPms>().CircuitState.Should().Be(CircuitState.Closed);
    }

    [Fact]
    public async Task PmsSlowerThanTheTimeout_GuestGetsADegradedReplyAndTheLateAnswerBooksNothingTwice()
    {
        var chaos = new ChaosPms();
        await using var host = NewHost(chaos);
        await host.SayAsync("c1", Booking);
        await host.SayAsync("c1", "Me llamo Ana García y mi correo es ana@example.com");

        chaos.Hang = true;
        var pending = host.SayAsync("c1", "sí");
        await chaos.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        host.Clock.Advance(TimeSpan.FromSeconds(16));
        var degraded = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        degraded.State.Should().Be(DialogueStates.AwaitingConfirmation);
        degraded.Replies.Single().Text.Should().Contain("No se pierde nada");
        (await chaos.Inner.ListReservationsAsync(new ReservationQuery())).Should().BeEmpty("the timed-out call was cancelled");

        chaos.Hang = false;
        var booked = await host.SayAsync("c1", "sí");
        booked.State.Should().Be(DialogueStates.Booked);
        (await chaos.Inner.ListReservationsAsync(new ReservationQuery())).Should().ContainSingle();
    }

    [Fact]
    public async Task PmsFlakyOnReads_RetriesHideTheFault()
    {
        var chaos = new ChaosPms { FailNextReads = 2 };
        await using var host = NewHost(chaos, minimumThroughput: 10);

        var quote = await host.SayAsync("c1", Booking);

        quote.State.Should().Be(DialogueStates.AwaitingGuestName);
        string.Join(" ", quote.Replies.Select(r => r.Text)).Should().Contain("240,00 €");
    }

    [Fact]
    public async Task PmsRefusesAReadAsNotTransient_IsNotRetried()
    {
        // Issue 15: a refused key or a request the PMS rejects (IsTransient = false) fails the same way every time.
        var chaos = new ChaosPms { RefuseAvailability = true };
        await using var host = NewHost(chaos, minimumThroughput: 10);

        var reply = await host.SayAsync("c1", Booking);

        reply.Replies.Single().Text.Should().Contain("sistema de reservas");
        chaos.AvailabilityCalls.Should().Be(1);
    }

    /// <summary>A PMS that can be down, hang until cancelled, or fail a few reads.</summary>
    private sealed class ChaosPms : IPmsAdapter
    {
        private int _calls;
        private int _failNextReads;
        private int _availabilityCalls;

        public IPmsAdapter Inner { get; set; } = null!;

        public bool Down { get; set; }

        public bool Hang { get; set; }

        public int FailNextReads { get => _failNextReads; set => _failNextReads = value; }

        public int Calls => Volatile.Read(ref _calls);

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<HotelInfo> GetHotelInfoAsync(CancellationToken cancellationToken = default) => ReadAsync(() => Inner.GetHotelInfoAsync(cancellationToken));

        public Task<IReadOnlyList<RoomType>> GetRoomTypesAsync(CancellationToken cancellationToken = default) => Inner.GetRoomTypesAsync(cancellationToken);

        public bool RefuseAvailability { get; set; }

        public int AvailabilityCalls => Volatile.Read(ref _availabilityCalls);

        public Task<AvailabilityResult> GetAvailabilityAsync(StayRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _availabilityCalls);
            return RefuseAvailability
                ? throw new PmsUnavailableException("PMS refused the key (chaos).") { IsTransient = false }
                : ReadAsync(() => Inner.GetAvailabilityAsync(request, cancellationToken));
        }

        public Task<Reservation?> GetReservationAsync(string code, CancellationToken cancellationToken = default) => ReadAsync(() => Inner.GetReservationAsync(code, cancellationToken));

        public Task<IReadOnlyList<Reservation>> ListReservationsAsync(ReservationQuery query, CancellationToken cancellationToken = default) => Inner.ListReservationsAsync(query, cancellationToken);

        public async Task<ReservationResult> CreateReservationAsync(CreateReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            if (Down)
            {
                throw new PmsUnavailableException("PMS down (chaos).");
            }

            if (Hang)
            {
                Entered.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return await Inner.CreateReservationAsync(request, idempotencyKey, cancellationToken);
        }

        public Task<ReservationResult> ModifyReservationAsync(ModifyReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default) => Inner.ModifyReservationAsync(request, idempotencyKey, cancellationToken);

        public Task<ReservationResult> CancelReservationAsync(string code, string idempotencyKey, CancellationToken cancellationToken = default) => Inner.CancelReservationAsync(code, idempotencyKey, cancellationToken);

        private Task<T> ReadAsync<T>(Func<Task<T>> call)
        {
            Interlocked.Increment(ref _calls);
            if (Down)
            {
                throw new PmsUnavailableException("PMS down (chaos).");
            }

            if (Interlocked.Decrement(ref _failNextReads) >= 0)
            {
                throw new PmsUnavailableException("PMS hiccup (chaos).");
            }

            return call();
        }
    }
}
