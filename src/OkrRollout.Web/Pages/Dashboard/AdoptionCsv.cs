using System.Globalization;
using OkrRollout.Web.Adoption;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Pages.Dashboard;

/// <summary>The dashboard's tables as CSV: plain numbers and ISO dates, whatever the reader's language; every row, not only those the page shows.</summary>
public static class AdoptionCsv
{
    public static readonly string[] Tables = ["funnel", "trend", "comparison", "waves", "groups", "departments", "units"];

    /// <summary>The table's columns and rows from the page's loaded figures; null for a table there is not.</summary>
    public static (string[] Columns, IEnumerable<string[]> Rows)? Of(string table, IndexModel page)
    {
        var stages = Enum.GetValues<OnboardingStage>();
        // Per stage: the count, then its share of the row's people.
        string[] stageColumns = [.. stages.Select(s => s.ToString().ToLowerInvariant()), .. stages.Select(s => "share_" + s.ToString().ToLowerInvariant() + "_percent")];
        static string N(int number) => number.ToString(CultureInfo.InvariantCulture);
        static string Share(double share) => Math.Round(share * 100).ToString(CultureInfo.InvariantCulture);
        static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        string[] Counts(Dictionary<OnboardingStage, int> funnel)
        {
            var total = funnel.Values.Sum();
            return [.. stages.Select(s => N(funnel.GetValueOrDefault(s))), .. stages.Select(s => total == 0 ? "0" : Share((double)funnel.GetValueOrDefault(s) / total))];
        }
        string[] AreaColumns = ["unit", "people", .. stageColumns, "trained_percent", "trained_in_started_waves_percent", "attendance_percent", "no_show_percent"];
        string[] Area(UnitRow u) => [page.Label(u), N(u.People), .. Counts(u.Funnel), Share(u.TrainedShare), u.StartedTrainedShare is { } s ? Share(s) : "",
            u.Activity.AttendanceRate is { } a ? Share(a) : "", u.Activity.NoShowRate is { } n ? Share(n) : ""];
        return table switch
        {
            "funnel" => (["stage", "people", "percent"], stages.Select(s => (string[])[s.ToString(), N(page.Funnel.GetValueOrDefault(s)), page.People == 0 ? "0" : Share((double)page.Funnel.GetValueOrDefault(s) / page.People)])),
            "trend" => (["date", "members", "invited", "trained", "drafting", "aligned", "practising"],
                page.Trend.Select(t => (string[])[Date(t.Date), N(t.Members), N(t.Invited), N(t.Trained), N(t.Drafting), N(t.Aligned), N(t.Practising)])),
            "comparison" => (["wave", "week", "trained_percent"], page.WaveComparison.SelectMany(c => c.Weeks.Select(w => (string[])[c.Wave.Name, N(w.Week + 1), Share(w.Trained)]))),
            "waves" => (["wave", "planned_start", "planned_end", "actual_start", "actual_end", "people", .. stageColumns, "trained_percent", "practising_percent", "milestone_outlook", "milestone_percent", "milestone_target_percent"],
                page.Waves.Select(w => (string[])[w.Wave.Name, Date(w.Wave.PlannedStart), Date(w.Wave.PlannedEnd), Date(w.Wave.ActualStart), Date(w.Wave.ActualEnd),
                    N(w.People), .. Counts(w.Funnel), Share(w.TrainedShare), Share(w.PractisingShare), w.Milestone.Outlook.ToString(), Share(w.Milestone.Current), Share(w.Milestone.Target)])
                .Concat(page.OtherWaves is { } other ? [[page.Label(other), "", "", "", "", N(other.People), .. Counts(other.Funnel), Share(other.TrainedShare), Share(other.PractisingShare), "", "", ""]] : [])),
            "groups" => (["wave", "group", "people", .. stageColumns, "trained_percent"], page.Groups.Select(g => (string[])[g.Wave.Name, page.Label(g), N(g.People), .. Counts(g.Funnel), Share(g.TrainedShare)])),
            "departments" => ([.. AreaColumns, "teams_with_key_results", "teams_on_time", "teams_late", "teams_missed", "average_confidence"],
                page.Departments.Select(d => (string[])[.. Area(d), N(d.Teams.Teams), N(d.Teams.OnTime), N(d.Teams.Late), N(d.Teams.Missed), d.Activity.AverageConfidence?.ToString("0.0", CultureInfo.InvariantCulture) ?? ""])),
            "units" => ([.. AreaColumns, "check_ins", "average_confidence"],
                page.Units.Select(u => (string[])[.. Area(u), u.Activity.CheckIns.ToString(), u.Activity.AverageConfidence?.ToString("0.0", CultureInfo.InvariantCulture) ?? ""])),
            _ => null,
        };
    }
}
