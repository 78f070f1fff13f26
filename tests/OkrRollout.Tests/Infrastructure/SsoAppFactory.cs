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
        Configure(this, provider);
    }

    public OidcProvider Provider { get; }

    /// <summary>The single sign-on settings for this provider, on any instance of the app.</summary>
    public static void Configure(AppFactory app, OidcProvider provider)
    {
        app.Settings["Sso:Enabled"] = "true";
        app.Settings["Sso:DisplayName"] = ProviderName;
        app.Settings["Sso:Authority"] = provider.Issuer;
        app.Settings["Sso:ClientId"] = OidcProvider.ClientId;
        app.Settings["Sso:ClientSecret"] = provider.ClientSecret;
        app.Settings["Sso:Scopes"] = "openid email profile groups";
        app.Settings["Sso:RolesClaim"] = "groups";
        app.Settings["Sso:RoleMap:Admin:0"] = "okr-admins";
        app.Settings["Sso:RoleMap:Ambassador:0"] = "okr-ambassadors";
        app.Settings["Sso:RoleMap:Leader:0"] = "okr-leaders";
        // The test provider speaks plain http on loopback.
        app.Settings["Sso:RequireHttpsMetadata"] = "false";
    }

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
