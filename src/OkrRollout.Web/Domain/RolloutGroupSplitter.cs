namespace OkrRollout.Web.Domain;

public sealed record GroupCandidate(int PersonId, string UnitPath);

/// <summary>
/// Splits a wave's people into groups of at most N. The fewest groups that fit, sizes differing by
/// at most one, and people taken in unit order so that colleagues land in the same group where
/// the sizes allow.
/// </summary>
public static class RolloutGroupSplitter
{
    public static List<List<GroupCandidate>> Split(IEnumerable<GroupCandidate> people, int maxSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, 1);
        var ordered = people.OrderBy(p => p.UnitPath, StringComparer.Ordinal).ThenBy(p => p.PersonId).ToList();
        var groups = new List<List<GroupCandidate>>();
        if (ordered.Count == 0)
        {
            return groups;
        }

        var groupCount = (ordered.Count + maxSize - 1) / maxSize;
        var baseSize = ordered.Count / groupCount;
        var larger = ordered.Count % groupCount;
        var next = 0;
        for (var g = 0; g < groupCount; g++)
        {
            var size = baseSize + (g < larger ? 1 : 0);
            groups.Add(ordered.GetRange(next, size));
            next += size;
        }
        return groups;
    }
}
