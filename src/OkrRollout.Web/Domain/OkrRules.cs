namespace OkrRollout.Web.Domain;

public enum AlignmentProblem
{
    None,
    OtherPeriod,
    NotHigherLevel,
    Cycle,
}

/// <summary>What an objective may align to: a higher level of the same period, never itself through a chain.</summary>
public static class AlignmentRules
{
    /// <param name="childUnitDepth">0 for the company, 1 for a function, 2+ for teams.</param>
    /// <param name="parentOf">Looks up an objective's parent id, for walking the chain.</param>
    public static AlignmentProblem Check(int childId, int childPeriodId, int childUnitDepth, int parentId, int parentPeriodId, int parentUnitDepth, Func<int, int?> parentOf)
    {
        if (parentPeriodId != childPeriodId)
        {
            return AlignmentProblem.OtherPeriod;
        }
        if (parentUnitDepth >= childUnitDepth)
        {
            return AlignmentProblem.NotHigherLevel;
        }
        var seen = new HashSet<int>();
        for (int? current = parentId; current is { } id; current = parentOf(id))
        {
            if (id == childId || !seen.Add(id))
            {
                return AlignmentProblem.Cycle;
            }
        }
        return AlignmentProblem.None;
    }
}

public enum QualityHint
{
    TooManyObjectives,
    NoKeyResults,
    TooManyKeyResults,
    NoTarget,
    TargetEqualsStart,
    ReadsLikeATask,
}

/// <summary>
/// The solution-focus article's rules of thumb, shown while drafting and counted for the roll-out:
/// at most five objectives per unit and period, one to five key results each, a key result with a
/// target that differs from its start, and key results that describe an outcome rather than a task.
/// Hints, never blocks.
/// </summary>
public static class QualityHints
{
    public const int MaxObjectives = 5;
    public const int MaxKeyResults = 5;

    private static readonly string[] TaskVerbs =
    [
        "implement", "create", "launch", "hold", "write", "organise", "organize", "deliver", "build", "run", "set up", "do", "make", "prepare", "arrange", "update",
        "toteuta", "järjestä", "tee", "laadi", "luo", "kirjoita", "rakenna", "pidä", "käynnistä", "valmistele", "päivitä", "suunnittele",
    ];

    public static IEnumerable<QualityHint> ForUnitPeriod(int objectives) =>
        objectives > MaxObjectives ? [QualityHint.TooManyObjectives] : [];

    public static IEnumerable<QualityHint> ForObjective(int keyResults) =>
        keyResults == 0 ? [QualityHint.NoKeyResults] : keyResults > MaxKeyResults ? [QualityHint.TooManyKeyResults] : [];

    public static IEnumerable<QualityHint> ForKeyResult(string title, KeyResultMetric metric, double start, double? target)
    {
        if (metric != KeyResultMetric.Milestone)
        {
            if (target is null)
            {
                yield return QualityHint.NoTarget;
            }
            else if (target.Value.Equals(start))
            {
                yield return QualityHint.TargetEqualsStart;
            }
        }
        if (ReadsLikeATask(title))
        {
            yield return QualityHint.ReadsLikeATask;
        }
    }

    /// <summary>Starts with a doing-verb and names no number: "Hold a workshop" rather than "12 teams check in weekly".</summary>
    public static bool ReadsLikeATask(string title)
    {
        var text = title.Trim().ToLowerInvariant();
        return !text.Any(char.IsDigit) && TaskVerbs.Any(verb => text == verb || text.StartsWith(verb + " ", StringComparison.Ordinal));
    }
}
