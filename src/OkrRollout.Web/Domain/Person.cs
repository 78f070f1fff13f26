namespace OkrRollout.Web.Domain;

public class Person
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Stored trimmed and lower-case; unique.</summary>
    public required string Email { get; set; }

    public int UnitId { get; set; }
    public OrgUnit Unit { get; set; } = null!;
    public bool IsLead { get; set; }
    public Language PreferredLanguage { get; set; } = Language.En;
    public bool IsActive { get; set; } = true;

    /// <summary>When the person was last deactivated; the erasure retention counts from it.</summary>
    public DateTime? DeactivatedAtUtc { get; set; }

    /// <summary>When the person's personal data was replaced by a pseudonym (Art. 17); irreversible.</summary>
    public DateTime? ErasedAtUtc { get; set; }
    public int? ManagerId { get; set; }

    /// <summary>The identity provider's id for the person, when SCIM provisioning made or matched them.</summary>
    public string? ExternalId { get; set; }
    public Person? Manager { get; set; }

    /// <summary>
    /// Lower-case name and e-mail in one column, so the people filter is a case-insensitive
    /// "contains" on SQLite and PostgreSQL alike, Finnish letters included.
    /// </summary>
    public string SearchText
    {
        get => SearchTextOf(Name, Email);
        private set { }
    }

    public static string SearchTextOf(string name, string email) => (name + " " + email).ToLowerInvariant();

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Addresses typed or pasted into a box: separated by commas, semicolons, spaces, tabs or lines; normalised, each once.</summary>
    public static List<string> ParseEmailList(string? text) =>
        (text ?? "").Split([',', ';', '\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(NormaliseEmail).Distinct().ToList();
}
