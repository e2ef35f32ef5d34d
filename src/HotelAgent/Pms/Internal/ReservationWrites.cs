using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// The reservations one turn created or changed, as the PMS returned them: <see cref="ResilientPms"/> records every
/// successful write in the collector of the turn running on the current asynchronous flow, so the reply layer can add
/// a confirmation card without the dialogue having to hand the reservation over.
/// </summary>
internal sealed class ReservationWrites : IDisposable
{
    private static readonly AsyncLocal<ReservationWrites?> CurrentWrites = new();

    private readonly ReservationWrites? _previous;
    private readonly List<(Reservation Reservation, bool Modified)> _written = [];

    private ReservationWrites()
    {
        _previous = CurrentWrites.Value;
        CurrentWrites.Value = this;
    }

    /// <summary>Gets the reservations written so far, in order, each with whether it was a change of an existing one.</summary>
    public IReadOnlyList<(Reservation Reservation, bool Modified)> Written
    {
        get
        {
            lock (_written)
            {
                return [.. _written];
            }
        }
    }

    /// <summary>Starts collecting the writes of the current asynchronous flow; dispose to stop.</summary>
    public static ReservationWrites Track() => new();

    /// <summary>Records a successful write, when a turn is collecting them.</summary>
    public static void Record(ReservationResult result, bool modified)
    {
        if (result is { Succeeded: true, Reservation: { } reservation } && CurrentWrites.Value is { } writes)
        {
            lock (writes._written)
            {
                writes._written.Add((reservation, modified));
            }
        }
    }

    public void Dispose() => CurrentWrites.Value = _previous;
}
