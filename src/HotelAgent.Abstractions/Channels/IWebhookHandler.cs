namespace HotelAgent.Abstractions;

/// <summary>
/// Handles the webhook of a channel (WhatsApp, ...) without depending on a web framework: <c>MapHotelAgent()</c> maps
/// every registered handler at <c>GET</c> and <c>POST webhooks/{Name}</c>, enforces <see cref="MaxBodyBytes"/> (413
/// above it) and passes the raw body, so the handler can verify signatures before parsing.
/// </summary>
/// <remarks>
/// Register handlers with <c>TryAddEnumerable</c>. A handler must never throw for bad input: it answers 4xx instead.
/// Implementations must be safe for concurrent use.
/// </remarks>
public interface IWebhookHandler
{
    /// <summary>Gets the path segment under <c>webhooks/</c>, for example <c>whatsapp</c>.</summary>
    string Name { get; }

    /// <summary>Gets the largest body accepted, in bytes.</summary>
    int MaxBodyBytes { get; }

    /// <summary>Handles one webhook request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The response to send.</returns>
    Task<WebhookResponse> HandleAsync(WebhookRequest request, CancellationToken cancellationToken = default);
}

/// <summary>
/// A webhook request, as received.
/// </summary>
public sealed record WebhookRequest
{
    /// <summary>Gets the HTTP method (<c>GET</c> or <c>POST</c>).</summary>
    public required string Method { get; init; }

    /// <summary>Gets the query string values (the first value of each key).</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the headers (the first value of each name), with case-insensitive names.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the raw body.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Gets the remote IP address, if known.</summary>
    public string? RemoteIpAddress { get; init; }
}

/// <summary>
/// The response to a webhook request.
/// </summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Body">The body, if any.</param>
/// <param name="ContentType">The content type of <paramref name="Body"/>.</param>
public sealed record WebhookResponse(int StatusCode, string? Body = null, string ContentType = "text/plain; charset=utf-8");
