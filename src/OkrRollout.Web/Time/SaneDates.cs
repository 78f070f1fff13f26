using System.Globalization;

namespace OkrRollout.Web.Time;

/// <summary>
/// The dates the app accepts, from forms and query strings alike: 1 January 2000 to 31 December
/// 2100. Nobody plans a rollout outside them, and keeping dates well inside DateOnly's range means
/// adding a day, a month or a session's length to one can never overflow. Rows stored before this
/// rule (or written around it) may still lie outside; code that computes with stored dates clamps
/// them first.
/// </summary>
public static class SaneDates
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    /// <summary>A wall-clock time or a UTC moment: its date decides.</summary>
    public static bool Contains(DateTime moment) => Contains(DateOnly.FromDateTime(moment));

    public static DateOnly Clamp(DateOnly date) => date < Earliest ? Earliest : date > Latest ? Latest : date;

    /// <summary>The first day of a month written yyyy-MM, moved into the range; null when it is not a month.</summary>
    public static DateOnly? ParseMonth(string? month)
    {
        if (!DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return null;
        }
        var clamped = Clamp(parsed);
        return new DateOnly(clamped.Year, clamped.Month, 1);
    }

    /// <summary>A moment plus a span, stopping at the first or last moment there is: for a stored date that lies too close to either.</summary>
    public static DateTime AddClamped(DateTime moment, TimeSpan span) =>
        span > TimeSpan.Zero && moment > DateTime.MaxValue - span ? DateTime.SpecifyKind(DateTime.MaxValue, moment.Kind)
        : span < TimeSpan.Zero && moment < DateTime.MinValue - span ? DateTime.SpecifyKind(DateTime.MinValue, moment.Kind)
        : moment + span;
}
