using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using OkrRollout.Web.Data;

namespace OkrRollout.Web.Security;

/// <summary>Why the provider's sign-in did not let a person in; the refusal page says it in words.</summary>
public enum SingleSignOnRefusal
{
    /// <summary>Nobody in the directory has the provider's address.</summary>
    Unknown,

    /// <summary>The person has left (inactive in the directory).</summary>
    Inactive,

    /// <summary>The provider gave no address, or did not say it verified it.</summary>
    Unverified,

    /// <summary>The answer from the provider was not valid (state, nonce, signature, an error from the provider).</summary>
    Failed,
}

/// <summary>
/// Sign-in through the organisation's OpenID Connect provider: authorization code flow with PKCE, the
/// person found in the directory by the provider's verified e-mail address and signed in to their own
/// sign-in (created on first use as an e-mailed link creates it); strangers and people who left are
/// refused and get no sign-in. Groups the provider names give roles by <see cref="SingleSignOnOptions.RoleMap"/>,
/// kept in the sign-in cookie beside the roles given in the app (<see cref="CurrentAccess"/> adds them).
/// </summary>
public static class SingleSignOn
{
    public const string Scheme = "oidc";

    /// <summary>The claim type of a role the provider's groups gave at sign-in.</summary>
    public const string ProviderRoleClaim = "okrrollout:provider-role";

    private const string IdTokenHintItem = "id_token_hint";

    internal static void AddSingleSignOn(this IServiceCollection services, SingleSignOnOptions sso)
    {
        services.AddSingleton(sso);
        if (!sso.Enabled)
        {
            return;
        }
        sso.Validate();
        services.AddAuthentication().AddOpenIdConnect(Scheme, sso.DisplayName, options => Configure(options, sso));
    }

    private static void Configure(OpenIdConnectOptions options, SingleSignOnOptions sso)
    {
        options.Authority = sso.Authority;
        options.ClientId = sso.ClientId;
        options.ClientSecret = sso.ClientSecret;
        options.RequireHttpsMetadata = sso.RequireHttpsMetadata;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        // The answer comes back as a top-level GET: our cookie policy makes every cookie SameSite=Lax at
        // least, and a Lax correlation cookie does not come with the cross-site POST of form_post.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Scope.Clear();
        foreach (var scope in sso.ScopeList)
        {
            options.Scope.Add(scope);
        }
        // Claim names as the provider writes them, so the settings name them as the provider documents them.
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = sso.GetClaimsFromUserInfoEndpoint;
        options.ClaimActions.MapUniqueJsonKey(sso.EmailClaim, sso.EmailClaim);
        options.ClaimActions.MapUniqueJsonKey(sso.EmailVerifiedClaim, sso.EmailVerifiedClaim);
        if (sso.RolesClaim.Length > 0)
        {
            options.ClaimActions.MapJsonKey(sso.RolesClaim, sso.RolesClaim);
        }
        // The person's own sign-in cookie, not the provider's identity: who they are here is their sign-in.
        options.SignInScheme = IdentityConstants.ApplicationScheme;
        options.SignOutScheme = IdentityConstants.ApplicationScheme;
        // The ID token is kept with the sign-in: the provider's end-session endpoint wants it as a hint.
        options.SaveTokens = true;
        options.SignedOutRedirectUri = "/Account/SignIn";
        options.Events.OnRedirectToIdentityProvider = context =>
        {
            context.ProtocolMessage.UiLocales = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            return Task.CompletedTask;
        };
        options.Events.OnTicketReceived = context => SignInPersonAsync(context, sso);
        options.Events.OnRemoteFailure = RefuseFailedAsync;
        options.Events.OnRedirectToIdentityProviderForSignOut = context =>
        {
            if (context.Properties.Items.TryGetValue(IdTokenHintItem, out var hint) && hint is not null)
            {
                context.ProtocolMessage.IdTokenHint = hint;
                context.Properties.Items.Remove(IdTokenHintItem);
            }
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// Replaces the provider's identity with the person's own sign-in, or refuses. Runs once the ID token
    /// and the userinfo answer are in, so the e-mail and group claims may come from either.
    /// </summary>
    private static async Task SignInPersonAsync(TicketReceivedContext context, SingleSignOnOptions sso)
    {
        var services = context.HttpContext.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn));
        var provided = context.Principal!;
        var email = provided.FindFirst(sso.EmailClaim)?.Value;
        var verified = !sso.RequireVerifiedEmail || bool.TryParse(provided.FindFirst(sso.EmailVerifiedClaim)?.Value, out var isVerified) && isVerified;
        if (string.IsNullOrWhiteSpace(email) || !verified)
        {
            logger.LogWarning("Single sign-on of {Subject} refused: no verified e-mail address ({Email})", provided.FindFirst("sub")?.Value, email);
            Refuse(context, SingleSignOnRefusal.Unverified);
            return;
        }

        var db = services.GetRequiredService<AppDbContext>();
        var match = await DirectoryLookup.FindAsync(db, email, context.HttpContext.RequestAborted);
        if (match.PersonId is null)
        {
            logger.LogWarning("Single sign-on of {Email} refused: {Problem}", email, match.Problem);
            Refuse(context, match.Problem == DirectoryLookup.Inactive ? SingleSignOnRefusal.Inactive : SingleSignOnRefusal.Unknown);
            return;
        }

        var signIn = services.GetRequiredService<SignInManager<AppUser>>();
        var user = await UserAccounts.FindOrCreateAsync(signIn.UserManager, email);
        if (!await signIn.CanSignInAsync(user))
        {
            Refuse(context, SingleSignOnRefusal.Inactive);
            return;
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim("amr", SignInMethods.SingleSignOn));
        var groups = sso.RolesClaim.Length == 0 ? [] : provided.FindAll(sso.RolesClaim).Select(c => c.Value);
        identity.AddClaims(sso.RolesFor(groups).Select(role => new Claim(ProviderRoleClaim, role)));
        if (signIn is AppSignInManager recorder)
        {
            await recorder.RecordSignInAsync(user, SignInMethods.SingleSignOn);
        }
        context.Principal = principal;
        context.ReturnUri = SafeReturnUri(context.HttpContext, context.ReturnUri);
        logger.LogInformation("Single sign-on of {Email}", user.Email);
    }

