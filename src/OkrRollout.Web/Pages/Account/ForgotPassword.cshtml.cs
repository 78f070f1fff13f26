using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Account;

/// <summary>"Forgot your password?": a reset link by e-mail, answered alike whatever the address.</summary>
[AllowAnonymous]
public class ForgotPasswordModel(SignInMail mail, AccountOptions account) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(254, ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    public bool Answered { get; private set; }

    public int Minutes => account.EmailedLinkMinutes;

    public void OnGet(string? email) => Email = email ?? "";

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await mail.RequestPasswordResetAsync(Email, EmailLinkModel.ClientOf(HttpContext), cancellationToken);
        Answered = true;
        return Page();
    }
}
