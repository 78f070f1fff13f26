using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Pages.Units;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;
using OkrRollout.Web.Training;

namespace OkrRollout.Web.Pages.Training.Sessions;

/// <summary>
/// A session: everyone sees it and registers or declines for themselves; ambassadors invite and run
/// it; its trainers take attendance (one htmx toggle per person, or everyone registered at once,
/// and walk-ins: <c>Details.Attendance.cs</c>). Comments with names are for ambassadors only. Inviting,
/// offering the next session and cancelling are in <c>Details.Running.cs</c>.
/// </summary>
[Authorize(Policy = Policies.Member)]
public partial class DetailsModel(AppDbContext db, SessionRoster roster, InvitationAudience audiences, TrainingAccess access, OrganisationTime time, IStringLocalizer<SharedResource> localizer, UnitPicker unitPicker) : PageModel
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

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostRegisterAsync(int id, CancellationToken cancellationToken) => RespondAsync(id, EnrollmentAction.Register, cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(int id, CancellationToken cancellationToken) => RespondAsync(id, EnrollmentAction.Decline, cancellationToken);

    public Task<IActionResult> OnPostCancelMineAsync(int id, CancellationToken cancellationToken) => RespondAsync(id, EnrollmentAction.Cancel, cancellationToken);

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

    private Task<Dictionary<EnrollmentState, int>> CountsByStateAsync(int id, CancellationToken cancellationToken) =>
        db.Enrollments.Where(e => e.SessionId == id).GroupBy(e => e.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    private static IQueryable<RosterRow> RosterRows(IQueryable<Enrollment> enrollments) =>
        enrollments.AsNoTracking().Select(e => new RosterRow(e.PersonId, e.Person.Name, e.Person.Unit.NamePath, e.State, e.WalkIn));

    public sealed record RosterRow(int PersonId, string Name, string Unit, EnrollmentState State, bool WalkIn);

    /// <param name="CanUninvite">An ambassador before the session: each invited, registered or waitlisted person can be taken off the roster.</param>
    public sealed record RosterRowsView(IReadOnlyList<RosterRow> Rows, int SessionId, bool CanToggle, string? RowError, bool CanUninvite = false);

    public sealed record RosterCounts(int SessionId, int Capacity, IReadOnlyDictionary<EnrollmentState, int> ByState)
    {
        public int SeatsTaken => EnrollmentRules.SeatTaking.Sum(s => ByState.GetValueOrDefault(s));
    }
}
