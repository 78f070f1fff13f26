namespace OkrRollout.Web.Security;

/// <summary>The authentication methods a sign-in records (the "amr" claim values Identity uses).</summary>
public static class SignInMethods
{
    public const string Password = "pwd";
    public const string Link = "link";

    /// <summary>Through the organisation's OpenID Connect provider.</summary>
    public const string SingleSignOn = "sso";
}
