using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Rollout;

/// <summary>Takes the nightly adoption figures; taking them again on the same day replaces that day's rows.</summary>
public class AdoptionSnapshots(AppDbContext db, TimeProvider clock)
{
    private static readonly SessionKind[] CoreKinds = [SessionKind.OkrBasics, SessionKind.KeyResultWorkshop];

    public async Task<int> TakeAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var figures = await db.WaveMembers.AsNoTracking()
            .GroupBy(m => new { m.ProgrammeId, m.WaveId })
            .Select(g => new
            {
                g.Key.ProgrammeId,
                g.Key.WaveId,
                Members = g.Count(),
                Invited = g.Count(m => db.Enrollments.Any(e => e.PersonId == m.PersonId && CoreKinds.Contains(e.Session.Kind))),
                Trained = g.Count(m => db.Enrollments.Any(e => e.PersonId == m.PersonId && CoreKinds.Contains(e.Session.Kind) && e.State == EnrollmentState.Attended)),
            })
            .ToListAsync(cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AdoptionSnapshots.Where(s => s.Date == today).ExecuteDeleteAsync(cancellationToken);
        db.AdoptionSnapshots.AddRange(figures.Select(f => new AdoptionSnapshot { Date = today, ProgrammeId = f.ProgrammeId, WaveId = f.WaveId, Members = f.Members, Invited = f.Invited, Trained = f.Trained }));
        db.AdoptionSnapshots.AddRange(figures.GroupBy(f => f.ProgrammeId).Select(p => new AdoptionSnapshot
        {
            Date = today,
            ProgrammeId = p.Key,
            Members = p.Sum(f => f.Members),
            Invited = p.Sum(f => f.Invited),
            Trained = p.Sum(f => f.Trained),
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return figures.Count;
    }
}
