using MimeKit;

namespace OkrRollout.Web.Email;

/// <summary>A rendered e-mail: plain text and HTML bodies, optionally a calendar object.</summary>
public sealed record EmailMessage(string ToEmail, string ToName, string Subject, string TextBody, string HtmlBody, string? Calendar);

public static class EmailAddresses
{
    /// <summary>
    /// Whether the address can only travel with SMTPUTF8 (RFC 6531): its local part has non-ASCII
    /// letters (laura.müller@…). A non-ASCII domain alone travels as punycode and needs no extension.
    /// </summary>
    public static bool NeedSmtpUtf8(string email)
    {
        var at = email.LastIndexOf('@');
        return email[..Math.Max(0, at)].Any(c => c > 127);
    }
}

public static class MimeMessages
{
    /// <summary>
    /// multipart/alternative with text/plain, text/html and, for invitations, text/calendar with its
    /// METHOD parameter (what calendar clients act on), plus the same event as an invite.ics attachment.
    /// </summary>
    public static MimeMessage Create(EmailMessage message, MailboxAddress from)
    {
        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = message.TextBody },
            new TextPart("html") { Text = message.HtmlBody },
        };
        MimeEntity body = alternative;
        if (message.Calendar is { } calendar)
        {
            var method = calendar.Contains("\r\nMETHOD:CANCEL\r\n", StringComparison.Ordinal) ? "CANCEL" : "REQUEST";
            var inline = Calendar(calendar, "text/calendar");
            inline.ContentType.Parameters.Add("method", method);
            alternative.Add(inline);
            var attachment = Calendar(calendar, "application/ics");
            attachment.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "invite.ics" };
            attachment.ContentType.Name = "invite.ics";
            body = new Multipart("mixed") { alternative, attachment };
        }
        var mime = new MimeMessage { Subject = message.Subject, Body = body };
        mime.From.Add(from);
        mime.To.Add(new MailboxAddress(message.ToName, message.ToEmail));
        return mime;
    }

    // Base64 keeps the calendar's CRLF line ends byte for byte, as RFC 5545 requires.
    private static MimePart Calendar(string calendar, string mediaType)
    {
        var type = ContentType.Parse(mediaType);
        type.Charset = "utf-8";
        return new MimePart(type)
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(calendar))),
            ContentTransferEncoding = ContentEncoding.Base64,
        };
    }
}
