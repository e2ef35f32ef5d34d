namespace HotelAgent.Abstractions;

/// <summary>
/// A point on the map, optionally with a name and address.
/// </summary>
/// <param name="Latitude">The latitude in degrees.</param>
/// <param name="Longitude">The longitude in degrees.</param>
/// <param name="Name">The name of the place, if any.</param>
/// <param name="Address">The address of the place, if any.</param>
public sealed record GeoLocation(double Latitude, double Longitude, string? Name = null, string? Address = null);
