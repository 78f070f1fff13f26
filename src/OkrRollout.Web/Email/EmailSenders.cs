using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

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

    /// <summary>STARTTLS on the SMTP connection.</summary>
    public bool SmtpEnableSsl { get; set; }

    /// <summary>TLS from the first byte (SMTPS, usually port 465) instead of STARTTLS.</summary>
    public bool SmtpSslOnConnect { get; set; }

    public SecureSocketOptions SmtpSocketOptions =>
        SmtpSslOnConnect ? SecureSocketOptions.SslOnConnect : SmtpEnableSsl ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
    public string? SmtpUserName { get; set; }
    public string? SmtpPassword { get; set; }
    public int SmtpTimeoutSeconds { get; set; } = 30;

    /// <summary>A kept SMTP connection unused for longer is closed rather than reused (servers close idle ones after a minute or so).</summary>
    public int SmtpIdleSeconds { get; set; } = 30;

    /// <summary>Used in links inside e-mails, e.g. https://okr.example.com.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
    public string OrganisationName { get; set; } = "";
}

/// <summary>
/// SMTP through MailKit. Connections are kept open and reused across messages, one per dispatcher
/// sending at the moment (an SMTP round trip is mostly waiting; a new connection per message cost
/// four of every five of them); one idle past <see cref="EmailOptions.SmtpIdleSeconds"/> is closed,
/// and one that broke or saw a refusal is dropped. Addresses with a non-ASCII local part go with
/// SMTPUTF8 when the server offers it; a server that does not can never take them, so such a
/// message fails at once with a reason the ambassador can act on (<see cref="NoSmtpUtf8"/>).
/// </summary>
public sealed class SmtpEmailSender(EmailOptions options, TimeProvider clock) : IEmailSender, IDisposable
{
    /// <summary>The stored reason (a localisation key) when the server cannot take an address with non-ASCII letters before the @.</summary>
    public const string NoSmtpUtf8 = "The mail server does not accept addresses with letters such as ä or ü before the @ (it does not offer SMTPUTF8). Ask for the mail server to be configured for them, or give the person another address.";

    private readonly ConcurrentBag<(SmtpClient Client, DateTimeOffset LastUsed)> _idle = [];

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = MimeMessages.Create(message, new MailboxAddress(options.FromName, options.From));
        var (client, reused) = TakeIdle();
        try
        {
            try
            {
                client ??= await ConnectAsync(cancellationToken);
                await SendOnAsync(client, message, mime, cancellationToken);
            }
            catch (Exception exception) when (reused && IsConnectionFault(exception))
            {
                // The server closed a kept connection (an idle limit of its own, a restart): once more on a new one.
                client?.Dispose();
                client = await ConnectAsync(cancellationToken);
                await SendOnAsync(client, message, mime, cancellationToken);
            }
            _idle.Add((client, clock.GetUtcNow()));
            client = null;
        }
        catch (SmtpCommandException exception)
        {
            var code = (int)exception.StatusCode;
            var who = exception.Mailbox is { } mailbox ? $" {mailbox.Address}" : "";
            throw new EmailDeliveryException($"{code}{who}: {exception.Message}", permanent: code is >= 500 and < 600, exception);
        }
        catch (AuthenticationException exception)
        {
            throw new EmailDeliveryException($"Authentication: {exception.Message}", permanent: false, exception);
        }
        catch (Exception exception) when (IsConnectionFault(exception))
        {
            throw new EmailDeliveryException($"{exception.GetType().Name}: {exception.Message}", permanent: false, exception);
        }
        finally
        {
            client?.Dispose();
        }
    }

    private async Task SendOnAsync(SmtpClient client, EmailMessage message, MimeMessage mime, CancellationToken cancellationToken)
    {
        if (EmailAddresses.NeedSmtpUtf8(message.ToEmail) && !client.Capabilities.HasFlag(SmtpCapabilities.UTF8))
        {
            throw new EmailDeliveryException(NoSmtpUtf8, permanent: true);
        }
        await client.SendAsync(mime, cancellationToken);
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = options.SmtpTimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(options.SmtpHost, options.SmtpPort, options.SmtpSocketOptions, cancellationToken);
            if (!string.IsNullOrEmpty(options.SmtpUserName))
            {
                await client.AuthenticateAsync(options.SmtpUserName, options.SmtpPassword ?? "", cancellationToken);
            }
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private (SmtpClient? Client, bool Reused) TakeIdle()
    {
        var oldest = clock.GetUtcNow() - TimeSpan.FromSeconds(options.SmtpIdleSeconds);
        while (_idle.TryTake(out var kept))
        {
            if (kept.LastUsed >= oldest && kept.Client.IsConnected)
            {
                return (kept.Client, true);
            }
            kept.Client.Dispose();
        }
        return (null, false);
    }

    private static bool IsConnectionFault(Exception exception) =>
        exception is SmtpProtocolException or ServiceNotConnectedException or IOException or System.Net.Sockets.SocketException or TimeoutException or SslHandshakeException;

    public void Dispose()
    {
        while (_idle.TryTake(out var kept))
        {
            kept.Client.Dispose();
        }
    }
}

/// <summary>The zero-configuration default: every message a complete .eml file in a folder a person can open.</summary>
public sealed class PickupFolderEmailSender(EmailOptions options, IHostEnvironment environment) : IEmailSender
{
    // Addresses and headers in UTF-8 (RFC 6532), as a mail server offering SMTPUTF8 would receive them.
    private static readonly FormatOptions International = new() { International = true, NewLineFormat = NewLineFormat.Dos };

    public string Directory { get; } = Path.GetFullPath(options.PickupDirectory, environment.ContentRootPath);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var mime = MimeMessages.Create(message, new MailboxAddress(options.FromName, options.From));
        mime.Prepare(EncodingConstraint.SevenBit);
        var path = Path.Combine(Directory, Guid.NewGuid().ToString("N") + ".eml");
        try
        {
            // Written under another name first, so a reader of the folder never sees half a message.
            await mime.WriteToAsync(International, path + ".tmp", cancellationToken);
            File.Move(path + ".tmp", path);
        }
        catch (IOException exception)
        {
            throw new EmailDeliveryException(exception.Message, permanent: false, exception);
        }
    }
}
