using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HotelAgent.Abstractions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HotelAgent.Pms.QloApps.LiveTests;

/// <summary>
/// Room photos from the live QloApps 1.6.1 (its demo images), read-only: the adapter reads them through the webservice
/// and the guest gets the bytes, never an address holding the webservice key.
/// </summary>
[Collection(LiveCollection.Name)]
public sealed class LiveRoomPhotoTests(LiveQloApps live)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetRoomPhotoAsync_DemoRoomType_ReturnsItsDefaultImageAsAJpeg()
    {
        live.SkipIfUnavailable();
        await using var host = live.Host();

        var photo = await ((IPmsRoomPhotoProvider)host.Pms).GetRoomPhotoAsync("double", Token);

        photo.Should().NotBeNull();
        photo!.ContentType.Should().Be("image/jpeg");
        photo.Content.Span[..3].ToArray().Should().Equal(new byte[] { 0xFF, 0xD8, 0xFF });
        photo.Content.Length.Should().BeInRange(5_000, 200_000, "home_default is 250 px square");
    }

    [Fact]
    public async Task Chat_RoomOptions_CarryEachRoomsPhotoAsDataWithoutTheKey()
    {
        live.SkipIfUnavailable();
        var checkIn = LiveQloApps.Today.AddDays(45);
        var month = CultureInfo.GetCultureInfo("es-ES").DateTimeFormat.GetMonthName(checkIn.Month);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("HotelAgent:QloApps:BaseUrl", live.BaseUrl);
            b.UseSetting("HotelAgent:QloApps:ApiKey", live.ApiKey);
        });
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync(
            "/v1/conversations/live-photos/messages",
            new { text = $"¿Qué habitaciones tienen del {checkIn.Day} de {month} al {checkIn.AddDays(2).Day} de {checkIn.AddDays(2).ToString("MMMM", CultureInfo.GetCultureInfo("es-ES"))} para 2 personas?", language = "es" },
            Token);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadAsStringAsync(Token);

        var options = JsonDocument.Parse(json).RootElement.GetProperty("replies").EnumerateArray()
            .Single(r => r.TryGetProperty("media", out var media) && media.ValueKind == JsonValueKind.Array);
        var media = options.GetProperty("media").EnumerateArray().ToArray();
        media.Should().HaveCount(options.GetProperty("quickReplies").GetArrayLength());
        media.Should().OnlyContain(m => m.GetProperty("url").GetString()!.StartsWith("data:image/jpeg;base64,/9j/", StringComparison.Ordinal));
        json.Should().NotContain(live.ApiKey).And.NotContain("/api/images", "a guest never gets an address of the webservice");
    }
}
