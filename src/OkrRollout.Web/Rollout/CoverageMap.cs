namespace OkrRollout.Web.Rollout;

public sealed record CoverageUnit(int Id, int? ParentId, string Name, string NamePath, int Depth);

public sealed record CoverageLine(CoverageUnit Unit, IReadOnlyList<string> Direct, IReadOnlyList<string> Inherited)
{
    public bool Uncovered => Direct.Count == 0 && Inherited.Count == 0;
}

/// <summary>Who looks after each unit: assigned to it directly, or to a unit above it.</summary>
public static class CoverageMap
{
    public static List<CoverageLine> Build(IReadOnlyList<CoverageUnit> units, ILookup<int, string> coachesByUnit)
    {
        var byId = units.ToDictionary(u => u.Id);
        var lines = new List<CoverageLine>(units.Count);
        foreach (var unit in units.OrderBy(u => u.NamePath, StringComparer.Ordinal))
        {
            var inherited = new List<string>();
            for (var parent = unit.ParentId; parent is { } parentId && byId.TryGetValue(parentId, out var ancestor); parent = ancestor.ParentId)
            {
                inherited.AddRange(coachesByUnit[parentId]);
            }
            var direct = coachesByUnit[unit.Id].ToList();
            lines.Add(new CoverageLine(unit, direct, inherited.Distinct().Except(direct).ToList()));
        }
        return lines;
    }
}
