namespace OkrRollout.Web.Domain;

/// <summary>
/// A person's calendar subscription: a secret address that calendars read the person's sessions
/// from. Only a hash of its token is stored; one per person, replaced by a new one or turned off.
/// </summary>
public class CalendarFeed
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public required string TokenHash { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When a calendar last read it: shows the person that their subscription works.</summary>
    public DateTime? LastReadAtUtc { get; set; }
}
