using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HotelAgent.AspNetCore;

/// <summary>
/// The handlers of the endpoints <c>MapHotelAgent()</c> maps.
/// </summary>
internal static class HotelAgentEndpoints
{
    /// <summary>The largest JSON body the web-chat and NLU endpoints read.</summary>
    internal const int MaxBodyBytes = 64 * 1024;

    private static readonly string[] Languages = ["es", "en", "pt"];

    /// <summary>Seconds a client is asked to wait (<c>Retry-After</c>) when a backend is down.</summary>
    internal const int RetryAfterSeconds = 5;

    public static Results<JsonHttpResult<ConversationCreated>, ProblemHttpResult> StartConversation(WebChatIds ids, HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        return TypedResults.Json(new ConversationCreated(ids.Issue()), HotelAgentHttpJsonContext.Answers.ConversationCreated, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<Results<JsonHttpResult<ChatResponse>, ValidationProblem, ProblemHttpResult>> PostMessageAsync(
        string conversationId,
        WebChatIds ids,
        HttpRequest request,
        IHotelAgent agent,
        IOptionsMonitor<HotelAgentOptions> options,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadAsync(request, HotelAgentHttpJsonContext.Answers.ChatRequest, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var check = ids.Check(conversationId);
        if (check.Status == WebChatIdStatus.NotIssued)
        {
            return NotIssued();
        }

        var errors = new Dictionary<string, string[]>();
        if (check.Status == WebChatIdStatus.Malformed)
        {
            errors["conversationId"] = [ConversationIdRule];
        }

        ValidateText(body!.Text, options.CurrentValue.MaxMessageLength, errors);
        ValidateLanguage(body.Language, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // A named property's web-chat conversation (and its mailbox) lives under an id scoped to the property.
        var property = PropertyScope.Of(request.HttpContext);
        var conversation = property is null
            ? check.ConversationId!
            : request.HttpContext.RequestServices.GetRequiredService<IHotelPropertyDirectory>().ScopeConversationId(property, check.ConversationId!);
        AgentResponse response;
        try
        {
            response = await agent.HandleAsync(
                new InboundMessage
                {
                    MessageId = Guid.NewGuid().ToString("N"),
                    ChannelName = ChannelNames.WebChat,
                    ConversationId = conversation,
                    GuestId = conversation,
                    Property = property,
                    Text = body.Text,
                    Language = body.Language?.ToLowerInvariant(),
                    ReceivedAt = timeProvider.GetUtcNow(),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (HotelAgentException ex) when (ex.IsTransient)
        {
            return Unavailable(request.HttpContext.Response, ex.Message);
        }

        return TypedResults.Json(
            new ChatResponse(
                [.. response.Replies.Select(ToReply)],
                response.Intent,
                response.State,
                response.Language,
                response.ReservationCode),
            HotelAgentHttpJsonContext.Answers.ChatResponse);
    }

    public static async Task<Results<JsonHttpResult<ParseResponse>, ValidationProblem, ProblemHttpResult>> ParseAsync(
        HttpRequest request,
        INluEngine nlu,
        IPmsAdapter pms,
        IOptionsMonitor<HotelAgentOptions> options,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadAsync(request, HotelAgentHttpJsonContext.Answers.ParseRequest, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        ValidateText(body!.Text, options.CurrentValue.MaxMessageLength, errors);
        ValidateLanguage(body.Language, errors);
        DateOnly? referenceDate = null;
        if (body.ReferenceDate is not null)
        {
            if (DateOnly.TryParseExact(body.ReferenceDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                referenceDate = parsed;
            }
            else
            {
                errors["referenceDate"] = ["Use the format YYYY-MM-DD."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        pms = PropertyScope.Pms(request.HttpContext, pms);
        HotelInfo hotel;
        IReadOnlyList<RoomType> roomTypes;
        try
        {
            hotel = await pms.GetHotelInfoAsync(cancellationToken).ConfigureAwait(false);
            roomTypes = await pms.GetRoomTypesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PmsUnavailableException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var today = referenceDate ?? HotelToday(hotel, timeProvider);
        var result = await nlu.ParseAsync(
            new NluRequest { Text = body.Text!, Language = body.Language?.ToLowerInvariant(), ReferenceDate = today, RoomTypes = roomTypes },
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(
            new ParseResponse(result.Intent, result.Confidence, result.Language, result.Entities),
            HotelAgentHttpJsonContext.Answers.ParseResponse);
    }

    public static async Task<Results<JsonHttpResult<ReservationList>, ValidationProblem, ProblemHttpResult>> ListReservationsAsync(
        IPmsAdapter pms,
        HttpContext context,
        CancellationToken cancellationToken,
        string? email = null,
        int take = 100)
    {
        pms = PropertyScope.Pms(context, pms);
        if (take is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["take"] = ["Use a number from 1 to 1000."] });
        }

        try
        {
            var reservations = await pms.ListReservationsAsync(new ReservationQuery { Email = email, Take = take }, cancellationToken).ConfigureAwait(false);
            return TypedResults.Json(new ReservationList(reservations), HotelAgentHttpJsonContext.Answers.ReservationList);
        }
        catch (PmsUnavailableException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    public static async Task<Results<JsonHttpResult<Reservation>, NotFound<ProblemDetails>, ProblemHttpResult>> GetReservationAsync(
        string code,
        IPmsAdapter pms,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        // A named property's PMS holds only its own reservations: another property's code is not found.
        pms = PropertyScope.Pms(context, pms);
        try
        {
            var reservation = await pms.GetReservationAsync(code, cancellationToken).ConfigureAwait(false);
            return reservation is null
                ? TypedResults.NotFound(new ProblemDetails { Title = "Reservation not found", Detail = $"There is no reservation with code '{code}'.", Status = 404 })
                : TypedResults.Json(reservation, HotelAgentHttpJsonContext.Answers.Reservation);
        }
        catch (PmsUnavailableException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    internal static ChatReply ToReply(OutboundMessage message) => new(
        message.Text,
        message.QuickReplies.Count == 0 ? null : [.. message.QuickReplies.Select(q => q.Title)],
        message.Location,
        message.Media.Count == 0 ? null : [.. message.Media.Select(ToMedia).OfType<ChatMedia>()]);

    /// <summary>
    /// A reply's media for the web chat: its address as given (relative to the page when relative), or its bytes as a
    /// <c>data:</c> URL (a QR code's PNG made here, from <see cref="OutboundMedia.QrCodeText"/>, for the answer).
    /// </summary>
    private static ChatMedia? ToMedia(OutboundMedia media)
    {
        var url = media.Url?.OriginalString
            ?? (media.HasContent ? $"data:{media.ContentType ?? "application/octet-stream"};base64,{Convert.ToBase64String(media.GetContent().Span)}" : null);
        return url is null ? null : new ChatMedia(media.Kind switch { MediaKind.Document => "document", MediaKind.Audio => "audio", _ => "image" }, url, media.Caption, media.ContentType, media.FileName);
    }

    /// <summary>Reads a JSON body, turning every way it can be wrong into a 4xx problem.</summary>
    internal static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem("Send the body as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            var body = await request.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false);
            return body is null
                ? (null, TypedResults.Problem("The body must be a JSON object.", statusCode: StatusCodes.Status400BadRequest))
                : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.Problem($"The body is not valid JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

    private static void ValidateText(string? text, int maxLength, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors["text"] = ["The text is required."];
        }
        else if (text.Length > maxLength)
        {
            errors["text"] = [$"The text is {text.Length} characters long; at most {maxLength} are accepted."];
        }
    }

    private static void ValidateLanguage(string? language, Dictionary<string, string[]> errors)
    {
        if (language is not null && !Languages.Contains(language, StringComparer.OrdinalIgnoreCase))
        {
            errors["language"] = ["Use es, en or pt."];
        }
    }

    /// <summary>The rule of web-chat conversation ids, as told to a client that broke it.</summary>
    internal const string ConversationIdRule = "Use 1 to 128 letters, digits or . _ - : @ + (no '..'), or an id from POST v1/conversations.";

    /// <summary>The answer to an id in the issued form that this server did not issue (or any client-chosen id when only issued ones are accepted).</summary>
    internal static ProblemHttpResult NotIssued() =>
        TypedResults.Problem("No conversation with this id was issued here; start one with POST v1/conversations.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>Turns a transient backend failure (Redis down under the handoff store) into 503 with <c>Retry-After</c>.</summary>
    internal static async ValueTask<object?> UnavailableFilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (HotelAgentException ex) when (ex.IsTransient)
        {
            return Unavailable(context.HttpContext.Response, ex.Message);
        }
    }

    /// <summary>503 with <c>Retry-After</c>: a backend (the session store, the PMS) is down for now.</summary>
    internal static ProblemHttpResult Unavailable(HttpResponse response, string detail)
    {
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static DateOnly HotelToday(HotelInfo hotel, TimeProvider timeProvider)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(hotel.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), zone).DateTime);
    }
}
