using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Pages;

/// <summary>The layout's language switcher. A signed-in person's choice also becomes the language of their e-mails.</summary>
[AllowAnonymous]
public class LanguageModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string culture, string? returnUrl)
    {
        if (!LanguageCodes.TryParse(culture, out var language))
        {
            return BadRequest();
        }
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.ToCode())),
            new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });

        if (User.Identity?.IsAuthenticated == true && User.Identity.Name is { } email)
        {
            var normalised = Person.NormaliseEmail(email);
            if (await db.People.Where(p => p.Email == normalised).Select(p => new { p.Id, p.PreferredLanguage }).SingleOrDefaultAsync() is { } me && me.PreferredLanguage != language)
            {
                await db.People.Where(p => p.Id == me.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PreferredLanguage, language));
                db.Audit(User, "person.language-changed", nameof(Person), me.Id, language.ToCode(), me.Id);
                await db.SaveChangesAsync();
            }
        }
        // htmx may have pushed a newer URL (a filtered list) since the form's returnUrl was rendered;
        // the browser's Referer names the page as the person sees it now.
        var target = SameSiteReferer() ?? returnUrl;
        return LocalRedirect(Url.IsLocalUrl(target) ? target : "/");
    }

    private string? SameSiteReferer() =>
        Uri.TryCreate(Request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
        && string.Equals(referer.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase)
            ? referer.PathAndQuery
            : null;
}
