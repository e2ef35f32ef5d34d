using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using HotelAgent.Abstractions;

namespace HotelAgent.Nlu;

/// <summary>
/// Evaluates an <see cref="INluEngine"/> on labelled messages and reads them from JSONL files.
/// </summary>
[SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads differ by input type; the optional parameter is the trailing CancellationToken, as in the BCL.")]
public static class NluEvaluation
{
    /// <summary>Gets the JSON keys of the entities, as <c>/v1/nlu/parse</c> returns them.</summary>
    public static IReadOnlyList<string> EntityKeys { get; } =
        ["checkIn", "checkOut", "nights", "adults", "children", "roomType", "guestName", "email", "phone", "bookingCode"];

    /// <summary>
    /// Reads labelled samples, one JSON object per line:
    /// <c>{"text": "...", "lang": "es", "intent": "inform", "entities": {"checkIn": "2026-12-10", "adults": 2}, "referenceDate": "2026-03-11"}</c>.
    /// <c>lang</c>, <c>entities</c> and <c>referenceDate</c> are optional; blank lines and lines starting with <c>//</c> or <c>#</c> are skipped.
    /// </summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The samples.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">A line is not a valid sample; the message names the line number.</exception>
    public static async IAsyncEnumerable<NluSample> ReadJsonLinesAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            var trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty || trimmed.StartsWith("//") || trimmed.StartsWith("#"))
            {
                continue;
            }

            yield return ParseLine(line, lineNumber);
        }
    }

    /// <summary>Reads labelled samples from a UTF-8 JSONL stream; see <see cref="ReadJsonLinesAsync(TextReader, CancellationToken)"/>.</summary>
    /// <param name="stream">The stream to read; it is not disposed.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The samples.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">A line is not a valid sample; the message names the line number.</exception>
    public static async IAsyncEnumerable<NluSample> ReadJsonLinesAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        await foreach (var sample in ReadJsonLinesAsync(reader, cancellationToken).ConfigureAwait(false))
        {
            yield return sample;
        }
    }

    /// <summary>Parses every sample with <paramref name="engine"/> and compares intents, entities and languages with the labels.</summary>
    /// <param name="engine">The engine to evaluate.</param>
    /// <param name="samples">The labelled samples.</param>
    /// <param name="roomTypes">The room-type catalogue the labels' <c>roomType</c> codes come from.</param>
    /// <param name="referenceDate">The reference date of samples that do not set their own.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static Task<NluEvaluationReport> EvaluateAsync(
        INluEngine engine,
        IEnumerable<NluSample> samples,
        IReadOnlyList<RoomType> roomTypes,
        DateOnly referenceDate,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return EvaluateAsync(engine, ToAsync(samples), roomTypes, referenceDate, cancellationToken);
    }

    /// <summary>Parses every sample with <paramref name="engine"/> and compares intents, entities and languages with the labels.</summary>
    /// <param name="engine">The engine to evaluate.</param>
    /// <param name="samples">The labelled samples, for example from <see cref="ReadJsonLinesAsync(Stream, CancellationToken)"/>.</param>
    /// <param name="roomTypes">The room-type catalogue the labels' <c>roomType</c> codes come from.</param>
    /// <param name="referenceDate">The reference date of samples that do not set their own.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static async Task<NluEvaluationReport> EvaluateAsync(
        INluEngine engine,
        IAsyncEnumerable<NluSample> samples,
        IReadOnlyList<RoomType> roomTypes,
        DateOnly referenceDate,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(roomTypes);

        var count = 0;
        var intentCorrect = 0;
        var slots = 0;
        var slotsCorrect = 0;
        var langLabelled = 0;
        var langCorrect = 0;
        var support = new Dictionary<string, int>(StringComparer.Ordinal);
        var predicted = new Dictionary<string, int>(StringComparer.Ordinal);
        var correct = new Dictionary<string, int>(StringComparer.Ordinal);
        var confusions = new Dictionary<(string, string), int>();
        var entityExpected = new int[EntityKeys.Count];
        var entityPredicted = new int[EntityKeys.Count];
        var entityCorrect = new int[EntityKeys.Count];
        var errors = new List<NluEvaluationError>();
        var differences = new StringBuilder();

        await foreach (var sample in samples.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var result = await engine.ParseAsync(
                new NluRequest { Text = sample.Text, ReferenceDate = sample.ReferenceDate ?? referenceDate, RoomTypes = roomTypes, Expecting = sample.Expecting },
                cancellationToken).ConfigureAwait(false);

            count++;
            Increment(support, sample.Intent);
            Increment(predicted, result.Intent);
            var intentOk = string.Equals(result.Intent, sample.Intent, StringComparison.Ordinal);
            if (intentOk)
            {
                intentCorrect++;
                Increment(correct, sample.Intent);
            }
            else
            {
                confusions[(sample.Intent, result.Intent)] = confusions.GetValueOrDefault((sample.Intent, result.Intent)) + 1;
            }

            if (sample.Language is not null)
            {
                langLabelled++;
                langCorrect += string.Equals(sample.Language, result.Language, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            }

            differences.Clear();
            for (var k = 0; k < EntityKeys.Count; k++)
            {
                var expected = EntityValue(sample.Entities, k);
                var actual = EntityValue(result.Entities, k);
                if (expected is null && actual is null)
                {
                    continue;
                }

                slots++;
                entityExpected[k] += expected is null ? 0 : 1;
                entityPredicted[k] += actual is null ? 0 : 1;
                if (expected is not null && actual is not null && EntityEquals(k, expected, actual))
                {
                    slotsCorrect++;
                    entityCorrect[k]++;
                }
                else
                {
                    differences.Append(differences.Length == 0 ? string.Empty : "; ")
                        .Append(EntityKeys[k]).Append(": ").Append(expected ?? "-").Append(" -> ").Append(actual ?? "-");
                }
            }

            if (!intentOk || differences.Length > 0)
            {
                errors.Add(new NluEvaluationError(sample.LineNumber, sample.Text, sample.Intent, result.Intent, differences.ToString()));
            }
        }

        var intents = support.Keys.Union(predicted.Keys)
            .OrderBy(i => IndexOf(i))
            .ThenBy(i => i, StringComparer.Ordinal)
            .Select(i => new NluIntentMetrics(i, support.GetValueOrDefault(i), predicted.GetValueOrDefault(i), correct.GetValueOrDefault(i)))
            .ToList();
        var confusionList = confusions
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key.Item1, StringComparer.Ordinal)
            .Select(p => new NluConfusion(p.Key.Item1, p.Key.Item2, p.Value))
            .ToList();
        var entities = EntityKeys.Select((key, k) => new NluEntityMetrics(key, entityExpected[k], entityPredicted[k], entityCorrect[k])).ToList();
        return new NluEvaluationReport(count, intentCorrect, slots, slotsCorrect, langLabelled, langCorrect, intents, confusionList, entities, errors);
    }

    private static int IndexOf(string intent)
    {
        for (var i = 0; i < HotelAgent.Abstractions.Intents.All.Count; i++)
        {
            if (HotelAgent.Abstractions.Intents.All[i] == intent)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static void Increment(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string? EntityValue(NluEntities e, int k) => k switch
    {
        0 => e.CheckIn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        1 => e.CheckOut?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        2 => e.Nights?.ToString(CultureInfo.InvariantCulture),
        3 => e.Adults?.ToString(CultureInfo.InvariantCulture),
        4 => e.Children?.ToString(CultureInfo.InvariantCulture),
        5 => e.RoomType,
        6 => e.GuestName,
        7 => e.Email,
        8 => e.Phone,
        9 => e.BookingCode,
        _ => null,
    };

    private static bool EntityEquals(int k, string expected, string actual) => k switch
    {
        6 or 7 or 9 => string.Equals(expected.Trim(), actual.Trim(), StringComparison.OrdinalIgnoreCase),
        8 => Digits(expected) == Digits(actual),
        _ => string.Equals(expected, actual, StringComparison.Ordinal),
    };

    private static string Digits(string s) => new(s.Where(char.IsAsciiDigit).ToArray());

    private static async IAsyncEnumerable<NluSample> ToAsync(IEnumerable<NluSample> samples)
    {
        foreach (var sample in samples)
        {
            yield return sample;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static NluSample ParseLine(string line, int lineNumber)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("a JSON object is expected");
            }

            string? text = null;
            string? lang = null;
            string? intent = null;
            DateOnly? referenceDate = null;
            var entities = NluEntities.Empty;
            string? variant = null;
            var expecting = ExpectedAnswer.None;
            List<string> also = [];
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "text":
                        text = property.Value.GetString();
                        break;
                    case "lang" or "language":
                        lang = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetString();
                        break;
                    case "intent":
                        intent = property.Value.GetString();
                        break;
                    case "referenceDate":
                        referenceDate = ParseDate(property.Value, "referenceDate");
                        break;
                    case "entities":
                        entities = ParseEntities(property.Value);
                        break;
                    case "variant":
                        variant = property.Value.GetString();
                        break;
                    case "expecting":
                        expecting = ParseExpecting(property.Value.GetString());
                        break;
                    case "also":
                        also = [.. property.Value.EnumerateArray().Select(v => v.GetString() ?? throw new FormatException("\"also\" must list intent names"))];
                        break;
                    default:
                        throw new FormatException($"unknown property '{property.Name}'");
                }
            }

            if (string.IsNullOrEmpty(text))
            {
                throw new FormatException("\"text\" is missing or empty");
            }

            if (string.IsNullOrEmpty(intent))
            {
                throw new FormatException("\"intent\" is missing or empty");
            }

            return new NluSample
            {
                Text = text,
                Language = lang,
                Intent = intent,
                Entities = entities,
                ReferenceDate = referenceDate,
                LineNumber = lineNumber,
                Variant = variant,
                Expecting = expecting,
                AdditionalIntents = also,
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new FormatException($"Line {lineNumber.ToString(CultureInfo.InvariantCulture)}: {ex.Message}", ex);
        }
    }

    private static ExpectedAnswer ParseExpecting(string? value) => value switch
    {
        null or "" or "none" => ExpectedAnswer.None,
        "party_size" => ExpectedAnswer.PartySize,
        "dates" => ExpectedAnswer.Dates,
        "room_type" => ExpectedAnswer.RoomType,
        "guest_details" or "guest_name" => ExpectedAnswer.GuestDetails,
        "email" => ExpectedAnswer.Email,
        "confirmation" => ExpectedAnswer.Confirmation,
        "booking_code" => ExpectedAnswer.BookingCode,
        _ => throw new FormatException($"\"expecting\" '{value}' is not one of party_size, dates, room_type, guest_details, email, confirmation, booking_code"),
    };

    private static NluEntities ParseEntities(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return NluEntities.Empty;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("\"entities\" must be an object");
        }

        var e = new NluEntities();
        foreach (var p in element.EnumerateObject())
        {
            var v = p.Value;
            e = p.Name switch
            {
                "checkIn" => e with { CheckIn = ParseDate(v, p.Name) },
                "checkOut" => e with { CheckOut = ParseDate(v, p.Name) },
                "nights" => e with { Nights = ParseInt(v, p.Name) },
                "adults" => e with { Adults = ParseInt(v, p.Name) },
                "children" => e with { Children = ParseInt(v, p.Name) },
                "roomType" => e with { RoomType = v.GetString() },
                "guestName" => e with { GuestName = v.GetString() },
                "email" => e with { Email = v.GetString() },
                "phone" => e with { Phone = v.ValueKind == JsonValueKind.Number ? v.GetRawText() : v.GetString() },
                "bookingCode" => e with { BookingCode = v.GetString() },
                _ => throw new FormatException($"unknown entity '{p.Name}' (expected one of {string.Join(", ", EntityKeys)})"),
            };
        }

        return e == NluEntities.Empty ? NluEntities.Empty : e;
    }

    private static DateOnly ParseDate(JsonElement v, string name) =>
        v.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new FormatException($"\"{name}\" must be an ISO date (yyyy-MM-dd)");

    private static int ParseInt(JsonElement v, string name) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n
        : v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out n) ? n
        : throw new FormatException($"\"{name}\" must be an integer");
}
