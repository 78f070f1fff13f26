using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Account;

/// <summary>Where the provider's sign-in ends when it lets nobody in here: strangers, people who left, answers that were not valid.</summary>
[AllowAnonymous]
public class SsoRefusedModel(SingleSignOnOptions sso) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public SingleSignOnRefusal Reason { get; set; } = SingleSignOnRefusal.Failed;

    public string ProviderName => sso.DisplayName;

    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
