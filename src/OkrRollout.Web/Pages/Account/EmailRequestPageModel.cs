using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Account;

/// <summary>
/// A page that asks for a link by e-mail (sign-in link, password reset): one address field, and once
/// the request is taken one answer, the same whatever the address (SignInMail decides, quietly, what is sent).
/// </summary>
[ClosedUnlessSignInIsOurs]
public abstract class EmailRequestPageModel(AccountOptions account) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(254, ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";

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
        await RequestAsync(ClientOf(HttpContext), cancellationToken);
        Answered = true;
        return Page();
    }

    protected abstract Task RequestAsync(string client, CancellationToken cancellationToken);

    /// <summary>The client a request is counted against: its address (the proxy's client with ForwardedHeaders:Enabled).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
