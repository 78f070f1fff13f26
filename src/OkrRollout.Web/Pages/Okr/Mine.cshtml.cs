using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Okr;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Okr;

/// <summary>The signed-in person's OKRs: objectives they own, key results they own or contribute to, and their team.</summary>
[Authorize(Policy = Policies.Member)]
public class MineModel(AppDbContext db, OkrAccess access, OrganisationTime time) : PageModel
{
    public Person? Me { get; private set; }
    public Period? Period { get; private set; }
    public List<Objective> Objectives { get; private set; } = [];
    public List<KeyResult> KeyResults { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Me = await access.MeAsync(User, cancellationToken);
        var periodId = await OkrQueries.CurrentPeriodIdAsync(db, time.Today, cancellationToken);
        Period = periodId is null ? null : await db.Periods.AsNoTracking().SingleAsync(p => p.Id == periodId, cancellationToken);
        if (Me is null || Period is null)
        {
            return;
        }
        var meId = Me.Id;
        Objectives = await db.Objectives.AsNoTracking().Include(o => o.Unit).Include(o => o.KeyResults)
            .Where(o => o.PeriodId == Period.Id && o.OwnerId == meId).ToListAsync(cancellationToken);
        KeyResults = await db.KeyResults.AsNoTracking().Include(k => k.Objective)
            .Where(k => k.Objective.PeriodId == Period.Id && (k.OwnerId == meId || k.Contributors.Any(c => c.PersonId == meId)))
            .OrderBy(k => k.ObjectiveId).ToListAsync(cancellationToken);
    }
}
