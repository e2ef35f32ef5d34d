using MimeKit;

namespace HotelAgent.Channels.Email.Tests.Inbound;

public sealed class AutomaticMailTests
{
    private const string Hotel = "reservas@hotel.test";

    /// <summary>Each usual marker of automatic mail, as the header it adds (or the sender it comes from).</summary>
    public static TheoryData<string, string, string> Markers => new()
    {
        { "Auto-Submitted", "auto-replied", "automatic" },
        { "Auto-Submitted", "auto-generated", "automatic" },
        { "Auto-Submitted", "auto-notified; owner-email=\"x@y\"", "automatic" },
        { "X-Autoreply", "yes", "automatic" },
        { "X-Autorespond", "Out of office", "automatic" },
        { "X-Auto-Response-Suppress", "All", "automatic" },
        { "Precedence", "auto_reply", "automatic" },
        { "Precedence", "bulk", "automatic" },
        { "Precedence", "junk", "automatic" },
        { "Precedence", "list", "automatic" },
        { "List-Id", "<news.hotel-supplier.test>", "list" },
        { "List-Unsubscribe", "<mailto:unsubscribe@supplier.test>", "list" },
        { "Return-Path", "<>", "bounce" },
        { "X-Failed-Recipients", "ana@guest.test", "bounce" },
    };

    [Theory]
    [MemberData(nameof(Markers))]
    public void ReasonOf_AutomaticMarker_NotAnswered(string header, string value, string reason)
    {
        var mail = GuestMail();
        mail.Headers.Add(header, value);

        AutomaticMail.ReasonOf(mail, Hotel).Should().Be(reason);
    }

    [Theory]
    [InlineData("MAILER-DAEMON@mx.guest.test")]
    [InlineData("postmaster@guest.test")]
    public void ReasonOf_BounceSender_NotAnswered(string sender)
    {
        var mail = GuestMail();
        mail.From.Clear();
        mail.From.Add(MailboxAddress.Parse(sender));

        AutomaticMail.ReasonOf(mail, Hotel).Should().Be("bounce");
    }

    [Fact]
    public void ReasonOf_DeliveryStatusNotification_NotAnsweredWhateverTheSender()
    {
        var mail = GuestMail();
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = "Your message could not be delivered." },
            new MimePart("message", "delivery-status") { Content = new MimeContent(new MemoryStream("Final-Recipient: rfc822; x@y\r\nAction: failed\r\n"u8.ToArray())) },
        };
        mail.Body = report;

        AutomaticMail.ReasonOf(mail, Hotel).Should().Be("bounce");
    }

    [Fact]
    public void ReasonOf_OwnAddress_NotAnswered()
    {
        var mail = GuestMail();
        mail.From.Clear();
        mail.From.Add(new MailboxAddress("Hotel", "RESERVAS@hotel.test"));

        AutomaticMail.ReasonOf(mail, Hotel).Should().Be("own mail");
    }

    [Theory]
    [InlineData("Auto-Submitted", "no")]
    [InlineData("Auto-Submitted", " No (manually sent)")]
    [InlineData("Precedence", "first-class")]
    [InlineData("Return-Path", "<ana@guest.test>")]
    public void ReasonOf_GuestMail_Answered(string header, string value)
    {
        var mail = GuestMail();
        mail.Headers.Add(header, value);

        AutomaticMail.ReasonOf(mail, Hotel).Should().BeNull();
    }

    private static MimeMessage GuestMail()
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress("Ana", "ana@guest.test"));
        mail.To.Add(MailboxAddress.Parse(Hotel));
        mail.Subject = "Hola";
        mail.Body = new TextPart("plain") { Text = "¿Tienen parking?" };
        return mail;
    }
}
