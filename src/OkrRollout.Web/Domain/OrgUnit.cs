namespace OkrRollout.Web.Domain;

/// <summary>A node of the organisation tree: company, division/function or team.</summary>
public class OrgUnit
{
    public const char PathSeparator = '/';

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

    public void PlaceUnder(OrgUnit? parent)
    {
        Parent = parent;
        ParentId = parent?.Id;
        IdPath = (parent?.IdPath ?? "/") + Id + "/";
        Depth = parent is null ? 0 : parent.Depth + 1;
        NamePath = parent is null ? Name : parent.NamePath + PathSeparator + Name;
    }
}
