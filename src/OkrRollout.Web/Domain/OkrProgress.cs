namespace OkrRollout.Web.Domain;

public enum ProgressBand
{
    Red,
    Yellow,
    Green,
}

/// <summary>
/// Progress = (current − start) / (target − start), clamped to 0…1, so a key result that should
/// go down (fewer defects) works the same way; a milestone is 0 or 1. An objective's progress is
/// the mean of its key results'. 0.7 and above is green (70 % is a good score), 0.4 up to 0.7 yellow.
/// </summary>
public static class OkrProgress
{
    public const double GreenFrom = 0.7;
    public const double YellowFrom = 0.4;

    public static double Of(KeyResultMetric metric, double start, double? target, double current)
    {
        if (metric == KeyResultMetric.Milestone)
        {
            return current >= 1 ? 1 : 0;
        }
        if (target is not { } goal || goal.Equals(start))
        {
            return 0;
        }
        var progress = Math.Clamp((current - start) / (goal - start), 0, 1);
        // A decreasing key result at its start is 0 / negative = −0, which prints as "-0.00".
        return progress == 0 ? 0 : progress;
    }

    public static double Mean(IEnumerable<double> keyResults)
    {
        var values = keyResults.ToList();
        return values.Count == 0 ? 0 : values.Average();
    }

    public static ProgressBand Band(double progress) =>
        progress >= GreenFrom ? ProgressBand.Green : progress >= YellowFrom ? ProgressBand.Yellow : ProgressBand.Red;
}
