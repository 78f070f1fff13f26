using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OkrRollout.Web.Data;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Adoption;

/// <summary>
/// The one place that knows which saved changes move someone's onboarding stage or a unit's
/// activity: it records the units concerned as <see cref="StageFactChange"/> rows in the same
/// save, and <see cref="StageRollupRefresher"/> recomputes just those units. Bulk writes that bypass the
/// change tracker (ExecuteUpdate, the people import) call <see cref="MarkUnitsAsync"/> or
/// <see cref="MarkEverything"/> after writing, in the same transaction.
/// </summary>
public sealed class StageFactTracker : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db)
        {
            await RecordAsync(db, cancellationToken);
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db)
        {
            RecordAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    private static async Task RecordAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var entries = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (entries.Count == 0 || entries.All(e => e.Entity is StageFactChange or StageRollup or UnitActivityRollup or RollupState))
        {
            return;
        }
        var units = new HashSet<int>();
        var people = new HashSet<int>();
        var keyResults = new HashSet<int>();
        var objectives = new HashSet<int>();
        bool everything = false, namesOrPlans = false;
        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case Person person when entry.State != EntityState.Modified || IsModified(entry, nameof(Person.UnitId), nameof(Person.IsActive), nameof(Person.IsLead)):
                    units.Add(person.UnitId);
                    AddOriginal(entry, nameof(Person.UnitId), units);
                    break;
                case Enrollment enrollment:
                    people.Add(enrollment.PersonId);
                    break;
                case WaveMember member:
                    people.Add(member.PersonId);
                    break;
                case StageOverride stageOverride:
                    people.Add(stageOverride.PersonId);
                    break;
                case Objective objective:
                    units.Add(objective.UnitId);
                    AddOriginal(entry, nameof(Objective.UnitId), units);
                    break;
                case KeyResult keyResult:
                    objectives.Add(keyResult.ObjectiveId);
                    break;
                case CheckIn checkIn:
                    keyResults.Add(checkIn.KeyResultId);
                    break;
                case TrainingSession when entry.State == EntityState.Deleted || entry.Property(nameof(TrainingSession.Kind)).IsModified:
                case Period:
                case Programme when entry.State != EntityState.Added:
                case Wave or RolloutGroup or OrgUnit when entry.State == EntityState.Deleted:
                    everything = true;
                    break;
                case Wave or RolloutGroup or OrgUnit or Programme or AdoptionSnapshot:
                    namesOrPlans = true;
                    break;
            }
        }
        // A save this broad is cheaper to follow by deriving everything than by looking up thousands of ids.
        if (everything || new[] { people, objectives, keyResults, units }.Any(ids => ids.Count > AdoptionFigures.SeekLimit))
        {
            db.StageFactChanges.Add(new StageFactChange { Everything = true });
            return;
        }
        // Ids of rows added in this same save are still temporary (negative); their other side is in the save too.
        keyResults.RemoveWhere(id => id <= 0);
        if (keyResults.Count > 0)
        {
            objectives.UnionWith(await db.KeyResults.Where(k => keyResults.Contains(k.Id)).Select(k => k.ObjectiveId).ToListAsync(cancellationToken));
        }
        objectives.RemoveWhere(id => id <= 0);
        if (objectives.Count > 0)
        {
            units.UnionWith(await db.Objectives.Where(o => objectives.Contains(o.Id)).Select(o => o.UnitId).ToListAsync(cancellationToken));
        }
        people.RemoveWhere(id => id <= 0);
        if (people.Count > 0)
        {
            units.UnionWith(await db.People.Where(p => people.Contains(p.Id)).Select(p => p.UnitId).ToListAsync(cancellationToken));
        }
        units.RemoveWhere(id => id <= 0);
        db.StageFactChanges.AddRange(units.Select(u => new StageFactChange { UnitId = u }));
        if (units.Count == 0 && namesOrPlans)
        {
            db.StageFactChanges.Add(new StageFactChange());
        }
    }

    private static bool IsModified(EntityEntry entry, params string[] properties) => properties.Any(p => entry.Property(p).IsModified);

    private static void AddOriginal(EntityEntry entry, string property, HashSet<int> units)
    {
        if (entry.State == EntityState.Modified && entry.Property(property).OriginalValue is int original)
        {
            units.Add(original);
        }
    }

    /// <summary>After a bulk write that bypassed the change tracker: these units' stages or activity may have moved. Saved with the caller's next SaveChanges.</summary>
    public static async Task MarkUnitsAsync(AppDbContext db, IQueryable<int> unitIds, CancellationToken cancellationToken)
    {
        var units = await unitIds.Distinct().ToListAsync(cancellationToken);
        db.StageFactChanges.AddRange(units.Select(u => new StageFactChange { UnitId = u }));
    }

    /// <summary>After a write too broad to follow unit by unit (the people import). Saved with the caller's next SaveChanges.</summary>
    public static void MarkEverything(AppDbContext db) => db.StageFactChanges.Add(new StageFactChange { Everything = true });
}
