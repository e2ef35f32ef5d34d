using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HotelAgent.AspNetCore.Tests.Console;

/// <summary>
/// <c>GET v1/hotel</c> (public) and the staff console's conversation endpoints (admin): <c>GET v1/conversations</c>
/// and <c>GET v1/conversations/{id}/history</c>.
/// </summary>
public sealed class ConsoleEndpointsTests(SampleHostFactory factory) : IClassFixture<SampleHostFactory>
{
    [Fact]
    public async Task GetHotel_Anonymous_ReturnsNameTimeZoneAndRoomNames()
    {
        using var response = await factory.CreateClient().GetAsync("/v1/hotel", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var hotel = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        hotel.GetProperty("name").GetString().Should().Be("Hotel Mirador del Puerto");
        hotel.GetProperty("timeZone").GetString().Should().Be("Europe/Madrid");
        var rooms = hotel.GetProperty("roomTypes").EnumerateArray().ToArray();
        rooms.Should().Contain(r => r.GetProperty("code").GetString() == "double");
        var name = rooms.First(r => r.GetProperty("code").GetString() == "double").GetProperty("name");
        name.GetProperty("es").GetString().Should().NotBeNullOrWhiteSpace().And.NotBe("double");
        name.GetProperty("en").GetString().Should().NotBeNullOrWhiteSpace();
        name.GetProperty("pt").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("/v1/conversations")]
    [InlineData("/v1/conversations/console-any/history")]
    public async Task ConversationEndpoints_WithoutTheAdminKey_Return401(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ListAndHistory_AfterAShortConversation_ListItAndReturnGuestAndAgentMessagesRedacted()
    {
        var id = "console-" + Guid.NewGuid().ToString("N")[..8];
        var client = factory.CreateClient();
        var first = await client.SayAsync(id, "Hola, ¿tienen parking?");
        await client.SayAsync(id, "Mi correo es ana.garcia@example.com");
        using var admin = factory.CreateAdminClient();

        // The console lists the session's id: a web-chat conversation lives under webchat:{the id in the chat's path}.
        var list = await admin.GetFromJsonAsync<JsonElement>("/v1/conversations", TestContext.Current.CancellationToken);
        var history = await admin.GetFromJsonAsync<JsonElement>($"/v1/conversations/{Uri.EscapeDataString("webchat:" + id)}/history", TestContext.Current.CancellationToken);

        list.GetProperty("keptForSeconds").GetInt64().Should().Be((long)TimeSpan.FromHours(24).TotalSeconds);
        var listed = list.GetProperty("conversations").EnumerateArray().Should().ContainSingle(c => c.GetProperty("conversationId").GetString() == "webchat:" + id).Subject;
        listed.GetProperty("channel").GetString().Should().Be("webchat");
        listed.GetProperty("turns").GetInt32().Should().Be(2);

        history.GetProperty("conversationId").GetString().Should().Be("webchat:" + id);
        var messages = history.GetProperty("messages").EnumerateArray().ToArray();
        messages[0].GetProperty("from").GetString().Should().Be("Guest");
        messages[0].GetProperty("text").GetString().Should().Be("Hola, ¿tienen parking?");
        messages[0].GetProperty("at").GetDateTimeOffset().Should().Be(SampleHostFactory.Now);
        messages[1].GetProperty("from").GetString().Should().Be("Agent");
        messages[1].GetProperty("text").GetString().Should().Be(first.GetProperty("replies")[0].GetProperty("text").GetString());
        messages.Should().Contain(m => m.GetProperty("from").GetString() == "Guest" && m.GetProperty("text").GetString() == "Mi correo es ***");
        messages.Should().NotContain(m => m.GetProperty("text").GetString()!.Contains("example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_UnknownConversation_IsEmpty()
    {
        using var admin = factory.CreateAdminClient();

        var history = await admin.GetFromJsonAsync<JsonElement>("/v1/conversations/console-never/history", TestContext.Current.CancellationToken);

        history.GetProperty("messages").GetArrayLength().Should().Be(0);
    }
}
