using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Account;

/// <summary>Creates the first administrator of an install without the demo; gone for good once one exists.</summary>
[AllowAnonymous]
public class SetupModel(FirstAdminSetup setup, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    /// <summary>An administrator exists: the page says so and leads to the sign-in page (404, as nothing can be done here).</summary>
    public bool Closed { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await setup.IsOpenAsync() ? Page() : ClosedPage();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await setup.IsOpenAsync())
        {
            return ClosedPage();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await setup.CreateAdminAsync(Input.Email.Trim(), Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            return Page();
        }
        await signIn.SignInAsync((await users.FindByEmailAsync(Domain.Person.NormaliseEmail(Input.Email)))!, isPersistent: false, SignInMethods.Password);
        return LocalRedirect("/");
    }

    private PageResult ClosedPage()
    {
        Closed = true;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }

    public class SetupInput
    {
        [StringLength(TextLimits.Email, ErrorMessage = "The e-mail address can be at most {1} characters long.")]
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(200, MinimumLength = 10, ErrorMessage = "The password must be at least 10 characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Repeat the password.")]
        [StringLength(TextLimits.Password, ErrorMessage = "The text can be at most {1} characters long.")]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
        [DataType(DataType.Password)]
        [Display(Name = "Repeat the password")]
        public string ConfirmPassword { get; set; } = "";
    }
}
