using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;

namespace OkrRollout.Web.Pages.People;

/// <summary>A unit in a select list, indented by its depth in the tree.</summary>
public sealed record UnitOption(int Id, string NamePath, string Name, int Depth)
{
    public static Task<List<UnitOption>> ListAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.OrgUnits.AsNoTracking()
            .OrderBy(u => u.NamePath)
            .Select(u => new UnitOption(u.Id, u.NamePath, u.Name, u.IdPath.Length - u.IdPath.Replace("/", "").Length - 2))
            .ToListAsync(cancellationToken);
}
