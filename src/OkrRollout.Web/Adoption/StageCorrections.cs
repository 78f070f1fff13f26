using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Adoption;

/// <summary>
/// An ambassador's corrections of people's stages in a programme (trained elsewhere, on leave), each
/// with its reason, for one person or many at once; audited. The roll-ups of their units are marked by
/// <see cref="StageFactTracker"/> on save; a clear deletes in bulk, past it, so it marks them itself.
/// </summary>
public class StageCorrections(AppDbContext db, TimeProvider clock)
{
    public async Task<int> SetAsync(int programmeId, IReadOnlyCollection<int> personIds, OnboardingStage stage, string reason, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        var ids = personIds.Distinct().ToList();
        var existing = await db.StageOverrides.Where(o => o.ProgrammeId == programmeId && ids.Contains(o.PersonId)).ToDictionaryAsync(o => o.PersonId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in ids)
        {
            if (!existing.TryGetValue(id, out var correction))
            {
                correction = new StageOverride { ProgrammeId = programmeId, PersonId = id, Reason = "", SetBy = "" };
                db.StageOverrides.Add(correction);
            }
            correction.Stage = stage;
            correction.Reason = reason.Trim();
            correction.SetBy = actor.Identity?.Name ?? "";
            correction.SetAtUtc = now;
        }
        db.Audit(actor, "adoption.stage-overridden", nameof(Person), ids.Count == 1 ? ids[0] : null, $"{stage}: {reason.Trim()}" + (ids.Count == 1 ? "" : $" ({ids.Count} people)"));
        await db.SaveChangesAsync(cancellationToken);
        return ids.Count;
    }

    public async Task ClearAsync(int? programmeId, int personId, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        await db.StageOverrides.Where(o => o.ProgrammeId == programmeId && o.PersonId == personId).ExecuteDeleteAsync(cancellationToken);
        await StageFactTracker.MarkUnitsAsync(db, db.People.Where(p => p.Id == personId).Select(p => p.UnitId), cancellationToken);
        db.Audit(actor, "adoption.stage-override-removed", nameof(Person), personId);
        await db.SaveChangesAsync(cancellationToken);
    }
}
