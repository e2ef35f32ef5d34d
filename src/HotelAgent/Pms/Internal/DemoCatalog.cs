using System.Text.Json;
using System.Text.Json.Serialization;
using HotelAgent.Abstractions;

namespace HotelAgent;

/// <summary>
/// The demo PMS's hotel: its details, room types and how many rooms of each type it has.
/// </summary>
internal sealed class DemoCatalog
{
    public required HotelInfo Hotel { get; init; }

    public required IReadOnlyList<RoomType> RoomTypes { get; init; }

    public required IReadOnlyDictionary<string, int> RoomCounts { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    public static DemoCatalog Load(string path, Uri? photoBase = null)
    {
        var resolved = Resolve(path);
        DemoCatalogDocument? document;
        try
        {
            using var stream = File.OpenRead(resolved);
            document = JsonSerializer.Deserialize(stream, DemoCatalogJsonContext.Default.DemoCatalogDocument);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The demo PMS catalogue '{resolved}' is not valid JSON ({ex.Path}): {ex.Message}", ex);
        }

        return FromDocument(document ?? throw new InvalidOperationException($"The demo PMS catalogue '{resolved}' is empty."), resolved, photoBase);
    }

    public static DemoCatalog FromDocument(DemoCatalogDocument document, string source, Uri? photoBase = null)
    {
        var errors = new List<string>();
        if (document.Hotel is null)
        {
            errors.Add("'hotel' is missing");
        }

        if (document.RoomTypes is not { Count: > 0 })
        {
            errors.Add("'roomTypes' must list at least one room type");
        }

        TimeZoneInfo timeZone = TimeZoneInfo.Utc;
        if (document.Hotel is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(document.Hotel.TimeZone, out timeZone!))
        {
            errors.Add($"hotel.timeZone '{document.Hotel.TimeZone}' is not a known time zone");
        }

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (entry, index) in (document.RoomTypes ?? []).Select((e, i) => (e, i)))
        {
            var at = $"roomTypes[{index}]";
            if (string.IsNullOrWhiteSpace(entry.Code) || !codes.Add(entry.Code))
            {
                errors.Add($"{at}.code must be set and unique");
            }

            if (entry.MaxAdults < 1 || entry.MaxOccupancy < entry.MaxAdults)
            {
                errors.Add($"{at}: maxAdults must be at least 1 and maxOccupancy at least maxAdults");
            }

            if (entry.NightlyRate <= 0)
            {
                errors.Add($"{at}.nightlyRate must be positive");
            }

            if (entry.Rooms < 0)
            {
                errors.Add($"{at}.rooms cannot be negative");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The demo PMS catalogue '{source}' is not valid: {string.Join("; ", errors)}.");
        }

        var roomTypes = document.RoomTypes!.Select(e => new RoomType
        {
            Code = e.Code.ToLowerInvariant(),
            Name = e.Name ?? new LocalizedText(new Dictionary<string, string> { ["en"] = e.Code }),
            Synonyms = e.Synonyms ?? [],
            MaxAdults = e.MaxAdults,
            MaxOccupancy = e.MaxOccupancy,
            NightlyRate = e.NightlyRate,
            Description = e.Description,
            Photos = [.. (e.Photos ?? []).Select(p => Photo(p, photoBase)).OfType<Uri>()],
        }).ToArray();

        return new DemoCatalog
        {
            Hotel = document.Hotel!,
            RoomTypes = roomTypes,
            RoomCounts = document.RoomTypes!.ToDictionary(e => e.Code.ToLowerInvariant(), e => e.Rooms, StringComparer.OrdinalIgnoreCase),
            TimeZone = timeZone,
        };
    }

    /// <summary>A photo's address: absolute as written, or relative to <paramref name="photoBase"/> (kept relative without one).</summary>
    private static Uri? Photo(string value, Uri? photoBase) =>
        !Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out var uri) ? null
        : uri.IsAbsoluteUri || photoBase is null ? uri
        : new Uri(photoBase, value.TrimStart('/'));

    private static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return File.Exists(path) ? path : throw NotFound(path, [path]);
        }

        string[] candidates = [Path.Combine(AppContext.BaseDirectory, path), Path.GetFullPath(path)];
        return candidates.FirstOrDefault(File.Exists) ?? throw NotFound(path, candidates);
    }

    private static InvalidOperationException NotFound(string path, string[] tried) =>
        new($"The demo PMS catalogue '{path}' was not found (looked at: {string.Join(", ", tried)}). Set HotelAgent:DemoPms:CatalogPath.");
}

internal sealed class DemoCatalogDocument
{
    public HotelInfo? Hotel { get; set; }

    public List<DemoRoomTypeDocument>? RoomTypes { get; set; }
}

internal sealed class DemoRoomTypeDocument
{
    public string Code { get; set; } = string.Empty;

    public LocalizedText? Name { get; set; }

    public List<string>? Synonyms { get; set; }

    public int MaxAdults { get; set; }

    public int MaxOccupancy { get; set; }

    public decimal NightlyRate { get; set; }

    public int Rooms { get; set; }

    public LocalizedText? Description { get; set; }

    public List<string>? Photos { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(DemoCatalogDocument))]
internal sealed partial class DemoCatalogJsonContext : JsonSerializerContext;
