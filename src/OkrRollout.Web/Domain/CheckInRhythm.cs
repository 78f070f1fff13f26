namespace OkrRollout.Web.Domain;

/// <summary>
/// The weekly check-in rhythm, one window for the dashboard and the nudges: a key result checked in
/// within the last seven days is on time and its owner is not nudged; on the eighth day it is late
/// and the nudge goes out.
/// </summary>
public static class CheckInRhythm
{
    public const int WeekDays = 7;

    /// <summary>A check-in on or after this day keeps a key result on time today.</summary>
    public static DateOnly OnTimeSince(DateOnly today) => today.AddDays(-WeekDays);

    /// <summary>A check-in on or after this day (and before <see cref="OnTimeSince"/>) is late; older ones are missed.</summary>
    public static DateOnly LateSince(DateOnly today) => today.AddDays(-2 * WeekDays);
}
