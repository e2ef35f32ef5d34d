using System.Buffers;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HotelAgent.AspNetCore;

/// <summary>
/// Bridges ASP.NET Core requests to <see cref="IWebhookHandler"/>s: reads the raw body within the handler's limit.
/// </summary>
internal static class WebhookEndpoints
{
    public static async Task<IResult> HandleAsync(IWebhookHandler handler, HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength > handler.MaxBodyBytes)
        {
            return TooLarge(handler);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = handler.MaxBodyBytes;
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(request.Body, request.ContentLength, handler.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(handler);
        }
        catch (InvalidDataException)
        {
            return TooLarge(handler);
        }
        catch (BadHttpRequestException ex)
        {
            // A body cut short, or another malformed request Kestrel refused while reading.
            return TypedResults.Problem(ex.Message, statusCode: ex.StatusCode);
        }
        catch (EndOfStreamException)
        {
            return TypedResults.Problem("The body ended before its Content-Length.", statusCode: StatusCodes.Status400BadRequest);
        }

        WebhookResponse response;
        try
        {
            response = await handler.HandleAsync(
                new WebhookRequest
                {
                    Method = request.Method,
                    Query = StringValuesView.Of(request.Query),
                    Headers = StringValuesView.Of(request.Headers),
                    Body = body,
                    RemoteIpAddress = context.Connection.RemoteIpAddress?.ToString(),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (HotelAgentException ex) when (ex.IsTransient)
        {
            // A backend (Redis) is down: the channel sends the delivery again later.
            response = new WebhookResponse(StatusCodes.Status503ServiceUnavailable, "Try again later.");
        }

        if (response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = HotelAgentEndpoints.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Results.Text(response.Body ?? string.Empty, response.ContentType, statusCode: response.StatusCode);
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, long? contentLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (contentLength is { } length and <= int.MaxValue)
        {
            // The usual case: read straight into a buffer of the announced size (already checked against the limit).
            var exact = new byte[length];
            await body.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new InvalidDataException($"The body is larger than {maxBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static IResult TooLarge(IWebhookHandler handler) =>
        TypedResults.Problem($"The body is larger than {handler.MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
