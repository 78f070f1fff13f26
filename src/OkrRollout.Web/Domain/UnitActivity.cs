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
    /// <summary>Attended out of the past sessions people were expected at (attended or no-show).</summary>
    public double? AttendanceRate => Attended + NoShows == 0 ? null : (double)Attended / (Attended + NoShows);
    public double? NoShowRate => Attended + NoShows == 0 ? null : (double)NoShows / (Attended + NoShows);

    /// <summary>On time, late or missed by <see cref="CheckInRhythm"/>; missed too when there was never a check-in.</summary>
    public static CheckInActivity Classify(bool hasKeyResults, DateOnly? lastCheckIn, DateOnly today) =>
        !hasKeyResults ? CheckInActivity.NoKeyResults
        : lastCheckIn is not { } last ? CheckInActivity.Missed
        : last >= CheckInRhythm.OnTimeSince(today) ? CheckInActivity.OnTime
        : last >= CheckInRhythm.LateSince(today) ? CheckInActivity.Late
        : CheckInActivity.Missed;
}
