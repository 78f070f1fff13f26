using Htmx;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using OkrRollout.Web.Data;

namespace OkrRollout.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Who may do what, how people sign in and stay signed in, and what the app trusts of a proxy.</summary>
    public static IServiceCollection AddAppSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        AddIdentity(services, configuration);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Member, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Leader, p => p.RequireRole(Roles.Admin, Roles.Ambassador, Roles.Leader))
            .AddPolicy(Policies.Ambassador, p => p.RequireRole(Roles.Admin, Roles.Ambassador))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            // Hosting/SecurityHeaders sets X-Frame-Options on every response.
            o.SuppressXFrameOptionsHeader = true;
        });
        // Keys live in the database (one fixed application name), so every instance on it reads the same ring.
        services.AddDataProtection().SetApplicationName("OkrRollout").PersistKeysToDbContext<AppDbContext>();
        services.AddCookieSecurity();
        services.AddSingleSignOn(configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new());
        AddForwardedHeaders(services, configuration);

        services.AddScoped<SignInLinks>();
        services.AddScoped<SignInMail>();
        services.AddSingleton<SignInRequestLimiter>();
        services.AddScoped<FirstAdminSetup>();
        services.AddScoped<RoleGrants>();
        return services;
    }

    private static void AddIdentity(IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                // No lockout: it let anyone lock out anyone; the sign-in page throttles attempts instead (SignInRequestLimiter).
                options.Lockout.AllowedForNewUsers = false;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/SignIn";
            options.LogoutPath = "/Account/SignOut";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "okrrollout.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            // htmx follows redirects silently; tell it to load the sign-in page as a whole page instead.
            options.Events.OnRedirectToLogin = context => RedirectAsync(context, context.RedirectUri);
            options.Events.OnRedirectToAccessDenied = context => RedirectAsync(context, context.RedirectUri);
            options.Events.OnValidatePrincipal = CurrentAccess.ValidatePrincipalAsync;
        });
        services.AddScoped<CurrentAccess>();
        services.AddSingleton(configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new());
        // Password-reset tokens live as long as an e-mailed sign-in link; a reset changes the security stamp, so each works once.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = (configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new()).EmailedLinkLifetime);
    }

    private static Task RedirectAsync(RedirectContext<CookieAuthenticationOptions> context, string uri)
    {
        if (context.Request.IsHtmx())
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.Htmx(h => h.Redirect(uri));
        }
        else
        {
            context.Response.Redirect(uri);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Behind a reverse proxy (ForwardedHeaders:Enabled): the client's address and scheme come from
    /// X-Forwarded-For and X-Forwarded-Proto, trusted only from the proxies and networks listed in
    /// ForwardedHeaders:KnownProxies and ForwardedHeaders:KnownNetworks (comma-separated; loopback when none).
    /// </summary>
    private static void AddForwardedHeaders(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in List(configuration["ForwardedHeaders:KnownProxies"]))
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in List(configuration["ForwardedHeaders:KnownNetworks"]))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    private static string[] List(string? value) => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
