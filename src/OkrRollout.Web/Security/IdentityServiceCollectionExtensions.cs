using Htmx;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using OkrRollout.Web.Data;

namespace OkrRollout.Web.Security;

public static class IdentityServiceCollectionExtensions
{
    public static IServiceCollection AddAppIdentity(this IServiceCollection services, IConfiguration configuration)
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
        return services;
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
}
