using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Domain;

public class TrainingSessionTests
{
    private static readonly DateTime Start = new(2026, 3, 10, 8, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(-1, SessionStatus.Scheduled, false)]
    [InlineData(0, SessionStatus.Scheduled, true)]
    [InlineData(90, SessionStatus.Scheduled, true)]
    [InlineData(90, SessionStatus.Cancelled, false)]
    public void Attendance_is_taken_from_the_start_of_a_session_that_was_not_cancelled(int minutesAfterStart, SessionStatus status, bool expected) =>
        Assert.Equal(expected, TrainingSession.TakesAttendance(Start, status, Start.AddMinutes(minutesAfterStart)));
}
