namespace OkrRollout.Web.Domain;

public class Enrollment
{
    public long Id { get; set; }
    public int SessionId { get; set; }
    public TrainingSession Session { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public EnrollmentState State { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ChangedAtUtc { get; set; }

    /// <summary>Order on the waitlist: the first waitlisted is promoted first.</summary>
    public DateTime? WaitlistedAtUtc { get; set; }

    /// <summary>Hash of the token in the invitation's register/decline link.</summary>
    public string ResponseTokenHash { get; set; } = "";
    public bool WalkIn { get; set; }
}

public enum EnrollmentState
{
    Invited,
    Registered,
    Declined,
    Waitlisted,
    Attended,
    NoShow,
    Cancelled,
}
