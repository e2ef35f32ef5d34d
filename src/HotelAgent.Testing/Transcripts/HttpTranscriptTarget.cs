using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace HotelAgent.Testing;

/// <summary>
/// Runs transcripts against a host's HTTP surface (<c>MapHotelAgent()</c>): the web-chat endpoint, the admin
/// reservation and handoff endpoints (with the admin API key) and the web-chat mailbox.
/// </summary>
/// <param name="client">A client for the host.</param>
/// <param name="adminApiKey">The host's admin API key.</param>
/// <param name="advanceClock">Moves the host's clock (for example a <c>FakeTimeProvider</c>), if the test can.</param>
public sealed class HttpTranscriptTarget(HttpClient client, string adminApiKey, Func<TimeSpan, Task>? advanceClock = null) : ITranscriptTarget
{
    /// <inheritdoc />
    public async Task<TranscriptTurn> SendAsync(string conversationId, string text, string? language, CancellationToken cancellationToken = default)
    {
        using var response = await client.PostAsJsonAsync(
            $"/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages",
            new Dictionary<string, string?> { ["text"] = text, ["language"] = language },
            cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST messages answered {(int)response.StatusCode}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var replies = new List<string>();
        var quickReplies = new List<string>();
        foreach (var reply in root.GetProperty("replies").EnumerateArray())
        {
            replies.Add(reply.GetProperty("text").GetString() ?? string.Empty);
            if (reply.TryGetProperty("quickReplies", out var quick))
            {
                quickReplies.AddRange(quick.EnumerateArray().Select(q => q.GetString() ?? string.Empty));
            }
        }

        return new TranscriptTurn(
            replies,
            quickReplies,
            root.GetProperty("intent").GetString() ?? string.Empty,
            root.GetProperty("state").GetString() ?? string.Empty,
            root.GetProperty("language").GetString() ?? string.Empty,
            root.TryGetProperty("reservationCode", out var code) ? code.GetString() : null);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TranscriptReservation>> ListReservationsAsync(CancellationToken cancellationToken = default)
    {
        using var document = await GetAdminAsync("/v1/reservations?take=1000", cancellationToken).ConfigureAwait(false);
        return [.. document.RootElement.GetProperty("reservations").EnumerateArray().Select(r => new TranscriptReservation(
            r.GetProperty("code").GetString()!,
            r.GetProperty("status").GetString()!,
            r.GetProperty("roomType").GetString()!,
            DateOnly.Parse(r.GetProperty("checkIn").GetString()!, CultureInfo.InvariantCulture),
            DateOnly.Parse(r.GetProperty("checkOut").GetString()!, CultureInfo.InvariantCulture),
            r.GetProperty("adults").GetInt32())
        {
            Children = r.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Number ? children.GetInt32() : 0,
            GuestName = r.TryGetProperty("guest", out var guest) && guest.ValueKind == JsonValueKind.Object && guest.TryGetProperty("name", out var name) ? name.GetString() : null,
            GuestEmail = r.TryGetProperty("guest", out var g) && g.ValueKind == JsonValueKind.Object && g.TryGetProperty("email", out var email) ? email.GetString() : null,
            Total = r.TryGetProperty("total", out var total) && total.ValueKind == JsonValueKind.Number ? total.GetDecimal() : null,
        })];
    }

    // The web chat keeps its conversations in their own namespace: the session (and its tickets) of path id "x" is "webchat:x".
    private const string WebChatNamespace = "webchat:";

    /// <inheritdoc />
    public async Task<IReadOnlyList<TranscriptHandoff>> ListHandoffsAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        using var document = await GetAdminAsync("/v1/handoffs", cancellationToken).ConfigureAwait(false);
        return [.. document.RootElement.GetProperty("handoffs").EnumerateArray()
            .Where(t => t.GetProperty("conversationId").GetString() is { } id && (id == conversationId || id == WebChatNamespace + conversationId))
            .Select(t => new TranscriptHandoff(t.GetProperty("id").GetString()!, t.GetProperty("status").GetString()!, t.GetProperty("reason").GetString()!))];
    }

    /// <inheritdoc />
    public Task TakeHandoffAsync(string ticketId, string staffName, CancellationToken cancellationToken = default) =>
        PostAdminAsync($"/v1/handoffs/{Uri.EscapeDataString(ticketId)}/take", new Dictionary<string, string> { ["staff"] = staffName }, cancellationToken);

    /// <inheritdoc />
    public Task ReplyAsStaffAsync(string ticketId, string staffName, string text, CancellationToken cancellationToken = default) =>
        PostAdminAsync($"/v1/handoffs/{Uri.EscapeDataString(ticketId)}/messages", new Dictionary<string, string> { ["staff"] = staffName, ["text"] = text }, cancellationToken);

    /// <inheritdoc />
    public Task ReleaseHandoffAsync(string ticketId, CancellationToken cancellationToken = default) =>
        PostAdminAsync($"/v1/handoffs/{Uri.EscapeDataString(ticketId)}/release", null, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> DrainMailboxAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        using var response = await client.GetAsync($"/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages", cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return [.. document.RootElement.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("text").GetString() ?? string.Empty)];
    }

    /// <inheritdoc />
    public Task AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        advanceClock?.Invoke(by) ?? throw new NotSupportedException("This target's clock cannot be moved: pass advanceClock to HttpTranscriptTarget.");

    private async Task<JsonDocument> GetAdminAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", adminApiKey);
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? JsonDocument.Parse(body) : throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {body}");
    }

    private async Task PostAdminAsync(string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new Dictionary<string, string>()) };
        request.Headers.Add("X-Api-Key", adminApiKey);
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }
    }
}
