using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Pages.Programmes;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Dashboard;

/// <summary>
/// What leadership opens: the programme's onboarding funnel, each wave against its plan, and the
/// units that lag. Aggregates only — no names — and units smaller than Dashboard:MinimumGroupSize
/// (default 5) are not shown on their own to leaders.
/// </summary>
[Authorize(Policy = Policies.Leader)]
public class IndexModel(AppDbContext db, AdoptionFigures figures, IAuthorizationService authorization, IConfiguration configuration, TimeProvider clock) : PageModel
{
    public Programme? Programme { get; private set; }
    public Dictionary<OnboardingStage, int> Funnel { get; private set; } = [];
    public int People { get; private set; }
    public List<WaveRow> Waves { get; private set; } = [];
    public List<UnitRow> Units { get; private set; } = [];
    public int HiddenSmallUnits { get; private set; }
    public int MinimumGroupSize { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? programmeId, CancellationToken cancellationToken)
    {
        var (found, programme) = await ProgrammeQueries.FindOrCurrentAsync(db, programmeId, cancellationToken);
        if (!found)
        {
            return NotFound();
        }
        Programme = programme;
        Today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (programme is null)
        {
            return Page();
        }
        var stages = (await figures.StagesAsync(programme.Id, cancellationToken)).Where(p => p.WaveId is not null).ToList();
        People = stages.Count;
        Funnel = AdoptionFigures.Funnel(stages);

        var waves = await db.Waves.AsNoTracking().Where(w => w.ProgrammeId == programme.Id).OrderBy(w => w.Order).ToListAsync(cancellationToken);
        var memberIds = stages.Select(s => s.PersonId).ToList();
        var leads = (await db.People.AsNoTracking().Where(p => p.IsLead).Select(p => p.Id).ToListAsync(cancellationToken))
            .Intersect(memberIds).ToHashSet();
        Waves = waves.Select(w =>
        {
            var members = stages.Where(s => s.WaveId == w.Id).ToList();
            return new WaveRow(w, AdoptionFigures.Funnel(members), WaveMilestones.Measure(w, members, leads, Today));
        }).ToList();

        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.NamePath }).ToDictionaryAsync(u => u.Id, u => u.NamePath, cancellationToken);
        var seesSmallUnits = (await authorization.AuthorizeAsync(User, Policies.Ambassador)).Succeeded;
        MinimumGroupSize = configuration.GetValue("Dashboard:MinimumGroupSize", 5);
        var byUnit = stages.GroupBy(s => s.UnitId)
            .Select(g => new UnitRow(g.Key, units[g.Key], g.Count(), AdoptionFigures.Funnel(g)))
            .ToList();
        HiddenSmallUnits = seesSmallUnits ? 0 : byUnit.Count(u => u.People < MinimumGroupSize);
        Units = byUnit.Where(u => seesSmallUnits || u.People >= MinimumGroupSize)
            .OrderBy(u => u.TrainedShare).ThenBy(u => u.Path, StringComparer.Ordinal).ToList();
        return Page();
    }

    public static double Share(Dictionary<OnboardingStage, int> funnel, OnboardingStage atLeast)
    {
        var total = funnel.Values.Sum();
        return total == 0 ? 0 : (double)funnel.Where(f => f.Key >= atLeast).Sum(f => f.Value) / total;
    }

    public sealed record WaveRow(Wave Wave, Dictionary<OnboardingStage, int> Funnel, MilestoneProgress Milestone)
    {
        public int People => Funnel.Values.Sum();
        public double TrainedShare => Share(Funnel, OnboardingStage.Trained);
        public double PractisingShare => Share(Funnel, OnboardingStage.Practising);
    }

    public sealed record UnitRow(int UnitId, string Path, int People, Dictionary<OnboardingStage, int> Funnel)
    {
        public double TrainedShare => Share(Funnel, OnboardingStage.Trained);
    }
}
