using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Account;

/// <summary>
/// A personal sign-in link from an e-mail. Opening it only shows a button: link scanners in mail
/// systems open links too, and must not use up a single-use link.
/// </summary>
[AllowAnonymous]
[ClosedUnlessSignInIsOurs]
public class LinkModel(SignInLinks links, SignInManager<AppUser> signIn) : PageModel
{
    public string? PersonName { get; private set; }

    [StringLength(TextLimits.Link, ErrorMessage = "The text can be at most {1} characters long.")]
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        PersonName = (await links.FindUsableAsync(token, cancellationToken))?.Person.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var user = await links.RedeemAsync(token, cancellationToken);
        if (user is null)
        {
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: true, SignInMethods.Link);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
