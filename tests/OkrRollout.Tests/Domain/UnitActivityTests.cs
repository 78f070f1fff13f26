using OkrRollout.Web.Domain;

namespace OkrRollout.Tests.Domain;

public class UnitActivityTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    [Theory]
    [InlineData(false, null, CheckInActivity.NoKeyResults)]
    [InlineData(true, null, CheckInActivity.Missed)]
    [InlineData(true, 0, CheckInActivity.OnTime)]
    [InlineData(true, 7, CheckInActivity.OnTime)]
    [InlineData(true, 8, CheckInActivity.Late)]
    [InlineData(true, 14, CheckInActivity.Late)]
    [InlineData(true, 15, CheckInActivity.Missed)]
    public void A_team_checks_in_on_time_within_a_week_late_within_two_and_has_missed_after(bool hasKeyResults, int? daysAgo, CheckInActivity expected) =>
        Assert.Equal(expected, UnitActivity.Classify(hasKeyResults, daysAgo is { } d ? Today.AddDays(-d) : null, Today));

    [Fact]
    public void Attendance_and_no_show_rates_count_only_sessions_people_were_expected_at()
    {
        var activity = new UnitActivity(Attended: 3, NoShows: 1, CheckInActivity.OnTime, 6.5);
        Assert.Equal(0.75, activity.AttendanceRate);
        Assert.Equal(0.25, activity.NoShowRate);
        Assert.Null(new UnitActivity(0, 0, CheckInActivity.Missed, null).AttendanceRate);
    }
}
