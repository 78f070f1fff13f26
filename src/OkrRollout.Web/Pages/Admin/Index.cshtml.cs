using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Admin;

/// <summary>Where an Admin finds what a works council, a data-protection officer or a departing customer asks for.</summary>
[Authorize(Policy = Policies.Admin)]
public class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
