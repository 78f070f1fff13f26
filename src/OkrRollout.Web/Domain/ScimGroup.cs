namespace OkrRollout.Web.Domain;

/// <summary>
/// A group the identity provider provisions over SCIM that gives one of the app's roles: its members
/// are the people who have that role. One group per role.
/// </summary>
public class ScimGroup
{
    public int Id { get; set; }
    public required string DisplayName { get; set; }
    public string? ExternalId { get; set; }

    /// <summary>Admin, Ambassador or Leader.</summary>
    public required string Role { get; set; }
}
