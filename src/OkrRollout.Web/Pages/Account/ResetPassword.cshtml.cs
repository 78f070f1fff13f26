using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Account;

/// <summary>Sets a new password from an e-mailed reset link. The token is Identity's: it expires, and a reset changes the security stamp, so it works once.</summary>
[AllowAnonymous]
[ClosedUnlessSignInIsOurs]
public class ResetPasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [StringLength(TextLimits.Email, ErrorMessage = "The e-mail address can be at most {1} characters long.")]
    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = "";

    [StringLength(TextLimits.Link, ErrorMessage = "The text can be at most {1} characters long.")]
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    /// <summary>Set when the link is spent, expired or was never valid.</summary>
    public bool LinkSpent { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        LinkSpent = await UsableUserAsync() is not { } user
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, Token);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await UsableUserAsync() is not { } user)
        {
            LinkSpent = true;
            return Page();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, Token, Input.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LinkSpent = true;
                return Page();
            }
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }
            return Page();
        }
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await signIn.SignInAsync(user, isPersistent: false, SignInMethods.Password);
        TempData["Status"] = "Your new password is set.";
        return LocalRedirect("/");
    }

    private async Task<AppUser?> UsableUserAsync() =>
        string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Token) || await users.FindByEmailAsync(Domain.Person.NormaliseEmail(Email)) is not { } user || !await signIn.CanSignInAsync(user)
            ? null
            : user;
}

public class PasswordInput
{
    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "The password must be at least 10 characters long.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    [StringLength(TextLimits.Password, ErrorMessage = "The text can be at most {1} characters long.")]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Repeat the password")]
    public string ConfirmPassword { get; set; } = "";
}
