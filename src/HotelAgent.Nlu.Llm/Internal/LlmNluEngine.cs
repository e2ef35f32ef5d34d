using System.Globalization;
using System.Text;
using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace HotelAgent.Nlu.Llm;

/// <summary>
/// Asks an <see cref="IChatClient"/> for the parse result as JSON inside a timeout and circuit-breaker pipeline, and
/// answers with the fallback engine when the call fails, times out, the circuit is open or the output is unusable.
/// Safe for concurrent use.
/// </summary>
internal sealed class LlmNluEngine(
    IChatClient chatClient,
    ResiliencePipeline pipeline,
    INluEngine fallback,
    LlmNluMetrics metrics,
    ILogger logger,
    string? additionalInstructions) : INluEngine
{
    private static readonly ChatResponseFormat s_format = ChatResponseFormat.ForJsonSchema(
        AIJsonUtilities.CreateJsonSchema(typeof(LlmParseResult), serializerOptions: LlmJsonContext.Default.Options),
        "nlu_parse",
        "The intent, language and entities of a hotel guest's message.");

    public async ValueTask<NluResult> ParseAsync(NluRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string reason;
        Exception? error = null;
        try
        {
            var response = await pipeline.ExecuteAsync(
                static async (state, ct) => await state.chatClient.GetResponseAsync(state.messages, state.options, ct).ConfigureAwait(false),
                (chatClient, messages: BuildMessages(request), options: new ChatOptions { ResponseFormat = s_format, Temperature = 0 }),
                cancellationToken).ConfigureAwait(false);

            var result = ToResult(response.Text, request);
            if (result is not null)
            {
                metrics.Requests.Add(1, new KeyValuePair<string, object?>(LlmNluMetrics.OutcomeTag, "success"));
                logger.Parsed(result.Intent, result.Language);
                return result;
            }

            reason = FallbackReasons.InvalidResponse;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            reason = FallbackReasons.Timeout;
            error = ex;
        }
        catch (BrokenCircuitException ex)
        {
            reason = FallbackReasons.CircuitOpen;
            error = ex;
        }
        catch (Exception ex)
        {
            reason = FallbackReasons.Error;
            error = ex;
        }

        metrics.Requests.Add(1, new KeyValuePair<string, object?>(LlmNluMetrics.OutcomeTag, "fallback"));
        metrics.Fallbacks.Add(1, new KeyValuePair<string, object?>(LlmNluMetrics.ReasonTag, reason));
        logger.FellBack(reason, error);
        return await fallback.ParseAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private List<ChatMessage> BuildMessages(NluRequest request)
    {
        var c = CultureInfo.InvariantCulture;
        var system = new StringBuilder()
            .AppendLine("You read one message a guest sent to a hotel and answer only with JSON matching the schema.")
            .Append("intent: one of ").AppendJoin(", ", Intents.All).AppendLine(".")
            .AppendLine("inform means the message only gives slot values (dates, people, a room type, a name, an email).")
            .AppendLine("language: es, en or pt. confidence: 0 to 1.")
            .Append(c, $"Reference date (today): {request.ReferenceDate:yyyy-MM-dd}, a {request.ReferenceDate.DayOfWeek}. ")
            .AppendLine("Dates are ISO yyyy-MM-dd; a date without a year is the next one on or after the reference date; checkOut is the departure day; weekdays are the first such day after the reference date.")
            .AppendLine("People without a split are adults. Leave out entities the message does not give.");
        if (request.RoomTypes.Count > 0)
        {
            system.Append("roomType: one of these codes: ");
            foreach (var room in request.RoomTypes)
            {
                system.Append(room.Code).Append(" (").AppendJoin(", ", room.Synonyms).Append("); ");
            }

            system.AppendLine();
        }

        if (!string.IsNullOrWhiteSpace(additionalInstructions))
        {
            system.AppendLine(additionalInstructions);
        }

        return [new ChatMessage(ChatRole.System, system.ToString()), new ChatMessage(ChatRole.User, request.Text)];
    }

    private static NluResult? ToResult(string? text, NluRequest request)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var json = text.AsSpan().Trim();
        if (json.StartsWith("```"))
        {
            var start = json.IndexOf('{');
            var end = json.LastIndexOf('}');
            json = start >= 0 && end > start ? json[start..(end + 1)] : json;
        }

        LlmParseResult? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(json, LlmJsonContext.Default.LlmParseResult);
        }
        catch (JsonException)
        {
            return null;
        }

        if (parsed?.Intent is not { } intent || !Intents.All.Contains(intent))
        {
            return null;
        }

        var language = parsed.Language is "es" or "en" or "pt" ? parsed.Language : request.Language ?? "es";
        var e = parsed.Entities;
        var entities = e is null ? NluEntities.Empty : new NluEntities
        {
            CheckIn = Date(e.CheckIn),
            CheckOut = Date(e.CheckOut),
            Nights = Positive(e.Nights),
            Adults = Positive(e.Adults),
            Children = e.Children is >= 0 and < 100 ? e.Children : null,
            RoomType = e.RoomType is { } code && request.RoomTypes.Any(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase))
                ? request.RoomTypes.First(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase)).Code
                : null,
            GuestName = Text(e.GuestName),
            Email = Text(e.Email),
            Phone = Text(e.Phone),
            BookingCode = Text(e.BookingCode)?.ToUpperInvariant(),
        };

        return new NluResult
        {
            Intent = intent,
            Confidence = Math.Clamp(parsed.Confidence ?? 0.8, 0, 1),
            Language = language,
            Entities = entities == new NluEntities() ? NluEntities.Empty : entities,
        };
    }

    private static DateOnly? Date(string? s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static int? Positive(int? n) => n is > 0 and < 1000 ? n : null;

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
