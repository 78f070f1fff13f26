using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Domain;

public class EnrollmentRulesTests
{
    private static EnrollmentRules.Outcome Apply(EnrollmentState? state, EnrollmentAction action, bool full = false, bool started = false, bool cancelled = false) =>
        EnrollmentRules.Apply(state, action, full, started, cancelled);

    [Fact]
    public void An_invitee_registers_or_lands_on_the_waitlist_when_full()
    {
        Assert.Equal(EnrollmentState.Registered, Apply(EnrollmentState.Invited, EnrollmentAction.Register).NewState);
        Assert.Equal(EnrollmentState.Waitlisted, Apply(EnrollmentState.Invited, EnrollmentAction.Register, full: true).NewState);
        Assert.Equal(EnrollmentState.Registered, Apply(null, EnrollmentAction.Register).NewState);
        Assert.Equal(EnrollmentState.Registered, Apply(EnrollmentState.Declined, EnrollmentAction.Register).NewState);
        Assert.Equal(EnrollmentState.Registered, Apply(EnrollmentState.Registered, EnrollmentAction.Register, full: true).NewState);
    }

    [Fact]
    public void Only_a_registered_person_who_leaves_frees_a_seat()
    {
        Assert.Equal((EnrollmentState.Cancelled, true), (Apply(EnrollmentState.Registered, EnrollmentAction.Cancel).NewState, Apply(EnrollmentState.Registered, EnrollmentAction.Cancel).FreesSeat));
        Assert.Equal((EnrollmentState.Declined, true), (Apply(EnrollmentState.Registered, EnrollmentAction.Decline).NewState, Apply(EnrollmentState.Registered, EnrollmentAction.Decline).FreesSeat));
        Assert.False(Apply(EnrollmentState.Waitlisted, EnrollmentAction.Cancel).FreesSeat);
        Assert.False(Apply(EnrollmentState.Invited, EnrollmentAction.Decline).FreesSeat);
    }

    [Fact]
    public void Attendance_is_marked_only_once_the_session_has_started()
    {
        Assert.Equal(EnrollmentRules.NotStarted, Apply(EnrollmentState.Registered, EnrollmentAction.MarkAttended).Refusal);
        Assert.Equal(EnrollmentState.Attended, Apply(EnrollmentState.Registered, EnrollmentAction.MarkAttended, started: true).NewState);
        Assert.Equal(EnrollmentState.NoShow, Apply(EnrollmentState.Attended, EnrollmentAction.MarkNoShow, started: true).NewState);
        Assert.Equal(EnrollmentRules.AlreadyStarted, Apply(EnrollmentState.Invited, EnrollmentAction.Register, started: true).Refusal);
        Assert.Equal(EnrollmentRules.AttendanceMarked, Apply(EnrollmentState.Attended, EnrollmentAction.Cancel).Refusal);
    }

    [Fact]
    public void Nothing_happens_on_a_cancelled_session()
    {
        foreach (var action in Enum.GetValues<EnrollmentAction>())
        {
            Assert.Equal(EnrollmentRules.SessionCancelled, Apply(EnrollmentState.Invited, action, cancelled: true).Refusal);
        }
    }
}
