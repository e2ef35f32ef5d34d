using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HotelAgent.MultiHost.Tests;

/// <summary>The sample host's web-chat and admin endpoints, as a browser or the staff console calls them.</summary>
public static class WebChat
{
    public static async Task<ChatResponse> SendAsync(SampleHostProcess host, string conversation, string text, CancellationToken cancellationToken = default, string? property = null)
    {
        using var response = await host.Client.PostAsJsonAsync($"/v1/conversations/{conversation}/messages{Scope(property)}", new { text }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{host.Name} answers '{text}' ({body}){Environment.NewLine}{host.OutputTail}");
        return JsonSerializer.Deserialize<ChatResponse>(body, JsonSerializerOptions.Web)!;
    }

    public static async Task<IReadOnlyList<string>> ListReservationCodesAsync(SampleHostProcess host, string email, CancellationToken cancellationToken = default)
    {
        var list = await host.Client.GetFromJsonAsync<ReservationList>($"/v1/reservations?email={Uri.EscapeDataString(email)}", cancellationToken);
        return [.. list!.Reservations.Select(r => r.Code)];
    }

    public static async Task<(HttpStatusCode Status, Reservation? Reservation)> GetReservationAsync(SampleHostProcess host, string code, CancellationToken cancellationToken = default, string? property = null)
    {
        using var response = await host.Client.GetAsync($"/v1/reservations/{Uri.EscapeDataString(code)}{Scope(property)}", cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? (response.StatusCode, await response.Content.ReadFromJsonAsync<Reservation>(cancellationToken))
            : (response.StatusCode, null);
    }

    /// <summary>The handoff tickets of a property (the default property without one), as the staff console lists them.</summary>
    public static async Task<IReadOnlyList<HandoffTicketView>> ListHandoffsAsync(SampleHostProcess host, CancellationToken cancellationToken = default, string? property = null)
    {
        var list = await host.Client.GetFromJsonAsync<HandoffListView>($"/v1/handoffs{Scope(property)}", cancellationToken);
        return list!.Handoffs;
    }

    /// <summary>The <c>GET v1/stats</c> body of a property (the default property without one).</summary>
    public static async Task<JsonElement> GetStatsAsync(SampleHostProcess host, CancellationToken cancellationToken = default, string? property = null) =>
        await host.Client.GetFromJsonAsync<JsonElement>($"/v1/stats{Scope(property)}", cancellationToken);

    private static string Scope(string? property) => property is null ? string.Empty : "?property=" + Uri.EscapeDataString(property);
}

public sealed record ChatResponse(IReadOnlyList<ChatReply> Replies, string Intent, string State, string Language, string? ReservationCode)
{
    public string AllText => string.Join(" | ", Replies.Select(r => r.Text));
}

public sealed record ChatReply(string Text, IReadOnlyList<string>? QuickReplies);

public sealed record ReservationList(IReadOnlyList<Reservation> Reservations);

public sealed record Reservation(string Code, ReservationGuest Guest, DateOnly CheckIn, DateOnly CheckOut, string RoomType);

public sealed record ReservationGuest(string Name, string Email);

public sealed record HandoffListView(IReadOnlyList<HandoffTicketView> Handoffs);

public sealed record HandoffTicketView(string Id, string ConversationId);
