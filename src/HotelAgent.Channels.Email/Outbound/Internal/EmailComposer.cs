using System.Globalization;
using System.Text;
using HotelAgent.Abstractions;
using MimeKit;
using MimeKit.Utils;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Writes reply mails: one mail per turn, its replies as paragraphs, in the guest's thread (<c>In-Reply-To</c>,
/// <c>References</c>, <c>Re:</c> subject), or with a subject in the reply's language when there is no thread, and
/// <c>Auto-Submitted: auto-replied</c> (RFC 3834) and <c>X-Auto-Response-Suppress: All</c> (Exchange, Outlook) so
/// auto-responders do not answer it. A reply with pictures or documents becomes a multipart mail (see <see cref="Body"/>).
/// </summary>
internal sealed class EmailComposer(EmailMailbox mailbox, TimeProvider timeProvider)
{
    private readonly EmailOptions _options = mailbox.Options;

    /// <summary>The subject of a reply outside a thread (or to a mail without subject), per language.</summary>
    public string DefaultSubjectOf(string? language)
    {
        if (!string.Equals(_options.DefaultSubject, EmailDefaults.DefaultSubject, StringComparison.Ordinal))
        {
            // Configured by the hotel: theirs, whatever the language.
            return _options.DefaultSubject;
        }

        return language?.ToLowerInvariant() switch
        {
            "es" => "Su estancia",
            "pt" => "A sua estadia",
            _ => EmailDefaults.DefaultSubject,
        };
    }

    public MimeMessage Compose(MailboxAddress to, ConversationThread? thread, IReadOnlyList<OutboundMessage> replies, string? language)
    {
        var from = new MailboxAddress(_options.DisplayName, _options.Address!);
        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.Add(to);
        mime.Subject = thread?.Subject is { Length: > 0 } subject && !string.IsNullOrWhiteSpace(subject)
            ? EmailText.IsReplySubject(subject) ? subject : "Re: " + subject
            : DefaultSubjectOf(language ?? thread?.Language);
        mime.Date = timeProvider.GetUtcNow();
        mime.MessageId = MimeUtils.GenerateMessageId(from.Domain is { Length: > 0 } domain ? domain : "localhost");
        mime.Headers.Add("Auto-Submitted", "auto-replied");
        mime.Headers.Add("X-Auto-Response-Suppress", "All");
        if (thread is not null)
        {
            mime.InReplyTo = thread.LastMessageId;
            foreach (var reference in thread.References)
            {
                mime.References.Add(reference);
            }
        }

        mime.Body = Body(replies, from.Domain);
        return mime;
    }

    /// <summary>
    /// The body of a reply mail. Without media, one plain-text part. With media (and <see cref="EmailOptions.SendMedia"/>):
    /// <c>multipart/mixed</c> holding a <c>multipart/related</c> (the plain-text part and an HTML part as
    /// <c>multipart/alternative</c>, and the pictures given as bytes, shown inline by <c>cid:</c>) and the documents as
    /// attachments. Pictures at an address are linked from the HTML part. Both parts carry every caption, so a reader
    /// of the text alone (or a client blocking pictures) reads the same facts.
    /// </summary>
    internal MimeEntity Body(IReadOnlyList<OutboundMessage> replies, string? domain)
    {
        var media = replies.Sum(r => r.Media.Count);
        if (media == 0)
        {
            return new TextPart("plain") { Text = string.Join("\n", replies.Select(EmailText.Render)) };
        }

        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">\n");
        var builder = new BodyBuilder();
        var index = 0;
        foreach (var reply in replies)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(EmailText.Render(reply));
            html.Append("<div>\n");
            AppendHtml(html, reply);
            foreach (var item in reply.Media)
            {
                index++;
                AppendMedia(text, html, builder, item, index, domain);
            }

