using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Localization;
using OkrRollout.Web.Pages.Units;
using OkrRollout.Web.Rollout;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Programmes;

/// <summary>Each unit's ambassador or coach; units nobody covers are flagged.</summary>
[Authorize(Policy = Policies.Member)]
public class CoverageModel(AppDbContext db, IStringLocalizer<SharedResource> localizer, UnitPicker unitPicker) : PageModel
{
    public const int PageSize = 200;
    private static readonly ProgrammeRoleKind[] CoveringRoles = [ProgrammeRoleKind.Ambassador, ProgrammeRoleKind.Coach];

    public Programme Programme { get; private set; } = null!;

    /// <summary>One page of units in tree order, or of the uncovered ones.</summary>
    public List<CoverageLine> Lines { get; private set; } = [];
    public int UnitCount { get; private set; }
    public int UncoveredCount { get; private set; }
    public bool HasNextPage { get; private set; }
    public UnitChoices Units { get; private set; } = new([], true);

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public bool UncoveredOnly { get; set; }
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
        if (UnitId is null || !await db.OrgUnits.AnyAsync(u => u.Id == UnitId, cancellationToken))
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
        var tree = await db.OrgUnits.AsNoTracking().Select(u => new CoverageNode(u.Id, u.ParentId, u.Depth)).ToListAsync(cancellationToken);
        var coverages = await db.UnitCoverages.AsNoTracking().Where(c => c.ProgrammeId == id)
            .Select(c => new { c.Id, c.UnitId, Person = c.Person.Name, Unit = c.Unit.NamePath }).ToListAsync(cancellationToken);
        var coaches = coverages.ToLookup(c => c.UnitId, c => c.Person);
        var uncovered = CoverageMap.Uncovered(tree, coaches);
        UnitCount = tree.Count;
        UncoveredCount = uncovered.Count;

        PageNumber = Math.Max(PageNumber, 1);
        var listed = UncoveredOnly ? db.OrgUnits.Where(u => uncovered.Contains(u.Id)) : db.OrgUnits;
        var page = await listed.AsNoTracking().OrderBy(u => u.NamePath)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(u => new CoverageUnit(u.Id, u.ParentId, u.Name, u.NamePath, u.Depth))
            .ToListAsync(cancellationToken);
        HasNextPage = page.Count > PageSize;
        var parents = tree.ToDictionary(u => u.Id, u => u.ParentId);
        Lines = [.. page.Take(PageSize).Select(u => CoverageMap.Line(u, parents, coaches))];
        Units = await unitPicker.ChoicesAsync(UnitId, cancellationToken);
        Assignments = coverages.OrderBy(c => c.Unit).Select(c => (c.Id, c.Person, c.Unit)).ToList();
        Coaches = (await db.ProgrammeRoles.AsNoTracking().Where(r => r.ProgrammeId == id && CoveringRoles.Contains(r.Role))
            .Select(r => new { r.PersonId, r.Person.Name }).Distinct().ToListAsync(cancellationToken))
            .OrderBy(c => c.Name).Select(c => (c.PersonId, c.Name)).ToList();
        return true;
    }
}
