using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data;

public static class OrgUnitPaths
{
    /// <summary>Every prefix of "A/B/C" — the unit and the units above it.</summary>
    public static IEnumerable<string> WithAncestors(string namePath)
    {
        for (var i = namePath.IndexOf(OrgUnit.PathSeparator); i >= 0; i = namePath.IndexOf(OrgUnit.PathSeparator, i + 1))
        {
            yield return namePath[..i];
        }
        yield return namePath;
    }

    /// <summary>Creates the units of the given name paths that do not exist yet; returns all units by name path.</summary>
    public static async Task<Dictionary<string, OrgUnit>> EnsureAsync(AppDbContext db, IEnumerable<string> namePaths, CancellationToken cancellationToken)
    {
        var units = await db.OrgUnits.ToDictionaryAsync(u => u.NamePath, StringComparer.Ordinal, cancellationToken);
        var created = new List<OrgUnit>();
        foreach (var path in namePaths.SelectMany(WithAncestors).Distinct().OrderBy(p => p.Count(c => c == OrgUnit.PathSeparator)))
        {
            if (units.ContainsKey(path))
            {
                continue;
            }
            var cut = path.LastIndexOf(OrgUnit.PathSeparator);
            var unit = new OrgUnit
            {
                Name = path[(cut + 1)..],
                NamePath = path,
                Parent = cut < 0 ? null : units[path[..cut]],
            };
            db.OrgUnits.Add(unit);
            units[path] = unit;
            created.Add(unit);
        }
        if (created.Count == 0)
        {
            return units;
        }

        // Ids exist only after the insert; the id path is written in a second step, parents first.
        await db.SaveChangesAsync(cancellationToken);
        foreach (var unit in created)
        {
            unit.PlaceUnder(unit.Parent);
        }
        await db.SaveChangesAsync(cancellationToken);
        return units;
    }
}
