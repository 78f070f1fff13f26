using System.Globalization;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Pages.Programmes;

/// <summary>
/// Geometry of the programme timeline, drawn as SVG by the page: one row per wave with the planned
/// span, the actual span (up to today while it runs), the exit milestone, and a line for today.
/// </summary>
public sealed class TimelineChart
{
    public const double Width = 960;
    public const double LabelWidth = 240;
    public const double HeaderHeight = 40;
    public const double RowHeight = 44;
    public const double PlotRight = Width - 20;

    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public required DateOnly Today { get; init; }
    public required List<TimelineRow> Rows { get; init; }
    public double Height => HeaderHeight + Rows.Count * RowHeight + 20;

    public static TimelineChart For(Programme programme, IReadOnlyList<Wave> waves, DateOnly today)
    {
        // A date stored outside the range (before it was enforced) would stretch the chart to year 9999,
        // or past DateOnly's end: it is left out of the span, and its bar runs to the edge instead.
        var dates = waves.SelectMany(w => new DateOnly?[] { w.PlannedStart, w.PlannedEnd, w.ActualStart, w.ActualEnd, w.MilestoneTargetDate })
            .OfType<DateOnly>().Append(programme.StartDate).Append(programme.TargetDate)
            .Where(SaneDates.Contains).DefaultIfEmpty(SaneDates.Clamp(today)).ToList();
        var from = new DateOnly(dates.Min().Year, dates.Min().Month, 1);
        var last = dates.Max();
        var to = new DateOnly(last.Year, last.Month, 1).AddMonths(1);
        return new TimelineChart
        {
            From = from,
            To = to,
            Today = today,
            Rows = waves.Select((wave, i) => new TimelineRow(wave, i, wave.StateOn(today))).ToList(),
        };
    }

    public double X(DateOnly date)
    {
        var span = To.DayNumber - From.DayNumber;
        var offset = Math.Clamp(date.DayNumber - From.DayNumber, 0, span);
        return Math.Round(LabelWidth + (PlotRight - LabelWidth) * offset / span, 1);
    }

    public double Y(int row) => HeaderHeight + row * RowHeight;

    public bool ShowsToday => Today >= From && Today <= To;

    /// <summary>Every month, or every January when the plan spans more than three years.</summary>
    public IEnumerable<DateOnly> MonthStarts()
    {
        var step = To.Year * 12 + To.Month - (From.Year * 12 + From.Month) > 36 ? 12 : 1;
        var first = step == 1 || From.Month == 1 ? From : new DateOnly(From.Year + 1, 1, 1);
        for (var month = first; month < To; month = month.AddMonths(step))
        {
            yield return month;
        }
    }

    public static string MonthLabel(DateOnly month) =>
        month.ToString(month.Month == 1 ? "MMM yyyy" : "MMM", CultureInfo.CurrentCulture);

    /// <summary>The actual bar ends at the actual end, or today while the wave runs.</summary>
    public DateOnly? ActualEnd(Wave wave) => wave.ActualStart is null ? null : wave.ActualEnd ?? (Today > wave.ActualStart ? Today : wave.ActualStart);

    public static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}

public sealed record TimelineRow(Wave Wave, int Index, WaveState State);
