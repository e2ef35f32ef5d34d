using System.Text.Json;
using HotelAgent.Abstractions;
using QRCoder;

namespace HotelAgent.Sessions.Redis.Tests.Serialization;

/// <summary>
/// What Redis keeps of a reply with the booking card (a session's outbox, a channel's dead letter): the card's QR code
/// as its text, not as a PNG, and the same PNG made from it after the round trip. No server needed: the JSON is the one
/// the stores write.
/// </summary>
public sealed class RedisJsonContextTests
{
    private const string Code = "HA-7K3QX9";

    private static readonly OutboundMessage Booked = new()
    {
        Text = $"¡Reservado! Su código es {Code}.",
        Media =
        [
            new OutboundMedia
            {
                Kind = MediaKind.Image,
                QrCodeText = Code,
                ContentType = "image/png",
                FileName = $"booking-{Code}.png",
                Caption = $"Reserva confirmada · Hotel Mirador\nCódigo: {Code}",
            },
        ],
    };

    private static byte[] Png => PngByteQRCodeHelper.GetQRCode(Code, QRCodeGenerator.ECCLevel.M, 8);

    [Fact]
    public void Session_OutboxWithADeferredCard_KeepsTheCodeNotThePicture_AndMakesTheSamePngAfterTheRoundTrip()
    {
        var session = new ConversationSession
        {
            ConversationId = "whatsapp:34600000000",
            ChannelName = "whatsapp",
            GuestId = "34600000000",
            HandledMessageIds = ["m-1"],
            Outbox = [new OutboxEntry { MessageId = "m-1", Replies = [Booked] }],
        };

        var json = JsonSerializer.Serialize(session, RedisJsonContext.Default.ConversationSession);
        var read = JsonSerializer.Deserialize(json, RedisJsonContext.Default.ConversationSession)!;

        json.Should().Contain($"\"qrCodeText\":\"{Code}\"").And.NotContain("hasContent");
        json.Should().NotContain(Convert.ToBase64String(Png), "the stored session holds the code, not the PNG");
        var card = read.Outbox.Single().Replies.Single().Media.Single();
        card.Should().BeEquivalentTo(new { Kind = MediaKind.Image, QrCodeText = Code, ContentType = "image/png", FileName = $"booking-{Code}.png", Booked.Media[0].Caption, HasContent = true });
        card.Content.IsEmpty.Should().BeTrue();
        card.GetContent().ToArray().Should().Equal(Png);
    }

    [Fact]
    public void DeadLetter_WithADeferredCard_MakesTheSamePngAfterTheRoundTrip()
    {
        var letter = new ChannelDeadLetter("whatsapp:106540352242922", "d-1", "106540352242922", "34600111222", Booked, 131047, "Re-engagement message", IsTransient: false, DateTimeOffset.UnixEpoch);

        var json = JsonSerializer.SerializeToUtf8Bytes(letter, RedisJsonContext.Default.ChannelDeadLetter);
        var read = JsonSerializer.Deserialize(json, RedisJsonContext.Default.ChannelDeadLetter)!;

        var card = read.Message.Media.Single();
        (card.QrCodeText, card.FileName, card.Caption).Should().Be((Code, $"booking-{Code}.png", Booked.Media[0].Caption));
        card.GetContent().ToArray().Should().Equal(Png);
    }

    [Fact]
    public void Session_OutboxWithBytes_KeepsTheBytesAsBefore()
    {
        byte[] photo = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3];
        var reply = new OutboundMessage { Text = "Doble", Media = [new OutboundMedia { Kind = MediaKind.Image, Content = photo, ContentType = "image/png" }] };
        var session = new ConversationSession { ConversationId = "c", ChannelName = "web", GuestId = "g", Outbox = [new OutboxEntry { MessageId = "m", Replies = [reply] }] };

        var read = JsonSerializer.Deserialize(JsonSerializer.Serialize(session, RedisJsonContext.Default.ConversationSession), RedisJsonContext.Default.ConversationSession)!;

        var media = read.Outbox.Single().Replies.Single().Media.Single();
        media.Content.ToArray().Should().Equal(photo);
        media.QrCodeText.Should().BeNull();
        media.GetContent().ToArray().Should().Equal(photo);
    }
}
