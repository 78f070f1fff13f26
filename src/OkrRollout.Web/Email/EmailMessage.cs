using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace OkrRollout.Web.Email;

/// <summary>A rendered e-mail: plain text and HTML bodies, optionally a calendar object.</summary>
public sealed record EmailMessage(string ToEmail, string ToName, string Subject, string TextBody, string HtmlBody, string? Calendar);

public static class MailMessages
{
    /// <summary>
    /// multipart/alternative with text/plain, text/html and, for invitations, text/calendar with its
    /// METHOD parameter (what calendar clients act on), plus the same event as an invite.ics attachment.
    /// </summary>
    public static MailMessage Create(EmailMessage message, MailAddress from)
    {
        var mail = new MailMessage
        {
            From = from,
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        mail.To.Add(new MailAddress(message.ToEmail, message.ToName, Encoding.UTF8));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.TextBody, Encoding.UTF8, MediaTypeNames.Text.Plain));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html));
        if (message.Calendar is { } calendar)
        {
            var method = calendar.Contains("\r\nMETHOD:CANCEL\r\n", StringComparison.Ordinal) ? "CANCEL" : "REQUEST";
            var type = new ContentType("text/calendar") { CharSet = "utf-8" };
            type.Parameters.Add("method", method);
            mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(calendar, type));
            var attachment = Attachment.CreateAttachmentFromString(calendar, new ContentType("application/ics") { Name = "invite.ics" });
            attachment.ContentDisposition!.FileName = "invite.ics";
            mail.Attachments.Add(attachment);
        }
        return mail;
    }
}
