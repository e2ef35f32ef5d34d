using System.ComponentModel.DataAnnotations;

namespace HotelAgent;

/// <summary>
/// Options of the demo in-memory PMS, seeded from a JSON catalogue of one hotel and its room types.
/// </summary>
/// <remarks>
/// The demo PMS keeps reservations in memory: they are lost when the process stops. It never overbooks and honours
/// idempotency keys, so it behaves like a real PMS in demos and tests.
/// </remarks>
public class DemoPmsOptions
{
    /// <summary>Gets or sets the path of the JSON catalogue; a relative path is looked up next to the application, then in the working directory.</summary>
    /// <value>The default value is <c>hotel.json</c>.</value>
    [Required]
    public string CatalogPath { get; set; } = "hotel.json";

    /// <summary>
    /// Gets or sets the public address the catalogue's relative photo paths (<c>"photos": ["rooms/double.png"]</c>) are
    /// relative to, for example <c>https://hotel.example/</c>; without it they stay relative, which the web chat resolves
    /// against its own page and channels that need a public link (WhatsApp) leave out.
    /// </summary>
    public Uri? PhotoBaseUrl { get; set; }
}
