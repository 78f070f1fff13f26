using Microsoft.AspNetCore.CookiePolicy;

namespace OkrRollout.Web.Security;

/// <summary>
/// One rule for every cookie the app sets (sign-in, antiforgery, language, TempData, and any added
/// later): Secure whenever the request is https, directly or as forwarded by the trusted proxy, and
/// not over plain http, so local development keeps working; HttpOnly; SameSite Lax at least
/// (antiforgery's Strict stays). Left to their own defaults, the antiforgery and TempData cookies
/// were never Secure.
/// </summary>
public static class CookieSecurity
{
    internal static IServiceCollection AddCookieSecurity(this IServiceCollection services) =>
        services.AddCookiePolicy(options =>
        {
            options.Secure = CookieSecurePolicy.SameAsRequest;
            options.HttpOnly = HttpOnlyPolicy.Always;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
}
