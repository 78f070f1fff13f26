using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Programmes;

/// <summary>Each unit's ambassador or coach; units nobody covers are flagged.</summary>
[Authorize(Policy = Policies.Member)]
public class CoverageModel(AppDbContext db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private static readonly ProgrammeRoleKind[] CoveringRoles = [ProgrammeRoleKind.Ambassador, ProgrammeRoleKind.Coach];

    public Programme Programme { get; private set; } = null!;
    public List<CoverageLine> Lines { get; private set; } = [];
    public List<(int Id, string Name)> Coaches { get; private set; } = [];
    public List<(int CoverageId, string Person, string Unit)> Assignments { get; private set; } = [];

    [BindProperty]
    public int? CoachId { get; set; }

    [BindProperty]
    public int? UnitId { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostAssignAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        if (CoachId is null || Coaches.All(c => c.Id != CoachId))
        {
            ModelState.AddModelError(nameof(CoachId), localizer["Choose an ambassador or coach of this programme."]);
        }
        if (UnitId is null || Lines.All(l => l.Unit.Id != UnitId))
        {
            ModelState.AddModelError(nameof(UnitId), localizer["Choose a unit."]);
        }
        else if (CoachId is not null && await db.UnitCoverages.AnyAsync(c => c.ProgrammeId == id && c.UnitId == UnitId && c.PersonId == CoachId, cancellationToken))
        {
            ModelState.AddModelError(nameof(UnitId), localizer["This person already covers this unit."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.UnitCoverages.Add(new UnitCoverage { ProgrammeId = id, PersonId = CoachId!.Value, UnitId = UnitId!.Value });
        db.Audit(User, "programme.coverage-added", nameof(Programme), id, $"person {CoachId} covers unit {UnitId}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Coverage saved.";
        return RedirectToPage(new { id });
    }

    [HandlerAuthorize(Policies.Ambassador)]
    public async Task<IActionResult> OnPostRemoveAsync(int id, int coverageId, CancellationToken cancellationToken)
    {
        var coverage = await db.UnitCoverages.SingleOrDefaultAsync(c => c.Id == coverageId && c.ProgrammeId == id, cancellationToken);
        if (coverage is null)
        {
            return NotFound();
        }
        db.UnitCoverages.Remove(coverage);
        db.Audit(User, "programme.coverage-removed", nameof(Programme), id, $"person {coverage.PersonId} unit {coverage.UnitId}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Coverage saved.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var programme = await db.Programmes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (programme is null)
        {
            return false;
        }
        Programme = programme;
        var units = await db.OrgUnits.AsNoTracking()
            .Select(u => new CoverageUnit(u.Id, u.ParentId, u.Name, u.NamePath, u.Depth))
            .ToListAsync(cancellationToken);
        var coverages = await db.UnitCoverages.AsNoTracking().Where(c => c.ProgrammeId == id)
            .Select(c => new { c.Id, c.UnitId, Person = c.Person.Name, Unit = c.Unit.NamePath }).ToListAsync(cancellationToken);
        Lines = CoverageMap.Build(units, coverages.ToLookup(c => c.UnitId, c => c.Person));
        Assignments = coverages.OrderBy(c => c.Unit).Select(c => (c.Id, c.Person, c.Unit)).ToList();
        Coaches = (await db.ProgrammeRoles.AsNoTracking().Where(r => r.ProgrammeId == id && CoveringRoles.Contains(r.Role))
            .Select(r => new { r.PersonId, r.Person.Name }).Distinct().ToListAsync(cancellationToken))
            .OrderBy(c => c.Name).Select(c => (c.PersonId, c.Name)).ToList();
        return true;
    }
}
