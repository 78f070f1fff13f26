using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using OkrRollout.Web.Data;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Account;

[Authorize(Policy = Policies.Member)]
public class SignOutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>
    /// Ends the session on the server too: a new security stamp makes a copy of the cookie worthless
    /// (CurrentAccess checks it on every request). It ends the person's sessions on other devices as well.
    /// Signed in through the organisation's provider, the person is signed out there too when it offers
    /// an end-session endpoint, and comes back to the sign-in page.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var signInPage = Url.Page("/Account/SignIn")!;
        var atProvider = await SingleSignOn.ProviderSignOutAsync(HttpContext, User, signInPage);
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return atProvider is null ? LocalRedirect(signInPage) : SignOut(atProvider, SingleSignOn.Scheme);
    }
}
