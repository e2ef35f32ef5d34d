using HotelAgent.Abstractions;
using HotelAgent.Tests.Shared;
using MimeKit;
using QRCoder;

namespace HotelAgent.Channels.Email.Tests.Outbound;

public sealed class EmailComposerTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n%test\n"u8.ToArray();

    private static EmailComposer Composer(Action<EmailOptions>? configure = null)
    {
        var options = new EmailOptions { Address = "hotel@hotel.test", DisplayName = "Hotel" };
        configure?.Invoke(options);
        return new EmailComposer(new EmailMailbox(string.Empty, options), TimeProvider.System);
    }

    private static OutboundMessage BookedReply() => new()
    {
        Text = "¡Reservado! Su código es HA-7K3QX9.",
        Media =
        [
            new OutboundMedia
            {
                Kind = MediaKind.Image,
                Content = PngByteQRCodeHelper.GetQRCode("HA-7K3QX9", QRCodeGenerator.ECCLevel.M, 8),
                ContentType = "image/png",
                FileName = "booking-HA-7K3QX9.png",
                Caption = "Reserva confirmada · Hotel Mirador\nCódigo: HA-7K3QX9\nTotal: 240,00 €",
            },
        ],
    };

    [Fact]
    public void Compose_NoMedia_IsOnePlainTextPart()
    {
        var mail = Composer().Compose(new MailboxAddress("", "ana@guest.test"), null, [new OutboundMessage { Text = "Hola" }], "es");

        mail.Body.Should().BeOfType<TextPart>().Which.Text.Should().Be("Hola\n");
    }

    [Fact]
    public void Compose_PictureAsBytes_IsInlineInTheHtmlPartByCid_AndTheTextKeepsTheCaption()
    {
        var mail = Composer().Compose(new MailboxAddress("", "ana@guest.test"), null, [BookedReply()], "es");

        mail.Body.Should().BeOfType<MultipartAlternative>("the text part, and the HTML part related to its pictures");
        var picture = mail.BodyParts.OfType<MimePart>().Single(p => p.FileName == "booking-HA-7K3QX9.png");
        picture.ContentType.MimeType.Should().Be("image/png");
        picture.ContentId.Should().NotBeNullOrEmpty();
        using var bytes = new MemoryStream();
        picture.Content!.DecodeTo(bytes);
        QrImages.Decode(bytes.ToArray()).Should().Be("HA-7K3QX9");
        mail.HtmlBody.Should().Contain($"<img src=\"cid:{picture.ContentId}\"").And.Contain("Código: HA-7K3QX9");
        mail.TextBody.Should().Be("¡Reservado! Su código es HA-7K3QX9.\n\nReserva confirmada · Hotel Mirador\nCódigo: HA-7K3QX9\nTotal: 240,00 €\n");
    }

    [Fact]
    public void Compose_QrCardDescribedByItsText_IsTheSameInlinePngAsTheCardGivenAsBytes()
    {
        var given = BookedReply();
        var described = given with { Media = [given.Media[0] with { Content = default, QrCodeText = "HA-7K3QX9" }] };

        var mail = Composer().Compose(new MailboxAddress("", "ana@guest.test"), null, [described], "es");

        var picture = mail.BodyParts.OfType<MimePart>().Single(p => p.FileName == "booking-HA-7K3QX9.png");
        picture.ContentType.MimeType.Should().Be("image/png");
        using var bytes = new MemoryStream();
        picture.Content!.DecodeTo(bytes);
        bytes.ToArray().Should().Equal(given.Media[0].Content.ToArray(), "the PNG made when the mail is composed is the one the turn used to make");
        mail.HtmlBody.Should().Contain($"<img src=\"cid:{picture.ContentId}\"");
        mail.TextBody.Should().Be("¡Reservado! Su código es HA-7K3QX9.\n\nReserva confirmada · Hotel Mirador\nCódigo: HA-7K3QX9\nTotal: 240,00 €\n");
    }

    [Fact]
    public void Compose_DocumentAndLinkedPictures_AttachesTheDocumentAndLinksThePictures()
    {
        var reply = new OutboundMessage
        {
            Text = "Tenemos estas habitaciones:",
            QuickReplies = [new QuickReply("Doble", "double"), new QuickReply("Suite", "suite")],
            Media =
            [
                new OutboundMedia { Kind = MediaKind.Image, Url = new Uri("rooms/double.png", UriKind.Relative), Caption = "Doble: <vista al mar>" },
                new OutboundMedia { Kind = MediaKind.Image, Url = new Uri("https://cdn.hotel.example/suite.jpg"), Caption = "Suite" },
                new OutboundMedia { Kind = MediaKind.Document, Content = Pdf, ContentType = "application/pdf", FileName = "tarifas.pdf", Caption = "Tarifas 2027" },
            ],
        };

        var mail = Composer(o => o.MediaBaseUrl = new Uri("https://hotel.example/")).Compose(new MailboxAddress("", "ana@guest.test"), null, [reply], "es");

        mail.Body.Should().BeOfType<Multipart>().Which.ContentType.MediaSubtype.Should().Be("mixed");
        var attachment = mail.Attachments.OfType<MimePart>().Should().ContainSingle().Subject;
        attachment.FileName.Should().Be("tarifas.pdf");
        attachment.ContentType.MimeType.Should().Be("application/pdf");
        mail.HtmlBody.Should().Contain("<img src=\"https://hotel.example/rooms/double.png\"")
            .And.Contain("<img src=\"https://cdn.hotel.example/suite.jpg\"")
            .And.Contain("Doble: &lt;vista al mar&gt;")
            .And.Contain("<li>Doble</li><li>Suite</li>");
        mail.TextBody.Should().Be(
            "Tenemos estas habitaciones:\n\n1. Doble\n2. Suite\n"
            + "\nDoble: <vista al mar>\nhttps://hotel.example/rooms/double.png\n"
            + "\nSuite\nhttps://cdn.hotel.example/suite.jpg\n"
            + "\nTarifas 2027\n");
    }

    [Fact]
    public void Compose_RelativePictureWithoutBaseUrl_IsItsCaptionOnly()
    {
        var reply = new OutboundMessage
        {
            Text = "Opciones:",
            Media = [new OutboundMedia { Kind = MediaKind.Image, Url = new Uri("rooms/double.png", UriKind.Relative), Caption = "Doble" }],
        };

        var mail = Composer().Compose(new MailboxAddress("", "ana@guest.test"), null, [reply], "es");

        mail.TextBody.Should().Be("Opciones:\n\nDoble\n");
        mail.HtmlBody.Should().NotContain("<img");
        mail.BodyParts.Should().HaveCount(2, "the text and the HTML part, nothing attached");
    }

    [Fact]
    public void Compose_SendMediaOff_IsPlainTextWithTheCaptions()
    {
        var mail = Composer(o => o.SendMedia = false).Compose(new MailboxAddress("", "ana@guest.test"), null, [BookedReply()], "es");

        mail.Body.Should().BeOfType<TextPart>().Which.Text.Should().Contain("Código: HA-7K3QX9");
        mail.HtmlBody.Should().BeNull();
    }
}
