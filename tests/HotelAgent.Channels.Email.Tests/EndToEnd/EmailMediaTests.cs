using HotelAgent.Abstractions;
using HotelAgent.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HotelAgent.Channels.Email.Tests.EndToEnd;

/// <summary>
/// Replies with media through the real servers: the guest's mailbox receives multipart mails with the booking's QR card
/// and the room photos.
/// </summary>
public sealed class EmailMediaTests(MailServers servers)
{
    [Fact]
    public async Task Conversation_GuestBooks_ReplyMailCarriesTheQrCardOfTheCode()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers);
        var guest = MailServers.NewUser("eva");
        var request = host.MailFrom(guest, "Reserva", "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas. Soy Eva Ruiz, eva.ruiz@example.com");
        await servers.AppendAsync(host.HotelUser, request);
        var question = (await servers.WaitForMailAsync(guest, m => m.Any(r => r.TextBody?.Contains("¿Confirmo", StringComparison.Ordinal) == true)))
            .Single(r => r.TextBody!.Contains("¿Confirmo", StringComparison.Ordinal));

        var yes = host.MailFrom(guest, "Re: Reserva", "Sí");
        yes.InReplyTo = question.MessageId;
        yes.References.Add(request.MessageId!);
        yes.References.Add(question.MessageId!);
        await servers.AppendAsync(host.HotelUser, yes);
        var booked = (await servers.WaitForMailAsync(guest, m => m.Any(r => r.InReplyTo == yes.MessageId))).Single(r => r.InReplyTo == yes.MessageId);

        var reservation = (await host.Services.GetRequiredService<IPmsAdapter>().ListReservationsAsync(new ReservationQuery())).Should().ContainSingle().Subject;
        var card = booked.BodyParts.OfType<MimePart>().Should().ContainSingle(p => p.FileName == $"booking-{reservation.Code}.png").Subject;
        card.ContentType.MimeType.Should().Be("image/png");
        using var png = new MemoryStream();
        card.Content!.DecodeTo(png);
        QrImages.Decode(png.ToArray()).Should().Be(reservation.Code);
        booked.HtmlBody.Should().Contain($"cid:{card.ContentId}");
        booked.TextBody.Should().Contain(reservation.Code)
            .And.Contain($"Código: {reservation.Code}")
            .And.Contain("Huésped: Eva Ruiz")
            .And.Contain("Total: 240,00 €");
        question.BodyParts.Should().ContainSingle("the question before the booking is plain text").Which.Should().BeOfType<TextPart>();
    }

    [Fact]
    public async Task Conversation_GuestAsksForRooms_ReplyMailShowsEachOptionsPhoto()
    {
        servers.SkipIfMissing();
        await using var host = await EmailTestHost.StartAsync(servers, o => o.MediaBaseUrl = new Uri("https://hotel.example/"));
        var guest = MailServers.NewUser("fer");
        var mail = host.MailFrom(guest, "Habitaciones", "Hola, ¿qué habitaciones tienen del 10 al 12 de diciembre para 2 personas?");
        await servers.AppendAsync(host.HotelUser, mail);

        var replies = await servers.WaitForMailAsync(guest, m => m.Any(r => r.HtmlBody?.Contains("<img", StringComparison.Ordinal) == true));

        var options = replies.Single(r => r.HtmlBody?.Contains("<img", StringComparison.Ordinal) == true);
        options.HtmlBody.Should().Contain("<img src=\"https://hotel.example/rooms/double.png\"")
            .And.Contain("<img src=\"https://hotel.example/rooms/twin.png\"")
            .And.Contain("<li>Habitación doble</li>");
        options.TextBody.Should().Contain("https://hotel.example/rooms/double.png").And.Contain("1. Habitación");
    }
}
