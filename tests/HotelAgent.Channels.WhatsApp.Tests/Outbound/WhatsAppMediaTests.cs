using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HotelAgent.Channels.WhatsApp.Tests;

public sealed class WhatsAppMediaTests
{
    private const string Availability = "¿Tienen habitación del 10 al 12 de marzo para 2 adultos?";

    [Fact]
    public async Task RoomOptions_SendOneImagePerOptionWithItsCaption_BeforeTheButtons()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var host = await WhatsAppTestHost.StartAsync(graph, services: WithPhotos);

        (await host.SendTextAsync("wamid.rooms", Availability)).EnsureSuccessStatusCode();
        var messages = await WaitForReplyAsync(graph);

        var images = messages.Where(m => m.Type == "image").ToList();
        var choice = messages.Last();
        var action = choice.Body.GetProperty("interactive").GetProperty("action");
        var optionTitles = action.TryGetProperty("sections", out var sections)
            ? sections[0].GetProperty("rows").EnumerateArray().Select(r => (r.TryGetProperty("description", out var d) ? d : r.GetProperty("title")).GetString()).ToList()
            : action.GetProperty("buttons").EnumerateArray().Select(b => b.GetProperty("reply").GetProperty("title").GetString()).ToList();
        images.Should().NotBeEmpty();
        images.Select(i => i.Body.GetProperty("image").GetProperty("link").GetString()).Should().OnlyHaveUniqueItems()
            .And.OnlyContain(link => link!.StartsWith("https://hotel.example/rooms/", StringComparison.Ordinal) && link.EndsWith(".png", StringComparison.Ordinal));
        images.Select(i => i.Body.GetProperty("image").GetProperty("caption").GetString()).Should().BeEquivalentTo(optionTitles, "one photo per room option, captioned with its name");
        messages.IndexOf(images.Last()).Should().BeLessThan(messages.IndexOf(choice), "the pictures come before the buttons to choose from");
    }

    [Fact]
    public async Task ImageRefused_CaptionSentAsText_AndTheReplyStillArrives()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        graph.Responder = r => r.Type == "image"
            ? Results.Json(new { error = new { message = "Media upload error", type = "OAuthException", code = 131053 } }, statusCode: 400)
            : null;
        await using var host = await WhatsAppTestHost.StartAsync(graph, services: WithPhotos);

        (await host.SendTextAsync("wamid.rooms", Availability)).EnsureSuccessStatusCode();
        var messages = await WaitForReplyAsync(graph);

        var refused = messages.Where(m => m.Type == "image").Select(m => m.Body.GetProperty("image").GetProperty("caption").GetString()).ToList();
        refused.Should().NotBeEmpty();
        messages.Where(m => m.Type == "text").Select(m => m.Text).Should().ContainInOrder(refused, "each refused picture is replaced by its caption");
        messages.Last().Type.Should().Be("interactive");
    }

    [Fact]
    public async Task SendMediaOff_RoomOptionsAreTextOnly()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var host = await WhatsAppTestHost.StartAsync(graph, o => o.SendMedia = false, services: WithPhotos);

        (await host.SendTextAsync("wamid.rooms", Availability)).EnsureSuccessStatusCode();
        var messages = await WaitForReplyAsync(graph);

        messages.Should().NotContain(m => m.Type == "image");
        messages.Last().Type.Should().Be("interactive");
    }

    [Fact]
    public async Task RelativePhotoAddresses_AreLeftOut_WithoutExtraMessages()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var host = await WhatsAppTestHost.StartAsync(graph);

        (await host.SendTextAsync("wamid.rooms", Availability)).EnsureSuccessStatusCode();
        var messages = await WaitForReplyAsync(graph);

        messages.Should().ContainSingle().Which.Type.Should().Be("interactive");
    }

    private static void WithPhotos(IServiceCollection services) =>
        services.Configure<DemoPmsOptions>(o => o.PhotoBaseUrl = new Uri("https://hotel.example/"));

    /// <summary>Waits until the interactive choice (the reply's last message) went out, then returns every message to the guest.</summary>
    private static async Task<List<GraphRequest>> WaitForReplyAsync(FakeGraphApi graph)
    {
        await graph.WaitUntilAsync(() => graph.Messages.Any(m => m.Type == "interactive"), TimeSpan.FromSeconds(20));
        await Task.Delay(300);
        return [.. graph.Messages.Where(m => m.To == WhatsAppTestHost.Guest)];
    }
}
