namespace OkrRollout.Web.Domain;

/// <summary>
/// A bearer token an identity provider uses to keep the directory in sync over SCIM. Made by an
/// Admin and shown once; only a hash of it is stored. Revoked tokens stay, for the record.
/// </summary>
public class ScimToken
{
    public int Id { get; set; }

    /// <summary>What it is for, e.g. "Entra ID provisioning".</summary>
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? LastUsedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
}
