namespace OkrRollout.Web.Domain;

public enum EnrollmentAction
{
    Register,
    Decline,
    Cancel,
    MarkAttended,
    MarkNoShow,
}

/// <summary>
/// The enrollment state machine: Invited → Registered | Declined | Waitlisted → Attended | NoShow,
/// or Cancelled. Registering when the session is full puts the person on the waitlist; a registered
/// person who cancels or declines frees a seat for the first waitlisted one. Attendance is marked
/// only once the session has started.
/// </summary>
public static class EnrollmentRules
{
    public const string SessionCancelled = "The session has been cancelled.";
    public const string AlreadyStarted = "The session has already started.";
    public const string AttendanceMarked = "Attendance has already been marked.";
    public const string NotStarted = "Attendance can be marked once the session has started.";
    public const string NotOnRoster = "Not on the roster.";

    public static readonly string[] Messages = [SessionCancelled, AlreadyStarted, AttendanceMarked, NotStarted, NotOnRoster];

    /// <summary>The states that hold one of the session's seats: registered, and after the session those who came or were expected and did not.</summary>
    public static readonly EnrollmentState[] SeatTaking = [EnrollmentState.Registered, EnrollmentState.Attended, EnrollmentState.NoShow];

    /// <summary><see cref="SeatTaking"/> as a query condition.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Enrollment, bool>> TakesSeat =
        e => e.State == EnrollmentState.Registered || e.State == EnrollmentState.Attended || e.State == EnrollmentState.NoShow;

    public sealed record Outcome(EnrollmentState? NewState, bool FreesSeat, string? Refusal);

    public static Outcome Apply(EnrollmentState? current, EnrollmentAction action, bool sessionFull, bool sessionStarted, bool sessionCancelled)
    {
        if (sessionCancelled)
        {
            return Refuse(SessionCancelled);
        }
        switch (action)
        {
            case EnrollmentAction.Register:
                if (sessionStarted)
                {
                    return Refuse(AlreadyStarted);
                }
                return current switch
                {
                    EnrollmentState.Registered or EnrollmentState.Waitlisted => new(current, false, null),
                    null or EnrollmentState.Invited or EnrollmentState.Declined or EnrollmentState.Cancelled =>
                        new(sessionFull ? EnrollmentState.Waitlisted : EnrollmentState.Registered, false, null),
                    _ => Refuse(AttendanceMarked),
                };
            case EnrollmentAction.Decline:
            case EnrollmentAction.Cancel:
                if (sessionStarted)
                {
                    return Refuse(AlreadyStarted);
                }
                return current switch
                {
                    EnrollmentState.Registered => new(action == EnrollmentAction.Decline ? EnrollmentState.Declined : EnrollmentState.Cancelled, true, null),
                    EnrollmentState.Invited or EnrollmentState.Waitlisted => new(action == EnrollmentAction.Decline ? EnrollmentState.Declined : EnrollmentState.Cancelled, false, null),
                    EnrollmentState.Declined or EnrollmentState.Cancelled => new(current, false, null),
                    _ => Refuse(AttendanceMarked),
                };
            case EnrollmentAction.MarkAttended:
            case EnrollmentAction.MarkNoShow:
                if (!sessionStarted)
                {
                    return Refuse(NotStarted);
                }
                return new(action == EnrollmentAction.MarkAttended ? EnrollmentState.Attended : EnrollmentState.NoShow, false, null);
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    private static Outcome Refuse(string reason) => new(null, false, reason);
}
