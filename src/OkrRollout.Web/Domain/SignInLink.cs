namespace OkrRollout.Web.Domain;

/// <summary>A personal, single-use, expiring link that signs a person in without a password. Only a hash of the token is stored.</summary>
public class SignInLink
{
    public long Id { get; set; }
    public required string TokenHash { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}
