using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Okr;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Okr.Objectives;

/// <summary>An objective with its key results, their check-in history, progress and the drafting hints.</summary>
[Authorize(Policy = Policies.Member)]
public class DetailsModel(AppDbContext db, OkrAccess access) : PageModel
{
    public Objective Objective { get; private set; } = null!;
    public List<Objective> Children { get; private set; } = [];
    public Dictionary<int, List<CheckIn>> CheckIns { get; private set; } = [];
    public double Progress { get; private set; }
    public bool CanEdit { get; private set; }
    public List<QualityHint> ObjectiveHints { get; private set; } = [];
    public Period? NextPeriod { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) => SetStatusAsync(id, ObjectiveStatus.Published, cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken) => SetStatusAsync(id, ObjectiveStatus.Closed, cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken cancellationToken) => SetStatusAsync(id, ObjectiveStatus.Draft, cancellationToken);

    /// <summary>Copies the objective and its key results (not their check-ins) into the next period, as a draft.</summary>
    public async Task<IActionResult> OnPostCopyAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (!CanEdit || NextPeriod is null)
        {
            return Forbid();
        }
        var copy = new Objective { Title = Objective.Title, Why = Objective.Why, UnitId = Objective.UnitId, PeriodId = NextPeriod.Id, OwnerId = Objective.OwnerId };
        foreach (var keyResult in Objective.KeyResults)
        {
            var copied = new KeyResult
            {
                Title = keyResult.Title,
                Metric = keyResult.Metric,
                StartValue = keyResult.CurrentValue,
                TargetValue = keyResult.TargetValue,
                CurrentValue = keyResult.CurrentValue,
                UnitLabel = keyResult.UnitLabel,
                OwnerId = keyResult.OwnerId,
            };
            copied.Contributors.AddRange(keyResult.Contributors.Select(c => new KeyResultContributor { PersonId = c.PersonId }));
            copy.KeyResults.Add(copied);
        }
        db.Objectives.Add(copy);
        await db.SaveWithAuditAsync(User, "okr.objective-copied", nameof(Objective), () => copy.Id, $"from {id}", cancellationToken);
        TempData["Status"] = "Copied into the next period as a draft.";
        return RedirectToPage(new { id = copy.Id });
    }

    private async Task<IActionResult> SetStatusAsync(int id, ObjectiveStatus status, CancellationToken cancellationToken)
    {
        var objective = await db.Objectives.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (objective is null)
        {
            return NotFound();
        }
        if (!await access.CanEditObjectiveAsync(User, objective, cancellationToken))
        {
            return Forbid();
        }
        objective.Status = status;
        objective.Version++;
        db.Audit(User, "okr.objective-" + status.ToString().ToLowerInvariant(), nameof(Objective), id, objective.Title);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Saved.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var objective = await db.Objectives.AsNoTracking()
            .Include(o => o.Unit).Include(o => o.Period).Include(o => o.Owner).Include(o => o.Parent).ThenInclude(p => p!.Unit)
            .Include(o => o.KeyResults).ThenInclude(k => k.Owner)
            .Include(o => o.KeyResults).ThenInclude(k => k.Contributors).ThenInclude(c => c.Person)
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (objective is null)
        {
            return false;
        }
        Objective = objective;
        Children = await db.Objectives.AsNoTracking().Include(o => o.Unit).Where(o => o.ParentId == id).OrderBy(o => o.Unit.NamePath).ToListAsync(cancellationToken);
        var keyResultIds = objective.KeyResults.Select(k => k.Id).ToList();
        CheckIns = (await db.CheckIns.AsNoTracking().Include(c => c.Person).Where(c => keyResultIds.Contains(c.KeyResultId)).ToListAsync(cancellationToken))
            .GroupBy(c => c.KeyResultId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).ToList());
        Progress = OkrProgress.Mean(objective.KeyResults.Select(k => k.Progress));
        CanEdit = await access.CanEditObjectiveAsync(User, objective, cancellationToken);
        ObjectiveHints = QualityHints.ForObjective(objective.KeyResults.Count)
            .Concat(QualityHints.ForUnitPeriod(await db.Objectives.CountAsync(o => o.UnitId == objective.UnitId && o.PeriodId == objective.PeriodId, cancellationToken)))
            .ToList();
        NextPeriod = await db.Periods.AsNoTracking().Where(p => p.StartDate > objective.Period.StartDate).OrderBy(p => p.StartDate).FirstOrDefaultAsync(cancellationToken);
        return true;
    }
}
