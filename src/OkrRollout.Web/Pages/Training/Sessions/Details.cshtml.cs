using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Htmx;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Pages.People;
using OkrRollout.Web.Pages.Units;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;
using OkrRollout.Web.Training;

namespace OkrRollout.Web.Pages.Training.Sessions;

/// <summary>
/// A session: everyone sees it and registers or declines for themselves; ambassadors invite and run
/// it; its trainers take attendance (one htmx toggle per person, or everyone registered at once,
/// and walk-ins). Comments with names are for ambassadors only.
/// </summary>
[Authorize(Policy = Policies.Member)]
public class DetailsModel(AppDbContext db, SessionRoster roster, InvitationAudience audiences, TrainingAccess access, OrganisationTime time, IStringLocalizer<SharedResource> localizer, UnitPicker unitPicker) : PageModel
{
    public TrainingSession Session { get; private set; } = null!;
    public List<RosterRow> Roster { get; private set; } = [];
    public RosterCounts Counts { get; private set; } = null!;
    public Enrollment? Mine { get; private set; }
    public bool CanRun { get; private set; }
    public bool CanTakeAttendance { get; private set; }
    public bool Started { get; private set; }

    /// <summary>Attendance can be marked: the session has started and is not cancelled.</summary>
    public bool AttendanceOpen { get; private set; }
    public double? AverageFeedback { get; private set; }
    public List<(string? Name, int Score, string Comment)> Comments { get; private set; } = [];
    public UnitChoices Units { get; private set; } = new([], true);
    public List<(int Id, string Name)> Groups { get; private set; } = [];
    public List<(int Id, string Name)> Waves { get; private set; } = [];

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    [StringLength(TextLimits.Email, ErrorMessage = "The e-mail address can be at most {1} characters long.")]
    [BindProperty]
    public string? WalkInEmail { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostRegisterAsync(int id, CancellationToken cancellationToken) => RespondAsync(id, EnrollmentAction.Register, cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(int id, CancellationToken cancellationToken) => RespondAsync(id, EnrollmentAction.Decline, cancellationToken);

    public Task<IActionResult> OnPostCancelMineAsync(int id, CancellationToken cancellationToken) => RespondAsync(id, EnrollmentAction.Cancel, cancellationToken);

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostInviteAsync(int id, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var audience = await audiences.ResolveAsync(new AudienceChoice(Invite.RolloutGroupId, Invite.WaveId, Invite.UnitId, Invite.Emails), cancellationToken);
        if (audience.UnknownEmails.Count > 0)
        {
            ModelState.AddModelError("Invite.Emails", localizer[DirectoryLookup.UnknownInList, string.Join(", ", audience.UnknownEmails)]);
        }
        else if (audience.PersonIds.Count == 0)
        {
            ModelState.AddModelError("Invite.Emails", localizer["Choose whom to invite."]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        var invited = await roster.InviteAsync(id, audience.PersonIds, User, cancellationToken);
        TempData["Status"] = "{0} invited; people already on the roster were not invited again.";
        TempData["StatusArgs"] = invited.ToString();
        return RedirectToPage(new { id });
    }

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
        var walkIn = await DirectoryLookup.FindAsync(db, WalkInEmail, cancellationToken);
        if (walkIn.PersonId is not { } personId)
        {
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError(nameof(WalkInEmail), localizer[walkIn.Problem!]);
            return Page();
        }
        var result = await roster.AddWalkInAsync(id, personId, User, cancellationToken);
        if (result.Refusal is not null)
        {
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError(nameof(WalkInEmail), localizer[result.Refusal]);
            return Page();
        }
        TempData["Status"] = "Walk-in added.";
        return RedirectToPage(new { id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostOfferNextAsync(int id, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var (next, invited) = await roster.OfferNextSessionAsync(id, User, cancellationToken);
        TempData["Status"] = next is null ? "There is no later session of the same kind and language yet." : "{0} no-shows and decliners were invited to the next session.";
        TempData["StatusArgs"] = invited.ToString();
        return next is null ? RedirectToPage(new { id }) : RedirectToPage(new { id = next.Id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostCancelSessionAsync(int id, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var told = await roster.CancelSessionAsync(id, User, cancellationToken);
        TempData["Status"] = "The session was cancelled; {0} people were told.";
        TempData["StatusArgs"] = told.ToString();
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> RespondAsync(int id, EnrollmentAction action, CancellationToken cancellationToken)
    {
        var me = await access.MeAsync(User, cancellationToken);
        if (me is null || !await ExistsAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var result = await roster.RespondAsync(id, me.Id, action, User, cancellationToken);
        TempData["Status"] = result.Refusal ?? $"EnrollmentState.{result.State}.Told";
        return RedirectToPage(new { id });
    }

    /// <summary>The roster changes (in <see cref="SessionRoster"/>) take a session that exists; a request can name one that does not.</summary>
    private Task<bool> ExistsAsync(int id, CancellationToken cancellationToken) => db.TrainingSessions.AnyAsync(s => s.Id == id, cancellationToken);

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var session = await db.TrainingSessions.AsNoTracking().Include(s => s.Trainers).ThenInclude(t => t.Person).Include(s => s.Wave).Include(s => s.RolloutGroup)
            .Include(s => s.TrainingRequest).ThenInclude(r => r!.Unit)
            .SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return false;
        }
        Session = session;
        Started = time.NowUtc >= session.StartUtc;
        AttendanceOpen = TrainingSession.TakesAttendance(session.StartUtc, session.Status, time.NowUtc);
        CanRun = await access.IsAmbassadorAsync(User);
        CanTakeAttendance = await access.CanTakeAttendanceAsync(User, id, cancellationToken);
        var me = await access.MeAsync(User, cancellationToken);
        Mine = me is null ? null : await db.Enrollments.AsNoTracking().SingleOrDefaultAsync(e => e.SessionId == id && e.PersonId == me.Id, cancellationToken);
        Counts = new RosterCounts(id, session.Capacity, await CountsByStateAsync(id, cancellationToken));
        if (CanTakeAttendance)
        {
            // Sorted here, not in SQL: ORDER BY name tempts SQLite to walk all people by name and probe each one's enrollment.
            Roster = (await RosterRows(db.Enrollments.Where(e => e.SessionId == id)).ToListAsync(cancellationToken))
                .OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        }
        var feedback = await db.SessionFeedback.AsNoTracking().Where(f => f.SessionId == id).Select(f => new { f.Person.Name, f.Score, f.Comment }).ToListAsync(cancellationToken);
        AverageFeedback = feedback.Count == 0 ? null : feedback.Average(f => f.Score);
        Comments = feedback.Where(f => f.Comment.Length > 0).Select(f => (CanRun ? f.Name : null, f.Score, f.Comment)).ToList();
        if (CanRun)
        {
            Units = await unitPicker.ChoicesAsync(Invite.UnitId, cancellationToken);
            Groups = (await db.RolloutGroups.AsNoTracking().Select(g => new { g.Id, Name = g.Wave.Name + " · " + g.Name }).ToListAsync(cancellationToken)).Select(g => (g.Id, g.Name)).ToList();
            Waves = (await db.Waves.AsNoTracking().Select(w => new { w.Id, w.Name }).ToListAsync(cancellationToken)).Select(w => (w.Id, w.Name)).ToList();
        }
        return true;
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

    private Task<Dictionary<EnrollmentState, int>> CountsByStateAsync(int id, CancellationToken cancellationToken) =>
        db.Enrollments.Where(e => e.SessionId == id).GroupBy(e => e.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    private static IQueryable<RosterRow> RosterRows(IQueryable<Enrollment> enrollments) =>
        enrollments.AsNoTracking().Select(e => new RosterRow(e.PersonId, e.Person.Name, e.Person.Unit.NamePath, e.State, e.WalkIn));

    public sealed record RosterRow(int PersonId, string Name, string Unit, EnrollmentState State, bool WalkIn);

    public sealed record RosterRowsView(IReadOnlyList<RosterRow> Rows, int SessionId, bool CanToggle, string? RowError);

    public sealed record RosterCounts(int SessionId, int Capacity, IReadOnlyDictionary<EnrollmentState, int> ByState);

    public class InviteInput
    {
        public int? RolloutGroupId { get; set; }
        public int? WaveId { get; set; }
        public int? UnitId { get; set; }
        [StringLength(TextLimits.EmailList, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Emails { get; set; }
    }
}
