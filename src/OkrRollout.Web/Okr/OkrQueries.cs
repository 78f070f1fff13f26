using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Okr;

public sealed record KeyResultFigures(int Id, int ObjectiveId, KeyResultMetric Metric, double Start, double? Target, double Current)
{
    public double Progress => OkrProgress.Of(Metric, Start, Target, Current);
}

public static class OkrQueries
{
    /// <summary>The period that contains today, else the one that started last, else none.</summary>
    public static async Task<int?> CurrentPeriodIdAsync(AppDbContext db, DateOnly today, CancellationToken cancellationToken) =>
        await db.Periods.Where(p => p.StartDate <= today && p.EndDate >= today).OrderByDescending(p => p.StartDate).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken)
        ?? await db.Periods.Where(p => p.StartDate <= today).OrderByDescending(p => p.StartDate).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken)
        ?? await db.Periods.OrderBy(p => p.StartDate).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The period the OKR pages show as current, when today falls inside it; between periods (the one just ended is shown then), none.</summary>
    public static async Task<Period?> RunningPeriodAsync(AppDbContext db, DateOnly today, CancellationToken cancellationToken) =>
        await CurrentPeriodIdAsync(db, today, cancellationToken) is { } id
            ? await db.Periods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.StartDate <= today && p.EndDate >= today, cancellationToken)
            : null;

    /// <summary>0 for the company, 1 for a function, 2 and more for teams.</summary>
    public static async Task<int> UnitDepthAsync(AppDbContext db, int unitId, CancellationToken cancellationToken) =>
        await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Depth).SingleAsync(cancellationToken);

    public static Task<ILookup<int, KeyResultFigures>> KeyResultsOfPeriodAsync(AppDbContext db, int periodId, CancellationToken cancellationToken) =>
        FiguresAsync(db.KeyResults.Where(k => k.Objective.PeriodId == periodId), cancellationToken);

    public static Task<ILookup<int, KeyResultFigures>> KeyResultsOfObjectivesAsync(AppDbContext db, IReadOnlyCollection<int> objectiveIds, CancellationToken cancellationToken) =>
        FiguresAsync(db.KeyResults.Where(k => objectiveIds.Contains(k.ObjectiveId)), cancellationToken);

    private static async Task<ILookup<int, KeyResultFigures>> FiguresAsync(IQueryable<KeyResult> keyResults, CancellationToken cancellationToken) =>
        (await keyResults.AsNoTracking()
            .Select(k => new KeyResultFigures(k.Id, k.ObjectiveId, k.Metric, k.StartValue, k.TargetValue, k.CurrentValue)).ToListAsync(cancellationToken))
        .ToLookup(k => k.ObjectiveId);

    public static double ObjectiveProgress(IEnumerable<KeyResultFigures> keyResults) => OkrProgress.Mean(keyResults.Select(k => k.Progress));
}
