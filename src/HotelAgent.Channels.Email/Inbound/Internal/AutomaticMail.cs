using MimeKit;

namespace HotelAgent.Channels.Email;

/// <summary>
/// Recognises mail that must not be answered: auto-replies (RFC 3834 <c>Auto-Submitted</c>, <c>X-Autoreply</c>,
/// <c>X-Autorespond</c>, <c>Precedence</c>, <c>X-Auto-Response-Suppress</c>), list and bulk mail (<c>List-Id</c>,
/// <c>List-Unsubscribe</c>), bounces (an empty envelope sender <c>Return-Path: &lt;&gt;</c>, <c>mailer-daemon</c>,
/// <c>postmaster</c>, <c>X-Failed-Recipients</c>, <c>multipart/report</c> delivery reports) and the hotel's own mail.
/// Answering any of them risks a mail loop.
/// </summary>
internal static class AutomaticMail
{
    /// <summary>The reason a mail is not answered, or <see langword="null"/> for a guest's mail.</summary>
    public static string? ReasonOf(MimeMessage message, string? ownAddress)
    {
        if (message.From.Mailboxes.FirstOrDefault()?.Address is not { Length: > 0 } address)
        {
            return "no sender";
        }

        if (string.Equals(address, ownAddress, StringComparison.OrdinalIgnoreCase)
            || message.Sender?.Address is { } sender && string.Equals(sender, ownAddress, StringComparison.OrdinalIgnoreCase))
        {
            return "own mail";
        }

        var local = address.Split('@')[0];
        if (local.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase) || local.Equals("postmaster", StringComparison.OrdinalIgnoreCase)
            || IsEmptyReturnPath(message)
            || message.Headers.Contains("X-Failed-Recipients")
            || IsReport(message.Body))
        {
            return "bounce";
        }

        // RFC 3834: anything but "Auto-Submitted: no" is automatic.
        if (message.Headers["Auto-Submitted"] is { } autoSubmitted && !FirstToken(autoSubmitted).Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return "automatic";
        }

        if (message.Headers.Contains("X-Autoreply") || message.Headers.Contains("X-Autorespond") || message.Headers.Contains("X-Autoresponder")
            || message.Headers.Contains("X-Auto-Response-Suppress"))
        {
            return "automatic";
        }

        if (message.Headers["Precedence"] is { } precedence
            && FirstToken(precedence).ToUpperInvariant() is "AUTO_REPLY" or "BULK" or "JUNK" or "LIST")
        {
            return "automatic";
        }

        if (message.Headers.Contains("List-Id") || message.Headers.Contains("List-Unsubscribe"))
        {
            return "list";
        }

        return null;
    }

    private static string FirstToken(string value)
    {
        var trimmed = value.Trim();
        var end = trimmed.IndexOfAny([';', ' ', '\t', '(']);
        return end < 0 ? trimmed : trimmed[..end];
    }

    /// <summary>An empty envelope sender (<c>Return-Path: &lt;&gt;</c>), which only bounces and auto-replies carry.</summary>
    private static bool IsEmptyReturnPath(MimeMessage message)
    {
        foreach (var header in message.Headers)
        {
            if (header.Id == HeaderId.ReturnPath)
            {
                var value = header.Value.Trim();
                if (value.Length == 0 || value == "<>" || value.Replace(" ", string.Empty, StringComparison.Ordinal) == "<>")
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsReport(MimeEntity? body) => body switch
    {
        null => false,
        _ when body.ContentType.IsMimeType("multipart", "report") => true,
        _ when body.ContentType.IsMimeType("message", "delivery-status") || body.ContentType.IsMimeType("message", "disposition-notification") => true,
        Multipart multipart => multipart.Any(IsReport),
        _ => false,
    };
}
