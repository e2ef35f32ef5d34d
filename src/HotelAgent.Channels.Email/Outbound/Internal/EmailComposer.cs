using HotelAgent.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Writes reply mails: one mail per turn, its replies as paragraphs, in the guest's thread (<c>In-Reply-To</c>,
/// <c>References</c>, <c>Re:</c> subject), or with a subject in the reply's language when there is no thread, and
/// <c>Auto-Submitted: auto-replied</c> (RFC 3834) and <c>X-Auto-Response-Suppress: All</c> (Exchange, Outlook) so
/// auto-responders do not answer it.
/// </summary>
internal sealed class EmailComposer(IOptions<EmailOptions> options, TimeProvider timeProvider)
{
    private readonly EmailOptions _options = options.Value;

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

        mime.Body = new TextPart("plain") { Text = string.Join("\n", replies.Select(EmailText.Render)) };
        return mime;
    }

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
}
