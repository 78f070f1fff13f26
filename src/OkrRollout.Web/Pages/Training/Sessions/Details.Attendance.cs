using System.ComponentModel.DataAnnotations;
using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Htmx;

namespace OkrRollout.Web.Pages.Training.Sessions;

/// <summary>Taking attendance: the session's trainers (and ambassadors) mark who came, everyone registered at once, and walk-ins.</summary>
public partial class DetailsModel
{
    [StringLength(TextLimits.EmailList, ErrorMessage = "The text can be at most {1} characters long.")]
    [BindProperty]
    public string? WalkInEmail { get; set; }

    /// <summary>One person's attendance; to htmx it answers with just their row, and the counts refresh themselves.</summary>
    public async Task<IActionResult> OnPostAttendanceAsync(int id, int personId, bool attended, CancellationToken cancellationToken)
    {
        // No such session, or the person is not on its roster.
        if (!await db.Enrollments.AnyAsync(e => e.SessionId == id && e.PersonId == personId, cancellationToken))
        {
            return NotFound();
        }
        if (!await access.CanTakeAttendanceAsync(User, id, cancellationToken))
        {
            return Forbid();
        }
        var result = await roster.MarkAttendanceAsync(id, personId, attended, User, cancellationToken);
        if (!Request.IsHtmxPartial())
        {
            if (result.Refusal is not null)
            {
                TempData["Status"] = result.Refusal;
            }
            return RedirectToPage(new { id });
        }
        var session = await db.TrainingSessions.Where(s => s.Id == id).Select(s => new { s.StartUtc, s.Status }).SingleAsync(cancellationToken);
        var row = await RosterRows(db.Enrollments.Where(e => e.SessionId == id && e.PersonId == personId)).SingleAsync(cancellationToken);
        Response.Htmx(h => h.WithTrigger("roster-changed"));
        return Partial("_RosterRows", new RosterRowsView([row], id, TrainingSession.TakesAttendance(session.StartUtc, session.Status, time.NowUtc), result.Refusal is null ? null : localizer[result.Refusal].Value));
    }

    /// <summary>The counts above the roster, refreshed by htmx after every toggle.</summary>
    public async Task<IActionResult> OnGetCountsAsync(int id, CancellationToken cancellationToken) =>
        await CountsAsync(id, cancellationToken) is { } counts ? Partial("_RosterCounts", counts) : NotFound();

    public async Task<IActionResult> OnPostAllAttendedAsync(int id, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!await access.CanTakeAttendanceAsync(User, id, cancellationToken))
        {
            return Forbid();
        }
        var count = await roster.MarkRegisteredAttendedAsync(id, User, cancellationToken);
        TempData["Status"] = "{0} marked as attended.";
        TempData["StatusArgs"] = count.ToString();
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostWalkInAsync(int id, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!await access.CanTakeAttendanceAsync(User, id, cancellationToken))
        {
            return Forbid();
        }
        var walkIns = await DirectoryLookup.FindListAsync(db, WalkInEmail, cancellationToken);
        if (walkIns.Unknown.Count > 0 || walkIns.NothingTyped)
        {
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError(nameof(WalkInEmail), walkIns.NothingTyped ? localizer["Enter the e-mail addresses of the people who attended."] : localizer[DirectoryLookup.UnknownInList, string.Join(", ", walkIns.Unknown)]);
            return Page();
        }
        var result = await roster.AddWalkInsAsync(id, walkIns.Ids.ToList(), User, cancellationToken);
        if (result.Refusal is not null)
        {
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError(nameof(WalkInEmail), localizer[result.Refusal]);
            return Page();
        }
        TempData["Status"] = "Attended: {0}.";
        TempData["StatusArgs"] = walkIns.Ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return RedirectToPage(new { id });
    }

    private async Task<RosterCounts?> CountsAsync(int id, CancellationToken cancellationToken)
    {
        var capacity = await db.TrainingSessions.Where(s => s.Id == id).Select(s => (int?)s.Capacity).SingleOrDefaultAsync(cancellationToken);
        if (capacity is null)
        {
            return null;
        }
        return new RosterCounts(id, capacity.Value, await CountsByStateAsync(id, cancellationToken));
    }
}
