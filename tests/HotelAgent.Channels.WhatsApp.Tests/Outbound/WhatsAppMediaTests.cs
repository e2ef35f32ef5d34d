using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using QRCoder;

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

    [Fact]
    public async Task Booking_QrCardIsUploadedAndSentAsAnImageWithTheFactsAsCaption_BeforeTheText()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var host = await WhatsAppTestHost.StartAsync(graph);

        (await host.SendTextAsync("wamid.b1", "Quiero reservar una habitación doble del 10 al 12 de marzo para 2 personas")).EnsureSuccessStatusCode();
        await graph.WaitUntilAsync(() => graph.Messages.Any(m => m.Text?.Contains("nombre", StringComparison.OrdinalIgnoreCase) == true), TimeSpan.FromSeconds(20));
        (await host.SendTextAsync("wamid.b2", "Ana García, ana@example.com")).EnsureSuccessStatusCode();
        await graph.WaitUntilAsync(() => graph.Messages.Any(m => m.Type == "interactive"), TimeSpan.FromSeconds(20));
        (await host.SendTextAsync("wamid.b3", "sí")).EnsureSuccessStatusCode();
        await graph.WaitUntilAsync(() => graph.Messages.Any(m => m.Type == "image"), TimeSpan.FromSeconds(20));
        await Task.Delay(300);

        var upload = graph.Uploads.Should().ContainSingle().Subject;
        upload.Type.Should().Be("image/png");
        upload.ContentType.Should().Be("image/png");
        upload.FileName.Should().StartWith("booking-").And.EndWith(".png");
        upload.Content.AsSpan(0, 4).ToArray().Should().Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        var messages = graph.Messages.Where(m => m.To == WhatsAppTestHost.Guest).ToList();
        var card = messages.Single(m => m.Type == "image");
        card.Body.GetProperty("image").GetProperty("id").GetString().Should().Be(upload.Id);
        var code = upload.FileName["booking-".Length..^".png".Length];
        upload.Content.Should().Equal(PngByteQRCodeHelper.GetQRCode(code, QRCodeGenerator.ECCLevel.M, 8), "the channel makes the card's PNG from its code when it sends it");
        card.Body.GetProperty("image").GetProperty("caption").GetString().Should().Contain($"Código: {code}").And.Contain("Huésped: Ana García");
        var confirmation = messages.Last(m => m.Type == "text");
        confirmation.Text.Should().Contain(code);
        messages.IndexOf(card).Should().BeLessThan(messages.IndexOf(confirmation));
    }

    [Fact]
    public async Task AudioAsBytes_IsUploadedAndSentAsAnAudioMessageWithoutCaption()
    {
        await using var graph = await FakeGraphApi.StartAsync();
        await using var host = await WhatsAppTestHost.StartAsync(graph);
        (await host.SendTextAsync("wamid.a1", "¿A qué hora es el check-in?")).EnsureSuccessStatusCode();
        await graph.WaitUntilAsync(() => graph.Messages.Any(m => m.Type == "text"), TimeSpan.FromSeconds(20));
        var channel = host.Services.GetServices<IMessageChannel>().Single(c => c.Name.StartsWith("whatsapp", StringComparison.Ordinal));
        byte[] ogg = [.. "OggS"u8, 0, 2, 0, 0];

        await channel.SendAsync(WhatsAppTestHost.Guest, new OutboundMessage
        {
            Text = "El check-in es a partir de las 15:00.",
            Media = [new OutboundMedia { Kind = MediaKind.Audio, Content = ogg, ContentType = "audio/ogg", FileName = "reply.ogg", Caption = "not shown" }],
        });

        var upload = graph.Uploads.Should().ContainSingle().Subject;
        (upload.Type, upload.FileName).Should().Be(("audio/ogg", "reply.ogg"));
        upload.Content.Should().Equal(ogg);
        var audio = graph.Messages.Should().ContainSingle(m => m.Type == "audio").Subject;
        audio.Body.GetProperty("audio").GetProperty("id").GetString().Should().Be(upload.Id);
        audio.Body.GetProperty("audio").TryGetProperty("caption", out _).Should().BeFalse("WhatsApp audio messages have no caption");
        graph.Messages.Last().Text.Should().Be("El check-in es a partir de las 15:00.");
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
