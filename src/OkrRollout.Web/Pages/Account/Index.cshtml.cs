using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Account;

/// <summary>A person's own account: their roles and how they sign in; a password of their own where the organisation allows passwords (Account:AllowPasswords).</summary>
[Authorize(Policy = Policies.Member)]
public class IndexModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, AccountOptions account, SingleSignOnOptions sso, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public AppUser Account { get; private set; } = null!;
    public string? PersonName { get; private set; }
    public bool HasPassword { get; private set; }
    public bool PasswordsAllowed => account.AllowPasswords && !sso.OnlySingleSignOn;

    /// <summary>A password of one's own to set or change; none at all when single sign-on is the only way in.</summary>
    public bool ShowPasswordForm => !sso.OnlySingleSignOn && (HasPassword || PasswordsAllowed);
    public IReadOnlyList<string> RolesNow { get; private set; } = [];

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    [StringLength(TextLimits.Password, ErrorMessage = "The text can be at most {1} characters long.")]
    [BindProperty]
    [DataType(DataType.Password)]
    public string? CurrentPassword { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Challenge();

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Challenge();
        }
        if (!PasswordsAllowed && (!HasPassword || sso.OnlySingleSignOn))
        {
            return Forbid();
        }
        if (HasPassword && string.IsNullOrEmpty(CurrentPassword))
        {
            ModelState.AddModelError(nameof(CurrentPassword), localizer["Enter your current password."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = HasPassword
            ? await users.ChangePasswordAsync(Account, CurrentPassword!, Input.Password)
            : await users.AddPasswordAsync(Account, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(CurrentPassword) : "Input.Password",
                    error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? localizer["The current password is wrong."] : error.Description);
            }
            return Page();
        }
        db.Audit(User, HasPassword ? "account.password-changed" : "account.password-set", nameof(AppUser), Account.Id, Account.Email ?? "");
        await db.SaveChangesAsync(cancellationToken);
        // The password changed the security stamp, which ends every session: this one is signed in again.
        await signIn.RefreshSignInAsync(Account);
        TempData["Status"] = "Your password is saved.";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return false;
        }
        Account = user;
        HasPassword = await users.HasPasswordAsync(user);
        PersonName = await db.People.Where(p => p.Email == user.Email).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken);
        RolesNow = Roles.All.Where(r => r == Roles.Member || User.IsInRole(r)).ToList();
        return true;
    }
}
