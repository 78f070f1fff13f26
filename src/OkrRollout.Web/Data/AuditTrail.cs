using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OkrRollout.Web.Domain;

namespace OkrRollout.Web.Data;

/// <summary>
/// Makes the audit trail complete for every save through the change tracker: a save that changes
/// records and brings no audit entry of its own gets one naming what changed (entity, id, the
/// properties, never their values); a save about exactly one person marks its entries with them.
/// The app's own bookkeeping (roll-ups, snapshots, the outbox's delivery state, sign-in counters)
/// is not a change anyone made and stays out. Writes that bypass the tracker (ExecuteUpdate,
/// ExecuteDelete) audit themselves; <c>AuditCoverageTests</c> keeps them honest.
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor http) : SaveChangesInterceptor
{
    public const string SystemActor = "system";

    /// <summary>Identity's own counters, which change on every sign-in attempt.</summary>
    private static readonly HashSet<string> SignInBookkeeping =
    [
        nameof(AppUser.AccessFailedCount), nameof(AppUser.LockoutEnd), nameof(AppUser.ConcurrencyStamp),
        nameof(AppUser.LastSignInAtUtc), nameof(AppUser.LastSignInMethod), nameof(AppUser.SecurityStamp),
    ];

    private const int DetailsLength = 2000;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    private void Record(DbContext? context)
    {
        if (context is not AppDbContext db)
        {
            return;
        }
        var changed = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var explicitEntries = changed.Where(e => e.Entity is AuditEntry && e.State == EntityState.Added).Select(e => (AuditEntry)e.Entity).ToList();
        var audited = changed.Where(IsAudited).ToList();
        if (audited.Count == 0)
        {
            return;
        }
        var people = audited.Select(PersonOf).Where(id => id is > 0).Distinct().ToList();
        int? affected = people.Count == 1 ? people[0] : null;
        foreach (var entry in explicitEntries.Where(e => e.AffectedPersonId is null))
        {
            entry.AffectedPersonId = affected;
        }
        if (explicitEntries.Count > 0 || db.AuditEntryFollows)
        {
            return;
        }
        var first = audited[0];
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = db.Clock.GetUtcNow().UtcDateTime,
            Actor = http.HttpContext?.User.Identity?.Name ?? SystemActor,
            Action = "saved",
            EntityType = first.Metadata.ClrType.Name,
            EntityId = audited.Count == 1 && first.State != EntityState.Added ? KeyOf(first) : null,
            Details = Truncate(string.Join("; ", audited.GroupBy(e => (e.State, Type: e.Metadata.ClrType.Name)).Select(Describe))),
            AffectedPersonId = affected,
        });
    }

    private static bool IsAudited(EntityEntry entry) => entry.Entity switch
    {
        AuditEntry or StageFactChange or StageRollup or UnitActivityRollup or RollupState or AdoptionSnapshot or OutboxMessage or PeopleImport or DataProtectionKey => false,
        AppUser when entry.State == EntityState.Modified => entry.Properties.Any(p => p.IsModified && !SignInBookkeeping.Contains(p.Metadata.Name)),
        IdentityUserToken<string> => false,
        _ => true,
    };

    /// <summary>The person a changed record belongs to: the person themself, or the PersonId it carries.</summary>
    private static int? PersonOf(EntityEntry entry) => entry.Entity switch
    {
        Person person => person.Id,
        _ => entry.Metadata.FindProperty("PersonId") is { } property && entry.Property(property.Name).CurrentValue is int id ? id : null,
    };

    private static string? KeyOf(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey() is { } key ? string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue)) : null;

    private static string Describe(IGrouping<(EntityState State, string Type), EntityEntry> group)
    {
        var entries = group.ToList();
        var what = group.Key.State switch
        {
            EntityState.Added => "added",
            EntityState.Deleted => "deleted",
            _ => "changed",
        };
        if (entries.Count > 1)
        {
            return $"{group.Key.Type} {what} ×{entries.Count}";
        }
        var entry = entries[0];
        var id = group.Key.State == EntityState.Added ? "" : $" #{KeyOf(entry)}";
        var properties = group.Key.State == EntityState.Modified
            ? " (" + string.Join(", ", entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name)) + ")"
            : "";
        return $"{group.Key.Type}{id} {what}{properties}";
    }

    private static string Truncate(string value) => value.Length <= DetailsLength ? value : value[..(DetailsLength - 1)] + "…";
}
