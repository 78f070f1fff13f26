using System.Net;

namespace OkrRollout.Web.Email;

/// <summary>
/// Whether e-mail can go out from this install as the organisation's: on an install without the demo,
/// a message signed with the demo company, sent from a localhost address or linking to localhost must
/// not reach real people. Until the settings are set, Admins see a warning on every page and invitations
/// are refused with it. The settings stay in configuration (appsettings.json or environment variables).
/// </summary>
public sealed class MailReadiness
{
    /// <summary>The demo organisation's name, which appsettings.json ships as Email:OrganisationName.</summary>
    public const string DemoOrganisationName = "Aurora Telematics";

    public MailReadiness(EmailOptions email, IConfiguration configuration)
    {
        if (configuration.GetValue("Seed:Demo", true))
        {
            return;
        }
        var unset = new List<string>();
        if (string.IsNullOrWhiteSpace(email.OrganisationName) || string.Equals(email.OrganisationName.Trim(), DemoOrganisationName, StringComparison.OrdinalIgnoreCase))
        {
            unset.Add("Email:OrganisationName");
        }
        var at = email.From.LastIndexOf('@');
        if (at <= 0 || IsLocal(email.From[(at + 1)..]))
        {
            unset.Add("Email:From");
        }
        if (!IsPublicAddress(email.PublicBaseUrl))
        {
            unset.Add("Email:PublicBaseUrl");
        }
        Unset = unset;
    }

    /// <summary>The settings still at their defaults, by configuration key; empty when the install is ready.</summary>
    public IReadOnlyList<string> Unset { get; } = [];

    public bool Ready => Unset.Count == 0;

    /// <summary>The reason shown to Admins and given when an invitation is refused (a localisation key; its argument is <see cref="Unset"/>).</summary>
    public const string Reason = "E-mail is not set up for your organisation yet: {0} still has its default value, so messages would be signed with the demo company or link to this computer (localhost). Set it in the configuration (appsettings.json, or an environment variable such as Email__PublicBaseUrl) and restart the app. Until then no invitation is sent.";

    public string UnsetList => string.Join(", ", Unset);

    /// <summary>An http(s) address other computers can reach: not localhost or a loopback address.</summary>
    public static bool IsPublicAddress(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && !IsLocal(url.Host);

    private static bool IsLocal(string host)
    {
        host = host.Trim().TrimEnd('.').ToLowerInvariant();
        return host.Length == 0 || host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