    private static void Refuse(TicketReceivedContext context, SingleSignOnRefusal reason)
    {
        context.Response.Redirect(RefusalPath(context.HttpContext, reason));
        context.HandleResponse();
    }

    private static Task RefuseFailedAsync(RemoteFailureContext context)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn));
        logger.LogWarning(context.Failure, "Single sign-on failed");
        context.Response.Redirect(RefusalPath(context.HttpContext, SingleSignOnRefusal.Failed));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    private static string RefusalPath(HttpContext context, SingleSignOnRefusal reason) =>
        context.RequestServices.GetRequiredService<LinkGenerator>().GetPathByPage(context, "/Account/SsoRefused", values: new { reason })
        ?? throw new InvalidOperationException("no route to /Account/SsoRefused");

    private static string SafeReturnUri(HttpContext context, string? returnUri) =>
        returnUri is { Length: > 0 } && returnUri.StartsWith('/') && !returnUri.StartsWith("//", StringComparison.Ordinal) && !returnUri.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUri
            : context.Request.PathBase.Add("/").Value!;

    /// <summary>
    /// Where signing out should end the provider's session too: the person signed in through it and the
    /// provider offers an end-session endpoint. Gives the properties to sign out of the provider with.
    /// </summary>
    public static async Task<AuthenticationProperties?> ProviderSignOutAsync(HttpContext context, ClaimsPrincipal user, string redirectUri)
    {
        var sso = context.RequestServices.GetRequiredService<SingleSignOnOptions>();
        if (!sso.Enabled || user.FindFirst("amr")?.Value != SignInMethods.SingleSignOn)
        {
            return null;
        }
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(Scheme);
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await options.ConfigurationManager!.GetConfigurationAsync(context.RequestAborted);
        }
        catch (InvalidOperationException exception)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn))
                .LogWarning(exception, "The provider's configuration could not be read: signed out here only");
            return null;
        }
        if (string.IsNullOrEmpty(configuration.EndSessionEndpoint))
        {
            return null;
        }
        var properties = new AuthenticationProperties { RedirectUri = redirectUri };
        // Read before the sign-in ends: afterwards the cookie that holds the ID token is no longer valid.
        if (await context.GetTokenAsync(IdentityConstants.ApplicationScheme, OpenIdConnectParameterNames.IdToken) is { } idToken)
        {
            properties.Items[IdTokenHintItem] = idToken;
        }
        return properties;
    }
}
