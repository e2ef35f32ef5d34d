using HotelAgent.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HotelAgent.Tests.Agent;

public sealed class RoomPhotoTests
{
    private const string Options = "Hola, ¿qué habitaciones tienen del 10 al 12 de diciembre para 2 personas?";

    [Fact]
    public async Task HandleAsync_PmsGivesPhotosAsBytes_RoomOptionsCarryTheBytes()
    {
        PhotoPms? pms = null;
        await using var host = new TestHost(services => services.Replace(ServiceDescriptor.Singleton<IPmsAdapter>(sp =>
            pms = new PhotoPms(sp.GetRequiredService<DemoPmsAdapter>()))));

        var response = await host.SayAsync("photos", Options);

        var reply = response.Replies.Single(r => r.QuickReplies.Count > 0);
        reply.Media.Should().HaveCount(reply.QuickReplies.Count);
        reply.Media.Should().AllSatisfy(m =>
        {
            m.Url.Should().BeNull("a photo behind the PMS's API has no address a guest may be sent");
            m.ContentType.Should().Be("image/jpeg");
        });
        reply.Media.Select(m => m.Content.ToArray()).Should().Equal(reply.QuickReplies.Select(q => PhotoPms.Bytes(q.Payload!)), (a, b) => a.SequenceEqual(b));
        reply.Media.Select(m => m.FileName).Should().Equal(reply.QuickReplies.Select(q => q.Payload + ".jpg"));
        reply.Media.Select(m => m.Caption).Should().Equal(reply.QuickReplies.Select(q => q.Title));
        pms!.Asked.Should().BeEquivalentTo(reply.QuickReplies.Select(q => q.Payload));
    }

    [Fact]
    public async Task HandleAsync_PhotoFails_OptionIsOfferedWithoutItAndTheFailureLogged()
    {
        await using var host = new TestHost(services =>
        {
            services.AddFakeLogging();
            services.Replace(ServiceDescriptor.Singleton<IPmsAdapter>(sp => new PhotoPms(sp.GetRequiredService<DemoPmsAdapter>()) { FailFor = "double" }));
        });

        var response = await host.SayAsync("photos", Options);

        var reply = response.Replies.Single(r => r.QuickReplies.Count > 0);
        reply.QuickReplies.Select(q => q.Payload).Should().Contain("double");
        reply.Media.Should().HaveCount(reply.QuickReplies.Count - 1);
        reply.Media.Select(m => m.FileName).Should().NotContain("double.jpg");
        host.Provider.GetFakeLogCollector().GetSnapshot().Should().ContainSingle(r => r.Id.Id == 1091)
            .Which.Message.Should().Be("The PMS did not give the photo of room type double; the option is offered without it");
    }

    /// <summary>The demo PMS with its photo addresses taken away and the photos given as bytes instead, as the QloApps adapter does.</summary>
    private sealed class PhotoPms(DemoPmsAdapter inner) : IPmsAdapter, IPmsRoomPhotoProvider
    {
        public List<string> Asked { get; } = [];

        public string? FailFor { get; init; }

        public static byte[] Bytes(string code) => [0xFF, 0xD8, 0xFF, .. System.Text.Encoding.ASCII.GetBytes(code)];

        public BookingCodeFormat BookingCodeFormat => inner.BookingCodeFormat;

        public ValueTask<RoomPhoto?> GetRoomPhotoAsync(string roomTypeCode, CancellationToken cancellationToken = default)
        {
            lock (Asked)
            {
                Asked.Add(roomTypeCode);
            }

            return roomTypeCode == FailFor
                ? throw new PmsUnavailableException("The image server is down.")
                : ValueTask.FromResult<RoomPhoto?>(new RoomPhoto(Bytes(roomTypeCode), "image/jpeg"));
        }

        public Task<HotelInfo> GetHotelInfoAsync(CancellationToken cancellationToken = default) => inner.GetHotelInfoAsync(cancellationToken);

        public async Task<IReadOnlyList<RoomType>> GetRoomTypesAsync(CancellationToken cancellationToken = default) =>
            [.. (await inner.GetRoomTypesAsync(cancellationToken)).Select(t => t with { Photos = [] })];

        public Task<AvailabilityResult> GetAvailabilityAsync(StayRequest request, CancellationToken cancellationToken = default) => inner.GetAvailabilityAsync(request, cancellationToken);

        public Task<ReservationResult> CreateReservationAsync(CreateReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
            inner.CreateReservationAsync(request, idempotencyKey, cancellationToken);

        public Task<Reservation?> GetReservationAsync(string code, CancellationToken cancellationToken = default) => inner.GetReservationAsync(code, cancellationToken);

        public Task<IReadOnlyList<Reservation>> ListReservationsAsync(ReservationQuery query, CancellationToken cancellationToken = default) => inner.ListReservationsAsync(query, cancellationToken);

        public Task<ReservationResult> ModifyReservationAsync(ModifyReservationRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
            inner.ModifyReservationAsync(request, idempotencyKey, cancellationToken);

        public Task<ReservationResult> CancelReservationAsync(string code, string idempotencyKey, CancellationToken cancellationToken = default) =>
            inner.CancelReservationAsync(code, idempotencyKey, cancellationToken);
    }
}
