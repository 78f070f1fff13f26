namespace OkrRollout.Tests.Infrastructure;

/// <summary>
/// The app with single sign-on through a real OpenID provider process of its own (<see cref="OidcProvider"/>):
/// the provider's "groups" claim gives okr-admins Admin, okr-ambassadors Ambassador and okr-leaders Leader.
/// </summary>
public class SsoAppFactory : AppFactory
{
    public const string ProviderName = "Aurora ID";

    public SsoAppFactory()
        : this(new OidcProvider())
    {
    }

    /// <summary>With a provider started for another address of the app (a real port, for the browser).</summary>
    internal SsoAppFactory(OidcProvider provider)
    {
        Provider = provider;
        Settings["Sso:Enabled"] = "true";
        Settings["Sso:DisplayName"] = ProviderName;
        Settings["Sso:Authority"] = Provider.Issuer;
        Settings["Sso:ClientId"] = OidcProvider.ClientId;
        Settings["Sso:ClientSecret"] = Provider.ClientSecret;
        Settings["Sso:Scopes"] = "openid email profile groups";
        Settings["Sso:RolesClaim"] = "groups";
        Settings["Sso:RoleMap:Admin:0"] = "okr-admins";
        Settings["Sso:RoleMap:Ambassador:0"] = "okr-ambassadors";
        Settings["Sso:RoleMap:Leader:0"] = "okr-leaders";
        // The test provider speaks plain http on loopback.
        Settings["Sso:RequireHttpsMetadata"] = "false";
    }

    public OidcProvider Provider { get; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Provider.Dispose();
    }
}

/// <summary>Single sign-on as the only way in: passwords and e-mailed links off.</summary>
public sealed class SsoOnlyAppFactory : SsoAppFactory
{
    public SsoOnlyAppFactory() => Settings["Sso:PasswordsAndLinksOff"] = "true";
}
