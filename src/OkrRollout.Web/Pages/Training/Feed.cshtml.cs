using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Training;

namespace OkrRollout.Web.Pages.Training;

/// <summary>
/// A calendar subscription as calendars read it: no sign-in, the secret token in the address is
/// the key (calendar apps send no cookies). An unknown or turned-off token is a plain 404.
/// </summary>
[AllowAnonymous]
public class FeedModel(CalendarFeeds feeds) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > TextLimits.Link || await feeds.ReadAsync(token, cancellationToken) is not { } calendar)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "private, no-cache";
        return Content(calendar, "text/calendar; charset=utf-8");
    }
}
