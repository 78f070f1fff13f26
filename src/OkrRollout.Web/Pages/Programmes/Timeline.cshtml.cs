using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Programmes;

[Authorize(Policy = Policies.Member)]
public class TimelineModel(AppDbContext db, StageRollupRefresher rollups, OrganisationTime time) : PageModel
{
    public Programme Programme { get; private set; } = null!;
    public TimelineChart Chart { get; private set; } = null!;
    public Dictionary<int, MilestoneProgress> Milestones { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null)
        {
            return NotFound();
        }
        Programme = programme;
        var waves = await db.Waves.AsNoTracking().Where(w => w.ProgrammeId == id).OrderBy(w => w.Order).ToListAsync(cancellationToken);
        Chart = TimelineChart.For(programme, waves, time.Today);
        if (waves.Any(w => w.MilestoneCriterion != MilestoneCriterion.None))
        {
            Milestones = await rollups.MilestonesAsync(waves, cancellationToken);
        }
        return Page();
    }
}
