using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Okr;

/// <summary>A period's retros: which teams with objectives have done theirs.</summary>
[Authorize(Policy = Policies.Member)]
public class RetrosModel(AppDbContext db) : PageModel
{
    public Period Period { get; private set; } = null!;
    public List<(int UnitId, string Unit, Retro? Retro)> Teams { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int periodId, CancellationToken cancellationToken)
    {
        var period = await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return NotFound();
        }
        Period = period;
        var units = await db.Objectives.AsNoTracking().Where(o => o.PeriodId == periodId).Select(o => new { o.UnitId, o.Unit.NamePath }).Distinct().ToListAsync(cancellationToken);
        var retros = await db.Retros.AsNoTracking().Where(r => r.PeriodId == periodId).ToDictionaryAsync(r => r.UnitId, cancellationToken);
        Teams = units.OrderBy(u => u.NamePath, StringComparer.Ordinal).Select(u => (u.UnitId, u.NamePath, retros.GetValueOrDefault(u.UnitId))).ToList();
        return Page();
    }
}
