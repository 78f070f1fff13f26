namespace OkrRollout.Web.Security;

/// <summary>Single sign-on with the organisation's OpenID Connect provider (configuration section "Sso").</summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Sso";

    public bool Enabled { get; set; }

    /// <summary>The provider's name on the sign-in page's button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The issuer; its /.well-known/openid-configuration is read from here.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    /// <summary>From the environment (Sso__ClientSecret) or a secret store, never from appsettings.json.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Space-separated; openid is always asked for.</summary>
    public string Scopes { get; set; } = "openid email profile";

    /// <summary>The claim holding the e-mail address a person is found by in the directory.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>Whether the provider must say it verified the address (<see cref="EmailVerifiedClaim"/> is true).</summary>
    public bool RequireVerifiedEmail { get; set; } = true;

    public string EmailVerifiedClaim { get; set; } = "email_verified";

    /// <summary>A claim listing the person's groups or roles at the provider, for <see cref="RoleMap"/>; none when empty.</summary>
    public string RolesClaim { get; set; } = "";

    /// <summary>Admin, Ambassador and Leader, each with the provider's groups or roles that give it.</summary>
    public Dictionary<string, string[]> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>With single sign-on on: no passwords and no e-mailed sign-in links, the provider is the only way in.</summary>
    public bool PasswordsAndLinksOff { get; set; }

    /// <summary>Off only for a provider on this machine (the tests' provider on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Many providers put the e-mail and group claims only in the userinfo answer, not in the ID token.</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; } = true;

    /// <summary>Passwords and e-mailed links are switched off: single sign-on is the only way in.</summary>
    public bool OnlySingleSignOn => Enabled && PasswordsAndLinksOff;

    /// <summary>The provider's origin, where the sign-in and sign-out forms lead (the pages' form-action policy allows it); none when off.</summary>
    public IReadOnlyList<string> FormTargets =>
        Enabled && Uri.TryCreate(Authority, UriKind.Absolute, out var authority) ? [authority.GetLeftPart(UriPartial.Authority)] : [];

    public IEnumerable<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Prepend("openid").Distinct();

    /// <summary>The app's roles the provider's groups give, by <see cref="RoleMap"/>.</summary>
    public IReadOnlySet<string> RolesFor(IEnumerable<string> providerGroups)
    {
        var groups = providerGroups.ToHashSet(StringComparer.Ordinal);
        return RoleMap.Where(entry => entry.Value.Any(groups.Contains))
            .Select(entry => Roles.Granted.Single(r => string.Equals(r, entry.Key, StringComparison.OrdinalIgnoreCase)))
            .ToHashSet();
    }

    /// <summary>Stops the app at start with what is missing or wrong, rather than failing at someone's first sign-in.</summary>
    public void Validate()
    {
        if (!Enabled)
        {
            return;
        }
        var problems = new List<string>
        {
            string.IsNullOrWhiteSpace(DisplayName) ? "Sso:DisplayName is empty" : "",
            Uri.TryCreate(Authority, UriKind.Absolute, out _) ? "" : "Sso:Authority is not an absolute address",
            string.IsNullOrWhiteSpace(ClientId) ? "Sso:ClientId is empty" : "",
            string.IsNullOrWhiteSpace(ClientSecret) ? "Sso:ClientSecret is not set (set Sso__ClientSecret in the environment)" : "",
            string.IsNullOrWhiteSpace(EmailClaim) ? "Sso:EmailClaim is empty" : "",
            RoleMap.Count > 0 && string.IsNullOrWhiteSpace(RolesClaim) ? "Sso:RoleMap is set but Sso:RolesClaim is empty" : "",
        };
        problems.AddRange(RoleMap.Keys.Where(k => !Roles.Granted.Contains(k, StringComparer.OrdinalIgnoreCase)).Select(k => $"Sso:RoleMap:{k} is not one of {string.Join(", ", Roles.Granted)}"));
        problems.RemoveAll(string.IsNullOrEmpty);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Single sign-on is on but not set up: " + string.Join("; ", problems));
        }
    }
}
