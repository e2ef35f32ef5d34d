using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.Sample.BrowserTests;

/// <summary>
/// <c>GET /v1/stats</c>, the staff console's numbers, in memory with a fake clock (no browser needed).
/// </summary>
public sealed class StatsEndpointTests : IDisposable
{
    private const string Key = "stats-test-admin-key-0123456789";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero));
    private readonly WebApplicationFactory<Program> _factory;

    public StatsEndpointTests() =>
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("HotelAgent:AdminApiKey", Key);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));
        });

    [Fact]
    public async Task GetStats_WithoutKey_Returns401()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync("/v1/stats");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetStats_AfterMessagesAHandoffAndABooking_CountsThemInTheirHourAndDay()
    {
        using var client = _factory.CreateClient();
        var stats = await StatsAsync(client);
        stats.GetProperty("messagesPerHour").GetArrayLength().Should().Be(24);
        stats.GetProperty("bookingsPerDay").GetArrayLength().Should().Be(14);
        stats.GetProperty("automation").GetProperty("rate").ValueKind.Should().Be(JsonValueKind.Null);

        await SayAsync(client, "a", "¿A qué hora es el check-in?");
        await SayAsync(client, "b", "Quiero hablar con una persona");
        _clock.Advance(TimeSpan.FromHours(1));
        await SayAsync(client, "c", "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas");
        await SayAsync(client, "c", "Ana García");
        await SayAsync(client, "c", "ana.garcia@example.com");
        await SayAsync(client, "c", "sí");

        stats = await StatsAsync(client);
        var hours = stats.GetProperty("messagesPerHour").EnumerateArray().ToList();
        hours[^1].GetProperty("hour").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        hours[^1].GetProperty("messages").GetInt64().Should().Be(4);
        hours[^2].GetProperty("messages").GetInt64().Should().Be(2);
        var days = stats.GetProperty("bookingsPerDay").EnumerateArray().ToList();
        days[^1].GetProperty("date").GetString().Should().Be("2026-11-25");
        days[^1].GetProperty("bookings").GetInt64().Should().Be(1);
        stats.GetProperty("automation").GetProperty("turns").GetInt64().Should().Be(6);
        stats.GetProperty("automation").GetProperty("handoffs").GetInt64().Should().Be(1);
        stats.GetProperty("automation").GetProperty("rate").GetDouble().Should().BeApproximately(5.0 / 6, 1e-9);
        stats.GetProperty("live").GetProperty("turns").GetInt64().Should().Be(4, "the two turns of 09:30 are over 30 minutes old at 10:30");
        stats.GetProperty("handoffs").GetProperty("open").GetInt32().Should().Be(1);
        stats.GetProperty("totals").GetProperty("bookings").GetInt64().Should().Be(1);

        _clock.Advance(TimeSpan.FromDays(15));
        stats = await StatsAsync(client);
        stats.GetProperty("messagesPerHour").EnumerateArray().Sum(h => h.GetProperty("messages").GetInt64()).Should().Be(0);
        stats.GetProperty("bookingsPerDay").EnumerateArray().Sum(d => d.GetProperty("bookings").GetInt64()).Should().Be(0);
        stats.GetProperty("totals").GetProperty("messages").GetInt64().Should().Be(6);
    }

    public void Dispose() => _factory.Dispose();

    private static async Task<JsonElement> StatsAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/stats");
        request.Headers.Add("X-Api-Key", Key);
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task SayAsync(HttpClient client, string conversationId, string text)
    {
        using var response = await client.PostAsJsonAsync($"/v1/conversations/{conversationId}/messages", new { text });
        response.EnsureSuccessStatusCode();
    }
}
