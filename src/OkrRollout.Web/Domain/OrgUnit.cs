namespace OkrRollout.Web.Domain;

/// <summary>A node of the organisation tree: company, division/function or team.</summary>
public class OrgUnit
{
    public const char PathSeparator = '/';
    public const int MaxNameLength = 200;

    /// <summary>
    /// Levels of a unit path, the organisation included. Large organisations have six or seven; the
    /// limit keeps one odd row from building a tree no page can show.
    /// </summary>
    public const int MaxDepth = 15;

    public const int MaxNamePathLength = 1000;

    public int Id { get; set; }
    public required string Name { get; set; }
    public int? ParentId { get; set; }
    public OrgUnit? Parent { get; set; }
    public List<OrgUnit> Children { get; } = [];

    /// <summary>
    /// Materialised path of ids, e.g. "/1/5/12/", so "this unit and its sub-units"
    /// is a prefix match that both SQLite and PostgreSQL answer from an index.
    /// </summary>
    public string IdPath { get; set; } = "";

    /// <summary>Human path of names as it appears in the HR export, e.g. "Nordic/Software/Cloud".</summary>
    public string NamePath { get; set; } = "";

    /// <summary>0 for a top-level unit; stored, so lists can filter and indent by it in SQL.</summary>
    public int Depth { get; private set; }

    /// <summary>"Nordic / Software/Cloud " becomes "Nordic/Software/Cloud"; empty segments make it invalid.</summary>
    public static UnitPath ParsePath(string raw)
    {
        var segments = raw.Split(PathSeparator).Select(s => s.Trim()).ToArray();
        if (segments.Any(s => s.Length == 0 || s.Length > MaxNameLength))
        {
            return new(null, UnitPathProblem.Malformed);
        }
        if (segments.Length > MaxDepth)
        {
            return new(null, UnitPathProblem.TooDeep, segments.Length);
        }
        var path = string.Join(PathSeparator, segments);
        return path.Length > MaxNamePathLength ? new(null, UnitPathProblem.TooLong, path.Length) : new(path, null);
    }

    public void PlaceUnder(OrgUnit? parent)
    {
        Parent = parent;
        ParentId = parent?.Id;
        IdPath = (parent?.IdPath ?? "/") + Id + "/";
        Depth = parent is null ? 0 : parent.Depth + 1;
        NamePath = parent is null ? Name : parent.NamePath + PathSeparator + Name;
    }
}

public enum UnitPathProblem
{
    Malformed,
    TooDeep,
    TooLong,
}

/// <param name="Path">The normalised path, or null when <paramref name="Problem"/> says why not.</param>
/// <param name="Size">Levels or characters of a path that is too deep or too long.</param>
public sealed record UnitPath(string? Path, UnitPathProblem? Problem, int Size = 0);
