using HotelAgent.Abstractions;

namespace HotelAgent.Channels.Email.Tests.Inbound;

public sealed class EmailTextTests
{
    [Theory]
    [InlineData("Yes, please book it.\n\nOn Mon, 1 Dec 2026 at 10:00, Hotel <h@hotel.test> wrote:\n> Shall I book it?")]
    [InlineData("Yes, please book it.\n\nOn Mon, 1 Dec 2026 at 10:00, Hotel Test\n<h@hotel.test> wrote:\n> Shall I book it?")]
    [InlineData("Yes, please book it.\n\n-----Original Message-----\nFrom: Hotel\nShall I book it?")]
    [InlineData("Yes, please book it.\n\nFrom: Hotel <h@hotel.test>\nSent: Monday, December 1, 2026 10:00\nTo: Ana\nShall I book it?")]
    [InlineData("Yes, please book it.\n\n________________________________\nDe: Hotel\nShall I book it?")]
    [InlineData("Yes, please book it.\n> Shall I book it?\n>")]
    [InlineData("Yes, please book it.\n\n-- \nAna García\n+34 600 000 000")]
    [InlineData("Yes, please book it.\n\nSent from my iPhone")]
    public void StripQuotesAndSignature_QuotedHistoryOrSignature_KeepsOnlyTheNewText(string text)
    {
        EmailText.StripQuotesAndSignature(text).Should().Be("Yes, please book it.");
    }

    [Theory]
    [InlineData("Sí, resérvela.\n\nEl lun, 1 dic 2026 a las 10:00, Hotel <h@hotel.test> escribió:\n> ¿La reservo?")]
    [InlineData("Sí, resérvela.\n\nEnviado desde mi iPhone")]
    [InlineData("Sí, resérvela.\r\n\r\n----- Mensaje original -----\r\n¿La reservo?")]
    public void StripQuotesAndSignature_SpanishClients_KeepsOnlyTheNewText(string text)
    {
        EmailText.StripQuotesAndSignature(text).Should().Be("Sí, resérvela.");
    }

    [Fact]
    public void HtmlToText_ParagraphsEntitiesAndGmailQuote_TextWithoutHistory()
    {
        var html = "<html><head><style>p{}</style></head><body><div>Hola,&nbsp;quiero</div><div>una habitaci&oacute;n</div><br><div class=\"gmail_quote\">El lun escribió:<blockquote>¿Algo más?</blockquote></div></body></html>";

        EmailText.StripQuotesAndSignature(EmailText.HtmlToText(html)).Should().Be("Hola, quiero\nuna habitación");
    }

    [Theory]
    [InlineData("Re: Reserva", true)]
    [InlineData("RE:Reserva", true)]
    [InlineData("Fwd: Reserva", true)]
    [InlineData("RV: Reserva", true)]
    [InlineData("Reserva", false)]
    [InlineData("Return policy", false)]
    public void IsReplySubject_Prefixes_Recognized(string subject, bool expected)
    {
        EmailText.IsReplySubject(subject).Should().Be(expected);
    }

    [Fact]
    public void Render_QuickRepliesAndLocation_NumberedListAndMapLink()
    {
        var message = new OutboundMessage
        {
            Text = "¿Confirmo la reserva?",
            QuickReplies = [new QuickReply("Sí"), new QuickReply("No")],
            Location = new GeoLocation(40.4168, -3.7038, "Hotel Test"),
        };

        EmailText.Render(message).Should().Be("¿Confirmo la reserva?\n\n1. Sí\n2. No\n\nHotel Test\nhttps://www.openstreetmap.org/?mlat=40.4168&mlon=-3.7038\n");
    }
}
