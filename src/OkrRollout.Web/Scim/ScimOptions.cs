namespace OkrRollout.Web.Scim;

/// <summary>Directory sync settings (section "Scim").</summary>
public sealed class ScimOptions
{
    public const string Section = "Scim";

    /// <summary>Where a department given as a plain name goes when no single unit has that name; empty: a unit at the top.</summary>
    public string DepartmentParent { get; set; } = "";

    /// <summary>The unit of a new person the provider sends without a department.</summary>
    public string UnitWithoutDepartment { get; set; } = "New people";

    /// <summary>SCIM group names that give Admin, Ambassador or Leader, beside the role's own name.</summary>
    public Dictionary<string, string[]> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
