using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Account;

[AllowAnonymous]
public class SignInModel(SignInManager<AppUser> signIn, FirstAdminSetup setup, AccountOptions account, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool SetupOpen { get; private set; }

    public int LinkMinutes => account.EmailedLinkMinutes;

    public async Task OnGetAsync() => SetupOpen = await setup.IsOpenAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            SetupOpen = await setup.IsOpenAsync();
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Domain.Person.NormaliseEmail(Input.Email), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? localizer["This account is locked after too many failed attempts. Try again in 15 minutes."]
            : localizer["The e-mail address or password is wrong."]);
        SetupOpen = await setup.IsOpenAsync();
        return Page();
    }

    public class SignInInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }
}
