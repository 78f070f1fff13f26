using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Security;

namespace OkrRollout.Web.Pages.Units;

/// <summary>
/// The organisation tree with head counts that include sub-units, one level at a time: the top units
/// with their sub-units, and any unit's sub-units on demand (htmx, or ?unit= as a page). However deep
/// or wide the tree, a response holds at most <see cref="LevelSize"/> units per level.
/// </summary>
[Authorize(Policy = Policies.Member)]
public class IndexModel(AppDbContext db) : PageModel
{
    public const int LevelSize = 200;

    /// <summary>The unit whose sub-units are shown (?unit=), or null for the top of the tree.</summary>
    public UnitLine? Unit { get; private set; }

    /// <summary>The units above <see cref="Unit"/>, top first.</summary>
    public List<UnitCrumb> Ancestors { get; private set; } = [];

    /// <summary>The top units, or <see cref="Unit"/> alone.</summary>
    public UnitLevel Top { get; private set; } = UnitLevel.Empty;

    /// <summary>The sub-units shown open under each unit of <see cref="Top"/>.</summary>
    public Dictionary<int, UnitLevel> Open { get; } = [];

    public async Task<IActionResult> OnGetAsync(int? unit, int skip, CancellationToken cancellationToken)
    {
        if (unit is { } unitId)
        {
            var chosen = await db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Id, u.IdPath }).SingleOrDefaultAsync(cancellationToken);
            if (chosen is null)
            {
                return NotFound();
            }
            var ancestorIds = ParseIdPath(chosen.IdPath).Where(id => id != unitId).ToList();
            var names = await db.OrgUnits.Where(u => ancestorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
            Ancestors = [.. ancestorIds.Where(names.ContainsKey).Select(id => new UnitCrumb(id, names[id]))];
            Unit = (await LinesAsync(db.OrgUnits.Where(u => u.Id == unitId), cancellationToken)).Single();
            Top = new UnitLevel(null, [Unit], Next: 0, Remaining: 0);
            Open[unitId] = await LevelAsync(unitId, skip, cancellationToken);
            return Page();
        }

        Top = await LevelAsync(null, skip, cancellationToken);
        foreach (var top in Top.Lines.Where(l => l.SubUnits > 0))
        {
            Open[top.Id] = await LevelAsync(top.Id, 0, cancellationToken);
        }
        return Page();
    }

    /// <summary>One level of the tree for htmx: the sub-units of a unit, from <paramref name="skip"/>.</summary>
    public async Task<IActionResult> OnGetLevelAsync(int? unit, int skip, CancellationToken cancellationToken)
    {
        if (unit is { } unitId && !await db.OrgUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return NotFound();
        }
        return Partial("_UnitLevel", await LevelAsync(unit, skip, cancellationToken));
    }

    private async Task<UnitLevel> LevelAsync(int? parentId, int skip, CancellationToken cancellationToken)
    {
        skip = Math.Max(skip, 0);
        var level = db.OrgUnits.Where(u => u.ParentId == parentId);
        var count = await level.CountAsync(cancellationToken);
        var lines = await LinesAsync(level.OrderBy(u => u.Name).ThenBy(u => u.Id).Skip(skip).Take(LevelSize), cancellationToken);
        return new UnitLevel(parentId, lines, Next: skip + lines.Count, Remaining: Math.Max(count - skip - lines.Count, 0));
    }

    /// <summary>
    /// Sibling units (in the order given) with the active people in them and in their sub-units: one count
    /// per unit below their parent, each added to the sibling its id path starts under, so nothing here
    /// goes deeper than the data is wide.
    /// </summary>
    private async Task<List<UnitLine>> LinesAsync(IQueryable<OrgUnit> siblings, CancellationToken cancellationToken)
    {
        var units = await siblings.AsNoTracking()
            .Select(u => new { u.Id, u.Name, u.IdPath, SubUnits = db.OrgUnits.Count(c => c.ParentId == u.Id) })
            .ToListAsync(cancellationToken);
        if (units.Count == 0)
        {
            return [];
        }
        var scope = ParentPath(units[0].IdPath);
        var counts = await db.People.Where(p => p.IsActive && p.Unit.IdPath.StartsWith(scope))
            .GroupBy(p => p.Unit.IdPath)
            .Select(g => new { IdPath = g.Key, People = g.Count(), Leads = g.Count(p => p.IsLead) })
            .ToListAsync(cancellationToken);
        var people = new Dictionary<int, int>();
        var leads = new Dictionary<int, int>();
        foreach (var group in counts)
        {
            var below = group.IdPath.AsSpan(scope.Length);
            if (below.IsEmpty)
            {
                continue; // people of the parent itself
            }
            var sibling = int.Parse(below[..below.IndexOf('/')]);
            people[sibling] = people.GetValueOrDefault(sibling) + group.People;
            if (below.Length == below.IndexOf('/') + 1)
            {
                leads[sibling] = group.Leads;
            }
        }
        return [.. units.Select(u => new UnitLine(u.Id, u.Name, u.SubUnits, people.GetValueOrDefault(u.Id), leads.GetValueOrDefault(u.Id)))];
    }

    /// <summary>"/1/5/12/" is under "/1/5/"; a top unit "/1/" under "/".</summary>
    private static string ParentPath(string idPath) => idPath[..(idPath.LastIndexOf('/', idPath.Length - 2) + 1)];

    private static List<int> ParseIdPath(string idPath) =>
        [.. idPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];
}

public sealed record UnitCrumb(int Id, string Name);

/// <param name="People">Active people in the unit and its sub-units.</param>
/// <param name="Leads">Leads of the unit itself.</param>
public sealed record UnitLine(int Id, string Name, int SubUnits, int People, int Leads);

/// <summary>Some of a unit's sub-units (or the top units when <paramref name="ParentId"/> is null), and how many follow.</summary>
public sealed record UnitLevel(int? ParentId, List<UnitLine> Lines, int Next, int Remaining)
{
    public static readonly UnitLevel Empty = new(null, [], 0, 0);
}
