using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Security;
using OkrRollout.Web.Training;

namespace OkrRollout.Web.Pages.Training;

/// <summary>The signed-in person's calendar subscription address: make one, make a new one, turn it off.</summary>
[Authorize(Policy = Policies.Member)]
public class CalendarModel(TrainingAccess access, CalendarFeeds feeds, EmailLinks links) : PageModel
{
    public Person? Me { get; private set; }
    public CalendarFeed? Feed { get; private set; }

    /// <summary>The address, shown once right after it was made: only its hash is kept.</summary>
    public string? NewAddress { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRenewAsync(CancellationToken cancellationToken)
    {
        if (await access.MeAsync(User, cancellationToken) is not { } me)
        {
            return Forbid();
        }
        var token = await feeds.RenewAsync(me.Id, cancellationToken);
        await LoadAsync(cancellationToken);
        NewAddress = links.ToPage("/Training/Feed", new { token });
        return Page();
    }

    public async Task<IActionResult> OnPostTurnOffAsync(CancellationToken cancellationToken)
    {
        if (await access.MeAsync(User, cancellationToken) is not { } me)
        {
            return Forbid();
        }
        await feeds.TurnOffAsync(me.Id, User, cancellationToken);
        TempData["Status"] = "Your calendar address is turned off; calendars that read it get nothing more.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Me = await access.MeAsync(User, cancellationToken);
        Feed = Me is null ? null : await feeds.OfAsync(Me.Id, cancellationToken);
    }
}
