using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;
using OkrRollout.Web.Training;

namespace OkrRollout.Web.Pages.Training;

/// <summary>
/// Register or decline from the invitation's link, without signing in. Opening the link only shows
/// the choice; mail scanners open links too.
/// </summary>
[AllowAnonymous]
public class RespondModel(AppDbContext db, SessionRoster roster, OrganisationTime time) : PageModel
{
    public Enrollment? Enrollment { get; private set; }
    public string? Result { get; private set; }
    public string When => Enrollment is null ? "" : time.Format(Enrollment.Session.StartUtc);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Enrollment = await FindAsync(token, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, EnrollmentAction action, CancellationToken cancellationToken)
    {
        Enrollment = await FindAsync(token, cancellationToken);
        if (Enrollment is null || action is not (EnrollmentAction.Register or EnrollmentAction.Decline))
        {
            return Page();
        }
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, Enrollment.Person.Email)], "invitation-link"));
        var result = await roster.RespondAsync(Enrollment.SessionId, Enrollment.PersonId, action, actor, cancellationToken);
        Result = result.Refusal ?? $"EnrollmentState.{result.State}.Told";
        Enrollment = await FindAsync(token, cancellationToken);
        return Page();
    }

    private Task<Enrollment?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = SignInLinks.Hash(token);
        return db.Enrollments.AsNoTracking().Include(e => e.Session).Include(e => e.Person).SingleOrDefaultAsync(e => e.ResponseTokenHash == hash, cancellationToken);
    }
}
