using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Okr;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Okr;

/// <summary>
/// A team's retro for a period: a final score per key result (0–1, pre-filled from its progress),
/// what worked ("notice the good"), what we learned, the first small step next period.
/// </summary>
[Authorize(Policy = Policies.Member)]
public class RetroEditModel(AppDbContext db, OkrAccess access, IStringLocalizer<SharedResource> localizer, TimeProvider clock) : PageModel
{
    public Period Period { get; private set; } = null!;
    public OrgUnit Unit { get; private set; } = null!;
    public List<KeyResult> KeyResults { get; private set; } = [];
    public bool CanEdit { get; private set; }

    [BindProperty]
    public RetroInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int periodId, int unitId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(periodId, unitId, cancellationToken))
        {
            return NotFound();
        }
        var retro = await db.Retros.AsNoTracking().Include(r => r.Scores).SingleOrDefaultAsync(r => r.PeriodId == periodId && r.UnitId == unitId, cancellationToken);
        Input = new RetroInput
        {
            WhatWorked = retro?.WhatWorked,
            WhatWeLearned = retro?.WhatWeLearned,
            FirstStep = retro?.FirstStepNextPeriod,
            Scores = KeyResults.Select(k => new ScoreInput { KeyResultId = k.Id, Score = retro?.Scores.FirstOrDefault(s => s.KeyResultId == k.Id)?.Score ?? Math.Round(k.Progress, 2) }).ToList(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int periodId, int unitId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(periodId, unitId, cancellationToken))
        {
            return NotFound();
        }
        if (!CanEdit)
        {
            return Forbid();
        }
        for (var i = 0; i < Input.Scores.Count; i++)
        {
            if (Input.Scores[i].Score is not (>= 0 and <= 1))
            {
                ModelState.AddModelError($"Input.Scores[{i}].Score", localizer["A score is from 0 to 1."]);
            }
            if (KeyResults.All(k => k.Id != Input.Scores[i].KeyResultId))
            {
                return BadRequest();
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var retro = await db.Retros.Include(r => r.Scores).SingleOrDefaultAsync(r => r.PeriodId == periodId && r.UnitId == unitId, cancellationToken);
        if (retro is null)
        {
            retro = new Retro { PeriodId = periodId, UnitId = unitId, CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = User.Identity!.Name! };
            db.Retros.Add(retro);
        }
        retro.WhatWorked = Input.WhatWorked?.Trim() ?? "";
        retro.WhatWeLearned = Input.WhatWeLearned?.Trim() ?? "";
        retro.FirstStepNextPeriod = Input.FirstStep?.Trim() ?? "";
        retro.Scores.Clear();
        retro.Scores.AddRange(Input.Scores.Select(s => new RetroScore { KeyResultId = s.KeyResultId, Score = s.Score!.Value }));
        db.Audit(User, "okr.retro-saved", nameof(OrgUnit), unitId, $"period {periodId}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Saved.";
        return RedirectToPage("/Okr/Retros", new { periodId });
    }

    private async Task<bool> LoadAsync(int periodId, int unitId, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (period is null || unit is null)
        {
            return false;
        }
        (Period, Unit) = (period, unit);
        KeyResults = await db.KeyResults.AsNoTracking().Include(k => k.Objective)
            .Where(k => k.Objective.PeriodId == periodId && k.Objective.UnitId == unitId).OrderBy(k => k.ObjectiveId).ThenBy(k => k.Id).ToListAsync(cancellationToken);
        CanEdit = await access.CanEditUnitAsync(User, unitId, cancellationToken);
        return true;
    }

    public class RetroInput
    {
        [StringLength(4000, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? WhatWorked { get; set; }

        [StringLength(4000, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? WhatWeLearned { get; set; }

        [StringLength(2000, ErrorMessage = "The text can be at most {1} characters long.")]
        public string? FirstStep { get; set; }

        public List<ScoreInput> Scores { get; set; } = [];
    }

    public class ScoreInput
    {
        public int KeyResultId { get; set; }
        public double? Score { get; set; }
    }
}
