namespace OkrRollout.Web.Domain;

/// <summary>How a team keeps its weekly check-in rhythm on the current period's published key results.</summary>
public enum CheckInActivity
{
    NoKeyResults,
    OnTime,
    Late,
    Missed,
}

/// <summary>A unit's training and check-in figures beside its onboarding stages.</summary>
public sealed record UnitActivity(int Attended, int NoShows, CheckInActivity CheckIns, double? AverageConfidence)
{
    public const int WeekDays = 7;

    /// <summary>Attended out of the past sessions people were expected at (attended or no-show).</summary>
    public double? AttendanceRate => Attended + NoShows == 0 ? null : (double)Attended / (Attended + NoShows);
    public double? NoShowRate => Attended + NoShows == 0 ? null : (double)NoShows / (Attended + NoShows);

    /// <summary>On time: a check-in within the last week; late: within two weeks; missed: longer ago or never.</summary>
    public static CheckInActivity Classify(bool hasKeyResults, DateOnly? lastCheckIn, DateOnly today) =>
        !hasKeyResults ? CheckInActivity.NoKeyResults
        : lastCheckIn is not { } last ? CheckInActivity.Missed
        : today.DayNumber - last.DayNumber <= WeekDays ? CheckInActivity.OnTime
        : today.DayNumber - last.DayNumber <= 2 * WeekDays ? CheckInActivity.Late
        : CheckInActivity.Missed;
}
