using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Htmx;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Okr;
using OkrRollout.Web.Pages.Programmes;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Okr.Teams;

/// <summary>
/// A team's OKRs for a period with their last check-ins, and the weekly check-in for all of the
/// team's key results in one form (htmx swaps the form; without JavaScript it posts the page).
/// </summary>
[Authorize(Policy = Policies.Member)]
public class IndexModel(AppDbContext db, OkrAccess access, AdoptionFigures figures, IStringLocalizer<SharedResource> localizer, OrganisationTime time) : PageModel
{
    public OrgUnit Unit { get; private set; } = null!;
    public Period? Period { get; private set; }
    public List<Objective> Objectives { get; private set; } = [];
    public Dictionary<int, CheckIn> LastCheckIns { get; private set; } = [];
    public HashSet<int> CheckInAllowed { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public string? Saved { get; private set; }

    [BindProperty]
    public List<CheckInInput> CheckIns { get; set; } = [];

    /// <summary>The day the check-in is for: today, or a missed week filled in later (not in the future, not before the period).</summary>
    [BindProperty]
    public DateOnly? CheckInDate { get; set; }

    public DateOnly Today => time.Today;

    /// <summary>The team's people and their onboarding stages: for the team's leads (and leads above) and ambassadors only.</summary>
    public List<PersonStage> TeamStages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, int? periodId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, periodId, cancellationToken))
        {
            return NotFound();
        }
        if (CanEdit && (await ProgrammeQueries.FindOrCurrentAsync(db, null, cancellationToken)).Programme is { } programme)
        {
            TeamStages = (await figures.StagesAsync(programme.Id, [id], cancellationToken))
                .Where(s => s.WaveId is not null).OrderBy(s => s.Name, StringComparer.CurrentCulture).ToList();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCheckInAsync(int id, int? periodId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, periodId, cancellationToken))
        {
            return NotFound();
        }
        var today = time.Today;
        var me = await access.MeAsync(User, cancellationToken);
        var keyResults = Objectives.SelectMany(o => o.KeyResults).ToDictionary(k => k.Id);
        var entries = CheckIns.Where(c => c.Value is not null).ToList();
        for (var i = 0; i < CheckIns.Count; i++)
        {
            var entry = CheckIns[i];
            if (entry.Value is null)
            {
                continue;
            }
            if (!keyResults.ContainsKey(entry.KeyResultId) || !CheckInAllowed.Contains(entry.KeyResultId))
            {
                return Forbid();
            }
            if (entry.Confidence is not (>= 0 and <= CheckIn.MaxConfidence))
            {
                ModelState.AddModelError($"CheckIns[{i}].Confidence", localizer["Confidence is a number from 0 to 10."]);
            }
        }
        if (entries.Count == 0)
        {
            ModelState.AddModelError(string.Empty, localizer["Enter a value for at least one key result."]);
        }
        var date = CheckInDate ?? today;
        if (date > today)
        {
            ModelState.AddModelError(nameof(CheckInDate), localizer["A check-in cannot be for a day still to come."]);
        }
        else if (Period is not null && date < Period.StartDate)
        {
            ModelState.AddModelError(nameof(CheckInDate), localizer["The period started on {0:d}: a check-in is for a day since then.", Period.StartDate.ToDateTime(TimeOnly.MinValue)]);
        }
        if (!ModelState.IsValid)
        {
            return Request.IsHtmxPartial() ? Partial("_CheckInForm", this) : Page();
        }

        // A check-in is an append, so it must not fail because someone checked in on the same key result
        // meanwhile: the current value is set with one UPDATE (the last check-in wins), not through the
        // key result's version check; key results are updated in id order so two check-ins cannot deadlock.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var entry in entries.OrderBy(e => e.KeyResultId))
            {
                var keyResult = keyResults[entry.KeyResultId];
                var value = keyResult.Metric == KeyResultMetric.Milestone ? (entry.Value >= 1 ? 1 : 0) : entry.Value!.Value;
                // A missed week filled in later does not overwrite a newer check-in's value.
                if (!await db.CheckIns.AnyAsync(c => c.KeyResultId == keyResult.Id && c.Date > date, cancellationToken))
                {
                    await db.KeyResults.Where(k => k.Id == keyResult.Id)
                        .ExecuteUpdateAsync(u => u.SetProperty(k => k.CurrentValue, value).SetProperty(k => k.Version, k => k.Version + 1), cancellationToken);
                }
                db.CheckIns.Add(new CheckIn
                {
                    KeyResultId = keyResult.Id,
                    PersonId = me?.Id,
                    Date = date,
                    Value = value,
                    Confidence = entry.Confidence!.Value,
                    Note = entry.Note?.Trim() ?? "",
                    CreatedAtUtc = time.NowUtc,
                });
            }
            db.Audit(User, "okr.checked-in", nameof(OrgUnit), id, $"{entries.Count} key results");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (Request.IsHtmxPartial())
        {
            await LoadAsync(id, periodId, cancellationToken);
            Saved = localizer["Checked in {0} key result(s).", entries.Count];
            CheckIns = [];
            CheckInDate = null;
            return Partial("_CheckInForm", this);
        }
        TempData["Status"] = "Checked in {0} key result(s).";
        TempData["StatusArgs"] = entries.Count.ToString();
        return RedirectToPage(new { id, periodId = Period?.Id });
    }

    private async Task<bool> LoadAsync(int unitId, int? periodId, CancellationToken cancellationToken)
    {
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return false;
        }
        Unit = unit;
        var id = periodId ?? await OkrQueries.CurrentPeriodIdAsync(db, time.Today, cancellationToken);
        Period = id is null ? null : await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Period is null)
        {
            return periodId is null;
        }
        Objectives = await db.Objectives.AsNoTracking().Include(o => o.Owner).Include(o => o.KeyResults).ThenInclude(k => k.Owner)
            .Where(o => o.UnitId == unitId && o.PeriodId == Period.Id).OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var keyResultIds = Objectives.SelectMany(o => o.KeyResults).Select(k => k.Id).ToList();
        LastCheckIns = (await db.CheckIns.AsNoTracking().Where(c => keyResultIds.Contains(c.KeyResultId)).ToListAsync(cancellationToken))
            .GroupBy(c => c.KeyResultId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).First());
        CanEdit = await access.CanEditUnitAsync(User, unitId, cancellationToken);
        CheckInAllowed = [];
        foreach (var objective in Objectives)
        {
            foreach (var keyResult in objective.KeyResults.Where(_ => objective.Status == ObjectiveStatus.Published))
            {
                if (await access.CanCheckInAsync(User, keyResult, objective, cancellationToken))
                {
                    CheckInAllowed.Add(keyResult.Id);
                }
            }
        }
        return true;
    }

    public class CheckInInput
    {
        public int KeyResultId { get; set; }
        public double? Value { get; set; }
        public int? Confidence { get; set; }

        [StringLength(TextLimits.Note, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? Note { get; set; }
    }
}
