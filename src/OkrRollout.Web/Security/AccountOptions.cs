namespace OkrRollout.Web.Security;

/// <summary>How people sign in (configuration section "Account").</summary>
public sealed class AccountOptions
{
    public const string Section = "Account";

    /// <summary>Whether people may set a password of their own; without, they sign in by e-mailed link (or single sign-on).</summary>
    public bool AllowPasswords { get; set; } = true;

    /// <summary>How long a link a person asked for on the sign-in page works (sign-in link, password reset).</summary>
    public int EmailedLinkMinutes { get; set; } = 20;

    /// <summary>How long an invitation link an ambassador or admin sends works: people read invitations later.</summary>
    public int InvitationLinkDays { get; set; } = 14;

    /// <summary>E-mailed links one address can ask for per <see cref="RequestWindowMinutes"/>.</summary>
    public int RequestsPerAddress { get; set; } = 3;

    /// <summary>E-mailed links one client (IP address) can ask for per <see cref="RequestWindowMinutes"/>.</summary>
    public int RequestsPerClient { get; set; } = 20;

    public int RequestWindowMinutes { get; set; } = 15;

    /// <summary>Password attempts one client may make for one address per <see cref="RequestWindowMinutes"/>; an attacker is slowed, the person is not locked out.</summary>
    public int PasswordAttemptsPerAddressAndClient { get; set; } = 10;

    /// <summary>Password attempts one client may make for any addresses per <see cref="RequestWindowMinutes"/>.</summary>
    public int PasswordAttemptsPerClient { get; set; } = 100;

    public TimeSpan EmailedLinkLifetime => TimeSpan.FromMinutes(EmailedLinkMinutes);

    public TimeSpan InvitationLinkLifetime => TimeSpan.FromDays(InvitationLinkDays);
}
