using System.Buffers.Binary;
using HotelAgent.Abstractions;
using HotelAgent.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using QRCoder;

namespace HotelAgent.Tests.Agent;

public sealed class BookingCardTests
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task HandleAsync_BookingConfirmed_ReplyCarriesAQrCardOfTheCodeCaptionedWithTheBooking()
    {
        await using var host = new TestHost();
        await host.SayAsync("card", "Hola, quiero reservar una habitación doble del 10 al 12 de diciembre para 2 personas");
        await host.SayAsync("card", "Ana García, ana@example.com");

        var confirmed = await host.SayAsync("card", "sí");

        confirmed.State.Should().Be(DialogueStates.Booked);
        var code = confirmed.ReservationCode!;
        var reply = confirmed.Replies.Single();
        reply.Text.Should().Contain(code, "the text alone still gives the code");
        var card = reply.Media.Should().ContainSingle().Subject;
        card.Kind.Should().Be(MediaKind.Image);
        card.ContentType.Should().Be("image/png");
        card.Url.Should().BeNull("the card is made for this guest and has no public address");
        card.FileName.Should().Be($"booking-{code}.png");
        card.Content.IsEmpty.Should().BeTrue("the turn does not make the PNG: a channel makes it when it sends the card");
        card.QrCodeText.Should().Be(code);
        card.HasContent.Should().BeTrue();
        var png = card.GetContent();
        png.Span[..8].ToArray().Should().Equal(PngSignature);
        QrImages.Decode(png.Span).Should().Be(code);
        card.Caption.Should().StartWith("Reserva confirmada · Hotel Mirador del Puerto")
            .And.Contain($"Código: {code}")
            .And.Contain("Huésped: Ana García")
            .And.Contain("10 dic 2026 → 12 dic 2026")
            .And.Contain("Habitación: habitación doble")
            .And.Contain("Personas: 2")
            .And.Contain("Total: 240,00 €");
    }

    [Fact]
    public async Task HandleAsync_BookingModified_ReplyCarriesACardWithTheNewDates_AndTheQuoteNone()
    {
        await using var host = new TestHost();
        await host.SayAsync("move", "A double from 10 to 12 December for 2");
        await host.SayAsync("move", "Ana Lee, ana.lee@mail.com");
        var booked = await host.SayAsync("move", "yes");
        booked.Replies.Single().Media.Should().ContainSingle();

        var quote = await host.SayAsync("move", "can you move it one day later?");
        quote.State.Should().Be(DialogueStates.AwaitingModificationConfirmation);
        quote.Replies.SelectMany(r => r.Media).Should().BeEmpty("nothing was written yet");
        var moved = await host.SayAsync("move", "yes");

        var card = moved.Replies.SelectMany(r => r.Media).Should().ContainSingle().Subject;
        card.Content.IsEmpty.Should().BeTrue();
        QrImages.Decode(card.GetContent().Span).Should().Be(booked.ReservationCode);
        card.Caption.Should().StartWith("Booking changed · Hotel Mirador del Puerto")
            .And.Contain("Guest: Ana Lee")
            .And.Contain("11 Dec 2026 → 13 Dec 2026")
            .And.Contain("Room: double room");
        moved.Replies.Single(r => r.Media.Count > 0).Text.Should().Contain(booked.ReservationCode!);
    }

    [Fact]
    public async Task HandleAsync_BookingCardOff_ReplyHasTheTextOnly()
    {
        await using var host = new TestHost(services => services.Configure<HotelAgentOptions>(o => o.BookingCard = false));
        await host.SayAsync("off", "Um quarto duplo de 10 a 12 de dezembro para 2");
        await host.SayAsync("off", "Ana Lee, ana.lee@mail.com");

        var confirmed = await host.SayAsync("off", "sim");

        confirmed.ReservationCode.Should().NotBeNull();
        confirmed.Replies.SelectMany(r => r.Media).Should().BeEmpty();
    }

    [Fact]
    public void GetContent_QrCodeText_IsAPngOfTheQrCodeWithItsQuietZone()
    {
        var png = new OutboundMedia { Kind = MediaKind.Image, QrCodeText = "HA-7K3QX9", ContentType = "image/png" }.GetContent().ToArray();

        png.AsSpan(0, 8).ToArray().Should().Equal(PngSignature);
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        width.Should().Be(height);
        // Version 1 (21 modules) or 2 (25) for a 9-character code, plus a 4-module quiet zone on each side, 8 pixels a module.
        (width / 8).Should().BeOneOf(29, 33);
        QrImages.Decode(png).Should().Be("HA-7K3QX9");
    }

    [Fact]
    public void GetContent_QrCodeText_IsTheSamePngTheTurnMadeBefore()
    {
        // The card's PNG as the turn made it before it was deferred: QRCoder, level M, 8 pixels a module.
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode("HA-7K3QX9", QRCodeGenerator.ECCLevel.M);
        using var writer = new PngByteQRCode(data);
        var before = writer.GetGraphic(8);
        var media = new OutboundMedia { Kind = MediaKind.Image, QrCodeText = "HA-7K3QX9" };

        media.GetContent().ToArray().Should().Equal(before);
        media.GetContent().ToArray().Should().Equal(before, "the same bytes on every call (a reply sent again later)");
    }

    [Fact]
    public void GetContent_ContentGiven_IsTheContent_AndWithoutEitherIsEmpty()
    {
        byte[] bytes = [1, 2, 3];

        new OutboundMedia { Kind = MediaKind.Image, Content = bytes, QrCodeText = "HA-7K3QX9" }.GetContent().ToArray().Should().Equal(bytes);
        new OutboundMedia { Kind = MediaKind.Image, Content = bytes }.HasContent.Should().BeTrue();
        var linked = new OutboundMedia { Kind = MediaKind.Image, Url = new Uri("rooms/double.png", UriKind.Relative) };
        linked.HasContent.Should().BeFalse();
        linked.GetContent().IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Caption_WithChildrenInPortuguese_NamesAdultsAndChildren()
    {
        var reservation = new Reservation
        {
            Code = "ABC123",
            Status = ReservationStatus.Confirmed,
            RoomType = "family",
            CheckIn = new DateOnly(2026, 12, 30),
            CheckOut = new DateOnly(2027, 1, 2),
            Adults = 2,
            Children = 1,
            Guest = new GuestDetails("Rui Sousa", "rui@example.com"),
            Total = 1050m,
            Currency = "EUR",
        };
        var hotel = new HotelInfo { Id = "1", Name = "Hotel Sol", Currency = "EUR", TimeZone = "Europe/Lisbon" };

        var caption = BookingCard.Caption(reservation, modified: false, hotel, [], "pt");

        caption.Split('\n').Select(l => l.TrimEnd('\r')).Should().Equal(
            "Reserva confirmada · Hotel Sol",
            "Código: ABC123",
            "Hóspede: Rui Sousa",
            "Datas: 30 dez. 2026 → 2 jan. 2027",
            "Quarto: family",
            "Pessoas: 2 adultos e 1 criança",
            "Total: 1050,00 €");
    }
}
