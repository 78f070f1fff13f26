namespace OkrRollout.Web.Rollout;

public sealed record CoverageUnit(int Id, int? ParentId, string Name, string NamePath, int Depth);

public sealed record CoverageLine(CoverageUnit Unit, IReadOnlyList<string> Direct, IReadOnlyList<string> Inherited)
{
    public bool Uncovered => Direct.Count == 0 && Inherited.Count == 0;
}

/// <summary>Where a unit sits in the tree: enough to find the units above it.</summary>
public sealed record CoverageNode(int Id, int? ParentId, int Depth);

/// <summary>Who looks after each unit: assigned to it directly, or to a unit above it.</summary>
public static class CoverageMap
{
    public static List<CoverageLine> Build(IReadOnlyList<CoverageUnit> units, ILookup<int, string> coachesByUnit)
    {
        var parents = units.ToDictionary(u => u.Id, u => u.ParentId);
        return [.. units.OrderBy(u => u.NamePath, StringComparer.Ordinal).Select(u => Line(u, parents, coachesByUnit))];
    }

    public static CoverageLine Line(CoverageUnit unit, IReadOnlyDictionary<int, int?> parents, ILookup<int, string> coachesByUnit)
    {
        var inherited = new List<string>();
        // Bounded by the number of units, whatever a corrupt parent chain holds.
        var steps = 0;
        for (var parent = unit.ParentId; parent is { } parentId && steps++ < parents.Count; parent = parents.GetValueOrDefault(parentId))
        {
            inherited.AddRange(coachesByUnit[parentId]);
        }
        var direct = coachesByUnit[unit.Id].ToList();
        return new CoverageLine(unit, direct, inherited.Distinct().Except(direct).ToList());
    }

    /// <summary>The units nobody covers, directly or through a unit above: one pass over the tree, parents first.</summary>
    public static HashSet<int> Uncovered(IReadOnlyList<CoverageNode> tree, ILookup<int, string> coachesByUnit)
    {
        var covered = new HashSet<int>();
        var uncovered = new HashSet<int>();
        foreach (var unit in tree.OrderBy(u => u.Depth))
        {
            if (coachesByUnit.Contains(unit.Id) || unit.ParentId is { } parent && covered.Contains(parent))
            {
                covered.Add(unit.Id);
            }
            else
            {
                uncovered.Add(unit.Id);
            }
        }
        return uncovered;
    }
}
