using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Training;

/// <summary>
/// The pages an invitation's personal link opens (register or decline, feedback) speak the invitee's
/// language, not the browser's: the link's token names the enrollment, and so the person. A language
/// chosen with the switcher (its cookie) still wins.
/// </summary>
public sealed class InviteeCulture : RequestCultureProvider
{
    /// <summary>The two pages' addresses before the token (Pages/Training/Respond and Feedback, "{token}" routes).</summary>
    private static readonly string[] TokenPages = ["/Training/Respond/", "/Training/Feedback/"];

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var path = httpContext.Request.Path.Value ?? "";
        var page = TokenPages.FirstOrDefault(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        var token = page is null ? null : path[page.Length..];
        if (string.IsNullOrEmpty(token) || token.Contains('/', StringComparison.Ordinal) || token.Length > TextLimits.Link)
        {
            return null;
        }
        var hash = SignInLinks.Hash(token);
        var db = httpContext.RequestServices.GetRequiredService<AppDbContext>();
        var language = await db.Enrollments.Where(e => e.ResponseTokenHash == hash).Select(e => (Language?)e.Person.PreferredLanguage).SingleOrDefaultAsync(httpContext.RequestAborted);
        return language is { } found ? new ProviderCultureResult(found.ToCode()) : null;
    }
}
