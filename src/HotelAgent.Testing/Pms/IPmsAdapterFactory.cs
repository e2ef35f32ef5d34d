using HotelAgent.Abstractions;

namespace HotelAgent.Testing;

/// <summary>
/// Creates the adapter a <see cref="PmsAdapterConformanceTests{TFactory}"/> suite runs against, and tells the suite
/// what it may book.
/// </summary>
/// <remarks>
/// The suite receives one factory per test class (as an xunit class fixture); implement <see cref="IAsyncDisposable"/>
/// or <see cref="IDisposable"/> to release servers or containers when the class is done.
/// </remarks>
public interface IPmsAdapterFactory
{
    /// <summary>Gets what the suite needs to know about the backend.</summary>
    PmsConformanceSettings Settings { get; }

    /// <summary>Creates an adapter over a fresh backend: no reservations, every room free.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The adapter.</returns>
    Task<IPmsAdapter> CreateAdapterAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// What a <see cref="PmsAdapterConformanceTests{TFactory}"/> suite needs to know about the backend under test.
/// </summary>
public sealed record PmsConformanceSettings
{
    /// <summary>Gets the canonical code of a room type the suite books; pick one with few rooms (the suite books all of them).</summary>
    public required string RoomTypeCode { get; init; }

    /// <summary>Gets today in the hotel's time zone, as the adapter's clock sees it.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>Gets the first night the suite books; it must be after <see cref="Today"/> and free on a fresh backend.</summary>
    /// <value>The default value is 20 days after <see cref="Today"/>.</value>
    public DateOnly? FirstNight { get; init; }

    /// <summary>Gets the most rooms of <see cref="RoomTypeCode"/> the suite expects; a backend with more fails the setup check.</summary>
    /// <value>The default value is 20.</value>
    public int MaxRooms { get; init; } = 20;

    /// <summary>Gets the first night the suite books, resolved.</summary>
    internal DateOnly Arrival => FirstNight ?? Today.AddDays(20);
}
