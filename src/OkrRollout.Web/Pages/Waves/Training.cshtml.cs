using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Email;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;
using OkrRollout.Web.Training;

namespace OkrRollout.Web.Pages.Waves;

/// <summary>Invites a whole wave to a set of coming sessions of one kind, each member to one in their language.</summary>
[Authorize(Policy = Policies.Ambassador)]
public class TrainingModel(AppDbContext db, WaveTrainingInvitations invitations, MailReadiness readiness, OrganisationTime time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public List<int> SessionIds { get; set; } = [];

    public Wave Wave { get; private set; } = null!;
    public List<SessionRow> Sessions { get; private set; } = [];
    /// <summary>The wave's active members per language.</summary>
    public Dictionary<Language, int> MembersByLanguage { get; private set; } = [];
    public WavePlacement? Placement { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var ticked = Sessions.Where(s => SessionIds.Contains(s.Id)).ToList();
        if (ticked.Count == 0)
        {
            ModelState.AddModelError(nameof(SessionIds), localizer["Tick the sessions to invite the wave to."]);
        }
        else if (ticked.Select(s => s.Kind).Distinct().Count() > 1)
        {
            ModelState.AddModelError(nameof(SessionIds), localizer["Tick sessions of one kind: each member is invited to one of them."]);
        }
        else if (!readiness.Ready)
        {
            ModelState.AddModelError(nameof(SessionIds), localizer[MailReadiness.Reason, readiness.UnsetList]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var tickedIds = ticked.Select(s => s.Id).ToList();
        var sessions = await db.TrainingSessions.AsNoTracking().Where(s => tickedIds.Contains(s.Id)).ToListAsync(cancellationToken);
        Placement = await invitations.InviteAsync(id, sessions, User, cancellationToken);
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Waves.AsNoTracking().Include(w => w.Programme).SingleOrDefaultAsync(w => w.Id == id, cancellationToken) is not { } wave)
        {
            return false;
        }
        Wave = wave;
        var now = time.NowUtc;
        var rows = await db.TrainingSessions.AsNoTracking()
            .Where(s => s.Status == SessionStatus.Scheduled && s.StartUtc > now
                && (s.WaveId == id || s.WaveId == null) && (s.ProgrammeId == wave.ProgrammeId || s.ProgrammeId == null))
            .OrderBy(s => s.StartUtc).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Kind, s.Title, s.Language, s.StartUtc, s.Capacity, WaveName = s.Wave == null ? null : s.Wave.Name, Group = s.RolloutGroup == null ? null : s.RolloutGroup.Name })
            .ToListAsync(cancellationToken);
        var free = await invitations.FreePlacesAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
        Sessions = rows.Select(r => new SessionRow(r.Id, r.Kind, r.Title, r.Language, r.StartUtc, r.Capacity, free[r.Id], r.WaveName, r.Group)).ToList();
        MembersByLanguage = (await db.WaveMembers.Where(m => m.WaveId == id && m.Person.IsActive)
                .GroupBy(m => m.Person.PreferredLanguage).Select(g => new { Language = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(g => g.Language, g => g.Count);
        return true;
    }

    public sealed record SessionRow(int Id, SessionKind Kind, string Title, Language Language, DateTime StartUtc, int Capacity, int FreePlaces, string? WaveName, string? GroupName);
}
