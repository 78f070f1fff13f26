using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Pages.People;

/// <summary>A unit in a select list, indented by its depth in the tree.</summary>
public sealed record UnitOption(int Id, string NamePath, string Name, int Depth)
{
    public static Task<List<UnitOption>> ListAsync(AppDbContext db, CancellationToken cancellationToken) =>
        Select(db.OrgUnits).ToListAsync(cancellationToken);

    /// <summary>The units in tree order (by path), as options.</summary>
    public static IQueryable<UnitOption> Select(IQueryable<OrgUnit> units) =>
        units.AsNoTracking()
            .OrderBy(u => u.NamePath)
            .Select(u => new UnitOption(u.Id, u.NamePath, u.Name, u.Depth));
}
