using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;
using OkrRollout.Web.Time;

namespace OkrRollout.Web.Adoption;

/// <summary>
/// Takes the nightly adoption figures: derives every stage again (the roll-ups), then keeps each
/// wave's and each programme's counts for the day; taking them again on the same day replaces that day's rows.
/// </summary>
public class AdoptionSnapshotTaker(AppDbContext db, StageRollupRefresher rollups, OrganisationTime time)
{
    public async Task<int> TakeAsync(CancellationToken cancellationToken)
    {
        var today = time.Today;
        var rows = new List<AdoptionSnapshot>();
        await rollups.RefreshAsync(everything: true, cancellationToken);
        var counts = await db.StageRollups.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var programmeId in await db.Programmes.Select(p => p.Id).ToListAsync(cancellationToken))
        {
            var inWaves = counts.Where(r => r.ProgrammeId == programmeId).ToList();
            rows.AddRange(inWaves.GroupBy(s => s.WaveId).Select(g => Row(today, programmeId, g.Key, g)));
            rows.Add(Row(today, programmeId, null, inWaves));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AdoptionSnapshots.Where(s => s.Date == today).ExecuteDeleteAsync(cancellationToken);
        db.AdoptionSnapshots.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.Count(r => r.WaveId is not null);
    }

    private static AdoptionSnapshot Row(DateOnly date, int programmeId, int? waveId, IEnumerable<StageRollup> people)
    {
        var funnel = AdoptionFigures.Funnel(people);
        int AtLeast(OnboardingStage stage) => AdoptionFigures.AtLeast(funnel, stage);
        return new AdoptionSnapshot
        {
            Date = date,
            ProgrammeId = programmeId,
            WaveId = waveId,
            Members = funnel.Values.Sum(),
            Invited = AtLeast(OnboardingStage.Invited),
            Trained = AtLeast(OnboardingStage.Trained),
            Drafting = AtLeast(OnboardingStage.Drafting),
            Aligned = AtLeast(OnboardingStage.Aligned),
            Practising = AtLeast(OnboardingStage.Practising),
        };
    }
}
