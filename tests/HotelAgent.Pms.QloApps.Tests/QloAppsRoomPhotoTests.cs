using HotelAgent.Abstractions;
using HotelAgent.Pms.QloApps.Tests.Fakes;

namespace HotelAgent.Pms.QloApps.Tests;

/// <summary>
/// Room type photos read through the webservice (<c>/api/images/room_types/{product}/{image}/{size}</c>), against the
/// fake answering with the recordings of QloApps 1.6.1's demo images.
/// </summary>
public sealed class QloAppsRoomPhotoTests : IAsyncLifetime
{
    private FakeQloAppsServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await FakeQloAppsServer.StartStatefulAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetRoomPhotoAsync_RoomTypeWithImage_ReturnsItsDefaultImageBytesAtHomeSize()
    {
        await using var host = new QloAppsTestHost(_server.BaseUrl);
        var photos = (IPmsRoomPhotoProvider)host.Pms;

        var photo = await photos.GetRoomPhotoAsync("double", Token);

        // Room type "double" is product 2, whose id_default_image is 5.
        photo.Should().NotBeNull();
        photo!.ContentType.Should().Be("image/jpeg");
        photo.Content.ToArray().Should().Equal(RecordedFixture.Load("136").ResponseBody);
        photo.Content.Span[..3].ToArray().Should().Equal(new byte[] { 0xFF, 0xD8, 0xFF }, "a JPEG");
        _server.Requests.Should().ContainSingle(r => r.PathAndQuery.StartsWith("/api/images/", StringComparison.Ordinal))
            .Which.PathAndQuery.Should().Be("/api/images/room_types/2/5/home_default", "the key goes in the Authorization header, never in the address");
    }

    [Fact]
    public async Task GetRoomPhotoAsync_AskedAgain_IsServedFromTheCache()
    {
        await using var host = new QloAppsTestHost(_server.BaseUrl);
        var photos = (IPmsRoomPhotoProvider)host.Pms;

        var first = await photos.GetRoomPhotoAsync("single", Token);
        var second = await photos.GetRoomPhotoAsync("SINGLE", Token);

        first!.Content.ToArray().Should().Equal(RecordedFixture.Load("130").ResponseBody);
        second!.Content.ToArray().Should().Equal(first.Content.ToArray());
        _server.Count("GET", "/api/images/").Should().Be(1);
    }

    [Fact]
    public async Task GetRoomPhotoAsync_OriginalSize_AsksWithoutASize()
    {
        await using var host = new QloAppsTestHost(_server.BaseUrl, o => o.PhotoSize = string.Empty);

        var photo = await ((IPmsRoomPhotoProvider)host.Pms).GetRoomPhotoAsync("single", Token);

        photo!.Content.Length.Should().Be(RecordedFixture.Load("131").ResponseBody.Length);
        _server.Count("GET", "/api/images/room_types/1/1").Should().Be(1);
    }

    [Fact]
    public async Task GetRoomPhotoAsync_SizeTheShopDoesNotHave_ReturnsNoneAndLogsIt()
    {
        await using var host = new QloAppsTestHost(_server.BaseUrl, o => o.PhotoSize = "huge_default");

        var photo = await ((IPmsRoomPhotoProvider)host.Pms).GetRoomPhotoAsync("suite", Token);
        var again = await ((IPmsRoomPhotoProvider)host.Pms).GetRoomPhotoAsync("suite", Token);

        photo.Should().BeNull();
        again.Should().BeNull();
        _server.Count("GET", "/api/images/").Should().Be(1, "a missing photo is remembered like a found one");
        host.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 1414)
            .Which.Message.Should().Be("QloApps gave no image 13 of room type 4 (HTTP 400); the room type is offered without a photo");
    }

    [Fact]
    public async Task GetRoomPhotoAsync_UnknownRoomTypeOrPhotosOff_ReturnsNoneWithoutAskingForAnImage()
    {
        await using var host = new QloAppsTestHost(_server.BaseUrl);
        await using var off = new QloAppsTestHost(_server.BaseUrl, o => o.RoomPhotos = false);

        (await ((IPmsRoomPhotoProvider)host.Pms).GetRoomPhotoAsync("penthouse", Token)).Should().BeNull();
        (await ((IPmsRoomPhotoProvider)off.Pms).GetRoomPhotoAsync("double", Token)).Should().BeNull();

        _server.Count("GET", "/api/images/").Should().Be(0);
    }

    [Fact]
    public async Task GetRoomPhotoAsync_RecordsTheRequestMetric()
    {
        await using var host = new QloAppsTestHost(_server.BaseUrl);

        await ((IPmsRoomPhotoProvider)host.Pms).GetRoomPhotoAsync("twin", Token);

        host.Metrics.GetMeasurementSnapshot().Should().Contain(m =>
            Equals(m.Tags["pms.operation"], "get_room_photo") && Equals(m.Tags["pms.outcome"], "success"));
    }
}
