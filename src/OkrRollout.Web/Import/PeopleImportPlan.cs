using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Import;

public sealed record ExistingPerson(int Id, string Email, string Name, string UnitPath, bool IsLead, Language Language, bool IsActive, string? ManagerEmail);

public enum PersonField
{
    Name,
    Unit,
    Lead,
    Language,
    Manager,
    Reactivated,
}

public sealed record PersonUpdate(PeopleCsvRow Row, ExistingPerson Existing, IReadOnlyList<PersonField> Changes);

/// <summary>What an import will do (preview) or did (after it ran).</summary>
public sealed class PeopleImportPlan
{
    public List<PeopleCsvRow> Added { get; } = [];
    public List<PersonUpdate> Updated { get; } = [];
    public List<ExistingPerson> Deactivated { get; } = [];
    public List<string> NewUnitPaths { get; } = [];
    public ImportErrors Errors { get; } = new();
    public int Unchanged { get; set; }
    public bool IsValid => Errors.Count == 0;
    public int ChangeCount => Added.Count + Updated.Count + Deactivated.Count;
}