            html.Append("</div>\n");
        }

        html.Append("</body></html>\n");
        builder.TextBody = text.ToString();
        builder.HtmlBody = _options.SendMedia ? html.ToString() : null;
        return builder.ToMessageBody();
    }

    private void AppendMedia(StringBuilder text, StringBuilder html, BodyBuilder builder, OutboundMedia media, int index, string? domain)
    {
        var caption = media.Caption?.Trim();
        var url = media.Url is null ? null
            : media.Url.IsAbsoluteUri ? media.Url
            : _options.MediaBaseUrl is { } baseUrl ? new Uri(baseUrl, media.Url) : null;
        if (url is not null && url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
        {
            url = null;
        }

        // Bytes given, or a QR code's text whose PNG is made below, only when the mail carries the media.
        var hasBytes = media.HasContent;
        if (!string.IsNullOrEmpty(caption) || (url is not null && !hasBytes))
        {
            // The text part: the caption, and the address of a picture that is only linked.
            text.Append('\n');
            if (!string.IsNullOrEmpty(caption))
            {
                text.Append(caption).Append('\n');
            }

            if (url is not null && !hasBytes && _options.SendMedia)
            {
                text.Append(url.AbsoluteUri).Append('\n');
            }
        }

        if (!_options.SendMedia)
        {
            return;
        }

        var captionHtml = string.IsNullOrEmpty(caption) ? string.Empty : Html(caption);
        var contentType = media.ContentType is { } type && ContentType.TryParse(type, out var parsed) ? parsed
            : new ContentType(media.Kind == MediaKind.Image ? "image" : "application", media.Kind == MediaKind.Image ? "png" : "octet-stream");
        var fileName = media.FileName is { Length: > 0 } name ? name
            : string.Create(CultureInfo.InvariantCulture, $"{(media.Kind == MediaKind.Image ? "picture" : "document")}-{index}.{contentType.MediaSubtype.ToLowerInvariant()}");
        if (hasBytes && media.Kind == MediaKind.Image)
        {
            var part = builder.LinkedResources.Add(fileName, media.GetContent().ToArray(), contentType);
            part.ContentId = MimeUtils.GenerateMessageId(domain is { Length: > 0 } ? domain : "localhost");
            html.Append(CultureInfo.InvariantCulture, $"<figure style=\"margin:1em 0\"><img src=\"cid:{part.ContentId}\" alt=\"{Attribute(caption ?? fileName)}\" style=\"max-width:100%;height:auto\">");
            html.Append(captionHtml.Length == 0 ? string.Empty : $"<figcaption>{captionHtml}</figcaption>").Append("</figure>\n");
        }
        else if (hasBytes)
        {
            builder.Attachments.Add(fileName, media.GetContent().ToArray(), contentType);
            html.Append(CultureInfo.InvariantCulture, $"<p>📎 {Html(fileName)}{(captionHtml.Length == 0 ? string.Empty : "<br>" + captionHtml)}</p>\n");
        }
        else if (url is not null && media.Kind == MediaKind.Image)
        {
            html.Append(CultureInfo.InvariantCulture, $"<figure style=\"margin:1em 0\"><img src=\"{Attribute(url.AbsoluteUri)}\" alt=\"{Attribute(caption ?? string.Empty)}\" style=\"max-width:100%;height:auto\">");
            html.Append(captionHtml.Length == 0 ? string.Empty : $"<figcaption>{captionHtml}</figcaption>").Append("</figure>\n");
        }
        else if (url is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Attribute(url.AbsoluteUri)}\">{(captionHtml.Length == 0 ? Html(fileName) : captionHtml)}</a></p>\n");
        }
        else if (captionHtml.Length > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{captionHtml}</p>\n");
        }
    }

    /// <summary>A reply as HTML: its text, its quick replies as a numbered list (the guest answers with the number or the words), its location as a map link.</summary>
    private static void AppendHtml(StringBuilder html, OutboundMessage reply)
    {
        html.Append("<p>").Append(Html(reply.Text.TrimEnd())).Append("</p>\n");
        if (reply.QuickReplies.Count > 0)
        {
            html.Append("<ol>");
            foreach (var option in reply.QuickReplies)
            {
                html.Append("<li>").Append(Html(option.Title)).Append("</li>");
            }

            html.Append("</ol>\n");
        }

        if (reply.Location is { } location)
        {
            var map = string.Create(CultureInfo.InvariantCulture, $"https://www.openstreetmap.org/?mlat={location.Latitude}&mlon={location.Longitude}");
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Attribute(map)}\">{Html(string.IsNullOrWhiteSpace(location.Name) ? map : location.Name)}</a></p>\n");
        }
    }

    private static string Html(string text) => Escape(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "<br>\n", StringComparison.Ordinal);

    private static string Attribute(string text) => Escape(text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal));

    /// <summary>The mail of a dead letter, with its original <c>Message-Id</c>.</summary>
    public MimeMessage FromDeadLetter(EmailDeadLetter letter)
    {
        var from = new MailboxAddress(_options.DisplayName, _options.Address!);
        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(letter.GuestId));
        mime.Subject = letter.Subject;
        mime.Date = timeProvider.GetUtcNow();
        mime.MessageId = letter.Id;
        mime.Headers.Add("Auto-Submitted", "auto-replied");
        mime.Headers.Add("X-Auto-Response-Suppress", "All");
        mime.InReplyTo = letter.InReplyTo;
        foreach (var reference in letter.References)
        {
            mime.References.Add(reference);
        }

        mime.Body = new TextPart("plain") { Text = letter.Text };
        return mime;
    }

    /// <summary>Escapes the five characters HTML gives meaning to; the rest (accents, €) stays as it is in the UTF-8 part.</summary>
    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
