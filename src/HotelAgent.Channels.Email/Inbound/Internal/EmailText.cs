using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Text;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Extracts what the guest wrote from a mail: the plain-text part (or the HTML part as text), without the quoted
/// history of earlier mails or the signature.
/// </summary>
internal static partial class EmailText
{
    private static readonly string[] SignatureStarts =
    [
        "Sent from my ", "Enviado desde mi ", "Enviado do meu ", "Enviado de mi ", "Get Outlook for ", "Obtener Outlook para ",
        "Obter o Outlook para ", "Envoyé de mon ",
    ];

    /// <summary>Returns the guest's new text in <paramref name="message"/>, or an empty string.</summary>
    public static string Extract(MimeMessage message)
    {
        var text = message.TextBody;
        if (string.IsNullOrWhiteSpace(text) && message.HtmlBody is { } html)
        {
            text = HtmlToText(html);
        }

        return StripQuotesAndSignature(text ?? string.Empty);
    }

    /// <summary>
    /// Turns an HTML body into text: block elements become line breaks, scripts and styles are dropped, and quoted
    /// history (<c>blockquote</c>, Gmail's <c>gmail_quote</c>, Outlook's <c>divRplyFwdMsg</c>) ends the text.
    /// </summary>
    public static string HtmlToText(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        var skipDepth = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            if (token is HtmlTagToken tag)
            {
                var name = tag.Name.ToUpperInvariant();
                if (name is "SCRIPT" or "STYLE" or "HEAD" or "TITLE")
                {
                    skipDepth += tag.IsEndTag ? -1 : tag.IsEmptyElement ? 0 : 1;
                    skipDepth = Math.Max(0, skipDepth);
                    continue;
                }

                if (!tag.IsEndTag && (name == "BLOCKQUOTE" || tag.Attributes.Any(a =>
                    (a.Id == HtmlAttributeId.Class && a.Value is { } c && c.Contains("gmail_quote", StringComparison.OrdinalIgnoreCase))
                    || (a.Id == HtmlAttributeId.Id && a.Value is { } id && id.Contains("divRplyFwdMsg", StringComparison.OrdinalIgnoreCase)))))
                {
                    break;
                }

                if (name == "BR" || (name is "P" or "DIV" or "LI" or "TR" or "H1" or "H2" or "H3" or "H4" or "H5" or "H6" or "HR" or "TABLE" or "UL" or "OL"
                    && text.Length > 0 && text[^1] != '\n'))
                {
                    text.Append('\n');
                }
            }
            else if (token is HtmlDataToken data && skipDepth == 0)
            {
                text.Append(WebUtility.HtmlDecode(Spaces().Replace(data.Data, " ")));
            }
        }

        return string.Join('\n', text.ToString().Split('\n').Select(l => l.Trim()));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Cuts the quoted history (attribution lines, forwarded headers, <c>&gt;</c> lines) and the signature.</summary>
    public static string StripQuotesAndSignature(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var kept = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var trimmed = line.TrimStart();
            if (line is "-- " or "--" or "—" || SignatureStarts.Any(s => trimmed.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
            {
                break;
            }

            if (IsHistoryStart(lines, i))
            {
                break;
            }

            if (trimmed.StartsWith('>'))
            {
                continue;
            }

            kept.Add(line);
        }

        var result = string.Join('\n', kept).Trim();
        return BlankLines().Replace(result, "\n\n");
    }

    private static bool IsHistoryStart(string[] lines, int i)
    {
        var line = lines[i].Trim();
        if (OriginalMessage().IsMatch(line) || line.StartsWith("________________________________", StringComparison.Ordinal))
        {
            return true;
        }

        // "On Mon, 1 Dec 2026 at 10:00, Ana <ana@example.com> wrote:" and its translations, sometimes wrapped on two lines.
        var joined = i + 1 < lines.Length ? line + " " + lines[i + 1].Trim() : line;
        if (Attribution().IsMatch(line) || (Attribution().IsMatch(joined) && AttributionStart().IsMatch(line)))
        {
            return true;
        }

        // Outlook: "From: ..." followed by "Sent:"/"Date:"/"Enviado:" within the next lines.
        if (HeaderFrom().IsMatch(line))
        {
            for (var j = i + 1; j < Math.Min(lines.Length, i + 4); j++)
            {
                if (HeaderSent().IsMatch(lines[j].Trim()))
                {
                    return true;
                }
            }
        }

        return false;
    }

    [GeneratedRegex(@"^(On|El|Em|Le|Am|Il|Op)\s.+(wrote|escribió|escreveu|a écrit|schrieb|ha scritto|schreef)\s?:$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^(On|El|Em|Le|Am|Il|Op)\s", RegexOptions.CultureInvariant)]
    private static partial Regex AttributionStart();

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Mensaje original|Mensagem original|Message d'origine|Ursprüngliche Nachricht|Forwarded message|Mensaje reenviado|Mensagem encaminhada)\s*-{2,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^\*?(From|De|Von)\s?:\*?\s", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\*?(Sent|Date|Enviado|Fecha|Data|Envoyé|Gesendet)\s?:\*?\s", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderSent();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    /// <summary>Whether a subject only says the mail answers or forwards another one.</summary>
    public static bool IsReplySubject(string? subject) =>
        subject is not null && ReplyPrefix().IsMatch(subject);

    [GeneratedRegex(@"^\s*(re|fw|fwd|rv|res|enc|aw|wg|tr)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyPrefix();

    /// <summary>The text of a reply as an email body: the quick replies become a numbered list, a location a map link.</summary>
    public static string Render(HotelAgent.Abstractions.OutboundMessage message)
    {
        var body = new StringBuilder(message.Text.TrimEnd());
        if (message.QuickReplies.Count > 0)
        {
            body.Append("\n\n");
            body.AppendJoin('\n', message.QuickReplies.Select((reply, i) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1}. {reply.Title}")));
        }

        if (message.Location is { } location)
        {
            body.Append("\n\n");
            if (!string.IsNullOrWhiteSpace(location.Name))
            {
                body.Append(location.Name).Append('\n');
            }

            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"https://www.openstreetmap.org/?mlat={location.Latitude}&mlon={location.Longitude}\n");
        }

        return body.ToString().TrimEnd() + "\n";
    }
}
