using System.Net;
using System.Net.Mail;

namespace OkrRollout.Web.Email;

public interface IEmailSender
{
    /// <summary>Returns once the server (or the pickup folder) has accepted the message; throws <see cref="EmailDeliveryException"/> otherwise.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>A failed delivery. Permanent failures (the server said 5xx) are not retried.</summary>
public sealed class EmailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>"Pickup" (default: .eml files in a folder) or "Smtp".</summary>
    public string Transport { get; set; } = "Pickup";
    public string From { get; set; } = "okr-rollout@localhost";
    public string FromName { get; set; } = "OkrRollout";
    public string PickupDirectory { get; set; } = "data/mail-pickup";
    public string SmtpHost { get; set; } = "localhost";
    public int SmtpPort { get; set; } = 25;

    /// <summary>STARTTLS on the SMTP connection (System.Net.Mail's EnableSsl).</summary>
    public bool SmtpEnableSsl { get; set; }
    public string? SmtpUserName { get; set; }
    public string? SmtpPassword { get; set; }
    public int SmtpTimeoutSeconds { get; set; } = 30;

    /// <summary>Used in links inside e-mails, e.g. https://okr.example.com.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
    public string OrganisationName { get; set; } = "";
}

/// <summary>SMTP through System.Net.Mail (MailKit is not available to us); one client per message.</summary>
public sealed class SmtpEmailSender(EmailOptions options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        using var mail = MailMessages.Create(message, new MailAddress(options.From, options.FromName));
        using var client = new SmtpClient(options.SmtpHost, options.SmtpPort)
        {
            EnableSsl = options.SmtpEnableSsl,
            Timeout = options.SmtpTimeoutSeconds * 1000,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(options.SmtpUserName))
        {
            client.Credentials = new NetworkCredential(options.SmtpUserName, options.SmtpPassword);
        }
        try
        {
            await client.SendMailAsync(mail, cancellationToken);
        }
        catch (SmtpException exception)
        {
            throw new EmailDeliveryException(Describe(exception), IsPermanent(exception), exception);
        }
    }

    private static bool IsPermanent(SmtpException exception) =>
        (int)exception.StatusCode is >= 500 and < 600 && exception.StatusCode != SmtpStatusCode.ServiceNotAvailable;

    private static string Describe(SmtpException exception) =>
        exception is SmtpFailedRecipientException recipient
            ? $"{(int)recipient.StatusCode} {recipient.FailedRecipient}: {recipient.Message}"
            : $"{(int)exception.StatusCode}: {exception.Message}{(exception.InnerException is { } inner ? " (" + inner.Message + ")" : "")}";
}

/// <summary>The zero-configuration default: every message a complete .eml file in a folder a person can open.</summary>
public sealed class PickupFolderEmailSender(EmailOptions options, IHostEnvironment environment) : IEmailSender
{
    public string Directory { get; } = Path.GetFullPath(options.PickupDirectory, environment.ContentRootPath);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var mail = MailMessages.Create(message, new MailAddress(options.From, options.FromName));
        using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = Directory };
        try
        {
            await client.SendMailAsync(mail, cancellationToken);
        }
        catch (SmtpException exception)
        {
            throw new EmailDeliveryException(exception.Message, permanent: false, exception);
        }
    }
}
