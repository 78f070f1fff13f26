using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Account;

/// <summary>
/// "E-mail me a sign-in link": the way back in for people without a password. The answer is the
/// same whatever the address (SignInMail decides, quietly, whether anything is sent).
/// </summary>
[AllowAnonymous]
public class EmailLinkModel(SignInMail mail, AccountOptions account) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(254, ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    /// <summary>The page the person was on their way to; the e-mailed link takes them there.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set once the request was taken: the page then gives its one answer.</summary>
    public bool Answered { get; private set; }

    public int Minutes => account.EmailedLinkMinutes;

    public void OnGet(string? email) => Email = email ?? "";

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await mail.RequestSignInLinkAsync(Email, ClientOf(HttpContext), Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null, cancellationToken);
        Answered = true;
        return Page();
    }

    /// <summary>The client a request is counted against: its address (the proxy's client with ForwardedHeaders:Enabled).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
