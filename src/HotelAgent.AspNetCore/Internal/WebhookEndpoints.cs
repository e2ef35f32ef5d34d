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
            body = await ReadBodyAsync(request.Body, handler.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(handler);
        }
        catch (InvalidDataException)
        {
            return TooLarge(handler);
        }

        var response = await handler.HandleAsync(
            new WebhookRequest
            {
                Method = request.Method,
                Query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
                Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                Body = body,
                RemoteIpAddress = context.Connection.RemoteIpAddress?.ToString(),
            },
            cancellationToken).ConfigureAwait(false);
        return Results.Text(response.Body ?? string.Empty, response.ContentType, statusCode: response.StatusCode);
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InvalidDataException($"The body is larger than {maxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult TooLarge(IWebhookHandler handler) =>
        TypedResults.Problem($"The body is larger than {handler.MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
