using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HotelAgent.AspNetCore.Tests;

/// <summary>
/// The sample host in memory, with a fake clock at 2026-11-25 09:00 UTC and a known admin key.
/// </summary>
public sealed class SampleHostFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789";

    public static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Now);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("HotelAgent:AdminApiKey", AdminKey);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }
}

internal static class HttpClientExtensions
{
    public static async Task<JsonElement> SayAsync(this HttpClient client, string conversationId, string text, string? language = null)
    {
        using var response = await client.PostAsJsonAsync($"/v1/conversations/{conversationId}/messages", new { text, language });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string AllText(this JsonElement chat) =>
        string.Join(" ", chat.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("text").GetString()));
}
