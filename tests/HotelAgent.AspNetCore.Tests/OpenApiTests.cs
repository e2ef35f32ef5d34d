using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HotelAgent.AspNetCore.Tests;

/// <summary>
/// The sample's OpenAPI document (<c>/openapi/v1.json</c>) and its UI, served in Development only.
/// </summary>
public sealed class OpenApiTests
{
    [Fact]
    public async Task OpenApiDocument_InDevelopment_ListsTheV1Paths()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Development"));
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(
        [
            "/v1/conversations/{conversationId}/messages",
            "/v1/nlu/parse",
            "/v1/reservations",
            "/v1/reservations/{code}",
            "/v1/handoffs",
            "/v1/handoffs/{id}",
            "/v1/handoffs/{id}/take",
            "/v1/handoffs/{id}/messages",
            "/v1/handoffs/{id}/release",
            "/v1/stats",
            "/v1/hotel",
            "/v1/conversations",
            "/v1/conversations/{conversationId}/history",
        ]);
        paths.Should().NotContain(p => p.StartsWith("/webhooks", StringComparison.Ordinal) || p == "/staff");
        var post = document.GetProperty("paths").GetProperty("/v1/conversations/{conversationId}/messages").GetProperty("post");
        post.GetProperty("operationId").GetString().Should().Be("HotelAgentPostMessage");

        using var ui = await client.GetAsync("/swagger/index.html");
        ui.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApiDocument_OutsideDevelopment_IsNotServed()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Production"));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
