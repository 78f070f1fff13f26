using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Adoption;

/// <summary>
/// Keeps <see cref="StageRollup"/> and <see cref="UnitActivityRollup"/> fresh: the units that
/// <see cref="StageFactTracker"/> marked are derived again; everything is derived again when a
/// change asks for it, and each night by the snapshot job (the practising window moves with the
/// date). A reader derives everything only when the roll-ups are older than yesterday (the job did
/// not run), so nobody waits for the day's first derivation. Readers call
/// <see cref="EnsureFreshAsync"/> and get a version that changes whenever the figures may have.
/// </summary>
public class StageRollupRefresher(AppDbContext db, AdoptionFigures figures, OrganisationTime time)
{
    // One refresh at a time in this process; across instances the version check on commit decides.
    private static readonly SemaphoreSlim Refreshing = new(1, 1);

    private const int StateId = 1;

    public async Task<long> EnsureFreshAsync(CancellationToken cancellationToken)
    {
        var today = time.Today;
        // The EXISTS refers to the state row only so that EF puts it into this query: on its own it is
        // run first as a query of its own, one more round trip on every dashboard request.
        var state = await db.RollupStates.AsNoTracking().Where(s => s.Id == StateId)
            .Select(s => new { s.Version, s.ComputedOn, Pending = db.StageFactChanges.Any(_ => s.Id == StateId) }).SingleOrDefaultAsync(cancellationToken);
        if (state is not null && IsRecent(state.ComputedOn, today) && !state.Pending)
        {
            return state.Version;
        }
        return await RefreshAsync(everything: false, cancellationToken);
    }

    /// <summary>Derives the marked units again (or all), replaces their roll-ups and returns the new version.</summary>
    public async Task<long> RefreshAsync(bool everything, CancellationToken cancellationToken)
    {
        await Refreshing.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await TryRefreshAsync(everything, cancellationToken);
                }
                catch (RefreshedElsewhereException) when (attempt < 5)
                {
                    // Another instance refreshed first; start again from what is still marked.
                }
            }
        }
        finally
        {
            Refreshing.Release();
        }
    }

    private async Task<long> TryRefreshAsync(bool everything, CancellationToken cancellationToken)
    {
        var today = time.Today;
        var state = await db.RollupStates.AsNoTracking().SingleOrDefaultAsync(s => s.Id == StateId, cancellationToken);
        var pending = await db.StageFactChanges.AsNoTracking().ToListAsync(cancellationToken);
        if (!everything && state is not null && IsRecent(state.ComputedOn, today) && pending.Count == 0)
        {
            return state.Version;
        }
        everything = everything || state is null || !IsRecent(state.ComputedOn, today) || pending.Any(c => c.Everything);
        var units = everything ? null : pending.Where(c => c.UnitId is not null).Select(c => c.UnitId!.Value).ToHashSet();
        if (units is { Count: > AdoptionFigures.SeekLimit })
        {
            (everything, units) = (true, null);
        }
        var computedOn = everything ? today : state!.ComputedOn;

        var rows = new List<StageRollup>();
        if (units is null || units.Count > 0)
        {
            foreach (var programmeId in await db.Programmes.Select(p => p.Id).ToListAsync(cancellationToken))
            {
                rows.AddRange((await figures.StagesAsync(programmeId, units, cancellationToken))
                    .Where(s => s.WaveId is not null)
                    .GroupBy(s => (s.UnitId, WaveId: s.WaveId!.Value, s.GroupId, s.IsLead, s.Stage))
                    .Select(g => new StageRollup { ProgrammeId = programmeId, UnitId = g.Key.UnitId, WaveId = g.Key.WaveId, RolloutGroupId = g.Key.GroupId, IsLead = g.Key.IsLead, Stage = g.Key.Stage, People = g.Count() }));
            }
        }
        var activity = units is null || units.Count > 0 ? await figures.UnitActivityAsync(units, cancellationToken) : [];

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (units is null)
        {
            await db.StageRollups.ExecuteDeleteAsync(cancellationToken);
            await db.UnitActivityRollups.ExecuteDeleteAsync(cancellationToken);
        }
        else if (units.Count > 0)
        {
            await db.StageRollups.Where(r => units.Contains(r.UnitId)).ExecuteDeleteAsync(cancellationToken);
            await db.UnitActivityRollups.Where(r => units.Contains(r.UnitId)).ExecuteDeleteAsync(cancellationToken);
        }
        await using (var insert = new PreparedInsert<StageRollup>(db, [nameof(StageRollup.ProgrammeId), nameof(StageRollup.UnitId), nameof(StageRollup.WaveId), nameof(StageRollup.RolloutGroupId), nameof(StageRollup.IsLead), nameof(StageRollup.Stage), nameof(StageRollup.People)]))
        {
            foreach (var row in rows)
            {
                await insert.ExecuteAsync(cancellationToken, row.ProgrammeId, row.UnitId, row.WaveId, row.RolloutGroupId, row.IsLead, row.Stage.ToString(), row.People);
            }
        }
        await using (var insert = new PreparedInsert<UnitActivityRollup>(db, [nameof(UnitActivityRollup.UnitId), nameof(UnitActivityRollup.Attended), nameof(UnitActivityRollup.NoShows), nameof(UnitActivityRollup.HasKeyResults), nameof(UnitActivityRollup.LastCheckIn), nameof(UnitActivityRollup.AverageConfidence)]))
        {
            foreach (var row in activity)
            {
                await insert.ExecuteAsync(cancellationToken, row.UnitId, row.Attended, row.NoShows, row.HasKeyResults, row.LastCheckIn, row.AverageConfidence);
            }
        }
        if (pending.Count > 0)
        {
            var handled = pending.Max(c => c.Id);
            await db.StageFactChanges.Where(c => c.Id <= handled).ExecuteDeleteAsync(cancellationToken);
        }
        var version = (state?.Version ?? 0) + 1;
        if (state is null)
        {
            try
            {
                await using var insert = new PreparedInsert<RollupState>(db, [nameof(RollupState.Id), nameof(RollupState.Version), nameof(RollupState.ComputedOn)]);
                await insert.ExecuteAsync(cancellationToken, StateId, version, computedOn);
            }
            catch (DbException)
            {
                throw new RefreshedElsewhereException();
            }
        }
        else if (await db.RollupStates.Where(s => s.Id == StateId && s.Version == state.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, version).SetProperty(x => x.ComputedOn, computedOn), cancellationToken) == 0)
        {
            throw new RefreshedElsewhereException();
        }
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    private sealed class RefreshedElsewhereException : Exception;

    /// <summary>Each wave's exit milestone, measured on fresh roll-ups.</summary>
    public async Task<Dictionary<int, MilestoneProgress>> MilestonesAsync(IReadOnlyCollection<Wave> waves, CancellationToken cancellationToken)
    {
        await EnsureFreshAsync(cancellationToken);
        var ids = waves.Select(w => w.Id).ToList();
        var rows = (await db.StageRollups.AsNoTracking().Where(r => ids.Contains(r.WaveId)).ToListAsync(cancellationToken)).ToLookup(r => r.WaveId);
        var today = time.Today;
        return waves.ToDictionary(w => w.Id, w => WaveMilestones.Measure(w, rows[w.Id].ToList(), today));
    }

    /// <summary>Derived today, or yesterday while the night's derivation is still to come.</summary>
    private static bool IsRecent(DateOnly computedOn, DateOnly today) => computedOn >= today.AddDays(-1);
}
